import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ApiError, InvalidInputError, NetworkError, ResponseValidationError } from "../../src/core/errors";
import { ExitCode } from "../../src/core/exit-codes";
import { JobFailedError, WaitAbortedError, WaitTimeoutError } from "../../src/jobs/errors";
import type { WaitEvent } from "../../src/jobs/events";
import { imageJobSnapshot, imsJobSnapshot, type JobSnapshot } from "../../src/jobs/snapshot";
import { waitForJob, type WaitOptions } from "../../src/jobs/waiter";
import { FakeClock } from "../helpers/fake-clock";
import * as F from "./fixtures";
import { apiError, scriptedPoll, type Step } from "./scripted-poll";

const ims = (status: string, extra: Record<string, unknown> = {}): JobSnapshot =>
  imsJobSnapshot("9a175ac792fa12d20193002100dd2762", F.parseImsJob({ ...F.IMS_JOB_SUCCESS, status, ...extra }));

/** An image job with `done` of `total` sub-jobs succeeded and the rest running. */
const image = (status: string, done: number, total: number): JobSnapshot =>
  imageJobSnapshot(
    "702364883651395584",
    F.parseImageJob({
      id: "702364883651395584",
      status,
      sub_jobs_total: total,
      sub_jobs: Array.from({ length: total }, (_, i) => ({ id: `s${i}`, status: i < done ? "SUCCESS" : "RUNNING" })),
    }),
  );

const networkError = () => new NetworkError("ShowJob", "/v1/p/jobs/j", "ECONNRESET", 5);
const badBody = () => new ResponseValidationError("ShowJob", "/v1/p/jobs/j", "status: status is missing or empty");

/** Runs a wait on a fake clock and collects what happened. */
async function run(steps: readonly Step[], options: Partial<WaitOptions> = {}) {
  const clock = new FakeClock();
  const script = scriptedPoll(clock, steps);
  const events: WaitEvent[] = [];
  const promise = waitForJob(script.poll, { timeoutMs: 600_000, clock, random: () => 0.5, onEvent: (e) => events.push(e), ...options });
  const outcome = await promise.then(
    (snapshot) => ({ snapshot, error: undefined }),
    (error: unknown) => ({ snapshot: undefined, error }),
  );
  return { ...outcome, clock, events, times: script.times(), calls: script.calls };
}

function expectError<T>(error: unknown, type: abstract new (...args: never[]) => T): T {
  assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
  return error;
}

describe("waitForJob: polling and backoff", () => {
  test("the first poll happens at once; success returns that snapshot without sleeping", async () => {
    const done = ims("SUCCESS");
    const r = await run([done]);
    assert.equal(r.snapshot, done);
    assert.deepEqual(r.times, [0]);
    assert.deepEqual(r.clock.sleeps, []);
  });

  test("delays start at the minimum, grow, and stay within [min, max]", async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647);
    const r = await run([ims("RUNNING")], { timeoutMs: 3_600_000, minDelayMs: 5_000, maxDelayMs: 60_000, random });
    expectError(r.error, WaitTimeoutError);
    const sleeps = r.clock.sleeps.slice(0, -1); // the last one is trimmed to the deadline
    assert.equal(sleeps[0], 5_000);
    sleeps.forEach((ms, i) => assert.ok(ms >= 5_000 && ms <= Math.min(60_000, 5_000 * 2 ** i), `sleep ${i}: ${ms}`));
    assert.ok(sleeps.slice(5).every((ms) => ms === 60_000), "capped at the maximum once past the ceiling");
    assert.ok(r.clock.sleeps.every((ms) => ms > 0));
  });

  test("defaults: 5 s first delay, 60 s ceiling", async () => {
    const r = await run([ims("RUNNING")], { timeoutMs: 900_000, random: () => 0.999999 });
    assert.deepEqual(r.clock.sleeps.slice(0, 6), [5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
  });

  test("the last poll is trimmed to land exactly on the deadline, then the wait times out", async () => {
    const running = ims("RUNNING");
    const r = await run([running], { timeoutMs: 100_000, minDelayMs: 5_000, maxDelayMs: 60_000, random: () => 0.999999 });
    assert.deepEqual(r.times, [0, 5_000, 15_000, 35_000, 75_000, 100_000]);
    assert.deepEqual(r.clock.sleeps, [5_000, 10_000, 20_000, 40_000, 25_000]);
    const error = expectError(r.error, WaitTimeoutError);
    assert.equal(error.exitCode, ExitCode.TIMEOUT);
    assert.equal(error.timeoutMs, 100_000);
    assert.equal(error.lastSnapshot, running);
    assert.equal(error.lastError, undefined);
    assert.equal(error.message, "timed out after 1m40s waiting for ims-job 9a175ac792fa12d20193002100dd2762; last status RUNNING");
  });

  test("a job that succeeds at the deadline poll succeeds", async () => {
    const r = await run([ims("RUNNING"), ims("RUNNING"), ims("SUCCESS")], { timeoutMs: 7_000, minDelayMs: 5_000 });
    assert.deepEqual(r.times, [0, 5_000, 7_000]);
    assert.equal(r.snapshot?.status, "SUCCESS");
  });

  test("the timeout message carries sub-job progress", async () => {
    const r = await run([image("RUNNING", 2, 3)], { timeoutMs: 600_000 });
    assert.match(expectError(r.error, WaitTimeoutError).message, /^timed out after 10m waiting for image-job 702364883651395584; last status RUNNING \(2\/3 sub-jobs succeeded\)$/);
  });

  test("a timeout shorter than the minimum delay still polls at the start and at the deadline", async () => {
    const r = await run([ims("INIT")], { timeoutMs: 1_000 });
    assert.deepEqual(r.times, [0, 1_000]);
    expectError(r.error, WaitTimeoutError);
  });

  test("bounded: never two polls without a sleep, even with a 1 ms budget", async () => {
    const r = await run([ims("RUNNING")], { timeoutMs: 1, minDelayMs: 1, maxDelayMs: 1 });
    assert.deepEqual(r.times, [0, 1]);
    assert.deepEqual(r.clock.sleeps, [1]);
  });

  test("time spent inside a poll counts against the deadline", async () => {
    const clock = new FakeClock();
    const slow = async () => {
      clock.advance(40_000);
      return ims("RUNNING");
    };
    const script = scriptedPoll(clock, [slow]);
    const error = await waitForJob(script.poll, { timeoutMs: 100_000, clock, random: () => 0 }).catch((e: unknown) => e);
    expectError(error, WaitTimeoutError);
    // Polls end at 40 s, 85 s and 130 s; no sleep is planned past the deadline.
    assert.deepEqual(script.times(), [0, 45_000, 90_000]);
    assert.deepEqual(clock.sleeps, [5_000, 5_000]);
  });
});

describe("waitForJob: outcomes", () => {
  test("failed → JobFailedError naming the job, its status, codes and the failed sub-job", async () => {
    const failed = imageJobSnapshot("702364883651391552", F.parseImageJob(F.IMAGE_JOB_FAILED));
    const r = await run([image("RUNNING", 1, 2), failed]);
    const error = expectError(r.error, JobFailedError);
    assert.equal(error.exitCode, ExitCode.JOB_FAILED);
    assert.equal(error.snapshot, failed);
    for (const part of ["image-job", "702364883651391552", "FAILED", "WKS.00129901", "The service is now unavailable", "sub-job 702364884037271554"]) {
      assert.ok(error.message.includes(part), `message lacks ${part}: ${error.message}`);
    }
    assert.equal(r.times.length, 2);
  });

  test("IMS FAIL → JobFailedError with error_code and fail_reason", async () => {
    const r = await run([ims("INIT"), imsJobSnapshot("ff8080814dbd65d7014dbe0d84db0013", F.parseImsJob(F.IMS_JOB_FAILED))]);
    assert.equal(expectError(r.error, JobFailedError).message, "ims-job ff8080814dbd65d7014dbe0d84db0013 ended FAIL: IMG.0044 The ECS is not stopped.");
  });

  test("an unknown status keeps the wait pending, warns once per value, and is never success", async () => {
    const r = await run([ims("RUNNING"), ims("PAUSED"), ims("PAUSED"), ims("QUEUED"), ims("PAUSED")], { timeoutMs: 120_000 });
    const error = expectError(r.error, WaitTimeoutError);
    assert.equal(error.lastSnapshot?.status, "PAUSED");
    const warnings = r.events.filter((e) => e.type === "unknown-status");
    assert.deepEqual(warnings.map((e) => e.type === "unknown-status" && e.status), ["PAUSED", "QUEUED"]);
    assert.ok(r.times.length > 5);
  });

  test("an unknown status followed by SUCCESS succeeds", async () => {
    const r = await run([ims("PAUSED"), ims("SUCCESS")]);
    assert.equal(r.snapshot?.status, "SUCCESS");
  });

  test("unknown sub-job statuses are warned about once, with the sub-job id", async () => {
    const snap = imageJobSnapshot("j", F.parseImageJob({ status: "RUNNING", sub_jobs: [{ id: "a", status: "PAUSED" }, { id: "b", status: "PAUSED" }] }));
    const r = await run([snap, snap, image("SUCCESS", 1, 1)]);
    const warnings = r.events.filter((e) => e.type === "unknown-status");
    assert.equal(warnings.length, 1);
    assert.deepEqual(warnings[0] && { status: "status" in warnings[0] && warnings[0].status, sub: "subJobId" in warnings[0] && warnings[0].subJobId }, { status: "PAUSED", sub: "a" });
  });
});

describe("waitForJob: errors from poll", () => {
  test("404s within the grace period are tolerated, then the job is found", async () => {
    const r = await run([apiError(404), apiError(404), apiError(404), ims("RUNNING"), ims("SUCCESS")], { notFoundGraceMs: 60_000 });
    assert.equal(r.snapshot?.status, "SUCCESS");
    const notFound = r.events.filter((e) => e.type === "not-found");
    assert.equal(notFound.length, 3);
    assert.ok(notFound.every((e) => e.type === "not-found" && e.graceMs === 60_000 && e.error.status === 404));
  });

  test("404s beyond the grace period end the wait with the ApiError", async () => {
    const gone = apiError(404, "WKS.00211902");
    const r = await run([gone], { notFoundGraceMs: 20_000, minDelayMs: 5_000, random: () => 0 });
    assert.equal(r.error, gone);
    assert.deepEqual(r.times, [0, 5_000, 10_000, 15_000, 20_000], "tolerated while elapsed < grace, thrown at the first poll past it");
    assert.equal(expectError(r.error, ApiError).exitCode, ExitCode.API);
  });

  test("with no grace, the first 404 ends the wait", async () => {
    const r = await run([apiError(404)], { notFoundGraceMs: 0 });
    expectError(r.error, ApiError);
    assert.deepEqual(r.times, [0]);
  });

  test("a 404 that lasts past the timeout (grace longer than timeout) is a timeout carrying the 404", async () => {
    const r = await run([apiError(404)], { timeoutMs: 30_000, notFoundGraceMs: 60_000 });
    const error = expectError(r.error, WaitTimeoutError);
    assert.equal(error.lastSnapshot, undefined);
    assert.equal((error.lastError as ApiError).status, 404);
  });

  for (const [name, make] of [
    ["NetworkError", networkError],
    ["503 ApiError", () => apiError(503, "WKS.00050902")],
    ["429 ApiError", () => apiError(429, "APIGW.0308")],
    ["500 ApiError", () => apiError(500)],
    ["ResponseValidationError", badBody],
  ] as const) {
    test(`${name}: reported and polling continues until success`, async () => {
      const r = await run([make(), make(), make(), ims("SUCCESS")]);
      assert.equal(r.snapshot?.status, "SUCCESS");
      assert.equal(r.events.filter((e) => e.type === "transient-error").length, 3);
    });

    test(`${name}: never ends the wait before the timeout`, async () => {
      const r = await run([make()], { timeoutMs: 1_800_000 });
      const error = expectError(r.error, WaitTimeoutError);
      assert.equal(r.times.at(-1), 1_800_000, "the last poll is at the deadline");
      assert.equal(error.lastSnapshot, undefined);
      assert.ok(error.lastError, "carries the last error");
      assert.match(error.message, /no status received; last error: /);
    });
  }

  test("transient errors after a snapshot: the timeout carries both", async () => {
    const running = ims("RUNNING");
    const r = await run([running, networkError()], { timeoutMs: 60_000 });
    const error = expectError(r.error, WaitTimeoutError);
    assert.equal(error.lastSnapshot, running);
    assert.ok(error.lastError instanceof NetworkError);
    assert.match(error.message, /last status RUNNING; last error: ShowJob GET .* ECONNRESET/);
  });

  test("a later snapshot clears the last error", async () => {
    const r = await run([networkError(), ims("RUNNING")], { timeoutMs: 60_000 });
    assert.equal(expectError(r.error, WaitTimeoutError).lastError, undefined);
  });

  for (const [name, make] of [
    ["401 ApiError", () => apiError(401, "WKS.00211302")],
    ["403 ApiError", () => apiError(403)],
    ["400 ApiError", () => apiError(400)],
    ["InvalidInputError", () => new InvalidInputError("job_id", "job_id: bad")],
    ["TypeError", () => new TypeError("bug")],
  ] as const) {
    test(`${name} ends the wait at once`, async () => {
      const thrown = make();
      const r = await run([ims("RUNNING"), thrown, ims("SUCCESS")]);
      assert.equal(r.error, thrown);
      assert.equal(r.times.length, 2);
    });
  }

  test("a poll that throws synchronously is handled like a rejection", async () => {
    const clock = new FakeClock();
    const error = await waitForJob(
      () => {
        throw networkError();
      },
      { timeoutMs: 10_000, clock },
    ).catch((e: unknown) => e);
    expectError(error, WaitTimeoutError);
  });
});

describe("waitForJob: cancellation", () => {
  test("abort mid-sleep → WaitAbortedError, and no further poll", async () => {
    const clock = new FakeClock();
    clock.hold = true;
    const controller = new AbortController();
    const script = scriptedPoll(clock, [ims("RUNNING")]);
    const promise = waitForJob(script.poll, { timeoutMs: 600_000, clock, signal: controller.signal });
    await clock.untilParked();
    controller.abort("SIGINT");
    const error = expectError(await promise.catch((e: unknown) => e), WaitAbortedError);
    assert.equal(error.exitCode, ExitCode.INTERRUPTED);
    assert.equal(error.cause, "SIGINT");
    assert.equal(error.lastSnapshot?.status, "RUNNING");
    assert.match(error.message, /^wait for ims-job 9a175ac792fa12d20193002100dd2762 interrupted after 0s; last status RUNNING$/);
    assert.equal(script.calls.length, 1);
    assert.equal(clock.parkedCount, 0);
  });

  test("abort mid-sleep is prompt even when the clock ignores the signal", async () => {
    const clock = new FakeClock();
    clock.hold = true;
    clock.ignoreSignals = true;
    const controller = new AbortController();
    const promise = waitForJob(scriptedPoll(clock, [ims("RUNNING")]).poll, { timeoutMs: 600_000, clock, signal: controller.signal });
    await clock.untilParked();
    controller.abort();
    expectError(await promise.catch((e: unknown) => e), WaitAbortedError);
  });

  test("abort mid-poll → WaitAbortedError; the poll received the signal", async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    let started!: () => void;
    const polling = new Promise<void>((resolve) => (started = resolve));
    // A poll that ignores its signal and never settles: cancellation must not depend on it.
    const hang: Step = () => {
      started();
      return new Promise<JobSnapshot>(() => {});
    };
    const script = scriptedPoll(clock, [ims("RUNNING"), hang]);
    const promise = waitForJob(script.poll, { timeoutMs: 600_000, clock, signal: controller.signal, target: { kind: "ims-job", jobId: "j" } });
    await polling;
    controller.abort();
    expectError(await promise.catch((e: unknown) => e), WaitAbortedError);
    assert.equal(script.calls[1]?.signal, controller.signal);
  });

  test("a poll that rejects because of the abort still yields WaitAbortedError", async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const abortingPoll: Step = async () => {
      controller.abort();
      throw new DOMException("This operation was aborted", "AbortError");
    };
    const error = await waitForJob(scriptedPoll(clock, [abortingPoll]).poll, { timeoutMs: 600_000, clock, signal: controller.signal }).catch((e: unknown) => e);
    expectError(error, WaitAbortedError);
  });

  test("already aborted → WaitAbortedError without polling, naming the target", async () => {
    const clock = new FakeClock();
    const script = scriptedPoll(clock, [ims("SUCCESS")]);
    const error = await waitForJob(script.poll, {
      timeoutMs: 600_000,
      clock,
      signal: AbortSignal.abort(),
      target: { kind: "app-job", jobId: "575768277444198400" },
    }).catch((e: unknown) => e);
    assert.equal(expectError(error, WaitAbortedError).message, "wait for app-job 575768277444198400 interrupted after 0s");
    assert.equal(script.calls.length, 0);
  });

  test("abort listeners are removed after each poll and sleep", async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    let added = 0;
    let removed = 0;
    const { addEventListener, removeEventListener } = controller.signal;
    controller.signal.addEventListener = (...args: Parameters<typeof addEventListener>) => {
      added++;
      addEventListener.apply(controller.signal, args);
    };
    controller.signal.removeEventListener = (...args: Parameters<typeof removeEventListener>) => {
      removed++;
      removeEventListener.apply(controller.signal, args);
    };
    await waitForJob(scriptedPoll(clock, [ims("RUNNING"), ims("RUNNING"), ims("SUCCESS")]).poll, { timeoutMs: 600_000, clock, signal: controller.signal });
    assert.ok(added > 0);
    assert.equal(added, removed);
  });
});

describe("waitForJob: events", () => {
  test("status events on the first snapshot and on every change of status or sub-job counts only", async () => {
    const r = await run([image("WAITING", 0, 3), image("WAITING", 0, 3), image("RUNNING", 0, 3), image("RUNNING", 1, 3), image("RUNNING", 1, 3), image("SUCCESS", 3, 3)]);
    const statuses = r.events.filter((e) => e.type === "status");
    assert.deepEqual(
      statuses.map((e) => e.type === "status" && [e.snapshot.status, e.progress.succeeded, e.previous?.status ?? null]),
      [
        ["WAITING", 0, null],
        ["RUNNING", 0, "WAITING"],
        ["RUNNING", 1, "RUNNING"],
        ["SUCCESS", 3, "RUNNING"],
      ],
    );
    assert.equal(r.events.length, 4);
  });

  test("heartbeat when nothing changed for heartbeatMs, carrying elapsed time and the snapshot", async () => {
    const running = ims("RUNNING");
    const r = await run([running], { timeoutMs: 200_000, minDelayMs: 10_000, maxDelayMs: 10_000, heartbeatMs: 60_000 });
    expectError(r.error, WaitTimeoutError);
    assert.deepEqual(
      r.events.map((e) => [e.type, e.elapsedMs]),
      [
        ["status", 0],
        ["heartbeat", 60_000],
        ["heartbeat", 120_000],
        ["heartbeat", 180_000],
      ],
    );
    assert.ok(r.events.every((e) => e.type !== "heartbeat" || (e.snapshot === running && e.progress.total === 0)));
  });

  test("a status change restarts the heartbeat interval", async () => {
    const steps = [ims("INIT"), ims("INIT"), ims("INIT"), ims("RUNNING")];
    const r = await run(steps, { timeoutMs: 100_000, minDelayMs: 20_000, maxDelayMs: 20_000, heartbeatMs: 50_000 });
    assert.deepEqual(
      r.events.map((e) => [e.type, e.elapsedMs]),
      [
        ["status", 0],
        ["status", 60_000],
      ],
    );
  });

  test("every event carries elapsedMs relative to the start", async () => {
    const r = await run([apiError(404), networkError(), ims("PAUSED"), ims("SUCCESS")], { random: () => 0 });
    assert.deepEqual(
      r.events.map((e) => [e.type, e.elapsedMs]),
      [
        ["not-found", 0],
        ["transient-error", 5_000],
        ["status", 10_000],
        ["unknown-status", 10_000],
        ["status", 15_000],
      ],
    );
  });
});

describe("waitForJob: options", () => {
  const poll = async () => ims("SUCCESS");
  for (const [name, options] of [
    ["timeoutMs 0", { timeoutMs: 0 }],
    ["timeoutMs NaN", { timeoutMs: Number.NaN }],
    ["timeoutMs Infinity", { timeoutMs: Number.POSITIVE_INFINITY }],
    ["minDelayMs 0", { timeoutMs: 1_000, minDelayMs: 0 }],
    ["maxDelayMs below minDelayMs", { timeoutMs: 1_000, minDelayMs: 5_000, maxDelayMs: 1_000 }],
    ["negative notFoundGraceMs", { timeoutMs: 1_000, notFoundGraceMs: -1 }],
    ["heartbeatMs 0", { timeoutMs: 1_000, heartbeatMs: 0 }],
  ] as const) {
    test(`rejects ${name} before polling`, async () => {
      let polled = false;
      const error = await waitForJob(
        async () => {
          polled = true;
          return poll();
        },
        { clock: new FakeClock(), ...options },
      ).catch((e: unknown) => e);
      const invalid = expectError(error, InvalidInputError);
      assert.equal(invalid.field, Object.keys(options).at(-1));
      assert.equal(polled, false);
    });
  }
});
