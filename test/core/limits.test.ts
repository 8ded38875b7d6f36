import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import {
  APP_JOB_ID_MAX_LENGTH,
  codePointLength,
  COUNT_APP_SUB_JOBS_JOB_TYPE_MAX_LENGTH,
  COUNT_IMAGE_SUB_JOBS_JOB_TYPE_MAX_LENGTH,
  findControlCharacter,
  isProjectId,
  isRegion,
  JOB_ID_MAX_LENGTH,
  jobIdProblem,
  PROJECT_ID_ACCEPTED,
  REGION_ACCEPTED,
  textProblem,
} from "../../src/core/limits";

const EMOJI = "\u{1F600}"; // one code point, two UTF-16 units

describe("core/limits", () => {
  test("is pure: imports nothing, so constructs/ may use it (test/constructs/layering.test.ts)", () => {
    const source = readFileSync(join(__dirname, "..", "..", "src", "core", "limits.ts"), "utf8");
    assert.doesNotMatch(source, /^\s*(import|export\s+[^;]*\bfrom\b)/m);
    assert.doesNotMatch(source, /\brequire\(|\bimport\(/);
  });

  test("the API limits", () => {
    assert.deepEqual(
      [JOB_ID_MAX_LENGTH, APP_JOB_ID_MAX_LENGTH, COUNT_IMAGE_SUB_JOBS_JOB_TYPE_MAX_LENGTH, COUNT_APP_SUB_JOBS_JOB_TYPE_MAX_LENGTH],
      [128, 255, 128, 256],
    );
  });

  test("codePointLength counts code points, not UTF-16 units", () => {
    assert.equal(codePointLength(""), 0);
    assert.equal(codePointLength("abc"), 3);
    assert.equal(codePointLength(EMOJI), 1);
    assert.equal(EMOJI.length, 2);
    assert.equal(codePointLength(EMOJI.repeat(128)), 128);
    assert.equal(codePointLength(`a${EMOJI}b\u00e9`), 4);
    // A lone surrogate is one (ill-formed) code point.
    assert.equal(codePointLength("\ud83d"), 1);
  });

  test("control characters: C0, DEL, C1, line separators, bidi and other format characters", () => {
    const refused = [
      ["a\nb", "\u0000", "x\u001f", "\u007f", "tab\there", "\u001b[31m"],
      // C1, 8-bit CSI and NEL
      ["\u0080", "a\u009b31m", "\u0085", "\u009f"],
      // bidi controls: embeddings and overrides, isolates, marks
      ["\u202a", "\u202b", "\u202c", "\u202d", "abc\u202egnp.exe", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"],
      // line and paragraph separators; zero-width and other invisible format characters
      ["\u2028", "\u2029", "\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u{e0041}"],
    ].flat();
    for (const text of refused) assert.equal(findControlCharacter(text) !== undefined, true, JSON.stringify(text));
    for (const text of ["", "abc", " ", "\u00a0", "\u00e9", "\u4e2d", EMOJI, "a;b|c$(d)", "\u3000"])
      assert.equal(findControlCharacter(text) !== undefined, false, JSON.stringify(text));
    // Repeated calls give the same answer (no regex state carried over).
    assert.equal(findControlCharacter("a\n") !== undefined, true);
    assert.equal(findControlCharacter("a\n") !== undefined, true);
  });

  test("findControlCharacter reports the first one as U+XXXX at a code-point position", () => {
    assert.equal(findControlCharacter("abc"), undefined);
    assert.deepEqual(findControlCharacter("70236\n4883"), { code: "U+000A", position: 6 });
    assert.deepEqual(findControlCharacter(`${EMOJI}${EMOJI}\u007f\u0000`), { code: "U+007F", position: 3 });
    assert.deepEqual(findControlCharacter("ab\u202ec"), { code: "U+202E", position: 3 });
    assert.deepEqual(findControlCharacter("\u009b"), { code: "U+009B", position: 1 });
    // An astral format character (a tag) is named by its code point, not half a surrogate pair.
    assert.deepEqual(findControlCharacter(`${EMOJI}\u{e0041}`), { code: "U+E0041", position: 2 });
  });

  test("textProblem: length first, then control characters; empty is fine", () => {
    assert.equal(textProblem("", 3), undefined);
    assert.equal(textProblem(EMOJI.repeat(3), 3), undefined);
    assert.deepEqual(textProblem(EMOJI.repeat(4), 3), { kind: "too-long", length: 4, max: 3 });
    assert.deepEqual(textProblem("a\nbcd", 3), { kind: "too-long", length: 5, max: 3 });
    assert.deepEqual(textProblem("a\nb", 3), { kind: "control-character", code: "U+000A", position: 2 });
  });

  test("jobIdProblem: 1 to max code points without control characters", () => {
    assert.deepEqual(jobIdProblem("", JOB_ID_MAX_LENGTH), { kind: "empty" });
    // Dot segments would be collapsed by URL parsing and reach another path.
    assert.deepEqual(jobIdProblem(".", JOB_ID_MAX_LENGTH), { kind: "dot-segment" });
    assert.deepEqual(jobIdProblem("..", JOB_ID_MAX_LENGTH), { kind: "dot-segment" });
    assert.equal(jobIdProblem("...", JOB_ID_MAX_LENGTH), undefined);
    assert.equal(jobIdProblem("a..b", JOB_ID_MAX_LENGTH), undefined);
    assert.equal(jobIdProblem("x".repeat(128), JOB_ID_MAX_LENGTH), undefined);
    assert.equal(jobIdProblem(EMOJI.repeat(128), JOB_ID_MAX_LENGTH), undefined);
    assert.deepEqual(jobIdProblem(EMOJI.repeat(129), JOB_ID_MAX_LENGTH), { kind: "too-long", length: 129, max: 128 });
    assert.equal(jobIdProblem("x".repeat(255), APP_JOB_ID_MAX_LENGTH), undefined);
    assert.deepEqual(jobIdProblem("x".repeat(256), APP_JOB_ID_MAX_LENGTH), { kind: "too-long", length: 256, max: 255 });
    assert.deepEqual(jobIdProblem("job\t1", JOB_ID_MAX_LENGTH), { kind: "control-character", code: "U+0009", position: 4 });
    assert.deepEqual(jobIdProblem("job\u009b1", JOB_ID_MAX_LENGTH), { kind: "control-character", code: "U+009B", position: 4 });
    assert.deepEqual(jobIdProblem("job\u202e1", JOB_ID_MAX_LENGTH), { kind: "control-character", code: "U+202E", position: 4 });
    // Shell metacharacters are the transport's business (percent-encoding), not a limit.
    assert.equal(jobIdProblem("$(rm -rf /);`x`|&'\"", JOB_ID_MAX_LENGTH), undefined);
  });

  test("region ids", () => {
    for (const region of ["cn-north-4", "ap-southeast-1", "eu-west-101", "la-north-2", "cn-north-4a", "cn-east-3"])
      assert.equal(isRegion(region), true, region);
    for (const region of [
      "",
      "cn",
      "CN-NORTH-4",
      "cn_north_4",
      "c-north-4",
      "cn-north-4 ",
      " cn-north-4",
      "cn-north-",
      "cn--north",
      "cn-north/4",
      "cn-north-4\n",
      "example.com",
    ]) {
      assert.equal(isRegion(region), false, JSON.stringify(region));
    }
    assert.equal(REGION_ACCEPTED, "a region id like cn-north-4 or ap-southeast-1");
  });

  test("project ids", () => {
    for (const id of ["a", "0123456789abcdef0123456789abcdef", "proj_01-X", "p".repeat(128)]) assert.equal(isProjectId(id), true, id);
    for (const id of ["", "a/b", "../admin", "a b", "a.b", "p".repeat(129), "a\n", "\u00e9", EMOJI])
      assert.equal(isProjectId(id), false, JSON.stringify(id));
    assert.equal(PROJECT_ID_ACCEPTED, "1-128 letters, digits, '-' or '_'");
  });
});
