// `hwjobs list image-sub-jobs --all` of 10,000 sub-jobs, 20 ms a request, at several concurrencies:
// how close the CLI and the emulator together come to the floor that the latency alone sets.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startEmulatorProcess } from "./emulator-process";
import { cliEnv, median, round, timeNode } from "./measure";
import type { BenchSection } from "./section";
import { runStandalone } from "./standalone";

const BUNDLE = join(__dirname, "..", "lib", "hwjobs.cjs");
const PROJECT = "0123456789abcdef0123456789abcdef";
const JOB_TYPE = "CREATE_SERVER_IMAGE";
const SUB_JOBS = 10_000;
const LATENCY_MS = 20;
const CONCURRENCIES = [1, 4, 8, 16] as const;
const RUNS = 5;

/** Lists every sub-job with `concurrency` page requests in flight, `RUNS` times, and reports. */
export async function benchListAll(): Promise<BenchSection> {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run node scripts/build.mjs first`);
  const emulator = await startEmulatorProcess({ projectId: PROJECT, jobType: JOB_TYPE, subJobs: SUB_JOBS, latencyMs: LATENCY_MS });
  try {
    const env = cliEnv(emulator.url, PROJECT);
    const startups: number[] = [];
    for (let i = 0; i < RUNS; i++) startups.push(await timeNode([BUNDLE, "--version"], env));
    const startup = median(startups);
    const list = (n: number) => [
      BUNDLE,
      "list",
      "image-sub-jobs",
      "--job-type",
      JOB_TYPE,
      "--all",
      "--concurrency",
      String(n),
      "--output",
      "none",
    ];
    await timeNode(list(4), env); // warm-up: the emulator's first lists build what it keeps
    await emulator.takeRequestCount();
    const measured = [];
    for (const n of CONCURRENCIES) {
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await timeNode(list(n), env));
      const pages = (await emulator.takeRequestCount()) / RUNS;
      measured.push({ n, ms: median(samples), floor: Math.ceil(pages / n) * LATENCY_MS, pages });
    }
    const c1 = measured[0]!.ms;
    const rows = measured.map((m) => ({
      concurrency: m.n,
      pages: m.pages,
      ms: Math.round(m.ms),
      speedup_vs_c1: round(c1 / m.ms),
      floor_ms: m.floor,
      vs_floor: round(m.ms / m.floor),
      vs_floor_plus_startup: round(m.ms / (m.floor + startup)),
    }));
    const c4 = measured.find((m) => m.n === 4)!;
    const c8 = measured.find((m) => m.n === 8)!;
    const speedup8 = c1 / c8.ms;
    return {
      title: `list --all of ${SUB_JOBS} sub-jobs, ${LATENCY_MS} ms a request (start-up ${Math.round(startup)} ms, median of ${RUNS})`,
      rows,
      targets: [
        {
          name: "c8 speed-up >= 3.5",
          met: speedup8 >= 3.5,
          detail: `c1 ${Math.round(c1)} ms / c8 ${Math.round(c8.ms)} ms = ${round(speedup8)}`,
        },
        {
          name: "c4 within 2x the floor plus start-up",
          met: c4.ms <= 2 * c4.floor + startup,
          detail:
            `read as time(c4) <= 2 x floor + start-up: ${Math.round(c4.ms)} ms vs 2 x ${c4.floor} + ${Math.round(startup)} = ` +
            `${Math.round(2 * c4.floor + startup)} ms; floor = ceil(pages / N) x ${LATENCY_MS} ms with the pages the CLI requested ` +
            `(${c4.pages}: pages overlap by one item), start-up = the median of hwjobs --version`,
        },
      ],
    };
  } finally {
    await emulator.close();
  }
}

if (require.main === module) runStandalone(benchListAll);
