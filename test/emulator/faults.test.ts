import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { callAdmin, callApi, obj, type Reply } from "../helpers/emulator-client";

// Real clock: delays are measured in real time.
let emulator: RunningEmulator;
const path = "/v1/p/image-server-jobs/1";

before(async () => {
  emulator = await startEmulator();
});
after(async () => {
  await emulator.close();
});
beforeEach(async () => {
  assert.equal((await callAdmin(emulator.url, "POST", "/_emulator/reset")).status, 200);
  emulator.store.createJob({ kind: "image-job", projectId: "p", id: "1" });
});

const get = (p = path) => callApi(emulator.url, p);
async function fault(spec: Record<string, unknown>): Promise<string> {
  const reply = await callAdmin(emulator.url, "POST", "/_emulator/faults", spec);
  assert.equal(reply.status, 201, reply.text);
  return obj(reply.json).id as string;
}

describe("status faults", () => {
  it("answers 429 with the APIG.0308 body and Retry-After, once by default", async () => {
    await fault({ status: 429, retry_after: 1 });
    const reply = await get();
    assert.equal(reply.status, 429);
    assert.equal(reply.headers.get("retry-after"), "1");
    assert.equal(reply.headers.get("content-type"), "application/json");
    assert.deepEqual(reply.json, {
      error_code: "APIG.0308",
      error_msg: "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 minute",
      request_id: reply.headers.get("x-request-id"),
    });
    assert.equal((await get()).status, 200);
  });

  it("uses realistic default 5xx bodies", async () => {
    await fault({ status: 503 });
    await fault({ status: 500 });
    const first = await get();
    assert.deepEqual(
      [first.status, first.json],
      [503, { error_code: "WKS.00050902", error_msg: "The service is now unavailable to process the request." }],
    );
    const second = await get();
    assert.deepEqual(
      [second.status, second.json],
      [500, { error_code: "WKS.00211401", error_msg: "The requested operation failed. Please try again later." }],
    );
  });

  it("sends a given body (object or string) and headers", async () => {
    await fault({ status: 502, body: { error_code: "X.1", error_msg: "custom" }, headers: { "Retry-After": "7", "x-extra": "y" } });
    await fault({ status: 504, body: "<html>gateway timeout</html>" });
    const first = await get();
    assert.deepEqual(
      [first.status, first.json, first.headers.get("retry-after"), first.headers.get("x-extra")],
      [502, { error_code: "X.1", error_msg: "custom" }, "7", "y"],
    );
    const second = await get();
    assert.deepEqual([second.status, second.text], [504, "<html>gateway timeout</html>"]);
  });

  it("applies in FIFO order and counts times (-1 = until cleared)", async () => {
    await fault({ status: 500, times: 2 });
    await fault({ status: 503, times: -1 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await get()).status);
    assert.deepEqual(statuses, [500, 500, 503, 503, 503]);
    const listed = obj((await callAdmin(emulator.url, "GET", "/_emulator/faults")).json).faults as unknown[];
    assert.equal(listed.length, 1);
    assert.deepEqual((await callAdmin(emulator.url, "DELETE", "/_emulator/faults")).json, { deleted: 1 });
    assert.equal((await get()).status, 200);
  });

  it("matches path_prefix (decoded) and method", async () => {
    emulator.store.createJob({ kind: "ims-job", projectId: "p q", id: "1" });
    await fault({ status: 503, path_prefix: "/v1/p q/jobs/" });
    await fault({ status: 500, method: "delete", path_prefix: "/v1/p/" });
    assert.equal((await get()).status, 200, "neither fault matches a GET of the image job");
    assert.equal((await get("/v1/p%20q/jobs/1")).status, 503);
    assert.equal((await callApi(emulator.url, path, { method: "DELETE" })).status, 500);
  });

  it("applies before authentication, and never to the admin API", async () => {
    await fault({ status: 503, times: -1 });
    assert.equal((await callApi(emulator.url, path, { auth: { kind: "none" } })).status, 503);
    assert.equal((await callApi(emulator.url, "/no/such/api", { auth: { kind: "none" } })).status, 503);
    assert.equal((await callAdmin(emulator.url, "GET", "/_emulator/jobs")).status, 200);
    const log = emulator.requests.list();
    assert.deepEqual(
      log.map((r) => [r.status, r.auth, r.fault]),
      [
        [503, "none", true],
        [503, "none", true],
      ],
    );
  });
});

describe("transport faults", () => {
  it("delays a normal response by delay_ms", async () => {
    await fault({ delay_ms: 600 });
    const started = Date.now();
    const reply = await get();
    assert.equal(reply.status, 200);
    assert.ok(Date.now() - started >= 590, `took ${Date.now() - started} ms`);
    assert.equal(emulator.requests.list().at(-1)!.fault, true);
    const again = Date.now();
    await get();
    assert.ok(Date.now() - again < 500, "only once");
  });

  it("delays a fault response too", async () => {
    await fault({ delay_ms: 200, status: 503 });
    const started = Date.now();
    assert.equal((await get()).status, 503);
    assert.ok(Date.now() - started >= 190);
  });

  it("delays many requests at once without a listener-leak warning", async () => {
    await fault({ delay_ms: 50, times: -1 });
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const replies = await Promise.all(Array.from({ length: 24 }, () => get()));
      assert.deepEqual(new Set(replies.map((r) => r.status)), new Set([200]));
      // Warnings are emitted on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    assert.deepEqual(
      warnings.filter((w) => w.name === "MaxListenersExceededWarning").map((w) => w.message),
      [],
    );
  });

  it("lets a client time out on a long delay", async () => {
    await fault({ delay_ms: 5000 });
    await assert.rejects(callApi(emulator.url, path, { signal: AbortSignal.timeout(200) }), /abort|timeout/i);
  });

  it("sends a malformed (truncated, non-JSON) 200 body", async () => {
    await fault({ malformed: true });
    const reply: Reply = await get();
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get("content-type"), "application/json");
    assert.equal(reply.json, undefined);
    assert.ok(reply.text.length > 0);
    assert.throws(() => JSON.parse(reply.text));
  });

  it("drops the connection without a response", async () => {
    await fault({ drop: true });
    await assert.rejects(get(), (e: unknown) => e instanceof TypeError);
    assert.deepEqual(
      emulator.requests.list().map((r) => [r.status, r.fault]),
      [[0, true]],
    );
    assert.equal((await get()).status, 200);
  });
});

describe("fault validation", () => {
  const cases: Array<[unknown, RegExp]> = [
    [{}, /^status: set at least one of status, malformed, drop or a positive delay_ms$/],
    [{ body: "x" }, /^body: must be a string or a JSON object, only with status$/],
    [{ drop: true, status: 500 }, /^drop: /],
    [{ drop: true, malformed: true }, /^drop: /],
    [{ status: 99 }, /^status: must be an integer from 200 to 599/],
    [{ status: 500, times: 0 }, /^times: must be -1 \(forever\) or an integer from 1 to 1000000$/],
    [{ status: 500, path_prefix: "v1" }, /^path_prefix: /],
    [{ status: 500, headers: { "content-length": "1" } }, /^headers: /],
    [{ status: 500, headers: { "x-a": 1 } }, /^headers: /],
    [{ delay_ms: 60_001 }, /^delay_ms: must be an integer from 0 to 60000$/],
    [{ status: 500, pathPrefix: "/" }, /^pathPrefix: is not a known field/],
    [[1], /^body: must be a JSON object$/],
  ];
  for (const [spec, message] of cases) {
    it(`rejects ${JSON.stringify(spec)}`, async () => {
      const reply = await callAdmin(emulator.url, "POST", "/_emulator/faults", spec);
      assert.equal(reply.status, 400);
      assert.equal(obj(reply.json).error_code, "EMULATOR.INVALID");
      assert.match(obj(reply.json).error_msg as string, message);
    });
  }

  it("shares the validation with the in-process API", () => {
    assert.throws(() => emulator.faults.add({ times: 0, status: 500 }), /^EmulatorValidationError: times: /);
    assert.equal(
      emulator.faults.add({ status: 500, retryAfter: "Wed, 21 Oct 2026 07:28:00 GMT" }).headers["retry-after"],
      "Wed, 21 Oct 2026 07:28:00 GMT",
    );
    emulator.faults.clear();
  });
});

describe("closing", () => {
  it("closes promptly while a delayed request is pending", async () => {
    const own = await startEmulator();
    try {
      own.store.createJob({ kind: "image-job", projectId: "p", id: "1" });
      own.faults.add({ delayMs: 30_000 });
      const pending = callApi(own.url, path).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      await own.close();
      assert.ok(Date.now() - started < 1000, "close did not wait for the delay");
      assert.ok((await pending) instanceof Error);
    } finally {
      await own.close();
    }
  });
});
