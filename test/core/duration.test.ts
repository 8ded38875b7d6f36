import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { formatDuration, parseDuration } from "../../src/core/duration";
import { InvalidInputError } from "../../src/core/errors";

const S = 1_000;
const M = 60 * S;
const H = 60 * M;

describe("parseDuration", () => {
  test("accepts units, combinations and plain seconds", () => {
    const cases: Array<[string, number]> = [
      ["90s", 90 * S],
      ["15m", 15 * M],
      ["2h", 2 * H],
      ["1h30m", H + 30 * M],
      ["1h30m15s", H + 30 * M + 15 * S],
      ["1h0m", H],
      ["2m30s", 2 * M + 30 * S],
      ["600", 600 * S],
      ["1", S],
      [" 5m ", 5 * M],
      ["\t45s\n", 45 * S],
      ["0h5m", 5 * M],
    ];
    for (const [text, ms] of cases) assert.equal(parseDuration(text, "--timeout"), ms, JSON.stringify(text));
  });

  test("rejects empty, zero, negative, fractional, unknown units and malformed text", () => {
    const cases = [
      "",
      "  ",
      "0",
      "0s",
      "0h0m0s",
      "1d",
      "-5",
      "-5m",
      "abc",
      "1.5h",
      "m",
      "h",
      "5 m",
      "5M",
      "1m1h",
      "30s1m",
      "1h 30m",
      "+5",
      "1e3",
      "99999999999999999999h",
    ];
    for (const text of cases) {
      assert.throws(
        () => parseDuration(text, "--timeout"),
        (error: unknown) => {
          assert.ok(error instanceof InvalidInputError, JSON.stringify(text));
          assert.equal(error.field, "--timeout");
          assert.match(error.message, /^--timeout: invalid duration/);
          assert.match(error.message, /90s, 15m, 2h, 1h30m/);
          assert.doesNotMatch(error.message, /\n/);
          return true;
        },
        JSON.stringify(text),
      );
    }
  });
});

describe("formatDuration", () => {
  test("formats whole seconds as h/m/s, dropping zero parts", () => {
    const cases: Array<[number, string]> = [
      [0, "0s"],
      [-5 * S, "0s"],
      [400, "0s"],
      [500, "1s"],
      [S, "1s"],
      [59 * S, "59s"],
      [M, "1m"],
      [90 * S, "1m30s"],
      [H, "1h"],
      [H + 30 * M, "1h30m"],
      [H + 5 * S, "1h5s"],
      [2 * H + M + S, "2h1m1s"],
      [26 * H, "26h"],
    ];
    for (const [ms, text] of cases) assert.equal(formatDuration(ms), text, String(ms));
  });

  test("round-trips with parseDuration", () => {
    for (const text of ["90s", "15m", "2h", "1h30m", "3h2m1s"]) {
      const ms = parseDuration(text, "--timeout");
      assert.equal(parseDuration(formatDuration(ms), "--timeout"), ms, text);
    }
  });
});
