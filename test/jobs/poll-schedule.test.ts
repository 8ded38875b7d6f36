// The waiter's schedule on its own (jobs/poll-schedule.ts), and as waitForJob follows it on a
// virtual clock: age, progress estimates, floors and ceilings, jitter bounds.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ImsJob } from "../../src/api/ims-job";
import { ageDelayMs, estimateEnd, POLL_SCHEDULE, progressDelayMs, scheduledDelayMs, type PollSample } from "../../src/jobs/poll-schedule";
import { imageJobSnapshot, imsJobSnapshot } from "../../src/jobs/snapshot";
import { waitForJob } from "../../src/jobs/waiter";
import { FakeClock } from "../helpers/fake-clock";
import * as F from "./fixtures";

const BOUNDS = { minDelayMs: 3_000, maxDelayMs: 120_000 };
const S = 1_000;
const MIN = 60 * S;

describe("ageDelayMs: a tenth of the job's age, between the floor and the steady interval", () => {
  test("the floor holds for a young job, a tenth of the age after, the steady interval caps it", () => {
    assert.deepEqual(
      [0, 10 * S, 30 * S, 60 * S, 5 * MIN, 7 * MIN, 60 * MIN, 48 * 60 * MIN].map((age) => ageDelayMs(age, BOUNDS)),
      [3_000, 3_000, 3_000, 6_000, 30_000, 42_000, 42_000, 42_000],
    );
  });

  test("a ceiling below the steady interval wins; a floor above it too", () => {
    assert.equal(ageDelayMs(60 * MIN, { minDelayMs: 1_000, maxDelayMs: 10_000 }), 10_000);
    assert.equal(ageDelayMs(60 * MIN, { minDelayMs: 90_000, maxDelayMs: 120_000 }), 90_000);
    assert.equal(ageDelayMs(0, { minDelayMs: 90_000, maxDelayMs: 90_000 }), 90_000);
  });
});

/** The estimated end age alone. */
const estimatedEndAgeMs = (samples: readonly PollSample[]) => estimateEnd(samples)?.endAgeMs;

describe("estimateEnd: the end extrapolated from progress", () => {
  test("linear progress from the job's start gives its end exactly", () => {
    assert.equal(estimatedEndAgeMs([{ ageMs: 100 * S, progress: 0.25 }]), 400 * S);
    assert.equal(
      estimatedEndAgeMs([
        { ageMs: 100 * S, progress: 0.25 },
        { ageMs: 200 * S, progress: 0.5 },
      ]),
      400 * S,
    );
  });

  test("the rate is taken over the last half of the age, so a job that sped up is followed", () => {
    // 10 % in the first 100 s, then 10 % every 10 s: the overall rate would put the end at 600 s.
    const samples: PollSample[] = [
      { ageMs: 100 * S, progress: 0.1 },
      { ageMs: 110 * S, progress: 0.2 },
      { ageMs: 120 * S, progress: 0.3 },
    ];
    assert.equal(estimatedEndAgeMs(samples), 190 * S);
  });

  test("no progress, progress that did not advance, or went back: no estimate", () => {
    assert.equal(estimatedEndAgeMs([]), undefined);
    assert.equal(estimatedEndAgeMs([{ ageMs: 10 * S }, { ageMs: 20 * S }]), undefined);
    assert.equal(estimatedEndAgeMs([{ ageMs: 10 * S, progress: 0 }]), undefined);
    assert.equal(
      estimatedEndAgeMs([
        { ageMs: 100 * S, progress: 0.5 },
        { ageMs: 150 * S, progress: 0.5 },
      ]),
      undefined,
    );
    assert.equal(
      estimatedEndAgeMs([
        { ageMs: 100 * S, progress: 0.6 },
        { ageMs: 150 * S, progress: 0.5 },
      ]),
      undefined,
    );
  });

  test("a job at 100 % that is not done yet is expected now", () => {
    assert.equal(estimatedEndAgeMs([{ ageMs: 70 * S, progress: 1 }]), 70 * S);
    assert.equal(
      estimatedEndAgeMs([
        { ageMs: 600 * S, progress: 0.9 },
        { ageMs: 610 * S, progress: 1 },
        { ageMs: 650 * S, progress: 1 },
      ]),
      650 * S,
    );
  });

  test("...until it has stayed at 100 % for a tenth of its age: then there is no estimate (the age schedule applies)", () => {
    const stalled: PollSample[] = [{ ageMs: 600 * S, progress: 0.9 }];
    for (let age = 610; age <= 700; age += 6) stalled.push({ ageMs: age * S, progress: 1 });
    // At 100 % since 610 s; at 676 s that is 66 s, within a tenth of the age; at 682 s, 72 s is not.
    assert.equal(estimatedEndAgeMs(stalled.filter((s) => s.ageMs <= 676 * S)), 676 * S);
    assert.equal(estimatedEndAgeMs(stalled.filter((s) => s.ageMs <= 682 * S)), undefined);
    assert.equal(
      scheduledDelayMs(700 * S, stalled, BOUNDS, () => 0.5),
      42_000,
    );
  });

  test("a job that was queued is measured from its last poll without progress, not from its start", () => {
    // Ten minutes queued (no progress, or progress 0), then 25 % in the 20 s since the last poll.
    for (const queued of [undefined, 0]) {
      const samples: PollSample[] = [0, 300, 560, 600].map((age) => ({ ageMs: age * S, progress: queued }));
      samples.push({ ageMs: 620 * S, progress: 0.25 });
      assert.deepEqual(estimateEnd(samples), { endAgeMs: 680 * S, provisional: true }, `queued with progress ${queued}`);
      // A provisional estimate brings the next poll closer, never further than the age alone would.
      assert.equal(
        scheduledDelayMs(620 * S, samples, BOUNDS, () => 0.5),
        30_000,
      );
      // From the second sample with progress on, the rate is measured between the two.
      samples.push({ ageMs: 660 * S, progress: 0.45 });
      assert.deepEqual(estimateEnd(samples), { endAgeMs: 770 * S, provisional: false });
    }
  });

  test("samples without progress do not disturb the estimate", () => {
    assert.equal(estimatedEndAgeMs([{ ageMs: 50 * S, progress: 0.25 }, { ageMs: 60 * S }]), 200 * S);
  });
});

describe("progressDelayMs: sparse far from the end, dense near it", () => {
  test("half the time left, when the job is old enough to trust it", () => {
    assert.equal(progressDelayMs(100 * S, 10 * MIN, BOUNDS), 50 * S);
  });

  test("never more than twice the job's age, nor the ceiling", () => {
    assert.equal(progressDelayMs(60 * MIN, 10 * S, BOUNDS), 20 * S);
    assert.equal(progressDelayMs(60 * MIN, 30 * MIN, BOUNDS), 120 * S);
  });

  test("near or past the end: the age-based delay, at most the near interval", () => {
    assert.equal(progressDelayMs(2 * S, 60 * MIN, BOUNDS), POLL_SCHEDULE.nearMs);
    assert.equal(progressDelayMs(-30 * S, 60 * MIN, BOUNDS), POLL_SCHEDULE.nearMs);
    assert.equal(progressDelayMs(1 * S, 20 * S, BOUNDS), 3_000);
  });

  test("the floor holds even against an estimate that says the end is now", () => {
    assert.equal(progressDelayMs(0, 60 * MIN, { minDelayMs: 10_000, maxDelayMs: 120_000 }), 10_000);
  });
});

describe("scheduledDelayMs: jittered within the bounds", () => {
  test("±20 % around the planned delay, clamped to [min, max], integral, and spread", () => {
    let seed = 11;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const delays = Array.from({ length: 500 }, () => scheduledDelayMs(60 * MIN, [], BOUNDS, random));
    assert.ok(delays.every((d) => d >= 33_600 && d <= 50_400 && Number.isInteger(d)));
    assert.ok(new Set(delays).size > 400, `distinct: ${new Set(delays).size}`);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    assert.ok(Math.abs(mean - 42_000) < 1_500, `centred on the plan: ${mean}`);
  });

  test("the extremes of the random source stay within the bounds", () => {
    for (const random of [0, 0.999999]) {
      for (const age of [0, 10 * S, 5 * MIN, 60 * MIN]) {
        const delay = scheduledDelayMs(age, [{ ageMs: age, progress: 0.5 }], BOUNDS, () => random);
        assert.ok(delay >= BOUNDS.minDelayMs && delay <= BOUNDS.maxDelayMs, `${age} ms, random ${random}: ${delay}`);
      }
    }
  });

  test("progress picks the estimate; without it the age decides", () => {
    const mid = () => 0.5;
    assert.equal(scheduledDelayMs(10 * MIN, [], BOUNDS, mid), 42_000);
    assert.equal(scheduledDelayMs(10 * MIN, [{ ageMs: 10 * MIN, progress: 0.5 }], BOUNDS, mid), 120_000);
    assert.equal(scheduledDelayMs(10 * MIN, [{ ageMs: 10 * MIN, progress: 0.99 }], BOUNDS, mid), 6_000);
  });

  test("a hostile progress value cannot push a poll past the ceiling or under the floor", () => {
    const mid = () => 0.5;
    assert.equal(scheduledDelayMs(10 * MIN, [{ ageMs: 10 * MIN, progress: 1e-12 }], BOUNDS, mid), 120_000);
    assert.equal(scheduledDelayMs(10 * MIN, [{ ageMs: 10 * MIN, progress: 1 }], BOUNDS, mid), 6_000);
    assert.equal(scheduledDelayMs(10 * S, [{ ageMs: 10 * S, progress: 1 }], BOUNDS, mid), 3_000);
  });
});

describe("waitForJob follows the schedule", () => {
  const BEGIN = Date.parse("2026-01-01T00:00:00Z");
  /** An IMS job of `lengthMs` whose `process_percent` grows linearly, polled from its start. */
  async function waitOn(lengthMs: number, withProgress: boolean) {
    const clock = new FakeClock(BEGIN);
    const times: number[] = [];
    const poll = async () => {
      const age = clock.now() - BEGIN;
      times.push(age);
      const done = age >= lengthMs;
      const job: ImsJob = {
        job_id: "j",
        status: done ? "SUCCESS" : "RUNNING",
        begin_time: new Date(BEGIN).toISOString(),
        entities: done ? { image_id: "i" } : withProgress ? { process_percent: (100 * age) / lengthMs } : {},
      };
      return imsJobSnapshot("j", job);
    };
    await waitForJob(poll, { timeoutMs: 2 * lengthMs, clock, random: () => 0.5 });
    return { times, lagMs: times.at(-1)! - lengthMs };
  }

  test("with progress, a 60-minute job takes far fewer polls and is noticed sooner", async () => {
    const plain = await waitOn(60 * MIN, false);
    const informed = await waitOn(60 * MIN, true);
    assert.ok(informed.times.length * 2 < plain.times.length, `${informed.times.length} vs ${plain.times.length} polls`);
    assert.ok(informed.lagMs <= POLL_SCHEDULE.nearMs, `lag ${informed.lagMs} ms`);
    assert.ok(plain.lagMs <= 42_000, `lag ${plain.lagMs} ms`);
    // Dense near the estimated end: the last polls are near-interval apart.
    const gaps = informed.times.slice(1).map((t, i) => t - informed.times[i]!);
    assert.ok(
      gaps.slice(-2).every((gap) => gap <= POLL_SCHEDULE.nearMs),
      `gaps ${gaps.join(",")}`,
    );
  });

  test("a job queued for 10 minutes that then runs for 60 s is noticed within seconds, not at the ceiling", async () => {
    const clock = new FakeClock(BEGIN);
    const times: number[] = [];
    const QUEUED = 10 * MIN;
    const RUNS = 60 * S;
    const poll = async () => {
      const age = clock.now() - BEGIN;
      times.push(age);
      const running = age - QUEUED;
      const status = running < 0 ? "INIT" : running < RUNS ? "RUNNING" : "SUCCESS";
      const entities = status === "SUCCESS" ? { image_id: "i" } : status === "RUNNING" ? { process_percent: (100 * running) / RUNS } : {};
      return imsJobSnapshot("j", { job_id: "j", status, begin_time: new Date(BEGIN).toISOString(), entities } satisfies ImsJob);
    };
    await waitForJob(poll, { timeoutMs: 30 * MIN, clock, random: () => 0.5 });
    const lag = times.at(-1)! - (QUEUED + RUNS);
    assert.ok(lag <= 10 * S, `lag ${lag} ms; polls at ${times.map((t) => t / S).join(", ")} s`);
    const whileRunning = times.filter((t) => t > QUEUED);
    const gaps = whileRunning.slice(1).map((t, i) => t - whileRunning[i]!);
    assert.ok(Math.max(...gaps) <= 42_000, `gaps ${gaps.join(", ")}`);
  });

  test("a 10 s job is noticed within a floor's time", async () => {
    for (const withProgress of [false, true]) {
      const r = await waitOn(10 * S, withProgress);
      assert.ok(r.lagMs <= 3_000, `${withProgress}: lag ${r.lagMs}`);
    }
  });

  test("Workspace progress is the share of finished sub-jobs", () => {
    const job = F.parseImageJob({
      id: "702364883651395584",
      status: "RUNNING",
      sub_jobs_total: 4,
      sub_jobs: [
        { id: "a", status: "SUCCESS" },
        { id: "b", status: "FAILED" },
        { id: "c", status: "RUNNING" },
      ],
    });
    assert.equal(imageJobSnapshot("702364883651395584", job).progress, 0.5);
    const none = F.parseImageJob({ id: "702364883651395584", status: "RUNNING" });
    assert.equal(imageJobSnapshot("702364883651395584", none).progress, undefined);
  });

  test("IMS progress is process_percent ÷ 100; values outside [0, 100] are none, member jobs the fallback", () => {
    const ims = (entities: Record<string, unknown>) =>
      imsJobSnapshot(F.IMS_JOB_SUCCESS.job_id, F.parseImsJob({ ...F.IMS_JOB_SUCCESS, status: "RUNNING", entities })).progress;
    assert.equal(ims({ process_percent: 37.5 }), 0.375);
    assert.equal(ims({ process_percent: 0 }), 0);
    assert.equal(ims({ process_percent: 150 }), undefined);
    assert.equal(ims({ process_percent: -1 }), undefined);
    assert.equal(ims({}), undefined);
    assert.equal(ims({ sub_jobs_result: [{ status: "SUCCESS" }, { status: "RUNNING" }] }), 0.5);
  });

  test("begin_time becomes beginMs; one that does not parse is left out", () => {
    const at = (begin_time: string) =>
      imsJobSnapshot(F.IMS_JOB_SUCCESS.job_id, F.parseImsJob({ ...F.IMS_JOB_SUCCESS, begin_time })).beginMs;
    assert.equal(at("2024-11-06T06:19:43.195Z"), Date.parse("2024-11-06T06:19:43.195Z"));
    assert.equal(at("2024-11-06T14:19:43+08:00"), Date.parse("2024-11-06T06:19:43Z"));
    assert.equal(at("yesterday"), undefined);
    // Without a zone it is no instant (Date.parse would take this machine's local time).
    assert.equal(at("2024-11-06T06:19:43.195"), undefined);
    assert.equal(at("2024-11-06"), undefined);
    assert.equal(at(""), undefined);
  });
});
