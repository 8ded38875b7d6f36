import { CREDENTIAL_ENV, type Credentials } from "./credentials";
import { ESCAPE_SEQUENCE } from "./sanitize";

/** What replaces a secret. */
export const REDACTED = "***";

/** Replaces credential secrets in text and in parsed JSON. */
export interface Redactor {
  /** `text` with every secret, plain or encoded (see {@link createRedactor}), replaced by {@link REDACTED}. */
  redact(text: string): string;
  /**
   * A JSON value with {@link Redactor.redact} applied to every string in it (object keys too), so
   * the JSON written from it stays valid: redacting serialized JSON could cut an escape in half.
   */
  redactJson<T>(value: T): T;
}

/**
 * Shorter values are not redacted: no HUAWEI CLOUD credential is this short (a secret key has 40
 * characters, tokens hundreds or thousands), and replacing, say, "b" in any case would garble
 * every line while protecting nothing.
 */
export const MIN_SECRET_LENGTH = 8;

// Characters of a secret that find the places it may start at.
const PREFIX_LENGTH = 6;

// Below this many characters a base64 run is too short to tell a secret from chance.
const MIN_BASE64_RUN = 8;

const regexEscape = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
/**
 * What vanishes when text is made one line (core/sanitize.ts): escape sequences and control or
 * format characters (ESC [ 0 m, U+200B, U+00AD, bidi controls). A server splitting a secret with
 * these would get it past a redactor that only looked at the text as is, and the table or an error
 * message would then reassemble it. Linear-time, as sanitizeLine is.
 */
const GAP_RUN = new RegExp(`(?:${ESCAPE_SEQUENCE.source}|[\\p{Cc}\\p{Cf}])+`, "gu");
const HAS_GAP = /[\p{Cc}\p{Cf}]/u;

/** `text` without its {@link GAP_RUN}s, and where each of its characters is in `text`. */
function withoutGaps(text: string): { shadow: string; at: Int32Array } {
  const kept: string[] = [];
  const at = new Int32Array(text.length + 1);
  let length = 0;
  let done = 0;
  const keep = (end: number) => {
    kept.push(text.slice(done, end));
    for (let i = done; i < end; i++) at[length++] = i;
  };
  for (const m of text.matchAll(GAP_RUN)) {
    keep(m.index);
    done = m.index + m[0].length;
  }
  keep(text.length);
  return { shadow: kept.join(""), at: at.subarray(0, length) };
}

const hex2 = (n: number): string => n.toString(16).padStart(2, "0");

/** JSON's two-character escapes (a printable secret has at most `"`, `\` and `/` of these). */
const JSON_SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "/": "\\/",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

/**
 * Every way one character of a secret may be spelled by a server echoing it: as is; percent-encoded
 * (any hex case, also twice: `%252F`); JSON-escaped (`\u002f`, `\/`); form-encoded (`+` for a
 * space); or as an HTML numeric entity. Per character, so mixed spellings (encodeURIComponent
 * leaves `-` and `~` alone, URLSearchParams does not) are all caught.
 */
function characterPattern(char: string): string {
  const bytes = [...Buffer.from(char, "utf8")];
  const units = Array.from({ length: char.length }, (_, i) => char.charCodeAt(i));
  const codePoint = char.codePointAt(0)!;
  const forms = [
    regexEscape(char),
    bytes.map((b) => `%(?:25)?${hex2(b)}`).join(""),
    units.map((u) => `\\\\u${u.toString(16).padStart(4, "0")}`).join(""),
    `&#0*${codePoint};`,
    `&#x0*${codePoint.toString(16)};`,
  ];
  const short = JSON_SHORT_ESCAPES[char];
  if (short !== undefined) forms.push(regexEscape(short));
  if (char === " ") forms.push("\\+");
  return `(?:${forms.join("|")})`;
}

/**
 * The stretches of base64 (standard and URL-safe) that the secret's bytes alone decide, at each
 * of the three alignments it can start at in encoded data: an echoed `Authorization: Basic` header
 * or a base64 debug dump then loses at most the few edge characters it shares with its neighbours.
 */
function base64Runs(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const runs: string[] = [];
  // With `skip` bytes before it, the first 0, 2 or 3 characters also depend on those bytes.
  for (const [skip, dropped] of [
    [0, 0],
    [1, 2],
    [2, 3],
  ] as const) {
    const whole = Math.floor((skip + bytes.length) / 3) * 3;
    const encoded = Buffer.concat([Buffer.alloc(skip), bytes])
      .subarray(0, whole)
      .toString("base64");
    const run = encoded.slice(dropped);
    if (run.length >= MIN_BASE64_RUN) runs.push(run, run.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return runs;
}

/**
 * A redactor of the given secrets (missing ones, and those shorter than {@link MIN_SECRET_LENGTH},
 * are ignored). It catches each secret plain (in any letter case: a re-cased echo still gives
 * most of it away), percent-encoded (also form-style and double-encoded), JSON-escaped, as HTML
 * entities, in any mix of these, and as base64. Build it once: the patterns are compiled here.
 */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  // Longest first, so a secret containing another is replaced whole.
  const unique = [...new Set(secrets.filter((s): s is string => typeof s === "string" && s.length >= MIN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );
  const spell = (text: string) => Array.from(text, characterPattern).join("");
  // One pattern for a whole IAM token (kilobytes) is slow to run over a page of text, so a short
  // prefix finds the candidates and each secret's sticky pattern then checks them.
  const starts =
    unique.length === 0 ? undefined : new RegExp(unique.map((s) => spell(Array.from(s).slice(0, PREFIX_LENGTH).join(""))).join("|"), "gi");
  const wholes = unique.map((s) => new RegExp(spell(s), "iy"));
  const runs = [...new Set(unique.flatMap(base64Runs))].sort((a, b) => b.length - a.length);
  /** Where the secrets are in `text` (plain or encoded), in order and apart. */
  const find = (text: string): Array<[number, number]> => {
    const found: Array<[number, number]> = [];
    if (starts === undefined) return found;
    starts.lastIndex = 0;
    for (let m = starts.exec(text); m !== null; m = starts.exec(text)) {
      const at = m.index;
      const whole = wholes.find((re) => ((re.lastIndex = at), re.test(text)));
      if (whole === undefined) {
        starts.lastIndex = at + 1;
        continue;
      }
      found.push([at, whole.lastIndex]);
      starts.lastIndex = whole.lastIndex;
    }
    return found;
  };
  const replace = (text: string, found: ReadonlyArray<readonly [number, number]>): string => {
    let result = "";
    let done = 0;
    for (const [start, end] of found) {
      result += text.slice(done, start) + REDACTED;
      done = end;
    }
    return result + text.slice(done);
  };
  const redactAsIs = (text: string): string => {
    let result = replace(text, find(text));
    for (const run of runs) if (result.includes(run)) result = result.split(run).join(REDACTED);
    return result;
  };
  const redact = (text: string): string => {
    if (starts === undefined) return text;
    const result = redactAsIs(text);
    if (!HAS_GAP.test(result)) return result;
    // Then the secrets that escape sequences and control or format characters split: found in the
    // text without those, and replaced in the text itself along with whatever splits them.
    const { shadow, at } = withoutGaps(result);
    const found = find(shadow);
    for (const run of runs)
      for (let i = shadow.indexOf(run); i !== -1; i = shadow.indexOf(run, i + run.length)) found.push([i, i + run.length]);
    if (found.length === 0) return result;
    found.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const [start, end] of found) {
      const last = merged[merged.length - 1];
      if (last !== undefined && start < last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    return replace(
      result,
      merged.map(([start, end]) => [at[start]!, at[end - 1]! + 1] as const),
    );
  };
  const redactJson = (value: unknown): unknown => {
    if (typeof value === "string") return redact(value);
    if (Array.isArray(value)) return value.map(redactJson);
    if (value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // defineProperty, not assignment: a "__proto__" key from JSON.parse stays a plain key.
      Object.defineProperty(out, redact(key), { value: redactJson(item), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return { redact, redactJson: <T>(value: T) => redactJson(value) as T };
}

/** The secrets of one set of credentials: the secret key and security token, or the IAM token (never the access key id). */
export function credentialSecrets(credentials: Credentials): string[] {
  return credentials.type === "token"
    ? [credentials.token]
    : [credentials.secretKey, ...(credentials.securityToken ? [credentials.securityToken] : [])];
}

/**
 * Every secret the environment holds under the credential variables (docs/architecture.md §4), used or not:
 * with AK/SK set, an IAM token beside them is just as secret.
 */
export function environmentSecrets(env: Readonly<Record<string, string | undefined>>): string[] {
  const names = [
    ...CREDENTIAL_ENV.accessKeyPairs.map(([, secretKey]) => secretKey),
    ...CREDENTIAL_ENV.securityToken,
    ...CREDENTIAL_ENV.authToken,
  ];
  return names.map((name) => env[name]).filter((value): value is string => value !== undefined && value !== "");
}
