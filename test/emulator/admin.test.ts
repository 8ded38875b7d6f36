import assert from "node:assert/strict";
import { Agent, request } from "node:http";
import { after, before, beforeEach, describe, it } from "node:test";
import type { RunningEmulator } from "../../src/emulator";
import { callAdmin, callApi, FakeClock, obj, startFakeClockEmulator } from "../helpers/emulator-client";

let emulator: RunningEmulator;
let clock: FakeClock;

before(async () => {
  ({ emulator, clock } = await startFakeClockEmulator());
});
after(async () => {
  await emulator.close();
});
beforeEach(() => emulator.reset());

const admin = (method: string, path: string, body?: unknown) => callAdmin(emulator.url, method, path, body);

describe("POST /_emulator/jobs", () => {
  it("creates a job with defaults and returns its summary", async () => {
    const reply = await admin("POST", "/_emulator/jobs", { kind: "image-job", project_id: "p1", sub_jobs: 2 });
    assert.equal(reply.status, 201);
    assert.equal(reply.headers.get("content-type"), "application/json");
    assert.ok(reply.headers.get("x-request-id"));
    const job = obj(reply.json);
    assert.match(job.id as string, /^[1-9]\d{17}$/);
    assert.deepEqual(
      { ...job, id: undefined, sub_job_ids: undefined, resource_ids: undefined, path: undefined },
      {
        id: undefined,
        kind: "image-job",
        project_id: "p1",
        job_type: "CREATE_SERVER_IMAGE",
        outcome: "success",
        waiting_ms: 1000,
        running_ms: 5000,
        sub_jobs: 2,
        created_at: new Date(clock.now()).toISOString(),
        status: "WAITING",
        sub_job_ids: undefined,
        resource_ids: undefined,
        path: undefined,
      },
    );
    assert.equal((job.resource_ids as string[]).length, 2);
    assert.equal(job.path, `/v1/p1/image-server-jobs/${job.id as string}`);
  });

  it("accepts every field and shows failure details in the summary", async () => {
    const reply = await admin("POST", "/_emulator/jobs", {
      kind: "ims-job",
      project_id: "p",
      id: "abc",
      job_type: "imsImportImageJob",
      waiting_ms: 0,
      running_ms: 10,
      outcome: "failure",
      sub_jobs: 1,
      error_code: "IMG.0001",
      error_message: "bad file",
    });
    assert.equal(reply.status, 201, reply.text);
    const job = obj(reply.json);
    assert.deepEqual(
      [job.id, job.job_type, job.error_code, job.error_message, job.status, job.path],
      ["abc", "imsImportImageJob", "IMG.0001", "bad file", "RUNNING", "/v1/p/jobs/abc"],
    );
    clock.advance(10);
    const listed = obj((await admin("GET", "/_emulator/jobs")).json).jobs as Array<Record<string, unknown>>;
    assert.deepEqual(
      listed.map((j) => [j.id, j.status]),
      [["abc", "FAIL"]],
    );
  });

  it("answers 409 for a duplicate id in the same project and kind", async () => {
    const spec = { kind: "app-job", project_id: "p", id: "1" };
    assert.equal((await admin("POST", "/_emulator/jobs", spec)).status, 201);
    const dup = await admin("POST", "/_emulator/jobs", spec);
    assert.equal(dup.status, 409);
    assert.equal(obj(dup.json).error_code, "EMULATOR.CONFLICT");
    assert.equal((await admin("POST", "/_emulator/jobs", { ...spec, project_id: "q" })).status, 201);
    assert.equal((await admin("POST", "/_emulator/jobs", { ...spec, kind: "image-job" })).status, 201);
  });

  const invalid: Array<[unknown, string]> = [
    [{ project_id: "p" }, "kind: must be one of image-job, app-job, ims-job"],
    [{ kind: "ims-job" }, "project_id: must be a string of 1 to 128 characters"],
    [{ kind: "ims-job", project_id: "p", waiting_ms: "5" }, "waiting_ms: must be an integer from 0 to 2592000000"],
    [{ kind: "ims-job", project_id: "p", outcome: "ok" }, "outcome: must be one of success, failure, never"],
    [
      { kind: "ims-job", project_id: "p", error_code: "X" },
      'error_code: must be a string of 1 to 64 characters, only with outcome "failure"',
    ],
    [{ kind: "ims-job", project_id: "p", sub_jobs: 101 }, "sub_jobs: must be an integer from 1 to 100"],
    [{ kind: "ims-job", project_id: "p", id: "" }, "id: must be a string of 1 to 255 characters"],
    [
      { kind: "ims-job", projectId: "p" },
      "projectId: is not a known field (known: kind, project_id, id, job_type, waiting_ms, running_ms, outcome, sub_jobs, error_code, error_message)",
    ],
    [[], "body: must be a JSON object"],
    ["{not json", "body: must be valid JSON"],
    [undefined, "body: must be a JSON object"],
  ];
  for (const [body, message] of invalid) {
    it(`rejects ${JSON.stringify(body) ?? "an empty body"} with 400`, async () => {
      const reply = await admin("POST", "/_emulator/jobs", body);
      assert.equal(reply.status, 400);
      assert.deepEqual(reply.json, { error_code: "EMULATOR.INVALID", error_msg: message });
    });
  }
});

describe("request log and reset", () => {
  it("records API requests (not admin ones) without headers", async () => {
    emulator.store.createJob({ kind: "image-job", projectId: "p", id: "a b" });
    assert.deepEqual(obj((await admin("GET", "/_emulator/requests")).json), { requests: [] });
    await callApi(emulator.url, "/v1/p/image-server-jobs/a%20b?limit=5", { clock });
    await callApi(emulator.url, "/v1/p/jobs/zz", { auth: { kind: "token" } });
    await admin("GET", "/_emulator/jobs");
    const requests = obj((await admin("GET", "/_emulator/requests")).json).requests as Array<Record<string, unknown>>;
    const at = new Date(clock.now()).toISOString();
    assert.deepEqual(requests, [
      { method: "GET", path: "/v1/p/image-server-jobs/a b", query: { limit: "5" }, status: 200, auth: "aksk", at },
      { method: "GET", path: "/v1/p/jobs/zz", query: {}, status: 404, auth: "token", at },
    ]);
  });

  it("resets jobs, faults and the log", async () => {
    emulator.store.createJob({ kind: "image-job", projectId: "p" });
    emulator.faults.add({ status: 500, times: -1 });
    await callApi(emulator.url, "/v1/p/jobs/1", { clock });
    assert.deepEqual((await admin("POST", "/_emulator/reset")).json, {});
    assert.deepEqual(obj((await admin("GET", "/_emulator/jobs")).json).jobs, []);
    assert.deepEqual(obj((await admin("GET", "/_emulator/faults")).json).faults, []);
    assert.deepEqual(obj((await admin("GET", "/_emulator/requests")).json).requests, []);
    assert.equal((await callApi(emulator.url, "/v1/p/jobs/1", { clock })).status, 404, "the fault is gone");
  });
});

describe("admin routing", () => {
  it("answers 404 and 405 in the emulator's own error shape", async () => {
    const missing = await admin("GET", "/_emulator/nothing");
    assert.deepEqual([missing.status, obj(missing.json).error_code], [404, "EMULATOR.NOT_FOUND"]);
    const wrong = await admin("PUT", "/_emulator/jobs");
    assert.deepEqual(
      [wrong.status, obj(wrong.json).error_code, wrong.headers.get("allow")],
      [405, "EMULATOR.METHOD_NOT_ALLOWED", "POST, GET"],
    );
    assert.equal(emulator.requests.list().length, 0);
  });
});

describe("lifecycle", () => {
  it("listens on an OS-chosen loopback port and closes idle keep-alive connections promptly", async () => {
    const { emulator: own } = await startFakeClockEmulator();
    const agent = new Agent({ keepAlive: true });
    try {
      assert.equal(own.host, "127.0.0.1");
      assert.ok(own.port > 0);
      assert.equal(own.url, `http://127.0.0.1:${own.port}`);
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${own.url}/_emulator/jobs`, { agent, timeout: 5000 }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end();
      });
      assert.equal(status, 200);
      const started = Date.now();
      await own.close();
      assert.ok(Date.now() - started < 1000, "close did not wait for the idle keep-alive socket");
    } finally {
      agent.destroy();
      await own.close();
    }
  });
});
