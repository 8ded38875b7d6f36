import assert from "node:assert/strict";
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

const get = (path: string) => callApi(emulator.url, path, { clock });
const iso = (ms: number) => new Date(ms).toISOString();
const subJobs = (body: unknown) => obj(body).sub_jobs as Array<Record<string, unknown>>;

describe("ShowImageJob GET /v1/{project_id}/image-server-jobs/{job_id}", () => {
  it("shows WAITING → RUNNING → SUCCESS with the spec's body shape", async () => {
    const job = emulator.store.createJob({ kind: "image-job", projectId: "proj1", id: "702364883651395584" });
    const t0 = job.createdAt;
    const path = "/v1/proj1/image-server-jobs/702364883651395584";

    let reply = await get(path);
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get("content-type"), "application/json");
    assert.match(reply.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
    assert.deepEqual(reply.json, {
      id: "702364883651395584",
      job_type: "CREATE_SERVER_IMAGE",
      begin_time: iso(t0),
      status: "WAITING",
      sub_jobs_total: 1,
      sub_jobs: [
        {
          id: job.subJobIds[0],
          job_id: "702364883651395584",
          job_type: "CREATE_SERVER_IMAGE",
          status: "WAITING",
          begin_time: iso(t0),
          job_resource_info: { resource_id: job.resourceIds[0], resource_name: job.resourceNames[0] },
          project_id: "proj1",
          job_execute_info: { error_code: "", error_message: "" },
        },
      ],
    });

    clock.advance(1000);
    reply = await get(path);
    assert.equal(obj(reply.json).status, "RUNNING");
    assert.equal(obj(reply.json).end_time, undefined);
    assert.equal(subJobs(reply.json)[0]!.status, "RUNNING");

    clock.advance(5000);
    reply = await get(path);
    const body = obj(reply.json);
    assert.equal(body.status, "SUCCESS");
    assert.equal(body.end_time, iso(t0 + 6000));
    assert.equal(subJobs(body)[0]!.end_time, iso(t0 + 6000));
    assert.equal(obj(subJobs(body)[0]!.job_resource_info).resource_id, job.resourceIds[0], "the image id of a CREATE_SERVER_IMAGE job");
  });

  it("shows sub-job progress 1/3 → 2/3 → 3/3", async () => {
    emulator.store.createJob({ kind: "image-job", projectId: "p", id: "1", waitingMs: 0, runningMs: 3000, subJobs: 3 });
    const done = async () => subJobs((await get("/v1/p/image-server-jobs/1")).json).map((s) => s.status);
    assert.deepEqual(await done(), ["RUNNING", "RUNNING", "RUNNING"]);
    clock.advance(1000);
    assert.deepEqual(await done(), ["SUCCESS", "RUNNING", "RUNNING"]);
    clock.advance(1000);
    assert.deepEqual(await done(), ["SUCCESS", "SUCCESS", "RUNNING"]);
    clock.advance(1000);
    const reply = await get("/v1/p/image-server-jobs/1");
    assert.equal(obj(reply.json).status, "SUCCESS");
    assert.equal(obj(reply.json).sub_jobs_total, 3);
  });

  it("fails through ROLLBACK with the error in job_execute_info", async () => {
    emulator.store.createJob({ kind: "image-job", projectId: "p", id: "9", waitingMs: 0, runningMs: 1000, subJobs: 2, outcome: "failure" });
    clock.advance(850);
    let reply = await get("/v1/p/image-server-jobs/9");
    assert.equal(obj(reply.json).status, "RUNNING");
    assert.deepEqual(
      subJobs(reply.json).map((s) => s.status),
      ["SUCCESS", "ROLLBACK"],
    );
    assert.deepEqual(subJobs(reply.json)[1]!.job_execute_info, { error_code: "", error_message: "" });
    clock.advance(150);
    reply = await get("/v1/p/image-server-jobs/9");
    assert.equal(obj(reply.json).status, "FAILED");
    const [ok, failed] = subJobs(reply.json);
    assert.deepEqual(ok!.job_execute_info, { error_code: "", error_message: "" });
    assert.equal(failed!.status, "FAILED");
    assert.deepEqual(failed!.job_execute_info, {
      error_code: "WKS.00129901",
      error_message: "The service is now unavailable to process the request.",
    });
    assert.equal(failed!.error_code, undefined, "image sub-jobs nest their errors");
  });
});

describe("ShowJobDetail GET /v2/{project_id}/job/{job_id}", () => {
  it("shows a flat body with flat sub-job errors", async () => {
    const job = emulator.store.createJob({ kind: "app-job", projectId: "p", id: "575768277444198400", waitingMs: 100, runningMs: 100 });
    let reply = await get("/v2/p/job/575768277444198400");
    assert.equal(obj(reply.json).status, "WAITING");
    assert.deepEqual(Object.keys(subJobs(reply.json)[0]!).sort(), [
      "begin_time",
      "error_code",
      "error_message",
      "id",
      "job_id",
      "job_resource_info",
      "job_type",
      "project_id",
      "status",
    ]);
    clock.advance(200);
    reply = await get("/v2/p/job/575768277444198400");
    const body = obj(reply.json);
    assert.equal(body.job_type, "CREATE_SERVER");
    assert.equal(body.status, "SUCCESS");
    assert.deepEqual([subJobs(body)[0]!.error_code, subJobs(body)[0]!.error_message], ["", ""]);
    assert.equal(obj(subJobs(body)[0]!.job_resource_info).resource_id, job.resourceIds[0]);
  });

  it("puts a failure's code and message flat on the failed sub-job", async () => {
    emulator.store.createJob({
      kind: "app-job",
      projectId: "p",
      id: "5",
      waitingMs: 0,
      runningMs: 10,
      outcome: "failure",
      errorCode: "WKS.00149901",
      errorMessage: "disk full",
    });
    clock.advance(10);
    const body = obj((await get("/v2/p/job/5")).json);
    assert.equal(body.status, "FAILED");
    assert.deepEqual(
      [subJobs(body)[0]!.status, subJobs(body)[0]!.error_code, subJobs(body)[0]!.error_message],
      ["FAILED", "WKS.00149901", "disk full"],
    );
    assert.equal(subJobs(body)[0]!.job_execute_info, undefined);
  });

  it("keeps outcome never RUNNING", async () => {
    emulator.store.createJob({ kind: "app-job", projectId: "p", id: "7", waitingMs: 0, runningMs: 10, outcome: "never" });
    clock.advance(365 * 24 * 3600 * 1000);
    const body = obj((await get("/v2/p/job/7")).json);
    assert.equal(body.status, "RUNNING");
    assert.equal(body.end_time, undefined);
  });
});

describe("IMS ShowJob GET /v1/{project_id}/jobs/{job_id}", () => {
  it("shows INIT → RUNNING → SUCCESS with entities.image_id", async () => {
    const job = emulator.store.createJob({ kind: "ims-job", projectId: "p", id: "9a175ac792fa12d20193002100dd2762" });
    const path = "/v1/p/jobs/9a175ac792fa12d20193002100dd2762";
    const t0 = job.createdAt;
    const waiting = {
      job_id: job.id,
      job_type: "imsCreateImageByInstance",
      begin_time: iso(t0),
      end_time: "",
      error_code: null,
      fail_reason: null,
      entities: {},
    };
    assert.deepEqual((await get(path)).json, { ...waiting, status: "INIT" });
    clock.advance(1000);
    assert.deepEqual((await get(path)).json, { ...waiting, status: "RUNNING", entities: { process_percent: 0 } });
    // While running, process_percent is the share of the running window passed, to one decimal.
    clock.advance(1234);
    assert.deepEqual((await get(path)).json, { ...waiting, status: "RUNNING", entities: { process_percent: 24.6 } });
    clock.advance(3766);
    assert.deepEqual((await get(path)).json, {
      ...waiting,
      status: "SUCCESS",
      end_time: iso(t0 + 6000),
      entities: { image_name: job.resourceNames[0], image_id: job.resourceIds[0] },
    });
  });

  it("fails with FAIL, error_code and fail_reason at the top level and empty entities", async () => {
    emulator.store.createJob({ kind: "ims-job", projectId: "p", id: "f", waitingMs: 0, runningMs: 100, outcome: "failure" });
    clock.advance(90);
    assert.equal(obj((await get("/v1/p/jobs/f")).json).status, "RUNNING", "IMS has no ROLLBACK state");
    clock.advance(10);
    const body = obj((await get("/v1/p/jobs/f")).json);
    assert.equal(body.status, "FAIL");
    assert.equal(body.error_code, "IMG.0033");
    assert.equal(typeof body.fail_reason, "string");
    assert.deepEqual(body.entities, {});
    assert.notEqual(body.end_time, "");
  });

  it("keeps outcome never RUNNING with an empty end_time", async () => {
    emulator.store.createJob({ kind: "ims-job", projectId: "p", id: "n", outcome: "never" });
    clock.advance(10 ** 9);
    const body = obj((await get("/v1/p/jobs/n")).json);
    assert.deepEqual([body.status, body.end_time, body.error_code], ["RUNNING", "", null]);
  });
});

describe("paths and errors", () => {
  const weird = ["x$(touch pwned);`id`'\"", "a/b", "中文 id?#&=+", "%41"];
  for (const id of weird) {
    it(`round-trips the job id ${JSON.stringify(id)} through every operation`, async () => {
      const project = "proj $(x)";
      const enc = encodeURIComponent;
      for (const [kind, path] of [
        ["image-job", `/v1/${enc(project)}/image-server-jobs/${enc(id)}`],
        ["app-job", `/v2/${enc(project)}/job/${enc(id)}`],
        ["ims-job", `/v1/${enc(project)}/jobs/${enc(id)}`],
      ] as const) {
        emulator.store.createJob({ kind, projectId: project, id });
        const reply = await get(path);
        assert.equal(reply.status, 200, `${kind}: ${reply.text}`);
        const body = obj(reply.json);
        assert.equal(kind === "ims-job" ? body.job_id : body.id, id);
      }
      const log = emulator.requests.list();
      assert.equal(log.at(-1)!.path, `/v1/${project}/jobs/${id}`, "the log holds the decoded path");
    });
  }

  it("answers 404 for unknown jobs in each API's error shape", async () => {
    emulator.store.createJob({ kind: "image-job", projectId: "a", id: "1" });
    for (const path of ["/v1/b/image-server-jobs/1", "/v2/a/job/1"]) {
      const reply = await get(path);
      assert.equal(reply.status, 404);
      assert.deepEqual(reply.json, { error_code: "WKS.00211902", error_msg: "The job does not exist." });
      assert.ok(reply.headers.get("x-request-id"));
    }
    const ims = await get("/v1/a/jobs/1");
    assert.equal(ims.status, 404);
    assert.deepEqual(ims.json, { error: { code: "IMG.0104", message: "The job does not exist." } });
  });

  it("answers 404 APIGW.0101 with the request id for unknown paths, without authentication", async () => {
    for (const path of ["/v3/p/jobs/1", "/v1/p/jobs", "/v1/p/jobs/1/", "/", "/v1/p/image-server-jobs/1/extra"]) {
      const reply = await callApi(emulator.url, path, { auth: { kind: "none" } });
      assert.equal(reply.status, 404, path);
      const body = obj(reply.json);
      assert.equal(body.error_code, "APIGW.0101");
      assert.equal(body.error_msg, "The API does not exist or has not been published in the environment.");
      assert.equal(body.request_id, reply.headers.get("x-request-id"));
    }
  });

  it("answers 405 WKS.00000405 for a wrong method on a known path", async () => {
    emulator.store.createJob({ kind: "ims-job", projectId: "p", id: "1" });
    for (const method of ["POST", "DELETE", "PUT"]) {
      const reply = await callApi(emulator.url, "/v1/p/jobs/1", { method, clock });
      assert.equal(reply.status, 405);
      assert.equal(reply.headers.get("allow"), "GET");
      assert.deepEqual(reply.json, {
        error_code: "WKS.00000405",
        error_msg: "The method specified in the request is not allowed for this resource.",
      });
    }
  });

  it("answers 400 for a path with malformed percent-encoding", async () => {
    const reply = await callApi(emulator.url, "/v1/p/jobs/%E0%A4%A", { auth: { kind: "none" } });
    assert.equal(reply.status, 400);
    assert.equal(obj(reply.json).error_code, "APIGW.0201");
  });

  it("ignores but verifies query parameters", async () => {
    emulator.store.createJob({ kind: "image-job", projectId: "p", id: "1" });
    const reply = await get("/v1/p/image-server-jobs/1?b=2&a=x%20y&a=*,!&empty=");
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(emulator.requests.list().at(-1)!.query, { b: "2", a: ["x y", "*,!"], empty: "" });
  });

  it("creates jobs over the admin API that the operations then show", async () => {
    const created = obj(
      (await callAdmin(emulator.url, "POST", "/_emulator/jobs", { kind: "app-job", project_id: "p", waiting_ms: 0, running_ms: 0 })).json,
    );
    const reply = await get(created.path as string);
    assert.equal(obj(reply.json).id, created.id);
    assert.equal(obj(reply.json).status, "SUCCESS");
  });
});
