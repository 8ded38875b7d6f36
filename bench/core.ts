// The shared API core: signatures per second, and signed GETs against the in-process emulator
// over keep-alive, sequential and concurrent.
import { performance } from "node:perf_hooks";
import { showImsJob } from "../src/api/ims-job";
import { HwClient } from "../src/core/client";
import { resolveConfig } from "../src/core/config";
import { signRequest } from "../src/core/signer";
import { DEMO_CREDENTIALS, startEmulator } from "../src/emulator";
import type { BenchSection } from "./section";
import { runStandalone } from "./standalone";

const PROJECT = "0123456789abcdef0123456789abcdef";

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function signingRow(): Record<string, string | number> {
  const url = new URL(
    `https://appstream.cn-north-4.myhuaweicloud.com/v1/${PROJECT}/image-server-sub-jobs?job_type=CREATE_SERVER&limit=100&offset=0&status=RUNNING`,
  );
  const n = 20_000;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    signRequest({
      method: "GET",
      url,
      headers: { "content-type": "application/json", "x-project-id": PROJECT },
      accessKey: "AK",
      secretKey: "SK",
    });
  }
  const ms = performance.now() - start;
  return {
    what: "SDK-HMAC-SHA256 signature",
    n,
    "per second": Math.round((n / ms) * 1000),
    "mean ms": Number((ms / n).toFixed(4)),
    "p99 ms": "",
  };
}

/** Signing and the client's request rate. */
export async function benchCore(): Promise<BenchSection> {
  const rows = [signingRow()];
  const emulator = await startEmulator({ port: 0 });
  const env = {
    HWJOBS_ENDPOINT: emulator.url,
    HW_PROJECT_ID: PROJECT,
    HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey,
    HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
  };
  const client = new HwClient(resolveConfig({}, env), { env: {} });
  try {
    const job = emulator.store.createJob({ kind: "ims-job", projectId: PROJECT, waitingMs: 1, runningMs: 1 });
    for (let i = 0; i < 200; i++) await showImsJob(client, job.id); // warm-up
    const samples: number[] = [];
    const sequentialStart = performance.now();
    for (let i = 0; i < 2000; i++) {
      const t = performance.now();
      await showImsJob(client, job.id);
      samples.push(performance.now() - t);
    }
    const sequentialMs = performance.now() - sequentialStart;
    samples.sort((a, b) => a - b);
    rows.push({
      what: "signed GET, sequential, keep-alive",
      n: samples.length,
      "per second": Math.round((samples.length / sequentialMs) * 1000),
      "mean ms": Number((sequentialMs / samples.length).toFixed(3)),
      "p99 ms": Number(percentile(samples, 99).toFixed(3)),
    });
    const concurrency = 16;
    const total = 4000;
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < total) await showImsJob(client, job.id);
      }),
    );
    const ms = performance.now() - start;
    rows.push({
      what: `signed GET, ${concurrency} concurrent`,
      n: total,
      "per second": Math.round((total / ms) * 1000),
      "mean ms": "",
      "p99 ms": "",
    });
  } finally {
    await client.close();
    await emulator.close();
  }
  return { title: "Shared API core (client and emulator in this process)", rows, targets: [] };
}

if (require.main === module) runStandalone(benchCore);
