import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { retryDelayMs } from "../../src/core/backoff";
import { DEFAULT_RETRY_POLICY, RETRYABLE_STATUSES, parseRetryAfter, type RetryPolicy } from "../../src/core/retry";

const NOW = Date.parse("2024-01-15T08:30:00Z");

describe("parseRetryAfter", () => {
  test("delta seconds, decimals and HTTP dates", () => {
    const cases: Array<[string | undefined, number | undefined]> = [
      ["0", 0],
      ["3", 3_000],
      [" 120 ", 120_000],
      ["1.5", 1_500],
      ["0.25", 250],
      ["Mon, 15 Jan 2024 08:30:10 GMT", 10_000],
      ["Monday, 15-Jan-24 08:31:00 GMT", 60_000],
      // a date in the past means "now"
      ["Mon, 15 Jan 2024 08:29:00 GMT", 0],
      ["Sun, 06 Nov 1994 08:49:37 GMT", 0],
    ];
    for (const [value, ms] of cases) assert.equal(parseRetryAfter(value, NOW), ms, JSON.stringify(value));
  });

  test("absent or unreadable values give undefined", () => {
    for (const value of [
      undefined,
      "",
      "  ",
      "soon",
      "abc",
      "-1",
      "1e3",
      "0x10",
      "Infinity",
      "5 seconds",
      "soon 5",
      "1,5",
      "Mon, 99 Foo 2024 GMT",
    ]) {
      assert.equal(parseRetryAfter(value, NOW), undefined, JSON.stringify(value));
    }
  });
});

describe("retryDelayMs", () => {
  const policy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 };
  const zero = () => 0;
  const one = () => 1;

  test("equal-jitter exponential backoff: [ceiling/2, ceiling], ceiling doubling up to maxDelayMs", () => {
    const cases: Array<[number, number, number]> = [
      // retry, lowest (random 0), highest (random 1)
      [1, 50, 100],
      [2, 100, 200],
      [3, 200, 400],
      [4, 400, 800],
      [5, 500, 1_000],
      [6, 500, 1_000],
      [40, 500, 1_000],
      [2_000, 500, 1_000],
    ];
    for (const [retry, low, high] of cases) {
      assert.equal(retryDelayMs(retry, policy, zero), low, `retry ${retry} random 0`);
      assert.equal(retryDelayMs(retry, policy, one), high, `retry ${retry} random 1`);
      const mid = retryDelayMs(retry, policy, () => 0.5);
      assert.ok(mid > low && mid < high, `retry ${retry} random 0.5 gave ${mid}`);
    }
  });

  test("never zero and never above maxDelayMs with the default policy", () => {
    for (let retry = 1; retry <= 20; retry++) {
      for (const random of [zero, one]) {
        const delay = retryDelayMs(retry, DEFAULT_RETRY_POLICY, random);
        assert.ok(delay >= DEFAULT_RETRY_POLICY.baseDelayMs / 2 && delay <= DEFAULT_RETRY_POLICY.maxDelayMs, `retry ${retry}: ${delay}`);
      }
    }
  });

  test("Retry-After is a lower bound, capped at maxRetryAfterMs", () => {
    const cases: Array<[number, () => number, number, number]> = [
      // retry, random, retryAfterMs, expected
      [1, one, 3_000, 3_000],
      [1, zero, 0, 50],
      [1, one, 20, 100],
      [5, one, 700, 1_000],
      [5, zero, 700, 700],
      [1, zero, 60_000, 5_000],
      [1, one, Number.MAX_SAFE_INTEGER, 5_000],
    ];
    for (const [retry, random, retryAfterMs, expected] of cases) {
      assert.equal(retryDelayMs(retry, policy, random, retryAfterMs), expected, `retry ${retry} retryAfter ${retryAfterMs}`);
    }
  });

  test("the backoff still wins over a capped Retry-After when it is larger", () => {
    const tight: RetryPolicy = { ...policy, maxRetryAfterMs: 10 };
    assert.equal(retryDelayMs(3, tight, one, 60_000), 400);
  });
});

test("retryable statuses are throttling and transient server errors only", () => {
  for (const status of [429, 500, 502, 503, 504]) assert.ok(RETRYABLE_STATUSES.has(status), String(status));
  for (const status of [200, 400, 401, 403, 404, 409, 501]) assert.ok(!RETRYABLE_STATUSES.has(status), String(status));
});
