// JSON.stringify escapes C0 controls, `"` and `\` but writes the rest of what steers a terminal or
// a log as is: DEL, C1 controls (8-bit CSI U+009B among them), format characters (bidi controls,
// zero-width characters, soft hyphen, U+FEFF, tags) and U+2028/U+2029 (line breaks to some
// readers). JSON written for people or pipes escapes those too; parsed, the values are the same.
const UNSAFE = /[\u007f-\u009f\u2028\u2029\p{Cf}]/gu;

const escape = (char: string): string =>
  Array.from({ length: char.length }, (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, "0")}`).join("");

/**
 * `JSON.stringify(value, null, indent)` with every DEL, C1, format (\p{Cf}), U+2028 and U+2029
 * character written as a `\uXXXX` escape (both halves of a surrogate pair for a tag character).
 * Outside strings JSON text is ASCII, so only string contents change, and only in spelling.
 */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE, escape);
}
