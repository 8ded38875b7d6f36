// The waiter's schedule beside other waiters', on a virtual clock: how late each notices a job's
// end (lag) and how many calls it makes, over jobs of random length around each nominal length.
// The project's row drives the real `waitForJob`; the others are their documented schedules
// (docs/reference/waiters-and-terraform.md, sections 1.1, 1.4 and 1.5).
import type { ImsJob } from "../src/api/ims-job";
import { Prng } from "../src/emulator/scenarios/prng";
import { imsJobSnapshot } from "../src/jobs/snapshot";
import { waitForJob } from "../src/jobs/waiter";
import { FakeClock } from "../test/helpers/fake-clock";
import { round } from "./measure";
import type { BenchSection } from "./section";
import { runStandalone } from "./standalone";

/** One simulated job: when it began and ended (virtual ms), how its progress grows, and when the wait starts. */
interface SimJob {
  readonly beginMs: number;
  readonly lengthMs: number;
  /** Progress is (t / length)^shape: below 1 it runs ahead early, above 1 behind. */
  readonly shape: number;
  readonly waitStartMs: number;
}

/** A schedule other than the project's: the delay before each poll after the first. */
interface FixedSchedule {
  readonly name: string;
  /** Delay before the first poll. */
  readonly firstMs: number;
  /** Delay after poll `n` (1-based), given a random source. */
  delayMs(n: number, random: () => number): number;
}

const SCHEDULES: readonly FixedSchedule[] = [
  // terraform-provider-huaweicloud image-server job: Delay 10 s, PollInterval 30 s.
  { name: "provider 10 s + 30 s", firstMs: 10_000, delayMs: () => 30_000 },
  // This project's waiter before the age- and progress-driven schedule: smithy-style growth from
  // 5 s, then uniform in [30 s, 60 s] once capped.
  {
    name: "hwjobs 0.1 (5–60 s backoff)",
    firstMs: 0,
    delayMs: (n, random) => {
      const upper = 5_000 * 2 ** (n - 1);
      return upper > 60_000 ? 30_000 + random() * 30_000 : 5_000 + random() * (upper - 5_000);
    },
  },
  // golangsdk WaitFor: every 5 s.
  { name: "golangsdk 5 s", firstMs: 0, delayMs: () => 5_000 },
  // @smithy/util-waiter (AWS SDK v3) with 2 s / 120 s: uniform in [min, min·2^(n−1)], then max.
  {
    name: "AWS SDK 2–120 s",
    firstMs: 0,
    delayMs: (n, random) => {
      const upper = 2_000 * 2 ** (n - 1);
      return upper > 120_000 ? 120_000 : 2_000 + random() * (upper - 2_000);
    },
  },
];

const LENGTHS: readonly { readonly label: string; readonly ms: number }[] = [
  { label: "10 s", ms: 10_000 },
  { label: "30 s", ms: 30_000 },
  { label: "60 s", ms: 60_000 },
  { label: "5 min", ms: 300_000 },
  { label: "15 min", ms: 900_000 },
  { label: "60 min", ms: 3_600_000 },
];

const JOBS_PER_LENGTH = 400;
const EPOCH = Date.parse("2026-01-01T00:00:00Z");

function simJobs(nominalMs: number, seed: number): SimJob[] {
  const prng = new Prng(seed);
  return Array.from({ length: JOBS_PER_LENGTH }, () => {
    const beginMs = EPOCH + prng.int(0, 1_000_000);
    return {
      beginMs,
      lengthMs: Math.round(nominalMs * (0.8 + 0.4 * prng.next())),
      shape: 0.8 + 0.45 * prng.next(),
      // The wait starts within a second of the job, as a gate right after the resource that made it.
      waitStartMs: beginMs + prng.int(0, 1_000),
    };
  });
}

/** The IMS answer for `job` at virtual time `now`, with or without `process_percent`. */
function imsAnswer(job: SimJob, now: number, withProgress: boolean): ImsJob {
  const done = now >= job.beginMs + job.lengthMs;
  const fraction = Math.min(1, Math.max(0, (now - job.beginMs) / job.lengthMs)) ** job.shape;
  return {
    job_id: "sim",
    status: done ? "SUCCESS" : "RUNNING",
    begin_time: new Date(job.beginMs).toISOString(),
    entities: {
      ...(done && { image_id: "img" }),
      ...(withProgress && !done && { process_percent: Math.floor(fraction * 1000) / 10 }),
    },
  };
}

interface Outcome {
  readonly lagMs: number;
  readonly calls: number;
}

async function projectOutcome(job: SimJob, withProgress: boolean, random: () => number): Promise<Outcome> {
  const clock = new FakeClock(job.waitStartMs);
  let calls = 0;
  const poll = async () => {
    calls++;
    return imsJobSnapshot("sim", imsAnswer(job, clock.now(), withProgress));
  };
  await waitForJob(poll, { timeoutMs: 3 * job.lengthMs + 600_000, clock, random });
  return { lagMs: clock.now() - (job.beginMs + job.lengthMs), calls };
}

function fixedOutcome(job: SimJob, schedule: FixedSchedule, random: () => number): Outcome {
  const endMs = job.beginMs + job.lengthMs;
  let at = job.waitStartMs + schedule.firstMs;
  let calls = 1;
  while (at < endMs) at += schedule.delayMs(calls++, random);
  return { lagMs: at - endMs, calls };
}

/** Mean and p95 lag (s), mean calls. */
function summarize(outcomes: readonly Outcome[]) {
  const lags = outcomes.map((o) => o.lagMs / 1000).sort((a, b) => a - b);
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return {
    lag: mean(lags),
    p95: lags[Math.floor(0.95 * (lags.length - 1))]!,
    calls: mean(outcomes.map((o) => o.calls)),
  };
}

/** The waiter table and its targets (issue 11, item 1). */
export async function benchWaiter(): Promise<BenchSection> {
  const rows: Record<string, string | number>[] = [];
  const stats = new Map<string, ReturnType<typeof summarize>>();
  for (const [index, length] of LENGTHS.entries()) {
    const jobs = simJobs(length.ms, 1000 + index);
    const random = new Prng(7 + index);
    const next = () => random.next();
    const provider = summarize(jobs.map((job) => fixedOutcome(job, SCHEDULES[0]!, next)));
    for (const withProgress of [false, true]) {
      const outcomes: Outcome[] = [];
      for (const job of jobs) outcomes.push(await projectOutcome(job, withProgress, next));
      const s = summarize(outcomes);
      stats.set(`${length.label}/${withProgress ? "progress" : "none"}`, { ...s, calls: s.calls / provider.calls });
      rows.push(row(length.label, `hwjobs${withProgress ? " + progress" : ""}`, s, provider));
    }
    for (const schedule of SCHEDULES) {
      rows.push(row(length.label, schedule.name, summarize(jobs.map((job) => fixedOutcome(job, schedule, next))), provider));
    }
  }
  const lag = (key: string) => stats.get(key)!.lag;
  const calls = (key: string) => stats.get(key)!.calls;
  const target = (name: string, met: boolean, detail: string) => ({ name, met, detail });
  return {
    title: `Waiter on a virtual clock (${JOBS_PER_LENGTH} IMS jobs a length, 0.8–1.2× it; lag = poll that saw the end − end)`,
    rows,
    targets: [
      target(
        "10 s and 30 s jobs noticed within 2 s",
        lag("10 s/none") <= 2 && lag("30 s/none") <= 2,
        `${round(lag("10 s/none"), 1)} s, ${round(lag("30 s/none"), 1)} s`,
      ),
      target(
        "60 s jobs within 3.5 s, at most 30 calls",
        lag("60 s/none") <= 3.5 && calls("60 s/none") * providerCalls(rows, "60 s") <= 30,
        `${round(lag("60 s/none"), 1)} s, ${round(calls("60 s/none") * providerCalls(rows, "60 s"), 1)} calls`,
      ),
      target("5 min jobs within 16 s", lag("5 min/none") <= 16, `${round(lag("5 min/none"), 1)} s`),
      target(
        "60 min, no progress: within 22 s, calls ≤ the provider's",
        lag("60 min/none") <= 22 && calls("60 min/none") <= 1,
        `${round(lag("60 min/none"), 1)} s, ${round(calls("60 min/none"), 2)}× the provider's calls`,
      ),
      ...["15 min", "60 min"].map((label) =>
        target(
          `${label} with progress: within 5 s, ≤ 0.6× the provider's calls`,
          lag(`${label}/progress`) <= 5 && calls(`${label}/progress`) <= 0.6,
          `${round(lag(`${label}/progress`), 1)} s, ${round(calls(`${label}/progress`), 2)}×`,
        ),
      ),
    ],
  };
}

function row(length: string, schedule: string, s: ReturnType<typeof summarize>, provider: ReturnType<typeof summarize>) {
  return {
    job: length,
    schedule,
    "mean lag s": round(s.lag, 1),
    "p95 lag s": round(s.p95, 1),
    "lag vs provider": round(s.lag / provider.lag, 2),
    "mean calls": round(s.calls, 1),
    "calls vs provider": round(s.calls / provider.calls, 2),
  };
}

function providerCalls(rows: readonly Record<string, string | number>[], length: string): number {
  return Number(rows.find((r) => r.job === length && r.schedule === SCHEDULES[0]!.name)!["mean calls"]);
}

if (require.main === module) runStandalone(benchWaiter);
