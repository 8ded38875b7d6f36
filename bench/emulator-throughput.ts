// Requests per second of the emulator alone (in a child process, no latency fault), driven over
// keep-alive by an undici pool: a Show of one job, and a page of 100 of a 10,000-sub-job list.
import { performance } from "node:perf_hooks";
import { Pool } from "undici";
import { DEMO_CREDENTIALS } from "../src/emulator";
import { startEmulatorProcess } from "./emulator-process";
import { round } from "./measure";
import type { BenchSection } from "./section";
import { runStandalone } from "./standalone";

const PROJECT = "0123456789abcdef0123456789abcdef";
const JOB_TYPE = "CREATE_SERVER_IMAGE";
const SUB_JOBS = 10_000;
const CONNECTIONS = [1, 16] as const;
const WARM_UP_MS = 500;
const MEASURE_MS = 2000;

/** Sends GET `path` on `connections` connections at once for `durationMs`; requests/s and mean ms. */
async function drive(pool: Pool, path: string, connections: number, durationMs: number): Promise<{ perSecond: number; meanMs: number }> {
  const headers = { "x-auth-token": DEMO_CREDENTIALS.token, "x-project-id": PROJECT, "content-type": "application/json" };
  let done = 0;
  let totalMs = 0;
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const reply = await pool.request({ method: "GET", path, headers });
        await reply.body.arrayBuffer();
        if (reply.statusCode !== 200) throw new Error(`GET ${path}: ${reply.statusCode}`);
        totalMs += performance.now() - t;
        done++;
      }
    }),
  );
  return { perSecond: (done / (performance.now() - start)) * 1000, meanMs: totalMs / done };
}

/** The emulator's request rate for a Show and for a list page, at 1 and 16 connections. */
export async function benchEmulatorThroughput(): Promise<BenchSection> {
  const emulator = await startEmulatorProcess({ projectId: PROJECT, jobType: JOB_TYPE, subJobs: SUB_JOBS, latencyMs: 0 });
  const endpoints = [
    { endpoint: "ShowImageJob (1 sub-job)", path: `/v1/${PROJECT}/image-server-jobs/${emulator.showJobId}` },
    {
      endpoint: `ListImageSubJobs page of 100 of ${SUB_JOBS}`,
      path: `/v1/${PROJECT}/image-server-sub-jobs?job_type=${JOB_TYPE}&offset=${SUB_JOBS / 2}&limit=100`,
    },
  ];
  const rows: Record<string, string | number>[] = [];
  try {
    for (const connections of CONNECTIONS) {
      const pool = new Pool(emulator.url, { connections });
      try {
        for (const { endpoint, path } of endpoints) {
          await drive(pool, path, connections, WARM_UP_MS);
          const { perSecond, meanMs } = await drive(pool, path, connections, MEASURE_MS);
          rows.push({ endpoint, connections, requests_per_s: Math.round(perSecond), mean_ms: round(meanMs) });
        }
      } finally {
        await pool.close();
      }
    }
  } finally {
    await emulator.close();
  }
  return { title: "emulator throughput (child process, token auth, keep-alive)", rows, targets: [] };
}

if (require.main === module) runStandalone(benchEmulatorThroughput);
