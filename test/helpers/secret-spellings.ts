// The spellings a server may echo a secret in, for the tests that plant secrets and search the
// output for them (test/cli/secrets-echo.test.ts, test/e2e/terraform-secrets.test.ts).

/** Every byte percent-encoded, lower-case hex. */
export const percentAll = (s: string): string => Array.from(Buffer.from(s), (b) => `%${b.toString(16).padStart(2, "0")}`).join("");

/** Every character as a JSON `\uXXXX` escape, lower-case hex. */
export const jsonUnicode = (s: string): string => Array.from(s, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");

/** The spellings of `secret` by name: plain, re-cased, percent- and form-encoded, JSON-escaped, base64. */
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
  };
}

/** The first spelling of `secret` that `text` holds (case-insensitively), or `undefined`. */
export function findSpelling(text: string, secret: string): string | undefined {
  const lower = text.toLowerCase();
  return Object.entries(spellings(secret)).find(([, spelled]) => text.includes(spelled) || lower.includes(spelled.toLowerCase()))?.[0];
}
