// The spellings a server may echo a secret in, for the tests that plant secrets and search the
// output for them (test/cli/secrets-echo.test.ts, test/e2e/terraform-secrets.test.ts).

import { sanitizeLine } from "../../src/core/sanitize";

/**
 * An escape sequence, a zero-width space and a soft hyphen inserted at a quarter, half and three
 * quarters: invisible on a terminal, and removed by sanitizeLine, which reassembles the secret.
 */
export const splitInvisibly = (s: string): string => {
  const at = [Math.floor(s.length / 4), Math.floor(s.length / 2), Math.floor((s.length * 3) / 4)];
  return [s.slice(0, at[0]), "\u001b[0m", s.slice(at[0], at[1]), "\u200b", s.slice(at[1], at[2]), "\u00ad", s.slice(at[2])].join("");
};

/** Every byte percent-encoded, lower-case hex. */
export const percentAll = (s: string): string => Array.from(Buffer.from(s), (b) => `%${b.toString(16).padStart(2, "0")}`).join("");

/** Every character as a JSON `\uXXXX` escape, lower-case hex. */
export const jsonUnicode = (s: string): string => Array.from(s, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");

/** The spellings of `secret` by name: plain, re-cased, percent- and form-encoded, JSON-escaped, base64, split by invisible characters. */
export function spellings(secret: string): Record<string, string> {
  const base64 = Buffer.from(secret).toString("base64");
  return {
    plain: secret,
    "upper case": secret.toUpperCase(),
    encodeURIComponent: encodeURIComponent(secret),
    "percent, lower hex": percentAll(secret),
    "percent, upper hex": percentAll(secret).toUpperCase(),
    form: new URLSearchParams({ k: secret }).toString().slice(2),
    "JSON \\u escapes": jsonUnicode(secret),
    "JSON \\u escapes, upper hex": jsonUnicode(secret).replace(/\\u([0-9a-f]{4})/g, (_, h: string) => `\\u${h.toUpperCase()}`),
    "escaped slashes": secret.replace(/\//g, "\\/"),
    base64: base64.replace(/=+$/, ""),
    base64url: base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""),
    "split by ESC [ 0 m, U+200B and U+00AD": splitInvisibly(secret),
  };
}

/**
 * The first spelling of `secret` that `text` holds (case-insensitively), or `undefined`; also the
 * secret split by invisible characters, raw or JSON-escaped (one decode from plain, as in a
 * Terraform state), found by looking for it plain once those are removed.
 */
export function findSpelling(text: string, secret: string): string | undefined {
  const lower = text.toLowerCase();
  const found = Object.entries(spellings(secret)).find(
    ([, spelled]) => text.includes(spelled) || lower.includes(spelled.toLowerCase()),
  )?.[0];
  if (found !== undefined) return found;
  const decoded = text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const stripped = sanitizeLine(decoded).toLowerCase();
  return stripped.includes(secret.toLowerCase()) ? "split by invisible characters (seen with them removed)" : undefined;
}
