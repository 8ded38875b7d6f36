// `npm run bench`: throughput and latency figures, measured (never asserted in tests).
// - signing: SDK-HMAC-SHA256 signatures per second
// - client:  signed GETs against the in-process emulator over keep-alive, sequential and concurrent
// - CLI:     cold start of the one-file bundle (`--version`) and a full `get` as a child process
import { spawn, spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { showImsJob } from "../src/api/ims-job";
import { HwClient } from "../src/core/client";
import { resolveConfig } from "../src/core/config";
import { signRequest } from "../src/core/signer";
import { DEMO_CREDENTIALS, startEmulator } from "../src/emulator";

const ROOT = join(__dirname, "..");
const PROJECT = "0123456789abcdef0123456789abcdef";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function report(name: string, samplesMs: number[], extra = ""): void {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  console.log(
    `${name.padEnd(34)} n=${String(sorted.length).padStart(5)}  mean ${mean.toFixed(3)} ms  p50 ${percentile(sorted, 50).toFixed(3)} ms  p99 ${percentile(sorted, 99).toFixed(3)} ms${extra}`,
  );
}

function benchSigning(): void {
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
  console.log(
    `${"sign (SDK-HMAC-SHA256)".padEnd(34)} n=${n}  ${((n / ms) * 1000).toFixed(0)} signatures/s  (${((ms / n) * 1000).toFixed(1)} µs each)`,
  );
}

async function benchClient(): Promise<void> {
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
    for (let i = 0; i < 2000; i++) {
      const t = performance.now();
      await showImsJob(client, job.id);
      samples.push(performance.now() - t);
    }
    report("client GET, sequential, keep-alive", samples);
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
    console.log(`${`client GET, ${concurrency} concurrent`.padEnd(34)} n=${total}  ${((total / ms) * 1000).toFixed(0)} requests/s`);
  } finally {
    await client.close();
    await emulator.close();
  }
}

async function benchCli(): Promise<void> {
  const bundle = join(ROOT, "lib", "hwjobs.cjs");
  const version: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [bundle, "--version"], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
    version.push(performance.now() - t);
  }
  report("CLI cold start (--version)", version);
  const emulator = await startEmulator({ port: 0 });
  try {
    const job = emulator.store.createJob({ kind: "ims-job", projectId: PROJECT, waitingMs: 1, runningMs: 1 });
    const env = {
      PATH: process.env.PATH,
      HWJOBS_ENDPOINT: emulator.url,
      HW_PROJECT_ID: PROJECT,
      HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey,
      HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
    };
    const get: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      // spawnSync would block the in-process emulator; spawn asynchronously instead.
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [bundle, "get", "ims-job", job.id, "--output", "none"], { env, stdio: "ignore" });
        child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`get exited ${code}`))));
      });
      get.push(performance.now() - t);
    }
    report("CLI get as a child process", get);
  } finally {
    await emulator.close();
  }
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${cpus().length} cores`);
  benchSigning();
  await benchClient();
  await benchCli();
}

void main();
