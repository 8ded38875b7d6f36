// The admin API refuses what a web page in the user's browser could send it: requests addressed
// to another host name (DNS rebinding), requests from another origin, and bodies that are not
// application/json (a "simple" cross-origin POST needs no preflight). The attack these tests
// replay is the one that matters: a forever `200 {"status":"SUCCESS"}` fault that would turn a
// failed job's wait into exit 0.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { isJsonContentType } from "../../src/emulator/http/admin-gate";
import { HostPolicy } from "../../src/emulator/http/host-policy";
import { callApi, obj, rawRequest } from "../helpers/emulator-client";
import { rawExchange } from "../helpers/raw-http";

let emulator: RunningEmulator;

before(async () => {
  emulator = await startEmulator();
});
after(async () => {
  await emulator.close();
});
beforeEach(() => emulator.reset());

const SUCCESS_FOREVER = JSON.stringify({ times: -1, status: 200, body: { status: "SUCCESS" } });
const JSON_TYPE = { "content-type": "application/json" };

/** POSTs the forever-SUCCESS fault with `headers`; resolves the answer. */
const postFault = (headers: Record<string, string>, body = SUCCESS_FOREVER) =>
  rawRequest(emulator.url, "/_emulator/faults", "POST", headers, body);

function assertRefused(reply: { status: number; text: string }, status: number, code: string, mentions: string): void {
  assert.equal(reply.status, status, reply.text);
  const body = obj(JSON.parse(reply.text));
  assert.equal(body.error_code, code);
  assert.ok(String(body.error_msg).includes(mentions), `${String(body.error_msg)} mentions ${mentions}`);
  assert.deepEqual(emulator.faults.list(), [], "the fault was not queued");
}

describe("Host", () => {
  it("refuses admin requests addressed to another host with 403, queuing nothing", async () => {
    const port = emulator.port;
    for (const host of [
      "evil.example",
      `evil.example:${port}`,
      "127.0.0.1:1",
      "127.0.0.1",
      `localhost.:${port}`,
      `user@127.0.0.1:${port}`,
    ]) {
      assertRefused(await postFault({ ...JSON_TYPE, host }), 403, "EMULATOR.FORBIDDEN", "host:");
    }
    const reply = await postFault({ ...JSON_TYPE, host: "evil.example" });
    assert.match(
      obj(JSON.parse(reply.text)).error_msg as string,
      new RegExp(`127\\.0\\.0\\.1:${port}, localhost:${port} or \\[::1\\]:${port}, not "evil\\.example"`),
    );
  });

  it("refuses an absolute-form target, whose authority would outrank the Host header", async () => {
    const port = emulator.port;
    const body = SUCCESS_FOREVER;
    const head = `POST http://evil.example/_emulator/faults HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n`;
    const reply = await rawExchange(port, head, body);
    assert.equal(reply.status, 403);
    assert.match(reply.text, /target: admin requests must use a path/);
    assert.deepEqual(emulator.faults.list(), [], "the fault was not queued");
  });

  it("refuses a request without a Host header (HTTP/1.0)", async () => {
    const reply = await rawExchange(emulator.port, "GET /_emulator/jobs HTTP/1.0\r\n\r\n");
    assert.equal(reply.status, 403);
    assert.match(reply.text, /host: admin requests must be addressed to .*, not none/);
  });

  it("accepts the address it listens on and its loopback names, with its port", async () => {
    const port = emulator.port;
    const hosts = [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`, `[0:0:0:0:0:0:0:1]:${port}`];
    for (const host of hosts) assert.equal((await postFault({ ...JSON_TYPE, host })).status, 201, host);
    assert.equal(emulator.faults.list().length, hosts.length);
  });

  it("leaves the emulated APIs alone: the client signs whatever Host it sends", async () => {
    const reply = await rawRequest(emulator.url, "/v1/p/jobs/nope", "GET", {
      host: "iam.example",
      "x-auth-token": "hwjobs-demo-iam-token",
    });
    assert.deepEqual([reply.status, JSON.parse(reply.text)], [404, { error: { code: "IMG.0104", message: "The job does not exist." } }]);
  });
});

describe("Origin", () => {
  it("refuses requests from pages of other origins, even without a body", async () => {
    for (const origin of ["http://evil.example", "null", `https://127.0.0.1:${emulator.port}`, `http://evil.example:${emulator.port}`]) {
      assertRefused(await postFault({ ...JSON_TYPE, origin }), 403, "EMULATOR.FORBIDDEN", "origin:");
    }
    emulator.store.createJob({ kind: "ims-job", projectId: "p" });
    // A `no-cors` POST with no body needs no preflight: without the Origin check it would reset.
    const reset = await rawRequest(emulator.url, "/_emulator/reset", "POST", { origin: "http://evil.example" });
    assert.equal(reset.status, 403);
    assert.equal(emulator.store.list().length, 1, "nothing was reset");
  });

  it("accepts the emulator's own origin (a page it served)", async () => {
    assert.equal((await postFault({ ...JSON_TYPE, origin: `http://127.0.0.1:${emulator.port}` })).status, 201);
    assert.equal((await postFault({ ...JSON_TYPE, origin: `http://localhost:${emulator.port}` })).status, 201);
  });
});

describe("content-type", () => {
  it("refuses bodies a page may send without a preflight with 415, queuing nothing", async () => {
    for (const type of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      assertRefused(await postFault({ "content-type": type }), 415, "EMULATOR.UNSUPPORTED_MEDIA_TYPE", "content-type:");
    }
  });

  it("refuses a body without a content-type, and says how to fix a curl -d call", async () => {
    assertRefused(await postFault({}), 415, "EMULATOR.UNSUPPORTED_MEDIA_TYPE", "(got none)");
    const curl = await postFault({ "content-type": "application/x-www-form-urlencoded" });
    assert.match(
      obj(JSON.parse(curl.text)).error_msg as string,
      /must be application\/json \(got "application\/x-www-form-urlencoded"\); with curl, add -H 'content-type: application\/json'/,
    );
  });

  it("refuses other JSON-ish types and charsets", async () => {
    for (const type of ["application/json; charset=latin1", "application/json; boundary=x", "application/jsonp", "text/json"]) {
      assertRefused(await postFault({ "content-type": type }), 415, "EMULATOR.UNSUPPORTED_MEDIA_TYPE", "content-type:");
    }
  });

  it("accepts application/json with an optional utf-8 charset", async () => {
    for (const type of ["application/json", "application/json; charset=utf-8", 'Application/JSON;charset="UTF-8"']) {
      assert.equal((await postFault({ "content-type": type })).status, 201, type);
    }
  });

  it('needs none without a body, but refuses an empty text/plain POST (what a page sends for body "")', async () => {
    emulator.store.createJob({ kind: "ims-job", projectId: "p" });
    const empty = await rawRequest(emulator.url, "/_emulator/reset", "POST", { "content-type": "text/plain;charset=UTF-8" }, "");
    assert.equal(empty.status, 415);
    assert.equal(emulator.store.list().length, 1);
    assert.equal((await rawRequest(emulator.url, "/_emulator/reset", "POST", {})).status, 200);
    assert.equal(emulator.store.list().length, 0);
    assert.equal((await rawRequest(emulator.url, "/_emulator/jobs", "GET", {})).status, 200);
  });

  it("is not asked of API requests", async () => {
    const reply = await callApi(emulator.url, "/v1/p/jobs/nope", { auth: { kind: "token" } });
    assert.equal(reply.status, 404);
  });
});

describe("HostPolicy", () => {
  it("on a wildcard address accepts any IP literal with the port, and no name but localhost", () => {
    const any = new HostPolicy("0.0.0.0", 8080);
    for (const host of ["192.168.1.20:8080", "10.0.0.1:8080", "[fe80::1]:8080", "localhost:8080"]) assert.ok(any.allowsHost(host), host);
    for (const host of ["evil.example:8080", "192.168.1.20:8081", "192.168.1.20"]) assert.ok(!any.allowsHost(host), host);
    assert.ok(new HostPolicy("::", 80).allowsHost("[2001:db8::1]"), "port 80 may be left out");
  });

  it("on an IPv6 or named address accepts that address and the loopback names", () => {
    const v6 = new HostPolicy("::1", 9000);
    assert.ok(v6.allowsHost("[::1]:9000") && v6.allowsHost("127.0.0.1:9000") && !v6.allowsHost("[::2]:9000"));
    const named = new HostPolicy("devbox.local", 9000);
    assert.ok(named.allowsHost("DEVBOX.local:9000") && !named.allowsHost("other.local:9000"));
    assert.equal(named.describe(), "127.0.0.1:9000, localhost:9000, [::1]:9000 or devbox.local:9000");
  });

  it("accepts only http origins it serves", () => {
    const policy = new HostPolicy("127.0.0.1", 9000);
    assert.ok(policy.allowsOrigin("http://127.0.0.1:9000"));
    for (const origin of ["null", "http://127.0.0.1:9000/", "https://127.0.0.1:9000", "http://127.0.0.1:9001", "file://", ""])
      assert.ok(!policy.allowsOrigin(origin), origin);
  });

  it("isJsonContentType", () => {
    assert.deepEqual(
      [
        "application/json",
        " application/json ; charset=utf-8",
        "application/json;",
        "application/json; charset=utf8",
        "application/json, text/plain",
      ].map(isJsonContentType),
      [true, true, false, false, false],
    );
  });
});
