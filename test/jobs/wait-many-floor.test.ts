// waitForJobs keeps the polls of many jobs together within what the services allow: each job's
// floor grows with their number (src/jobs/wait-many.ts sharedFloorMs), on a virtual clock.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { JobRef } from "../../src/jobs/kinds";
import { imsJobSnapshot } from "../../src/jobs/snapshot";
import { sharedFloorMs, WAIT_MANY_POLLS_PER_SECOND, waitForJobs } from "../../src/jobs/wait-many";
import { FakeClock } from "../helpers/fake-clock";
import * as F from "./fixtures";
import { scriptedPoll } from "./scripted-poll";

// Without a begin_time, a job's age is the wait's: the schedule starts at its floor.
const running = imsJobSnapshot(F.IMS_JOB_SUCCESS.job_id, F.parseImsJob({ ...F.IMS_JOB_SUCCESS, status: "RUNNING", begin_time: undefined }));
const done = imsJobSnapshot(F.IMS_JOB_SUCCESS.job_id, F.parseImsJob(F.IMS_JOB_SUCCESS));

describe("sharedFloorMs", () => {
  test("a few jobs keep the floor; many raise it so that together they poll at most the shared rate", () => {
    assert.equal(sharedFloorMs(1, 3_000, 120_000), 3_000);
    assert.equal(sharedFloorMs(6, 3_000, 120_000), 3_000);
    assert.equal(sharedFloorMs(10, 3_000, 120_000), (10 * 1000) / WAIT_MANY_POLLS_PER_SECOND);
    assert.equal(sharedFloorMs(100, 3_000, 120_000), 50_000);
  });

  test("never above the ceiling; invalid settings are left for waitForJob to reject", () => {
    assert.equal(sharedFloorMs(100, 1_000, 1_000), 1_000);
    assert.equal(sharedFloorMs(100, 5_000, 2_000), 5_000);
    assert.ok(Number.isNaN(sharedFloorMs(100, NaN, 2_000)));
  });
});

describe("waitForJobs with many jobs", () => {
  /**
   * Waits for `count` jobs that end after `polls` polls each; returns every sleep requested. (The
   * jobs share one virtual clock, which each sleep moves on, so only the delays are compared.)
   */
  async function sleepsOf(count: number, polls: number, options: { minDelayMs?: number; maxDelayMs?: number } = {}) {
    const clock = new FakeClock(Date.parse("2026-01-01T00:00:00Z"));
    const jobs = Array.from({ length: count }, (_, i) => ({
      ref: { kind: "ims-job", jobId: `job-${i}` } as JobRef,
      poll: scriptedPoll(clock, [...Array.from({ length: polls - 1 }, () => running), done]).poll,
    }));
    const outcomes = await waitForJobs(jobs, { timeoutMs: 10_000 * 3_600_000, clock, random: () => 0.5, ...options });
    assert.deepEqual(
      outcomes.map((o) => o.state),
      jobs.map(() => "succeeded"),
    );
    assert.equal(clock.sleeps.length, count * (polls - 1));
    return clock.sleeps;
  }

  test("100 jobs: no job sleeps less than 50 s between polls, so the wait sends at most 2 a second", async () => {
    const sleeps = await sleepsOf(100, 4);
    assert.ok(Math.min(...sleeps) >= 50_000, `shortest ${Math.min(...sleeps)} ms`);
  });

  test("3 jobs keep the 3 s floor", async () => {
    const sleeps = await sleepsOf(3, 3);
    assert.deepEqual(sleeps.slice(0, 3), [3_000, 3_000, 3_000]);
  });

  test("a ceiling below the raised floor wins (the user's max poll interval is a promise)", async () => {
    const sleeps = await sleepsOf(100, 3, { minDelayMs: 1_000, maxDelayMs: 1_000 });
    assert.ok(
      sleeps.every((ms) => ms === 1_000),
      `${new Set(sleeps)}`,
    );
  });
});
