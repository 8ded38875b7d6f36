// The not-found grace ends on time: a job that never appears fails at the grace's end plus at
// most one request's time, whatever the backoff, instead of at the first backoff step past it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ApiError, NetworkError } from "../../src/core/errors";
import { JobNotFoundError, WaitTimeoutError } from "../../src/jobs/errors";
import type { WaitEvent } from "../../src/jobs/events";
import { imsJobSnapshot, type JobSnapshot } from "../../src/jobs/snapshot";
import { WAIT_DEFAULTS, waitForJob, type WaitOptions } from "../../src/jobs/waiter";
import { FakeClock } from "../helpers/fake-clock";
import * as F from "./fixtures";
import { apiError, scriptedPoll, type Step } from "./scripted-poll";

/** A poll step that takes `ms` of virtual time, then answers 404. */
const missing =
  (clock: FakeClock, ms: number): Step =>
  async () => {
    clock.advance(ms);
    throw apiError(404, "IMG.0104");
  };

async function runMissing(requestMs: number, options: Omit<WaitOptions, "clock">) {
  const clock = new FakeClock();
  const script = scriptedPoll(clock, [missing(clock, requestMs)]);
  const start = clock.now();
  const events: WaitEvent[] = [];
  const error = await waitForJob(script.poll, { ...options, clock, onEvent: (e) => events.push(e) }).catch((e: unknown) => e);
  return { error, endedAt: clock.now() - start, times: script.times(), events, clock };
}

describe("not-found grace: a missing job fails at the grace's end", () => {
  test("defaults (60 s grace, 5-60 s backoff): the last poll lands at 60 s, not at 75 s or later", async () => {
    for (const random of [0, 0.5, 0.999999]) {
      const r = await runMissing(0, { timeoutMs: 3_600_000, random: () => random, target: { kind: "ims-job", jobId: "123" } });
      assert.ok(r.error instanceof JobNotFoundError, String(r.error));
      assert.equal(r.endedAt, WAIT_DEFAULTS.notFoundGraceMs, `random ${random}: polls at ${r.times.join(", ")}`);
      assert.equal(r.times.at(-1), 60_000);
      assert.equal(r.error.message, `ims-job 123 was not found within the 1m not-found grace; ${(r.error.cause as ApiError).message}`);
      assert.equal(r.events.filter((e) => e.type === "not-found").length, r.times.length - 1, "every poll but the last is a tolerated 404");
    }
  });

  test("many grace, backoff and request-time combinations: grace ≤ failure time ≤ grace + one request", async (t) => {
    const graces = [1_000, 3_000, 10_000, 20_000, 60_000, 90_000, 300_000];
    const backoffs = [
      [1_000, 1_000],
      [5_000, 60_000],
      [7_000, 30_000],
      [2_000, 120_000],
      [60_000, 60_000],
      [600_000, 600_000],
    ] as const;
    const requestTimes = [0, 250, 3_000, 12_000];
    const randoms = [0, 0.37, 0.999999];
    // Worst overrun past the grace, per request time.
    const worst = new Map<number, number>();
    let runs = 0;
    for (const graceMs of graces) {
      for (const [minDelayMs, maxDelayMs] of backoffs) {
        for (const requestMs of requestTimes) {
          for (const random of randoms) {
            const r = await runMissing(requestMs, {
              timeoutMs: 3_600_000,
              notFoundGraceMs: graceMs,
              minDelayMs,
              maxDelayMs,
              random: () => random,
            });
            const label = `grace ${graceMs}, backoff ${minDelayMs}-${maxDelayMs}, request ${requestMs}, random ${random}: polls at ${r.times.join(", ")}, ended at ${r.endedAt}`;
            assert.ok(r.error instanceof JobNotFoundError, `${label}: ${String(r.error)}`);
            assert.equal(r.error.graceMs, graceMs);
            assert.ok(r.endedAt >= graceMs, `${label}: never before the grace ends`);
            assert.ok(r.endedAt <= graceMs + requestMs, `${label}: at most one request past the grace`);
            assert.ok(
              r.clock.sleeps.every((ms) => ms > 0),
              `${label}: no zero-length sleeps`,
            );
            worst.set(requestMs, Math.max(worst.get(requestMs) ?? 0, r.endedAt - graceMs));
            runs++;
          }
        }
      }
    }
    t.diagnostic(
      `${runs} combinations; worst overrun past the grace by request time: ${[...worst].map(([req, over]) => `${req} ms → ${over} ms`).join(", ")}`,
    );
  });

  test("a poll in progress as the grace ends counts its whole request: failure at its end", async () => {
    // Each request takes 1 s: polls at 0 and 1.8 s; the sleep after the second is cut to 0.2 s so
    // the third starts as the grace ends, and its 404 at 4 s ends the wait.
    const r = await runMissing(1_000, { timeoutMs: 60_000, notFoundGraceMs: 3_000, minDelayMs: 800, maxDelayMs: 800, random: () => 0 });
    assert.ok(r.error instanceof JobNotFoundError);
    assert.deepEqual(r.times, [0, 1_800, 3_000]);
    assert.equal(r.endedAt, 4_000);
  });

  test("errors other than 404 before the job is ever seen still get the poll at the grace's end", async () => {
    const clock = new FakeClock();
    const network = new NetworkError("ShowJob", "/v1/p/jobs/j", "ECONNRESET", 5);
    const script = scriptedPoll(clock, [network, apiError(404)]);
    const error = await waitForJob(script.poll, {
      timeoutMs: 600_000,
      clock,
      notFoundGraceMs: 20_000,
      minDelayMs: 15_000,
      maxDelayMs: 15_000,
    }).catch((e: unknown) => e);
    assert.ok(error instanceof JobNotFoundError, String(error));
    assert.deepEqual(script.times(), [0, 15_000, 20_000]);
  });

  test("once the job has been seen, polls follow the backoff alone", async () => {
    const clock = new FakeClock();
    const running: JobSnapshot = imsJobSnapshot(F.IMS_JOB_RUNNING.job_id, F.parseImsJob(F.IMS_JOB_RUNNING));
    const script = scriptedPoll(clock, [running]);
    const error = await waitForJob(script.poll, {
      timeoutMs: 100_000,
      clock,
      notFoundGraceMs: 60_000,
      minDelayMs: 50_000,
      maxDelayMs: 50_000,
    }).catch((e: unknown) => e);
    assert.ok(error instanceof WaitTimeoutError);
    assert.deepEqual(script.times(), [0, 50_000, 100_000]);
  });

  test("a job that appears at the grace's end is found by that poll", async () => {
    const clock = new FakeClock();
    const done = imsJobSnapshot(F.IMS_JOB_SUCCESS.job_id, F.parseImsJob(F.IMS_JOB_SUCCESS));
    const script = scriptedPoll(clock, [apiError(404), apiError(404), done]);
    const snap = await waitForJob(script.poll, {
      timeoutMs: 600_000,
      clock,
      notFoundGraceMs: 12_000,
      minDelayMs: 10_000,
      maxDelayMs: 60_000,
      random: () => 0.5,
    });
    assert.equal(snap, done);
    assert.deepEqual(script.times(), [0, 10_000, 12_000]);
  });

  test("a grace as long as the timeout: the deadline poll's 404 is reported as not found, not as a timeout", async () => {
    const r = await runMissing(0, { timeoutMs: 30_000, notFoundGraceMs: 30_000, minDelayMs: 20_000, maxDelayMs: 20_000 });
    assert.ok(r.error instanceof JobNotFoundError, String(r.error));
    assert.deepEqual(r.times, [0, 20_000, 30_000]);
  });

  test("a grace longer than the timeout: the timeout wins, carrying the 404", async () => {
    const r = await runMissing(0, { timeoutMs: 30_000, notFoundGraceMs: 60_000, minDelayMs: 20_000, maxDelayMs: 20_000 });
    assert.ok(r.error instanceof WaitTimeoutError, String(r.error));
    assert.equal((r.error.lastError as ApiError).status, 404);
    assert.deepEqual(r.times, [0, 20_000, 30_000]);
  });
});
