import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { startEmulator, type ApiRequestInfo, type RunningEmulator } from "../../src/emulator";
import { callAdmin, callApi, obj, startFakeClockEmulator } from "../helpers/emulator-client";

const started: RunningEmulator[] = [];
after(async () => {
  await Promise.all(started.map((e) => e.close()));
});

/** Resolves once `n` callers have arrived (or after `ms`, so a broken test fails instead of hanging). */
function barrier(n: number, ms = 3000): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  const timer = setTimeout(release, ms);
  return async () => {
    if (++arrived === n) {
      clearTimeout(timer);
      release();
    }
    await all;
  };
}

describe("stats()", () => {
  it("counts API requests, not admin ones; inFlight returns to 0", async () => {
    const emulator = await startEmulator();
    started.push(emulator);
    assert.deepEqual(emulator.stats(), { inFlight: 0, maxInFlight: 0, requests: 0 });
    await callApi(emulator.url, "/v1/p/image-server-jobs?job_type=CREATE_SERVER");
    await callApi(emulator.url, "/v1/p/nothing-here", { auth: { kind: "none" } });
    await callAdmin(emulator.url, "GET", "/_emulator/jobs");
    assert.deepEqual(emulator.stats(), { inFlight: 0, maxInFlight: 1, requests: 2 });
    assert.deepEqual((await callAdmin(emulator.url, "GET", "/_emulator/stats")).json, { in_flight: 0, max_in_flight: 1, requests: 2 });
  });

  it("sees concurrent requests: maxInFlight > 1", async () => {
    const arrive = barrier(8);
    const emulator = await startEmulator({ onApiRequest: arrive });
    started.push(emulator);
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) => callApi(emulator.url, `/v1/p/app-server-sub-jobs?job_type=CREATE_SERVER&offset=${i * 10}`)),
    );
    assert.ok(replies.every((r) => r.status === 200));
    const stats = emulator.stats();
    assert.ok(stats.maxInFlight > 1, `maxInFlight ${stats.maxInFlight}`);
    assert.equal(stats.maxInFlight, 8, "all eight were held at the barrier together");
    assert.deepEqual([stats.inFlight, stats.requests], [0, 8]);
  });

  it("keeps sequential requests at maxInFlight 1, and resets with DELETE /_emulator/stats, resetStats() and reset()", async () => {
    const emulator = await startEmulator({ onApiRequest: () => new Promise((r) => setTimeout(r, 5)) });
    started.push(emulator);
    for (let i = 0; i < 3; i++) await callApi(emulator.url, "/v1/p/image-server-sub-jobs/actions/count");
    assert.deepEqual(emulator.stats(), { inFlight: 0, maxInFlight: 1, requests: 3 });
    assert.deepEqual((await callAdmin(emulator.url, "DELETE", "/_emulator/stats")).json, { in_flight: 0, max_in_flight: 0, requests: 0 });
    await callApi(emulator.url, "/v1/p/image-server-sub-jobs/actions/count");
    emulator.resetStats();
    assert.deepEqual(emulator.stats(), { inFlight: 0, maxInFlight: 0, requests: 0 });
    await callApi(emulator.url, "/v1/p/image-server-sub-jobs/actions/count");
    emulator.reset();
    assert.deepEqual(emulator.stats(), { inFlight: 0, maxInFlight: 0, requests: 0 });
  });
});

describe("onApiRequest", () => {
  it("sees each API request (decoded path, first value per query key) before it is handled, never admin ones", async () => {
    const seen: ApiRequestInfo[] = [];
    const emulator = await startEmulator({ onApiRequest: (req) => void seen.push(req) });
    started.push(emulator);
    await callApi(emulator.url, "/v1/p%20q/image-server-jobs?job_type=CREATE_SERVER&x=1&x=2");
    await callAdmin(emulator.url, "GET", "/_emulator/requests");
    assert.deepEqual(seen, [{ method: "GET", path: "/v1/p q/image-server-jobs", query: { job_type: "CREATE_SERVER", x: "1" } }]);
  });

  it("lets a test add jobs between page reads: the new newest job shifts page 2 by one", async () => {
    let adds = 0;
    const { emulator, clock } = await startFakeClockEmulator({
      onApiRequest: (req) => {
        if (req.query.offset === "5" && adds++ === 0) {
          clock.advance(1);
          emulator.store.createJob({ kind: "image-job", projectId: "p", id: "999999999999999999", jobType: "CREATE_SERVER" });
        }
      },
    });
    started.push(emulator);
    for (let i = 0; i < 8; i++) {
      emulator.store.createJob({ kind: "image-job", projectId: "p", jobType: "CREATE_SERVER" });
      clock.advance(1);
    }
    const page = async (offset: number) =>
      obj((await callApi(emulator.url, `/v1/p/image-server-jobs?job_type=CREATE_SERVER&limit=5&offset=${offset}`, { clock })).json);
    const first = await page(0);
    const second = await page(5);
    assert.equal(first.count, 8);
    assert.equal(second.count, 9, "the job added by the hook is counted on the second read");
    const ids = (p: Record<string, unknown>) => (p.items as unknown[]).map((i) => obj(i).id);
    assert.equal(ids(second)[0], ids(first)[4], "the last item of page 1 repeats at the top of page 2");
    assert.equal(ids(second).length, 4);
  });

  it("is awaited; a hook that rejects answers 500 EMULATOR.INTERNAL, logged", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const emulator = await startEmulator({
      onApiRequest: async () => {
        if (++calls === 1) await gate;
        else throw new Error("boom");
      },
    });
    started.push(emulator);
    const pending = callApi(emulator.url, "/v1/p/app-server-sub-jobs/actions/count");
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual([emulator.stats().inFlight, emulator.requests.list().length], [1, 0], "held by the hook");
    release();
    assert.equal((await pending).status, 200);
    const failed = await callApi(emulator.url, "/v1/p/app-server-sub-jobs/actions/count");
    assert.equal(failed.status, 500);
    assert.deepEqual(failed.json, { error_code: "EMULATOR.INTERNAL", error_msg: "onApiRequest failed: boom" });
    assert.ok(failed.headers.get("x-request-id"));
    assert.deepEqual(
      emulator.requests.list().map((e) => e.status),
      [200, 500],
    );
    assert.equal(emulator.stats().inFlight, 0);
  });
});
