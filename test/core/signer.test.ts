import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core";
import { AKSKSigner } from "@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner";
import { Prng } from "../../src/emulator/scenarios/prng";
import {
  EMPTY_BODY_SHA256,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  computeSignature,
  encodeRfc3986,
  formatSdkDate,
  parseAuthorization,
  sha256Hex,
  signRequest,
  stringToSign,
} from "../../src/core/signer";

// Inputs shared by the reference vectors (docs/reference/huawei-api.md §5.4).
const AK = "HWTESTAK0000EXAMPLE1";
const SK = "HwTestSecretKey0000000000000000000EXAMPLE";
const PROJECT = "0123456789abcdef0123456789abcdef";
const DATE = new Date("2024-01-15T08:30:00Z");
const JSON_HEADERS = { "content-type": "application/json", "X-Project-Id": PROJECT } as const;

describe("reference vectors (docs/reference/huawei-api.md §5.4)", () => {
  test("vector 1: ListImageSubJobs canonical request, hash and signature", () => {
    const canonical = canonicalRequest({
      method: "GET",
      path: `/v1/${PROJECT}/image-server-sub-jobs`,
      // Insertion order as the SDK sends it, so sorting is exercised.
      query: [
        ["job_type", "CREATE_SERVER"],
        ["offset", "0"],
        ["limit", "10"],
        ["status", "RUNNING"],
      ],
      headers: {
        "content-type": "application/json",
        host: "appstream.cn-north-4.myhuaweicloud.com",
        "X-Project-Id": PROJECT,
        "X-Sdk-Date": "20240115T083000Z",
      },
    });
    const expected = [
      "GET",
      `/v1/${PROJECT}/image-server-sub-jobs/`,
      "job_type=CREATE_SERVER&limit=10&offset=0&status=RUNNING",
      "content-type:application/json",
      "host:appstream.cn-north-4.myhuaweicloud.com",
      `x-project-id:${PROJECT}`,
      "x-sdk-date:20240115T083000Z",
      "",
      "content-type;host;x-project-id;x-sdk-date",
      EMPTY_BODY_SHA256,
    ].join("\n");
    assert.equal(canonical, expected);
    assert.equal(sha256Hex(canonical), "21e8b25fedfb96ff4c015bdd182f57c27f2c3c62e7222fa49d2349b649b6068d");
    assert.equal(
      stringToSign(canonical, "20240115T083000Z"),
      "SDK-HMAC-SHA256\n20240115T083000Z\n21e8b25fedfb96ff4c015bdd182f57c27f2c3c62e7222fa49d2349b649b6068d",
    );
    assert.equal(computeSignature(SK, canonical, "20240115T083000Z"), "965be3863c26c19071cb7dff2366d480b10449e7ee2e6e34c90480c9655ddd9b");
  });

  test("vector 1: ListImageSubJobs via signRequest", () => {
    const url = new URL(`https://appstream.cn-north-4.myhuaweicloud.com/v1/${PROJECT}/image-server-sub-jobs`);
    url.search = "job_type=CREATE_SERVER&offset=0&limit=10&status=RUNNING";
    const headers = signRequest({ method: "GET", url, headers: JSON_HEADERS, accessKey: AK, secretKey: SK, date: DATE });
    assert.deepEqual(headers, {
      "content-type": "application/json",
      "x-project-id": PROJECT,
      host: "appstream.cn-north-4.myhuaweicloud.com",
      "x-sdk-date": "20240115T083000Z",
      authorization:
        "SDK-HMAC-SHA256 Access=HWTESTAK0000EXAMPLE1, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=965be3863c26c19071cb7dff2366d480b10449e7ee2e6e34c90480c9655ddd9b",
    });
  });

  test("vector 2: ShowImageJob", () => {
    const url = new URL(`https://appstream.cn-north-4.myhuaweicloud.com/v1/${PROJECT}/image-server-jobs/702364883651395584`);
    const canonical = canonicalRequest({
      method: "GET",
      path: url.pathname,
      query: [],
      headers: { ...JSON_HEADERS, host: url.host, "x-sdk-date": "20240115T083000Z" },
    });
    assert.equal(sha256Hex(canonical), "0a6347f19c679cc2b7ca7c479441f1240102f06215bb95c1ac6a641128291d05");
    const headers = signRequest({ method: "GET", url, headers: JSON_HEADERS, accessKey: AK, secretKey: SK, date: DATE });
    assert.equal(
      headers.authorization,
      "SDK-HMAC-SHA256 Access=HWTESTAK0000EXAMPLE1, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=a658c437e99bd318d6225e4db49e2f54891e0e6df77cbf12d571f9e7640854bc",
    );
  });

  test("vector 3: IMS ShowJob with a security token", () => {
    const url = new URL(`https://ims.cn-north-4.myhuaweicloud.com/v1/${PROJECT}/jobs/ff8080814dbd65d7014dbe0d84db0013`);
    const input = { ...JSON_HEADERS, "x-security-token": "STSTOKENEXAMPLE" };
    const canonical = canonicalRequest({
      method: "GET",
      path: url.pathname,
      query: [],
      headers: { ...input, host: url.host, "x-sdk-date": "20240115T083000Z" },
    });
    assert.equal(
      canonical,
      [
        "GET",
        `/v1/${PROJECT}/jobs/ff8080814dbd65d7014dbe0d84db0013/`,
        "",
        "content-type:application/json",
        "host:ims.cn-north-4.myhuaweicloud.com",
        `x-project-id:${PROJECT}`,
        "x-sdk-date:20240115T083000Z",
        "x-security-token:STSTOKENEXAMPLE",
        "",
        "content-type;host;x-project-id;x-sdk-date;x-security-token",
        EMPTY_BODY_SHA256,
      ].join("\n"),
    );
    const headers = signRequest({ method: "GET", url, headers: input, accessKey: AK, secretKey: SK, date: DATE });
    assert.equal(
      headers.authorization,
      "SDK-HMAC-SHA256 Access=HWTESTAK0000EXAMPLE1, SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token, Signature=a37183de8329f17f7f08fe41d17cff85188c59a20bec62bbb1e3d3aaa0c09c95",
    );
  });
});

/** The emulator's seeded PRNG (mulberry32), so a failing run can be replayed. */
function prng(seed: number): () => number {
  const generator = new Prng(seed);
  return () => generator.next();
}

/** Formats `X-Sdk-Date` independently of `formatSdkDate`, so the cross-check does not reuse the code under test. */
function sdkDateOf(date: Date): string {
  const p = (n: number): string => String(n).padStart(2, "0");
  return (
    `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}` +
    `T${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z`
  );
}

// Endpoints the official signer and WHATWG `URL` turn into the same host. An explicit default port
// (`https://h:443`) is left out on purpose: `url.parse` keeps `:443` but `URL` drops it.
const ENDPOINTS = [
  "https://appstream.cn-north-4.myhuaweicloud.com",
  "https://ims.ap-southeast-1.myhuaweicloud.com",
  "https://127.0.0.1:8443",
  "http://127.0.0.1",
  "http://localhost:9000",
  "https://[::1]:8443",
];
const HEX = "0123456789abcdef";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
// Path characters that both `url.parse` and `URL` leave unescaped. Characters either of them escapes
// (space, `'`, `%`, non-ASCII…) are not used: the official signer would encode the escape a second time.
const PATH_CHARS = `${ALNUM}-._~!$&()*+,;=:@`;
// Query pieces that stress the encoder: reserved, sub-delims, `%`, `+`, multi-byte and astral characters.
const QUERY_PIECES = [
  ..."aZ09-._~ ,*!'()/?=&%+#:@;$[]|^`\"<>{}\\",
  "中文",
  "é",
  "ｚ",
  "\u00a0",
  "😀",
  "🚀",
  "%20",
  "%E4",
  "RUNNING",
  "CREATE_SERVER",
];
const KEY_POOL = ["job_type", "offset", "limit", "status", "marker", "sort_key", "10", "2", "", "Z", "a"];

interface Case {
  readonly method: "GET" | "POST";
  readonly endpoint: string;
  readonly path: string;
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly securityToken?: string;
  readonly projectId: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly date: Date;
  readonly data?: Record<string, string>;
}

function generateCases(count: number, seed: number): Case[] {
  const rand = prng(seed);
  const int = (n: number): number => Math.floor(rand() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const str = (alphabet: string, min: number, max: number): string =>
    Array.from({ length: min + int(max - min + 1) }, () => alphabet[int(alphabet.length)]).join("");
  const queryText = (): string => (rand() < 0.15 ? "" : Array.from({ length: 1 + int(5) }, () => pick(QUERY_PIECES)).join(""));

  return Array.from({ length: count }, (): Case => {
    const projectId = rand() < 0.6 ? str(HEX, 32, 32) : str(`${ALNUM}-_`, 1, 40);
    const path = pick([
      `/v1/${projectId}/image-server-sub-jobs`,
      `/v1/${projectId}/image-server-sub-jobs/`,
      `/v1/${projectId}/image-server-jobs/${str("0123456789", 18, 18)}`,
      `/v2/${projectId}/jobs/${str(HEX, 32, 32)}`,
      `/v1/${projectId}/jobs/${str(PATH_CHARS, 1, 12)}`,
    ]);
    // The official signer takes the query as an object, so keys must be unique.
    const query = new Map<string, string>();
    for (let n = int(7); query.size < n;) {
      query.set(rand() < 0.4 ? pick(KEY_POOL) : queryText(), queryText());
    }
    const method = rand() < 0.1 ? "POST" : "GET";
    return {
      method,
      endpoint: pick(ENDPOINTS),
      path,
      query: [...query],
      ...(rand() < 0.35 ? { securityToken: str(`${ALNUM}+/=`, 8, 120) } : {}),
      projectId,
      accessKey: str(ALNUM, 20, 20),
      secretKey: str(ALNUM, 40, 40),
      // Milliseconds included: both sides must truncate them, not round.
      date: new Date(Date.UTC(2000, 0, 1) + int(100 * 365 * 86_400_000)),
      ...(method === "POST" ? { data: { name: queryText(), description: queryText() } } : {}),
    };
  });
}

describe("cross-check with the official @huaweicloud/huaweicloud-sdk-core signer", () => {
  const cases = generateCases(500, 0x5eed_2024);

  test(`${cases.length} generated requests sign identically`, () => {
    for (const [index, c] of cases.entries()) {
      const url = new URL(`${c.endpoint}${c.path}`);
      for (const [key, value] of c.query) url.searchParams.append(key, value);
      const headers: Record<string, string> = { "content-type": "application/json", "X-Project-Id": c.projectId };
      if (c.securityToken !== undefined) headers["X-Security-Token"] = c.securityToken;

      const ours = signRequest({
        method: c.method,
        url,
        headers,
        accessKey: c.accessKey,
        secretKey: c.secretKey,
        date: c.date,
        ...(c.data ? { body: JSON.stringify(c.data) } : {}),
      });
      // Same header set that HcClient builds; a preset `X-Sdk-Date` pins the official signer's clock.
      const official: Record<string, unknown> = AKSKSigner.sign(
        {
          method: c.method,
          endpoint: `${c.endpoint}${c.path}`,
          queryParams: Object.fromEntries(c.query),
          headers: { ...headers, "X-Sdk-Date": sdkDateOf(c.date) },
          data: c.data,
        },
        new BasicCredentials().withAk(c.accessKey).withSk(c.secretKey),
      );

      const context = `case ${index}: ${JSON.stringify({ ...c, url: url.href })}`;
      assert.equal(ours.host, official.host, context);
      assert.equal(ours["x-sdk-date"], official["X-Sdk-Date"], context);
      assert.equal(ours.authorization, official.Authorization, context);
    }
  });
});

describe("encodeRfc3986", () => {
  test("encodes everything outside the unreserved set with uppercase hex", () => {
    assert.equal(encodeRfc3986(" "), "%20");
    assert.equal(encodeRfc3986(","), "%2C");
    assert.equal(encodeRfc3986("*"), "%2A");
    assert.equal(encodeRfc3986("!'()"), "%21%27%28%29");
    assert.equal(encodeRfc3986("中"), "%E4%B8%AD");
    assert.equal(encodeRfc3986("😀"), "%F0%9F%98%80");
  });

  test("leaves the unreserved set as is", () => {
    assert.equal(encodeRfc3986("~"), "~");
    assert.equal(encodeRfc3986("AZaz09-._~"), "AZaz09-._~");
  });
});

describe("canonicalUri", () => {
  test("appends a trailing slash", () => {
    assert.equal(canonicalUri("/v1/p/jobs/j"), "/v1/p/jobs/j/");
  });

  test("does not double a trailing slash", () => {
    assert.equal(canonicalUri("/v1/p/jobs/"), "/v1/p/jobs/");
    assert.equal(canonicalUri("/"), "/");
  });

  test("encodes each segment but keeps the separators", () => {
    assert.equal(canonicalUri("/a b/中,x"), "/a%20b/%E4%B8%AD%2Cx/");
  });
});

describe("canonicalQuery", () => {
  test("sorts by key, then by value, and encodes both", () => {
    const query: Array<[string, string]> = [
      ["b", "2"],
      ["a", "z"],
      ["a b", "x"],
      ["a", "y"],
    ];
    assert.equal(canonicalQuery(query), "a=y&a=z&a%20b=x&b=2");
  });

  test("keeps `=` for an empty value", () => {
    assert.equal(
      canonicalQuery([
        ["marker", ""],
        ["limit", "10"],
      ]),
      "limit=10&marker=",
    );
  });

  test("is empty without parameters", () => {
    assert.equal(canonicalQuery([]), "");
  });
});

describe("formatSdkDate", () => {
  test("formats UTC as YYYYMMDDTHHMMSSZ", () => {
    assert.equal(formatSdkDate(DATE), "20240115T083000Z");
    assert.equal(formatSdkDate(new Date("2024-03-05T04:05:06Z")), "20240305T040506Z");
  });

  test("truncates milliseconds rather than rounding", () => {
    assert.equal(formatSdkDate(new Date("2024-12-31T23:59:59.999Z")), "20241231T235959Z");
  });
});

describe("parseAuthorization", () => {
  const signature = "965be3863c26c19071cb7dff2366d480b10449e7ee2e6e34c90480c9655ddd9b";

  test("parses a valid header", () => {
    assert.deepEqual(
      parseAuthorization(`SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=${signature}`),
      { accessKey: AK, signedHeaders: ["content-type", "host", "x-project-id", "x-sdk-date"], signature },
    );
  });

  test("round-trips what signRequest produces", () => {
    const headers = signRequest({
      method: "GET",
      url: new URL("https://127.0.0.1:8443/v1/p/jobs/j"),
      headers: { "X-Security-Token": "t" },
      accessKey: AK,
      secretKey: SK,
      date: DATE,
    });
    assert.deepEqual(parseAuthorization(headers.authorization)?.signedHeaders, ["host", "x-sdk-date", "x-security-token"]);
  });

  test("rejects another algorithm", () => {
    assert.equal(parseAuthorization(`V11-HMAC-SHA256 Access=${AK}, SignedHeaders=host, Signature=${signature}`), undefined);
    assert.equal(parseAuthorization(`SDK-HMAC-SM3 Access=${AK}, SignedHeaders=host, Signature=${signature}`), undefined);
  });

  test("rejects missing parts", () => {
    assert.equal(parseAuthorization(undefined), undefined);
    assert.equal(parseAuthorization(""), undefined);
    assert.equal(parseAuthorization("SDK-HMAC-SHA256"), undefined);
    assert.equal(parseAuthorization(`SDK-HMAC-SHA256 SignedHeaders=host, Signature=${signature}`), undefined);
    assert.equal(parseAuthorization(`SDK-HMAC-SHA256 Access=${AK}, Signature=${signature}`), undefined);
    assert.equal(parseAuthorization(`SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=host`), undefined);
  });

  test("rejects a signature that is not 64 lowercase hex digits", () => {
    const bad = (sig: string): string => `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=host, Signature=${sig}`;
    assert.equal(parseAuthorization(bad(signature.slice(1))), undefined);
    assert.equal(parseAuthorization(bad(`${signature}0`)), undefined);
    assert.equal(parseAuthorization(bad(`${signature.slice(1)}g`)), undefined);
    assert.equal(parseAuthorization(bad(signature.toUpperCase())), undefined);
  });
});
