// Server text (statuses, codes, messages, ids, header values) is data: on a terminal or in
// Terraform's log it must not move the cursor, recolour, retitle, reorder (bidi) or start a new,
// forged line. The sequences are matched by their ECMA-48 (ISO 6429) syntax rather than with
// Node's util.stripVTControlCharacters, whose ansi-regex pattern leaves most of an OSC string with
// spaces in it (ESC ] 0 ; my title BEL keeps "y title" and the BEL) and all of DCS/APC/PM/SOS, and
// strips neither lone controls nor bidi controls. test/core/sanitize.test.ts holds the corpus.

/**
 * Whole escape sequences, so that their parameters do not survive as visible debris. core/redact.ts
 * reads its source too: a secret split by these is reassembled by sanitizeLine.
 */
export const ESCAPE_SEQUENCE = new RegExp(
  [
    // CSI (ESC [ or 8-bit U+009B): parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, a final byte 0x40-0x7E.
    "(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]",
    // Command strings: OSC, DCS, SOS, PM, APC (7-bit ESC ] P X ^ _, or 8-bit), up to ST (ESC \ or
    // U+009C) or, as xterm takes it for OSC, BEL. An unterminated one loses only its introducer
    // (next rule): the rest stays visible as plain text rather than vanishing. The body stops at
    // any ESC or C1, so a text full of introducers is scanned in linear time.
    "(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d\\u009e\\u009f])[^\\u0007\\u001b\\u0080-\\u009f]*(?:\\u0007|\\u001b\\\\|\\u009c)",
    // nF escapes (ESC, intermediates 0x20-0x2F, a final 0x30-0x7E: character set designations such as ESC ( B).
    "\\u001b[\\u0020-\\u002f]+[\\u0030-\\u007e]",
    // Fp, Fe and Fs escapes: ESC and one byte 0x30-0x7E (ESC 7, ESC M, ESC c, ESC ] alone, ...).
    "\\u001b[\\u0030-\\u007e]",
  ].join("|"),
  "g",
);

// Characters that break a line or a column (tabs too): each run becomes one space, so words stay apart.
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

// Everything else invisible that steers the output: the rest of C0, DEL and C1 (Cc), and the
// format characters (Cf): bidi controls (U+061C, U+200E/U+200F, U+202A-U+202E, U+2066-U+2069),
// zero-width characters, U+FEFF, soft hyphen, tags.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/**
 * Makes text from a server safe to print as (part of) one line: removes terminal escape
 * sequences whole, turns line and column breaks into a space and drops every other control and
 * format character (bidi controls included). Idempotent; printable text is left as is.
 */
export function sanitizeLine(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, "").replace(LINE_BREAKS, " ").replace(INVISIBLE, "");
}

/** Service-supplied text made safe for inside a one-line message: {@link sanitizeLine}, whitespace runs collapsed, trimmed. */
export function oneLine(value: string): string {
  return sanitizeLine(value).replace(/\s+/g, " ").trim();
}
