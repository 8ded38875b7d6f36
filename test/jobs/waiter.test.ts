import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ApiError, InvalidInputError, NetworkError, ResponseValidationError } from "../../src/core/errors";
import { ExitCode } from "../../src/core/exit-codes";
import { JobFailedError, JobNotFoundError, WaitAbortedError, WaitTimeoutError } from "../../src/jobs/errors";
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
  assert.equal(clock.pendingTimeouts, 0, "deadline timers are released when the wait ends");
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

  test("delays grow with the job's age up to the steady interval, jittered, within [min, max]", async () => {
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const r = await run([ims("RUNNING")], { timeoutMs: 3_600_000, minDelayMs: 3_000, maxDelayMs: 120_000, random });
    expectError(r.error, WaitTimeoutError);
    const sleeps = r.clock.sleeps.slice(0, -1); // the last one is trimmed to the deadline
    let age = 0;
    for (const [i, ms] of sleeps.entries()) {
      // A tenth of the age, at least the floor and at most the steady 42 s, then ±20 %.
      const base = Math.min(42_000, Math.max(3_000, age / 10));
      assert.ok(ms >= Math.max(3_000, Math.floor(base * 0.8)) && ms <= Math.ceil(base * 1.2), `sleep ${i} at ${age} ms: ${ms}`);
      age += ms;
    }
    const steady = sleeps.slice(-20);
    assert.ok(
      steady.every((ms) => ms >= 33_600 && ms <= 50_400),
      `steady: ${steady.join(",")}`,
    );
    assert.ok(new Set(steady).size > 15, `still jittered once steady, so waiters do not poll in lockstep: ${steady.join(",")}`);
    assert.ok(r.clock.sleeps.every((ms) => ms > 0));
  });

  test("defaults: a 3 s floor, then a tenth of the job's age, up to 42 s", async () => {
    const r = await run([ims("RUNNING")], { timeoutMs: 900_000, random: () => 0.5 });
    const sleeps = r.clock.sleeps;
    assert.deepEqual(sleeps.slice(0, 10), [3_000, 3_000, 3_000, 3_000, 3_000, 3_000, 3_000, 3_000, 3_000, 3_000]);
    assert.equal(sleeps[10], 3_000); // age 30 s
    assert.equal(sleeps[11], 3_300); // age 33 s
    assert.equal(sleeps.slice(0, -1).at(-1), 42_000);
  });

  test("the job's age counts from its begin_time: a job that began long before the wait is polled at the steady interval", async () => {
    const clock = new FakeClock(Date.parse(F.IMS_JOB_SUCCESS.begin_time) + 3_600_000);
    const script = scriptedPoll(clock, [ims("RUNNING"), ims("RUNNING"), ims("SUCCESS")]);
    await waitForJob(script.poll, { timeoutMs: 600_000, clock, random: () => 0.5 });
    assert.deepEqual(clock.sleeps, [42_000, 42_000]);
  });

  test("the last poll is trimmed to land exactly on the deadline, then the wait times out", async () => {
    const running = ims("RUNNING");
    const r = await run([running], { timeoutMs: 70_000, minDelayMs: 20_000, maxDelayMs: 20_000 });
    assert.deepEqual(r.times, [0, 20_000, 40_000, 60_000, 70_000]);
    assert.deepEqual(r.clock.sleeps, [20_000, 20_000, 20_000, 10_000]);
    const error = expectError(r.error, WaitTimeoutError);
    assert.equal(error.exitCode, ExitCode.TIMEOUT);
    assert.equal(error.timeoutMs, 70_000);
    assert.equal(error.lastSnapshot, running);
    assert.equal(error.lastError, undefined);
    assert.equal(error.message, "timed out after 1m10s waiting for ims-job 9a175ac792fa12d20193002100dd2762; last status RUNNING");
  });

  test("a job that succeeds at the deadline poll succeeds", async () => {
    const r = await run([ims("RUNNING"), ims("RUNNING"), ims("SUCCESS")], { timeoutMs: 7_000, minDelayMs: 5_000 });
    assert.deepEqual(r.times, [0, 5_000, 7_000]);
    assert.equal(r.snapshot?.status, "SUCCESS");
  });

  test("the timeout message carries sub-job progress", async () => {
    const r = await run([image("RUNNING", 2, 3)], { timeoutMs: 600_000 });
    assert.match(
      expectError(r.error, WaitTimeoutError).message,
      /^timed out after 10m waiting for image-job 702364883651395584; last status RUNNING \(2\/3 sub-jobs succeeded\)$/,
    );
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

  test("time spent inside a poll counts against the deadline, and a poll in progress at the deadline is cut off there", async () => {
    const clock = new FakeClock();
    // A poll taking 40 s that honours its signal, as the client's requests and retry sleeps do.
    const slow = async (signal?: AbortSignal) => {
      for (let s = 0; s < 40; s++) {
        signal?.throwIfAborted();
        clock.advance(1_000);
      }
      signal?.throwIfAborted();
      return ims("RUNNING");
    };
    const script = scriptedPoll(clock, [slow]);
    const start = clock.now();
    const error = await waitForJob(script.poll, { timeoutMs: 100_000, clock, minDelayMs: 5_000, maxDelayMs: 5_000 }).catch(
      (e: unknown) => e,
    );
    const timeout = expectError(error, WaitTimeoutError);
    // Polls start at 0, 45 s and 90 s; the third is cut off at 100 s instead of running to 130 s.
    assert.deepEqual(script.times(), [0, 45_000, 90_000]);
    assert.deepEqual(clock.sleeps, [5_000, 5_000]);
    assert.equal(clock.now() - start, 100_000);
    assert.equal(timeout.pollCutOff, true);
    assert.equal(timeout.lastSnapshot?.status, "RUNNING");
    assert.match(
      timeout.message,
      /^timed out after 1m40s waiting for ims-job \S+; last status RUNNING; the last poll was still in progress$/,
    );
  });
});

/** A poll step that never settles unless its signal aborts, and reports when it has started. */
function hangingStep() {
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const step: Step = (signal) => {
    started();
    return new Promise<JobSnapshot>((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason), { once: true }));
  };
  return { step, running };
}

describe("waitForJob: the deadline during a poll", () => {
  test("a hanging poll is cancelled at the deadline: WaitTimeoutError with the last snapshot and error", async () => {
    const clock = new FakeClock();
    const hang = hangingStep();
    const script = scriptedPoll(clock, [ims("RUNNING"), networkError(), hang.step]);
    const start = clock.now();
    const promise = waitForJob(script.poll, { timeoutMs: 100_000, clock, random: () => 0, minDelayMs: 5_000 });
    await hang.running;
    assert.deepEqual(script.times(), [0, 5_000, 10_000]);
    const signal = script.calls[2]?.signal;
    assert.ok(signal && !signal.aborted);
    clock.advance(89_999);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(signal.aborted, false, "not before the deadline");
    clock.advance(1);
    const error = expectError(await promise.catch((e: unknown) => e), WaitTimeoutError);
    assert.equal(signal.aborted, true, "the poll's requests are cancelled");
    assert.equal(clock.now() - start, 100_000);
    assert.equal(error.exitCode, ExitCode.TIMEOUT);
    assert.equal(error.timeoutMs, 100_000);
    assert.equal(error.lastSnapshot?.status, "RUNNING");
    assert.ok(error.lastError instanceof NetworkError, "the error of the poll before the cut-off one");
    assert.match(
      error.message,
      /^timed out after 1m40s waiting for ims-job \S+; last status RUNNING; last error: .*ECONNRESET.*; the last poll was still in progress$/,
    );
  });

  test("a first poll still running at the deadline: 'no status received', naming the target", async () => {
    const clock = new FakeClock();
    const hang = hangingStep();
    const promise = waitForJob(scriptedPoll(clock, [hang.step]).poll, { timeoutMs: 3_000, clock, target: { kind: "ims-job", jobId: "j" } });
    await hang.running;
    clock.advance(3_000);
    const error = expectError(await promise.catch((e: unknown) => e), WaitTimeoutError);
    assert.equal(error.message, "timed out after 3s waiting for ims-job j; no status received; the last poll was still in progress");
  });

  test("the deadline is enforced even when the poll ignores its signal", async () => {
    const clock = new FakeClock();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const deaf: Step = () => {
      started();
      return new Promise<JobSnapshot>(() => {});
    };
    const promise = waitForJob(scriptedPoll(clock, [deaf]).poll, { timeoutMs: 60_000, clock });
    await running;
    clock.advance(60_000);
    expectError(await promise.catch((e: unknown) => e), WaitTimeoutError);
  });

  test("the poll planned for the deadline runs with a signal not yet aborted, and may succeed", async () => {
    const clock = new FakeClock();
    const seen: boolean[] = [];
    const step =
      (snapshot: JobSnapshot): Step =>
      async (signal) => {
        seen.push(signal?.aborted ?? true);
        return snapshot;
      };
    const script = scriptedPoll(clock, [step(ims("RUNNING")), step(ims("RUNNING")), step(ims("SUCCESS"))]);
    const r = await waitForJob(script.poll, { timeoutMs: 7_000, clock, minDelayMs: 5_000, random: () => 0.5 });
    assert.equal(r.status, "SUCCESS");
    assert.deepEqual(script.times(), [0, 5_000, 7_000]);
    assert.deepEqual(seen, [false, false, false]);
  });

  test("the final poll at the deadline gets 10 s of grace, then is cut off", async () => {
    const clock = new FakeClock();
    const hang = hangingStep();
    const script = scriptedPoll(clock, [ims("RUNNING"), hang.step]);
    const start = clock.now();
    const promise = waitForJob(script.poll, { timeoutMs: 60_000, clock, minDelayMs: 60_000, maxDelayMs: 60_000 });
    await hang.running;
    assert.deepEqual(script.times(), [0, 60_000]);
    clock.advance(9_999);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(script.calls[1]?.signal?.aborted, false);
    clock.advance(1);
    const error = expectError(await promise.catch((e: unknown) => e), WaitTimeoutError);
    assert.equal(clock.now() - start, 70_000);
    assert.equal(error.pollCutOff, true);
    assert.equal(error.lastSnapshot?.status, "RUNNING");
  });

  test("the final poll's grace never exceeds the timeout itself", async () => {
    const clock = new FakeClock();
    const hang = hangingStep();
    const start = clock.now();
    const promise = waitForJob(scriptedPoll(clock, [ims("RUNNING"), hang.step]).poll, { timeoutMs: 3_000, clock });
    await hang.running;
    assert.equal(clock.now() - start, 3_000);
    clock.advance(3_000);
    expectError(await promise.catch((e: unknown) => e), WaitTimeoutError);
    assert.equal(clock.now() - start, 6_000);
  });

  test("a user abort during a poll is still WaitAbortedError, not a timeout", async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const hang = hangingStep();
    const promise = waitForJob(scriptedPoll(clock, [hang.step]).poll, { timeoutMs: 60_000, clock, signal: controller.signal });
    await hang.running;
    controller.abort("SIGTERM");
    const error = expectError(await promise.catch((e: unknown) => e), WaitAbortedError);
    assert.equal(error.cause, "SIGTERM");
  });

  test("an abort after the deadline has fired still wins over the timeout", async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    // A poll that reacts to the deadline only by aborting the user's signal (e.g. SIGINT raced it).
    const racing: Step = async (signal) => {
      clock.advance(60_000);
      controller.abort("SIGINT");
      throw signal?.reason;
    };
    const error = await waitForJob(scriptedPoll(clock, [racing]).poll, { timeoutMs: 60_000, clock, signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expectError(error, WaitAbortedError);
  });

  test("with the system clock: a hanging poll ends the wait at the deadline", async () => {
    const hang = hangingStep();
    const started = Date.now();
    const error = await waitForJob(hang.step, { timeoutMs: 50, target: { kind: "ims-job", jobId: "j" } }).catch((e: unknown) => e);
    expectError(error, WaitTimeoutError);
    assert.ok(Date.now() - started < 5_000, `ended after ${Date.now() - started} ms`);
  });

  test("with the system clock: 600 h poll intervals do not collapse to 1 ms timers", async () => {
    const controller = new AbortController();
    let polls = 0;
    const poll = async () => {
      polls++;
      return ims("RUNNING");
    };
    const hour = 3_600_000;
    const promise = waitForJob(poll, {
      timeoutMs: 1_000 * hour,
      minDelayMs: 600 * hour,
      maxDelayMs: 600 * hour,
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(polls, 1, "one poll, then a 600 h sleep");
    controller.abort();
    expectError(await promise.catch((e: unknown) => e), WaitAbortedError);
  });

  test("with the system clock: a deadline beyond 2^31-1 ms does not cut a poll off after 1 ms", async () => {
    const slowPoll = async (signal?: AbortSignal) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      signal?.throwIfAborted();
      return ims("SUCCESS");
    };
    const snapshot = await waitForJob(slowPoll, { timeoutMs: 1_000 * 3_600_000 });
    assert.equal(snapshot.status, "SUCCESS");
  });
});

describe("waitForJob: outcomes", () => {
  test("failed → JobFailedError naming the job, its status, codes and the failed sub-job", async () => {
    const failed = imageJobSnapshot("702364883651391552", F.parseImageJob(F.IMAGE_JOB_FAILED));
    const r = await run([image("RUNNING", 1, 2), failed]);
    const error = expectError(r.error, JobFailedError);
    assert.equal(error.exitCode, ExitCode.JOB_FAILED);
    assert.equal(error.snapshot, failed);
    for (const part of [
      "image-job",
      "702364883651391552",
      "FAILED",
      "WKS.00129901",
      "The service is now unavailable",
      "sub-job 702364884037271554",
    ]) {
      assert.ok(error.message.includes(part), `message lacks ${part}: ${error.message}`);
    }
    assert.equal(r.times.length, 2);
  });

  test("IMS FAIL → JobFailedError with error_code and fail_reason", async () => {
    const r = await run([ims("INIT"), imsJobSnapshot("ff8080814dbd65d7014dbe0d84db0013", F.parseImsJob(F.IMS_JOB_FAILED))]);
    assert.equal(
      expectError(r.error, JobFailedError).message,
      "ims-job ff8080814dbd65d7014dbe0d84db0013 ended FAIL: IMG.0044 The ECS is not stopped.",
    );
  });

  test("an unknown status keeps the wait pending, warns once per value, and is never success", async () => {
    const r = await run([ims("RUNNING"), ims("PAUSED"), ims("PAUSED"), ims("QUEUED"), ims("PAUSED")], { timeoutMs: 120_000 });
    const error = expectError(r.error, WaitTimeoutError);
    assert.equal(error.lastSnapshot?.status, "PAUSED");
    const warnings = r.events.filter((e) => e.type === "unknown-status");
    assert.deepEqual(
      warnings.map((e) => e.type === "unknown-status" && e.status),
      ["PAUSED", "QUEUED"],
    );
    assert.ok(r.times.length > 5);
  });

  test("an unknown status followed by SUCCESS succeeds", async () => {
    const r = await run([ims("PAUSED"), ims("SUCCESS")]);
    assert.equal(r.snapshot?.status, "SUCCESS");
  });

  test("unknown sub-job statuses are warned about once, with the sub-job id", async () => {
    const snap = imageJobSnapshot(
      "j",
      F.parseImageJob({
        status: "RUNNING",
        sub_jobs: [
          { id: "a", status: "PAUSED" },
          { id: "b", status: "PAUSED" },
        ],
      }),
    );
    const r = await run([snap, snap, image("SUCCESS", 1, 1)]);
    const warnings = r.events.filter((e) => e.type === "unknown-status");
    assert.equal(warnings.length, 1);
    assert.deepEqual(
      warnings[0] && { status: "status" in warnings[0] && warnings[0].status, sub: "subJobId" in warnings[0] && warnings[0].subJobId },
      { status: "PAUSED", sub: "a" },
    );
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

  test("404s beyond the grace period end the wait with JobNotFoundError (exit 4) carrying the 404", async () => {
    const gone = apiError(404, "WKS.00211902");
    const r = await run([gone], {
      notFoundGraceMs: 20_000,
      minDelayMs: 5_000,
      random: () => 0,
      target: { kind: "image-job", jobId: "123" },
    });
    const error = expectError(r.error, JobNotFoundError);
    assert.equal(error.error, gone);
    assert.equal(error.cause, gone);
    assert.equal(error.exitCode, ExitCode.API);
    assert.equal(error.graceMs, 20_000);
    assert.equal(error.elapsedMs, 20_000);
    assert.equal(error.message, `image-job 123 was not found within the 20s not-found grace; ${gone.message}`);
    assert.deepEqual(r.times, [0, 5_000, 10_000, 15_000, 20_000], "tolerated while elapsed < grace, thrown at the first poll past it");
  });

  test("with no grace, the first 404 ends the wait", async () => {
    const r = await run([apiError(404)], { notFoundGraceMs: 0, target: { kind: "ims-job", jobId: "j" } });
    assert.match(
      expectError(r.error, JobNotFoundError).message,
      /^ims-job j was not found within the not-found grace \(0s\); ShowJob GET .* HTTP 404/,
    );
    assert.deepEqual(r.times, [0]);
  });

  test("a job seen before and missing past the grace: the message says it was seen, with its last status", async () => {
    const r = await run([ims("RUNNING"), apiError(404)], { notFoundGraceMs: 10_000, minDelayMs: 15_000, maxDelayMs: 15_000 });
    const error = expectError(r.error, JobNotFoundError);
    assert.equal(error.lastSnapshot?.status, "RUNNING");
    assert.match(
      error.message,
      /^ims-job 9a175ac792fa12d20193002100dd2762 was not found any more past the 10s not-found grace \(last status RUNNING\); /,
    );
    assert.deepEqual(r.times, [0, 15_000], "a job that was found is not polled at the grace's end");
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

  for (const code of ["ERR_SSL_WRONG_VERSION_NUMBER", "UND_ERR_INVALID_ARG"]) {
    test(`a NetworkError the client does not retry (${code}) ends the wait at once with exit 4`, async () => {
      const thrown = new NetworkError("ShowJob", "/v1/p/jobs/j", code, 1);
      const r = await run([ims("RUNNING"), thrown, ims("SUCCESS")], { timeoutMs: 3_600_000 });
      assert.equal(r.error, thrown);
      assert.equal(expectError(r.error, NetworkError).exitCode, ExitCode.API);
      assert.equal(r.times.length, 2);
      assert.equal(r.events.filter((e) => e.type === "transient-error").length, 0);
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
    const promise = waitForJob(script.poll, {
      timeoutMs: 600_000,
      clock,
      signal: controller.signal,
      target: { kind: "ims-job", jobId: "j" },
    });
    await polling;
    const pollSignal = script.calls[1]?.signal;
    assert.equal(pollSignal?.aborted, false);
    controller.abort("SIGINT");
    expectError(await promise.catch((e: unknown) => e), WaitAbortedError);
    // Not the user's signal itself (it also carries the deadline), but aborted with it.
    assert.equal(pollSignal?.aborted, true);
    assert.equal(pollSignal?.reason, "SIGINT");
  });

  test("a poll that rejects because of the abort still yields WaitAbortedError", async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const abortingPoll: Step = async () => {
      controller.abort();
      throw new DOMException("This operation was aborted", "AbortError");
    };
    const error = await waitForJob(scriptedPoll(clock, [abortingPoll]).poll, {
      timeoutMs: 600_000,
      clock,
      signal: controller.signal,
    }).catch((e: unknown) => e);
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
    await waitForJob(scriptedPoll(clock, [ims("RUNNING"), ims("RUNNING"), ims("SUCCESS")]).poll, {
      timeoutMs: 600_000,
      clock,
      signal: controller.signal,
    });
    assert.ok(added > 0);
    assert.equal(added, removed);
  });
});

describe("waitForJob: events", () => {
  test("status events on the first snapshot and on every change of status or sub-job counts only", async () => {
    const r = await run([
      image("WAITING", 0, 3),
      image("WAITING", 0, 3),
      image("RUNNING", 0, 3),
      image("RUNNING", 1, 3),
      image("RUNNING", 1, 3),
      image("SUCCESS", 3, 3),
    ]);
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
        ["transient-error", 3_000],
        ["status", 6_000],
        ["unknown-status", 6_000],
        ["status", 9_000],
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
