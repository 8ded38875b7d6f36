// The emulator of a bench, in a process of its own so that the bench's event loop (timers,
// child-process pipes) does not slow it down. Argv: one JSON object, `EmulatorChildOptions`.
// Prints one JSON line, `EmulatorChildReady`, then serves until stdin closes or a signal.
import { startEmulator } from "../src/emulator";
import type { EmulatorChildOptions, EmulatorChildReady } from "./emulator-process";

/** The most sub-jobs one job may have (the emulator's `max_sub_jobs`). */
const SUB_JOBS_PER_JOB = 100;

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? "{}") as EmulatorChildOptions;
  const emulator = await startEmulator({ port: 0 });
  // Finished jobs: a list read under a clock that moves must not change between its pages.
  const base = { kind: "image-job", projectId: options.projectId, waitingMs: 0, runningMs: 0 } as const;
  for (let left = options.subJobs; left > 0; left -= SUB_JOBS_PER_JOB) {
    emulator.store.createJob({ ...base, jobType: options.jobType, subJobs: Math.min(SUB_JOBS_PER_JOB, left) });
  }
  // Another type, so that it is in none of the lists above.
  const shown = emulator.store.createJob({ ...base, jobType: "DELETE_SERVER" });
  if (options.latencyMs > 0) emulator.faults.add({ delayMs: options.latencyMs, times: -1 });
  const ready: EmulatorChildReady = { url: emulator.url, showJobId: shown.id };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.stdin.on("end", stop).resume();
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
