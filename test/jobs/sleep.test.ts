// src/core/sleep.ts, tested here because the waiter's long poll intervals and deadlines rely on it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MAX_TIMER_DELAY_MS, sleep, SleepAbortedError, systemClock, timeoutSignal, timerChunksMs } from "../../src/core/sleep";

const take = (ms: number, n: number) => {
  const out: number[] = [];
  for (const chunk of timerChunksMs(ms)) {
    out.push(chunk);
    if (out.length >= n) break;
  }
  return out;
};

/** Resolves with "pending" if `promise` has not settled after `ms` of real time. */
const settledWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([
    promise.then(
      () => "resolved",
      () => "rejected",
    ),
    new Promise((resolve) => setTimeout(() => resolve("pending"), ms)),
  ]);

describe("timerChunksMs", () => {
  test("a delay setTimeout honours is a single timer", () => {
    assert.deepEqual([...timerChunksMs(5_000)], [5_000]);
    assert.deepEqual([...timerChunksMs(MAX_TIMER_DELAY_MS)], [MAX_TIMER_DELAY_MS]);
  });

  test("a longer delay is split into timer-sized chunks summing to it", () => {
    assert.equal(MAX_TIMER_DELAY_MS, 2_147_483_647);
    assert.deepEqual([...timerChunksMs(MAX_TIMER_DELAY_MS + 1)], [MAX_TIMER_DELAY_MS, 1]);
    const h600 = 600 * 3_600_000;
    const chunks = [...timerChunksMs(h600)];
    assert.equal(chunks.length, 2);
    assert.equal(
      chunks.reduce((a, b) => a + b, 0),
      h600,
    );
    assert.ok(chunks.every((c) => c > 0 && c <= MAX_TIMER_DELAY_MS));
  });

  test("zero, negative and NaN are one 0 ms timer; infinity never runs out", () => {
    for (const ms of [0, -5, Number.NaN]) assert.deepEqual([...timerChunksMs(ms)], [0], String(ms));
    assert.deepEqual(take(Number.POSITIVE_INFINITY, 3), [MAX_TIMER_DELAY_MS, MAX_TIMER_DELAY_MS, MAX_TIMER_DELAY_MS]);
  });
});

describe("sleep", () => {
  test("a sleep beyond 2^31-1 ms does not end after 1 ms, and still aborts at once", async () => {
    const controller = new AbortController();
    const promise = sleep(600 * 3_600_000, controller.signal);
    assert.equal(await settledWithin(promise, 50), "pending");
    controller.abort();
    await assert.rejects(promise, SleepAbortedError);
  });

  test("short sleeps end on time", async () => {
    const started = Date.now();
    await sleep(20);
    assert.ok(Date.now() - started >= 15);
  });

  test("chains timers across the whole duration (mock timers)", async (t) => {
    t.mock.timers.enable({ apis: ["setTimeout"] });
    let done = false;
    const promise = sleep(MAX_TIMER_DELAY_MS + 1_000).then(() => (done = true));
    t.mock.timers.tick(MAX_TIMER_DELAY_MS);
    await Promise.resolve();
    assert.equal(done, false, "not after the first timer");
    t.mock.timers.tick(999);
    await Promise.resolve();
    assert.equal(done, false);
    t.mock.timers.tick(1);
    await promise;
    assert.equal(done, true);
  });

  test("an abort during a later chunk clears its timer", async (t) => {
    t.mock.timers.enable({ apis: ["setTimeout"] });
    const clear = t.mock.method(globalThis, "clearTimeout");
    const controller = new AbortController();
    const promise = sleep(MAX_TIMER_DELAY_MS * 2, controller.signal);
    t.mock.timers.tick(MAX_TIMER_DELAY_MS);
    controller.abort();
    await assert.rejects(promise, SleepAbortedError);
    assert.equal(clear.mock.callCount(), 1);
  });
});

describe("timeoutSignal and systemClock.timeout", () => {
  test("aborts with a TimeoutError after the delay", async () => {
    const signal = timeoutSignal(10);
    assert.equal(signal.aborted, false);
    // Without `release` the timer is unref'd, so something else must keep the test alive meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(signal.aborted, true);
    assert.ok(signal.reason instanceof DOMException);
    assert.equal((signal.reason as DOMException).name, "TimeoutError");
  });

  test("a deadline beyond 2^31-1 ms is not reached after 1 ms (AbortSignal.timeout would be)", async () => {
    const release = new AbortController();
    const signal = timeoutSignal(1_000 * 3_600_000, release.signal);
    const viaClock = systemClock.timeout?.(1_000 * 3_600_000, release.signal);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(signal.aborted, false);
    assert.equal(viaClock?.aborted, false);
    release.abort();
  });

  test("with a release signal the timer alone keeps the process alive until it fires", async () => {
    const release = new AbortController();
    const signal = timeoutSignal(10, release.signal);
    await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
    assert.equal((signal.reason as DOMException).name, "TimeoutError");
  });

  test("releasing cancels the timer: the signal never aborts", async () => {
    const release = new AbortController();
    const signal = timeoutSignal(20, release.signal);
    release.abort();
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(signal.aborted, false);
    assert.equal(timeoutSignal(0, AbortSignal.abort()).aborted, false, "already released: never armed");
  });
});
