import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { backoffDelayMs, nextPollDelayMs } from "../../src/jobs/backoff";

const OPTIONS = { minDelayMs: 5_000, maxDelayMs: 60_000 };
const low = () => 0;
const high = () => 0.999999;

describe("backoffDelayMs", () => {
  test("attempt 1 is exactly the minimum", () => {
    assert.equal(backoffDelayMs(1, OPTIONS, high), 5_000);
    assert.equal(backoffDelayMs(1, OPTIONS, low), 5_000);
  });

  test("uniform in [min, min·2^(n−1)] while under the ceiling, then exactly the maximum", () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 30, 2000].map((n) => backoffDelayMs(n, OPTIONS, high)), [5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000, 60_000, 60_000]);
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, OPTIONS, low)), [5_000, 5_000, 5_000, 5_000, 60_000]);
    assert.equal(backoffDelayMs(3, OPTIONS, () => 0.5), 12_500);
  });

  test("every delay stays within [min, max] whatever the random source says", () => {
    let seed = 42;
    const lcg = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let n = 1; n <= 40; n++) {
      for (let i = 0; i < 50; i++) {
        const delay = backoffDelayMs(n, OPTIONS, lcg);
        assert.ok(delay >= 5_000 && delay <= Math.min(60_000, 5_000 * 2 ** (n - 1)), `attempt ${n}: ${delay}`);
        assert.ok(Number.isInteger(delay));
      }
    }
  });

  test("min equal to max gives a fixed interval", () => {
    assert.deepEqual([1, 2, 3].map((n) => backoffDelayMs(n, { minDelayMs: 1_000, maxDelayMs: 1_000 }, high)), [1_000, 1_000, 1_000]);
  });
});

describe("nextPollDelayMs", () => {
  test("the backoff delay when the deadline is far", () => {
    assert.equal(nextPollDelayMs(2, 3_600_000, OPTIONS, high), 10_000);
  });

  test("trimmed to land exactly on the deadline", () => {
    assert.equal(nextPollDelayMs(5, 12_345, OPTIONS, high), 12_345);
    assert.equal(nextPollDelayMs(1, 1, OPTIONS, high), 1);
  });

  test("no further poll once the deadline is reached or passed (never a zero delay)", () => {
    for (const remaining of [0, -1, -60_000, Number.NaN]) {
      assert.equal(nextPollDelayMs(3, remaining, OPTIONS, high), undefined, String(remaining));
    }
  });
});
