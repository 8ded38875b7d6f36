import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { canonicalRequest, computeSignature, formatSdkDate, sha256Hex, signRequest } from "../../src/core/signer";
import { DEMO_CREDENTIALS, type RunningEmulator } from "../../src/emulator";
import { callApi, FakeClock, obj, rawRequest, startFakeClockEmulator, type Reply } from "../helpers/emulator-client";

const TEMP = { accessKey: "TEMPAK", secretKey: "temp-secret", securityToken: "sts-token-value" };
let emulator: RunningEmulator;
let clock: FakeClock;
const path = "/v1/p/jobs/1";

before(async () => {
  ({ emulator, clock } = await startFakeClockEmulator({
    credentials: [{ accessKey: DEMO_CREDENTIALS.accessKey, secretKey: DEMO_CREDENTIALS.secretKey }, TEMP],
    tokens: [DEMO_CREDENTIALS.token, "second-token"],
  }));
  emulator.store.createJob({ kind: "ims-job", projectId: "p", id: "1" });
});
after(async () => {
  await emulator.close();
});

function assertRejected(reply: Reply, reason: string): void {
  assert.equal(reply.status, 401, reply.text);
  const body = obj(reply.json);
  assert.equal(body.error_code, "APIG.0301");
  assert.equal(body.error_msg, `Incorrect IAM authentication information: ${reason}`);
  assert.equal(body.request_id, reply.headers.get("x-request-id"));
  assert.ok(!reply.text.includes(DEMO_CREDENTIALS.secretKey) && !reply.text.includes(TEMP.securityToken), "no secret is echoed");
}

/** Signed headers for `path` at the fake clock's time, with `patch` applied afterwards. */
function signed(
  extra: Record<string, string> = {},
  over: { accessKey?: string; secretKey?: string; date?: Date } = {},
): Record<string, string> {
  return signRequest({
    method: "GET",
    url: new URL(emulator.url + path),
    headers: { "content-type": "application/json", ...extra },
    accessKey: over.accessKey ?? DEMO_CREDENTIALS.accessKey,
    secretKey: over.secretKey ?? DEMO_CREDENTIALS.secretKey,
    date: over.date ?? new Date(clock.now()),
  });
}

const send = async (headers: Record<string, string>, p = path): Promise<Reply> => {
  const res = await fetch(emulator.url + p, { headers, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: JSON.parse(text) as unknown };
};

describe("AK/SK signatures", () => {
  it("accepts a valid signature and logs the scheme", async () => {
    const reply = await send(signed());
    assert.equal(reply.status, 200, reply.text);
    assert.equal(emulator.requests.list().at(-1)!.auth, "aksk");
  });

  it("rejects a wrong secret key or a tampered signature", async () => {
    assertRejected(await send(signed({}, { secretKey: "not-the-secret" })), "verify aksk signature fail");
    const headers = signed();
    headers.authorization = headers.authorization!.replace(/Signature=([0-9a-f])/, (_, c: string) => `Signature=${c === "0" ? "1" : "0"}`);
    assertRejected(await send(headers), "verify aksk signature fail");
  });

  it("rejects a signature made for another path or query", async () => {
    emulator.store.createJob({ kind: "ims-job", projectId: "p", id: "2" });
    assertRejected(await send(signed(), "/v1/p/jobs/2"), "verify aksk signature fail");
    assertRejected(await send(signed(), `${path}?x=1`), "verify aksk signature fail");
  });

  it("rejects an unsigned header value that was changed", async () => {
    const headers = signed({ "x-project-id": "p" });
    headers["x-project-id"] = "other";
    assertRejected(await send(headers), "verify aksk signature fail");
  });

  it("rejects an unknown access key", async () => {
    assertRejected(await send(signed({}, { accessKey: "UNKNOWNAK" })), "ak not found");
  });

  it("enforces the X-Sdk-Date window of 15 minutes both ways", async () => {
    const at = (minutes: number) => new Date(clock.now() + minutes * 60_000);
    assert.equal((await send(signed({}, { date: at(-14) }))).status, 200);
    assert.equal((await send(signed({}, { date: at(14) }))).status, 200);
    assertRejected(await send(signed({}, { date: at(-16) })), "x-sdk-date expired");
    assertRejected(await send(signed({}, { date: at(16) })), "x-sdk-date expired");
  });

  it("rejects a malformed X-Sdk-Date", async () => {
    const headers = signed();
    headers["x-sdk-date"] = "20260230T080000Z";
    assertRejected(await send(headers), "x-sdk-date invalid");
  });

  it("requires host and x-sdk-date among the signed headers", async () => {
    const date = formatSdkDate(new Date(clock.now()));
    const canonical = canonicalRequest({ method: "GET", path, query: [], headers: { host: new URL(emulator.url).host } });
    const signature = computeSignature(DEMO_CREDENTIALS.secretKey, canonical, date);
    const reply = await send({
      "x-sdk-date": date,
      authorization: `SDK-HMAC-SHA256 Access=${DEMO_CREDENTIALS.accessKey}, SignedHeaders=host, Signature=${signature}`,
    });
    assertRejected(reply, "host and x-sdk-date must be signed headers");
  });

  it("rejects an Authorization header of another scheme", async () => {
    assertRejected(await send({ authorization: "Basic dXNlcjpwYXNz" }), "authorization header is not a valid SDK-HMAC-SHA256 header");
  });

  it("hashes the raw body, or uses X-Sdk-Content-Sha256 when sent", async () => {
    const url = new URL(emulator.url + path);
    const body = '{"a":1}';
    const headers = signRequest({
      method: "GET",
      url,
      headers: {},
      accessKey: DEMO_CREDENTIALS.accessKey,
      secretKey: DEMO_CREDENTIALS.secretKey,
      date: new Date(clock.now()),
      body,
    });
    assert.equal((await rawRequest(emulator.url, path, "GET", headers, body)).status, 200);
    assert.equal((await rawRequest(emulator.url, path, "GET", headers, '{"a":2}')).status, 401);

    const date = formatSdkDate(new Date(clock.now()));
    const signedHeaders = { host: url.host, "x-sdk-date": date, "x-sdk-content-sha256": "UNSIGNED-PAYLOAD" };
    const canonical = canonicalRequest({ method: "GET", path, query: [], headers: signedHeaders, payloadSha256: "UNSIGNED-PAYLOAD" });
    const authorization = `SDK-HMAC-SHA256 Access=${DEMO_CREDENTIALS.accessKey}, SignedHeaders=host;x-sdk-content-sha256;x-sdk-date, Signature=${computeSignature(DEMO_CREDENTIALS.secretKey, canonical, date)}`;
    assert.equal((await rawRequest(emulator.url, path, "GET", { ...signedHeaders, authorization }, "anything")).status, 200);
    assert.notEqual(sha256Hex("anything"), "UNSIGNED-PAYLOAD");
  });
});

describe("temporary credentials", () => {
  const temp = { accessKey: TEMP.accessKey, secretKey: TEMP.secretKey };

  it("accepts a signed, matching X-Security-Token", async () => {
    assert.equal((await send(signed({ "x-security-token": TEMP.securityToken }, temp))).status, 200);
  });

  it("rejects a missing, wrong or unsigned security token", async () => {
    assertRejected(await send(signed({}, temp)), "x-security-token invalid");
    assertRejected(await send(signed({ "x-security-token": "wrong" }, temp)), "x-security-token invalid");
    const unsigned = signed({}, temp);
    unsigned["x-security-token"] = TEMP.securityToken;
    assertRejected(await send(unsigned), "x-security-token invalid");
  });
});

describe("IAM tokens", () => {
  it("accepts any configured token and logs the scheme", async () => {
    for (const token of [DEMO_CREDENTIALS.token, "second-token"]) {
      const reply = await callApi(emulator.url, path, { auth: { kind: "token", token } });
      assert.equal(reply.status, 200);
      assert.equal(emulator.requests.list().at(-1)!.auth, "token");
    }
  });

  it("rejects an unknown token, even alongside a valid signature", async () => {
    assertRejected(await callApi(emulator.url, path, { auth: { kind: "token", token: "forged" } }), "token decrypt fail");
    assertRejected(await send({ ...signed(), "x-auth-token": "forged" }), "token decrypt fail");
  });

  it("rejects a request with neither token nor signature", async () => {
    assertRejected(await callApi(emulator.url, path, { auth: { kind: "none" } }), "x-auth-token not found");
    assert.equal(emulator.requests.list().at(-1)!.auth, "none");
  });
});
