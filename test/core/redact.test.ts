// The redactor of credential secrets: every spelling a server may echo a secret in (plain,
// re-cased, percent-encoded, form-encoded, JSON-escaped, HTML entities, base64, mixes of these)
// becomes "***", in text and in parsed JSON, and nothing else changes.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { sanitizeLine } from "../../src/core/sanitize";
import { createRedactor, credentialSecrets, environmentSecrets, MIN_SECRET_LENGTH, REDACTED } from "../../src/core/redact";

// Printable ASCII with the characters encoders disagree on: / + = - ~ ! ' ( ) * " \ and a space
// would not pass credentials.ts, but a library caller may still hand one to createRedactor.
const SECRET = `sk/${randomBytes(9).toString("hex")}+=-~!'()*"\\end`;
const TOKEN = `MIIT${randomBytes(3000).toString("base64")}`;
const SPACED = "with a space";

const jsonUnicode = (text: string) => Array.from(text, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
const percentAll = (text: string, upper: boolean) =>
  Array.from(Buffer.from(text), (b) => `%${b.toString(16).padStart(2, "0")}`)
    .join("")
    [upper ? "toUpperCase" : "toLowerCase"]();
const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** [name, spelling of SECRET] */
const SPELLINGS: ReadonlyArray<readonly [string, string]> = [
  ["plain", SECRET],
  ["upper case", SECRET.toUpperCase()],
  ["encodeURIComponent", encodeURIComponent(SECRET)],
  ["encodeURIComponent, lower-case hex", encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
  ["RFC 3986 (the signer's)", rfc3986(SECRET)],
  ["form (URLSearchParams)", new URLSearchParams({ k: SECRET }).toString().slice(2)],
  ["every byte percent-encoded, upper", percentAll(SECRET, true)],
  ["every byte percent-encoded, lower", percentAll(SECRET, false)],
  ["double percent-encoded", encodeURIComponent(encodeURIComponent(SECRET))],
  ["JSON.stringify (inner)", JSON.stringify(SECRET).slice(1, -1)],
  ["JSON with escaped slashes", JSON.stringify(SECRET).slice(1, -1).replace(/\//g, "\\/")],
  ["JSON \\u escapes, lower hex", jsonUnicode(SECRET)],
  ["JSON \\u escapes, upper hex", jsonUnicode(SECRET).replace(/\\u([0-9a-f]{4})/g, (_, h: string) => `\\u${h.toUpperCase()}`)],
  ["mixed: half plain, half \\u", SECRET.slice(0, 8) + jsonUnicode(SECRET.slice(8))],
  ["HTML entities", Array.from(SECRET, (c) => `&#${c.charCodeAt(0)};`).join("")],
  ["HTML hex entities", Array.from(SECRET, (c) => `&#x${c.charCodeAt(0).toString(16)};`).join("")],
];

describe("core/redact", () => {
  const redactor = createRedactor([SECRET, TOKEN, SPACED, undefined, ""]);

  for (const [name, spelling] of SPELLINGS) {
    test(`a secret spelled ${name} is redacted`, () => {
      const out = redactor.redact(`before ${spelling} after`);
      assert.equal(out, `before ${REDACTED} after`, `${spelling} -> ${out}`);
    });
  }

  test("every occurrence is redacted, and the text around it is kept", () => {
    assert.equal(redactor.redact(`${SECRET}|${TOKEN}|x${encodeURIComponent(TOKEN)}y`), "***|***|x***y");
  });

  test("a form-encoded space (+) is caught", () => {
    assert.equal(redactor.redact("q=with+a+space&x"), "q=***&x");
  });

  test("base64 at every alignment, standard and URL-safe (e.g. an echoed Basic auth header)", () => {
    const secret = randomBytes(20).toString("hex");
    const r = createRedactor([secret]);
    for (const prefix of ["", "A", "AK:", "AKID:"]) {
      const b64 = Buffer.from(`${prefix}${secret}-tail`).toString("base64");
      for (const encoded of [b64, b64.replace(/\+/g, "-").replace(/\//g, "_")]) {
        const out = r.redact(`Basic ${encoded}`);
        assert.ok(out.includes(REDACTED), `${prefix}: ${out}`);
        // What is left around the *** decodes to at most a few bytes of the secret.
        const rest = out
          .replace(/^Basic /, "")
          .split(REDACTED)
          .join("").length;
        assert.ok(rest <= 16, `${rest} characters left: ${out}`);
      }
    }
  });

  test("text without a secret is unchanged (also look-alikes: a prefix, a truncation)", () => {
    for (const text of ["", "RUNNING", SECRET.slice(0, -1), SECRET.slice(1), "%2F%2B", "\\u0041", "&#47;"]) {
      assert.equal(redactor.redact(text), text);
    }
  });

  test("a redactor of no secrets changes nothing; values too short to be credentials are no secrets", () => {
    const none = createRedactor([undefined, "", "b", "x".repeat(MIN_SECRET_LENGTH - 1)]);
    assert.equal(none.redact("hwjobs: xxxxxxx"), "hwjobs: xxxxxxx");
    assert.equal(none.redact(SECRET), SECRET);
    assert.deepEqual(none.redactJson({ a: [SECRET] }), { a: [SECRET] });
  });

  test("redactJson redacts every string, keys too, keeps other values and stays valid JSON", () => {
    const parsed = JSON.parse(
      JSON.stringify({ status: `RUN${SECRET}`, n: 3, ok: true, none: null, list: [SECRET, { deep: jsonUnicode(TOKEN) }], [SECRET]: "key" }),
    ) as unknown;
    const out = redactor.redactJson(parsed);
    assert.deepEqual(out, { status: "RUN***", n: 3, ok: true, none: null, list: ["***", { deep: "***" }], "***": "key" });
    assert.deepEqual(JSON.parse(JSON.stringify(out)), out);
  });

  test("redactJson keeps a __proto__ key as a plain key", () => {
    const out = redactor.redactJson(JSON.parse(`{"__proto__": {"polluted": "${SECRET.replace(/["\\]/g, "\\$&")}"}}`)) as Record<
      string,
      unknown
    >;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(out, "__proto__")?.value, { polluted: "***" });
  });

  test("a secret containing another is replaced whole", () => {
    const r = createRedactor(["abcdefgh", "abcdefghijkl"]);
    assert.equal(r.redact("x abcdefghijkl y abcdefgh z"), "x *** y *** z");
  });

  test("a kilobyte IAM token over a large text is fast", () => {
    const text = `${"x".repeat(200_000)} ${encodeURIComponent(TOKEN)} ${"%2F\\u0041".repeat(20_000)}`;
    const started = Date.now();
    const out = redactor.redact(text);
    assert.ok(Date.now() - started < 1_000, `took ${Date.now() - started} ms`);
    assert.ok(out.includes(` ${REDACTED} `));
  });

  // A server may split a secret with what sanitizeLine removes (the table and error messages
  // would reassemble it): escape sequences, control and format characters.
  const split = (text: string, gaps: readonly string[]) =>
    Array.from(text, (c, i) => (i > 0 && i % 2 === 0 ? gaps[i % gaps.length]! + c : c)).join("");
  const GAPS: ReadonlyArray<readonly [string, readonly string[]]> = [
    ["ESC [ 0 m", ["\u001b[0m"]],
    ["U+200B", ["\u200b"]],
    ["U+00AD", ["\u00ad"]],
    ["a mix (OSC, C1 CSI, bidi, BEL, a tag)", ["\u001b]0;t\u0007", "\u009b31m", "\u202e\u2066", "\u0007", "\u{e0041}"]],
  ];
  for (const [name, gaps] of GAPS) {
    test(`a secret split by ${name} is redacted, with what splits it, in text and in JSON`, () => {
      for (const secret of [SECRET, TOKEN, encodeURIComponent(SECRET), jsonUnicode(SECRET)]) {
        const out = redactor.redact(`before \u001b[1m${split(secret, gaps)}\u001b[0m after`);
        assert.equal(out, `before \u001b[1m${REDACTED}\u001b[0m after`);
      }
      assert.deepEqual(redactor.redactJson({ fail_reason: `x${split(SECRET, gaps)}y`, [split(SECRET, gaps)]: 1 }), {
        fail_reason: `x${REDACTED}y`,
        [REDACTED]: 1,
      });
    });
  }

  test("a split secret next to a plain one and a base64 one: each is redacted, the text between kept", () => {
    const r = createRedactor([SECRET]);
    const b64 = Buffer.from(SECRET).toString("base64").replace(/=+$/, "");
    const out = r.redact(`a ${SECRET} b ${split(SECRET, ["\u200b"])} c ${split(b64, ["\u00ad"])} d\u200be`);
    // base64 keeps the few edge characters it shares with its neighbours, split or not.
    assert.equal(sanitizeLine(out), `a *** b *** c ${r.redact(b64)} de`);
    assert.ok(out.endsWith(" d\u200be"));
  });

  test("gaps without a secret are kept as they are", () => {
    const text = `\u001b[31m${SECRET.slice(0, 10)}\u200b${SECRET.slice(11)}\u001b[0m\u00ad`;
    assert.equal(redactor.redact(text), text);
  });

  test("a 3 KB IAM token split by gaps over a 200 KB text is fast", () => {
    const gapped = `${"\u001b[0m\u200b".repeat(20_000)}${"x\u00ad".repeat(40_000)}`;
    const text = `${gapped} ${split(TOKEN, ["\u001b[0m", "\u200b", "\u00ad"])} ${"MIIT\u200b".repeat(10_000)}`;
    const started = Date.now();
    const out = redactor.redact(text);
    assert.ok(Date.now() - started < 1_000, `took ${Date.now() - started} ms`);
    assert.ok(out.includes(` ${REDACTED} `));
    assert.ok(!sanitizeLine(out).includes(TOKEN.slice(10, 40)));
  });

  test("credentialSecrets: secret key and security token, or the IAM token; never the access key", () => {
    assert.deepEqual(credentialSecrets({ type: "aksk", accessKey: "AK", secretKey: "SK", securityToken: "ST" }), ["SK", "ST"]);
    assert.deepEqual(credentialSecrets({ type: "aksk", accessKey: "AK", secretKey: "SK" }), ["SK"]);
    assert.deepEqual(credentialSecrets({ type: "token", token: "T" }), ["T"]);
  });

  test("environmentSecrets: every secret variable that is set, used or not; no access keys", () => {
    const env = {
      HW_ACCESS_KEY: "ak1",
      HW_SECRET_KEY: "sk1",
      OS_SECRET_KEY: "sk2",
      HUAWEICLOUD_SDK_SK: "sk3",
      HW_SECURITY_TOKEN: "st1",
      HUAWEICLOUD_SDK_SECURITY_TOKEN: "st2",
      HW_AUTH_TOKEN: "t1",
      OS_AUTH_TOKEN: "t2",
      HW_PROJECT_ID: "p",
      OS_ACCESS_KEY: "",
    };
    assert.deepEqual(environmentSecrets(env).sort(), ["sk1", "sk2", "sk3", "st1", "st2", "t1", "t2"]);
    assert.deepEqual(environmentSecrets({ HW_SECRET_KEY: "" }), []);
  });
});
