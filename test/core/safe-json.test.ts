// stdout's JSON: values exact once parsed, and no control, format, bidi or line separator
// character in the text (JSON.stringify leaves DEL, C1, \p{Cf}, U+2028 and U+2029 as they are).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { safeJson } from "../../src/core/safe-json";

// Every control character but the newlines of indented output.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]/u;
const HOSTILE = [
  "\u0000\u001b[31mred\u001b[0m\u0007",
  "\u007f\u0085\u009b31m\u009c\u009f",
  "\u061c\u200e\u200f\u202a\u202e\u2066\u2069",
  "zero\u200bwidth\u200c\u200d\u2060\ufeff soft\u00adhyphen",
  "line\u2028para\u2029",
  "tag \u{e0001}\u{e0041}\u{e007f}",
  "plain ünïcødé 漢字 😀 \ud800 lone",
];

describe("core/safe-json", () => {
  const value = { status: HOSTILE[0], list: HOSTILE, nested: { [HOSTILE[2]!]: HOSTILE[5], n: 1, ok: true, none: null } };

  for (const indent of [undefined, 2]) {
    test(`parses back to the same value, and the text has no unsafe character (indent ${indent})`, () => {
      const text = safeJson(value, indent);
      assert.ok(!UNSAFE.test(text), text);
      assert.deepEqual(JSON.parse(text), value);
      for (const s of HOSTILE) assert.equal(JSON.parse(safeJson(s)), s);
    });
  }

  test("is JSON.stringify for safe values", () => {
    const plain = { a: 'b/c "q" \\ ünï 😀', n: [1, 2.5, -3], t: false };
    assert.equal(safeJson(plain), JSON.stringify(plain));
    assert.equal(safeJson(plain, 2), JSON.stringify(plain, null, 2));
  });

  test("escapes as \\uXXXX (both halves of a surrogate pair)", () => {
    assert.equal(safeJson("\u009b\u200b\u2028\u{e0041}"), '"\\u009b\\u200b\\u2028\\udb40\\udc41"');
  });
});
