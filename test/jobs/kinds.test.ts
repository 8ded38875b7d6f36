import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInputError } from "../../src/core/errors";
import { ExitCode } from "../../src/core/exit-codes";
import { isJobKindName, JOB_ID_MAX_LENGTHS, JOB_KINDS, parseJobKind, validateJobId } from "../../src/jobs/kinds";

function invalid(fn: () => unknown): InvalidInputError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof InvalidInputError, `expected InvalidInputError, got ${String(error)}`);
    assert.equal(error.exitCode, ExitCode.USAGE);
    assert.doesNotMatch(error.message, /\n/);
    return error;
  }
  assert.fail("expected a throw");
}

describe("parseJobKind", () => {
  for (const kind of JOB_KINDS) {
    test(`accepts ${kind}`, () => {
      assert.equal(parseJobKind(kind, "kind"), kind);
      assert.ok(isJobKindName(kind));
    });
  }

  test("rejects anything else with a one-line message naming the field and the accepted kinds", () => {
    const error = invalid(() => parseJobKind("foo", "kind"));
    assert.equal(error.message, 'kind: unknown job kind "foo"; accepted: image-job, app-job, ims-job');
    assert.equal(error.field, "kind");
  });

  for (const text of ["", "IMAGE-JOB", " image-job", "image_job", "constructor", "ims-job\n"]) {
    test(`rejects ${JSON.stringify(text)}`, () => {
      const error = invalid(() => parseJobKind(text, "HWJOBS_KIND"));
      assert.match(error.message, /^HWJOBS_KIND: unknown job kind /);
      assert.ok(!isJobKindName(text));
    });
  }
});

describe("validateJobId", () => {
  test("limits: 255 for app-job, 128 otherwise", () => {
    assert.deepEqual(JOB_ID_MAX_LENGTHS, { "image-job": 128, "app-job": 255, "ims-job": 128 });
  });

  for (const kind of JOB_KINDS) {
    const max = JOB_ID_MAX_LENGTHS[kind];
    test(`${kind}: 1 and ${max} characters pass, 0 and ${max + 1} fail`, () => {
      assert.equal(validateJobId(kind, "7", "job-id"), "7");
      assert.equal(validateJobId(kind, "x".repeat(max), "job-id"), "x".repeat(max));
      assert.match(
        invalid(() => validateJobId(kind, "", "job-id")).message,
        new RegExp(`^job-id: job id is empty; a ${kind} id has 1 to ${max} characters$`),
      );
      const long = invalid(() => validateJobId(kind, "x".repeat(max + 1), "job-id"));
      assert.equal(long.message, `job-id: job id has ${max + 1} characters; a ${kind} id has at most ${max}`);
      assert.equal(long.field, "job-id");
    });
  }

  test("counts code points, not UTF-16 units", () => {
    const emoji = "😀".repeat(128);
    assert.equal(validateJobId("ims-job", emoji, "job-id"), emoji);
  });

  test("real id shapes pass", () => {
    assert.equal(validateJobId("image-job", "702364883651395584", "id"), "702364883651395584");
    assert.equal(validateJobId("ims-job", "ff8080814dbd65d7014dbe0d84db0013", "id"), "ff8080814dbd65d7014dbe0d84db0013");
  });

  test("shell metacharacters, spaces, slashes and quotes pass through verbatim", () => {
    for (const id of ["a b", "$(rm -rf /)", "`id`", "x;y|z&w", "../../etc/passwd", "'\"\\", "%2F?#", "ü-ß-中文", "\u00a0\u3000"]) {
      assert.equal(validateJobId("image-job", id, "job-id"), id);
    }
  });

  test("control characters are rejected, naming the character and its position", () => {
    const cases: Array<[string, string, number]> = [
      ["abc\n", "000A", 4],
      ["\u0000", "0000", 1],
      ["a\u001fb", "001F", 2],
      ["x\u007f", "007F", 2],
      ["\t12", "0009", 1],
      ["😀\u001b[31m", "001B", 2],
      ["a\u009b31m", "009B", 2],
      ["12\u202e34", "202E", 3],
      ["\u2066x", "2066", 1],
      ["x\u2028", "2028", 2],
    ];
    for (const [id, code, position] of cases) {
      const error = invalid(() => validateJobId("app-job", id, "HWJOBS_JOB_ID"));
      assert.match(error.message, new RegExp(`^HWJOBS_JOB_ID: job id contains control character U\\+${code} at position ${position};`));
    }
  });
});
