// The sanitizer of server text against a corpus of terminal escape sequences, lone controls,
// line separators and bidi controls: each case is what a hostile or broken server may send.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { sanitizeLine } from "../../src/core/sanitize";

const ESC = "\u001b";
const BEL = "\u0007";
const ST = `${ESC}\\`;

/** [name, input, expected output] */
const CORPUS: ReadonlyArray<readonly [string, string, string]> = [
  // CSI (ECMA-48 8.3.16), 7-bit and 8-bit
  ["SGR colour", `a${ESC}[31mred${ESC}[0mb`, "aredb"],
  ["SGR without parameters", `a${ESC}[mb`, "ab"],
  ["SGR with many parameters", `a${ESC}[1;38;5;196;48;2;0;0;0mb`, "ab"],
  ["cursor up and erase line", `a${ESC}[1A${ESC}[2Kb`, "ab"],
  ["private mode (hide cursor)", `a${ESC}[?25lb`, "ab"],
  ["clear screen and home", `${ESC}[2J${ESC}[Hx`, "x"],
  ["CSI with an intermediate byte", `a${ESC}[1 qb`, "ab"],
  ["8-bit CSI U+009B", `a\u009b31mb`, "ab"],
  ["8-bit CSI cursor up", `a\u009b2Ab`, "ab"],
  // OSC, DCS, APC, PM, SOS: whole command strings
  ["OSC title ended by BEL", `a${ESC}]0;my title${BEL}b`, "ab"],
  ["OSC title ended by ST", `a${ESC}]2;my title${ST}b`, "ab"],
  ["OSC 8 hyperlink", `a${ESC}]8;;https://evil.example/?q=1${ST}link${ESC}]8;;${ST}b`, "alinkb"],
  ["OSC 52 clipboard write", `a${ESC}]52;c;cm0gLXJmIC8=${BEL}b`, "ab"],
  ["8-bit OSC ended by 8-bit ST", `a\u009d0;title\u009cb`, "ab"],
  ["DCS (sixel)", `a${ESC}Pq#0;2;0;0;0#0~~${ST}b`, "ab"],
  ["APC", `a${ESC}_Gf=100;AAAA${ST}b`, "ab"],
  ["PM and SOS", `a${ESC}^private${ST}${ESC}Xstring${ST}b`, "ab"],
  ["8-bit DCS", `a\u0090payload\u009cb`, "ab"],
  ["unterminated OSC keeps its text, loses its introducer", `a${ESC}]0;title`, "a0;title"],
  // Other escapes
  ["charset designation (nF)", `a${ESC}(Bb`, "ab"],
  ["save/restore cursor (Fp)", `a${ESC}7x${ESC}8b`, "axb"],
  ["reverse index and reset (Fe, Fs)", `a${ESC}M${ESC}cb`, "ab"],
  ["lone ESC at the end", `ab${ESC}`, "ab"],
  ["ESC SP F is one nF escape (announce 7-bit controls)", `a${ESC} Fb`, "ab"],
  ["lone ESC before a newline", `a${ESC}\nb`, "a b"],
  ["double ESC", `a${ESC}${ESC}[31mb`, "ab"],
  // Lone controls
  ["CR (overwrites the line)", "done\rFORGED", "done FORGED"],
  ["CRLF", "a\r\nb", "a b"],
  ["LF", "line1\nline2", "line1 line2"],
  [
    "newline forging a hwjobs line",
    "RUNNING\nhwjobs: ims-job 1 succeeded; resource FORGED",
    "RUNNING hwjobs: ims-job 1 succeeded; resource FORGED",
  ],
  ["tab, vertical tab, form feed", "a\tb\u000bc\u000cd", "a b c d"],
  ["backspace", "abc\b\b\bxyz", "abcxyz"],
  ["NUL", "a\u0000b", "ab"],
  ["BEL", `a${BEL}b`, "ab"],
  ["DEL", "a\u007fb", "ab"],
  ["C1 NEL (a line break)", "a\u0085b", "a b"],
  ["other C1 controls", "a\u0080\u0084\u008d\u009cb", "ab"],
  ["line and paragraph separators", "a\u2028b\u2029c", "a b c"],
  // Bidi and other format characters
  ["RLO/PDF (Trojan Source)", "abc\u202egnp.exe\u202c", "abcgnp.exe"],
  ["LRE, RLE, LRO", "\u202a\u202b\u202dx", "x"],
  ["isolates LRI RLI FSI PDI", "\u2066a\u2067b\u2068c\u2069", "abc"],
  ["LRM, RLM, ALM", "a\u200eb\u200fc\u061cd", "abcd"],
  ["zero-width space, joiner, non-joiner, word joiner, BOM", "s\u200be\u200cc\u200dr\u2060e\ufeff t", "secre t"],
  ["soft hyphen", "a\u00adb", "ab"],
  // Left alone
  ["plain text", "FAILED: image build failed (code 42)", "FAILED: image build failed (code 42)"],
  ["non-ASCII letters and emoji", "ü-ß-中文 \u{1F600}", "ü-ß-中文 \u{1F600}"],
  ["no-break space", "a\u00a0b", "a\u00a0b"],
  ["brackets that are not escapes", "[31m] ]0;x", "[31m] ]0;x"],
  ["empty", "", ""],
];

describe("core/sanitize: sanitizeLine", () => {
  test("is pure: imports nothing (core/errors.ts uses it, and constructs/ uses core/errors.ts)", () => {
    const source = readFileSync(join(__dirname, "..", "..", "src", "core", "sanitize.ts"), "utf8");
    assert.doesNotMatch(source, /^\s*(import|export\s+[^;]*\bfrom\b)/m);
    assert.doesNotMatch(source, /\brequire\(|\bimport\(/);
  });

  for (const [name, input, expected] of CORPUS) {
    test(name, () => assert.equal(sanitizeLine(input), expected, JSON.stringify(input)));
  }

  test("no output holds a control, escape, separator or format character", () => {
    for (const [, input] of CORPUS) {
      assert.doesNotMatch(sanitizeLine(input), /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u, JSON.stringify(input));
    }
  });

  test("is idempotent", () => {
    for (const [, input] of CORPUS) assert.equal(sanitizeLine(sanitizeLine(input)), sanitizeLine(input));
  });

  test("a long hostile text is handled in linear time", () => {
    const hostile = [`${ESC}]`, `${ESC}[`, "\u009b1;", "\u009d", "\u009dxy", `${ESC}]0;`].map((s) => s.repeat(50_000)).join("");
    const started = Date.now();
    const out = sanitizeLine(hostile);
    assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
    assert.doesNotMatch(out, /[\p{Cc}]/u);
  });
});
