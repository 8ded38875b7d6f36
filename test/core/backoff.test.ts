import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { backoffDelayMs, nextPollDelayMs } from "../../src/core/backoff";

const OPTIONS = { minDelayMs: 5_000, maxDelayMs: 60_000 };
const low = () => 0;
const high = () => 0.999999;

describe("backoffDelayMs", () => {
  test("attempt 1 is exactly the minimum", () => {
    assert.equal(backoffDelayMs(1, OPTIONS, high), 5_000);
    assert.equal(backoffDelayMs(1, OPTIONS, low), 5_000);
  });

  test("uniform in [min, min·2^(n−1)] while under the ceiling, then uniform in [max/2, max]", () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 30, 2000].map((n) => backoffDelayMs(n, OPTIONS, high)),
      [5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000, 60_000, 60_000],
    );
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 2000].map((n) => backoffDelayMs(n, OPTIONS, low)),
      [5_000, 5_000, 5_000, 5_000, 30_000, 30_000, 30_000],
    );
    assert.equal(
      backoffDelayMs(3, OPTIONS, () => 0.5),
      12_500,
    );
    assert.equal(
      backoffDelayMs(9, OPTIONS, () => 0.5),
      45_000,
    );
  });

  test("a range that reaches the ceiling exactly is still the growing phase", () => {
    // 5 s · 2^2 = 20 s = max: uniform in [min, max], not yet [max/2, max].
    assert.equal(backoffDelayMs(3, { minDelayMs: 5_000, maxDelayMs: 20_000 }, low), 5_000);
    assert.equal(backoffDelayMs(4, { minDelayMs: 5_000, maxDelayMs: 20_000 }, low), 10_000);
  });

  test("once capped, the floor is the minimum when that is above max/2", () => {
    const options = { minDelayMs: 40_000, maxDelayMs: 60_000 };
    assert.equal(backoffDelayMs(5, options, low), 40_000);
    assert.equal(backoffDelayMs(5, options, high), 60_000);
  });

  test("capped delays stay jittered, so waiters started together do not poll in lockstep", () => {
    let seed = 7;
    const lcg = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const delays = Array.from({ length: 200 }, () => backoffDelayMs(20, OPTIONS, lcg));
    assert.ok(
      delays.every((d) => d >= 30_000 && d <= 60_000),
      "within [max/2, max]",
    );
    assert.ok(new Set(delays).size > 150, `distinct delays: ${new Set(delays).size}`);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    assert.ok(mean > 40_000 && mean < 50_000, `uniform over the range, mean ${mean}`);
  });

  test("every delay stays within [min, max] whatever the random source says", () => {
    let seed = 42;
    const lcg = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let n = 1; n <= 40; n++) {
      for (let i = 0; i < 50; i++) {
        const delay = backoffDelayMs(n, OPTIONS, lcg);
        const upper = 5_000 * 2 ** (n - 1);
        const [lo, hi] = upper > 60_000 ? [30_000, 60_000] : [5_000, upper];
        assert.ok(delay >= lo && delay <= hi, `attempt ${n}: ${delay}`);
        assert.ok(Number.isInteger(delay));
      }
    }
  });

  test("min equal to max gives a fixed interval", () => {
    assert.deepEqual(
      [1, 2, 3].map((n) => backoffDelayMs(n, { minDelayMs: 1_000, maxDelayMs: 1_000 }, high)),
      [1_000, 1_000, 1_000],
    );
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

  test("capped, jittered delays are trimmed to the deadline too", () => {
    assert.equal(nextPollDelayMs(20, 25_000, OPTIONS, low), 25_000);
    assert.equal(nextPollDelayMs(20, 50_000, OPTIONS, low), 30_000);
  });

  test("no further poll once the deadline is reached or passed (never a zero delay)", () => {
    for (const remaining of [0, -1, -60_000, Number.NaN]) {
      assert.equal(nextPollDelayMs(3, remaining, OPTIONS, high), undefined, String(remaining));
    }
  });
});
