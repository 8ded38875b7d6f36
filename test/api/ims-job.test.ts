import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { imsJobSchema, showImsJob, type ImsJob } from "../../src/api/ims-job";
import { HwClient } from "../../src/core/client";
import { ApiError, ResponseValidationError } from "../../src/core/errors";
import { startScriptedServer, type ScriptedResponse, type ScriptedServer } from "../helpers/scripted-server";
import { PROJECT, accepts as acceptsWith, rejects as rejectsWith } from "./helpers";
import { IMS_JOB_SUCCESS } from "../jobs/fixtures";

/** docs/reference/huawei-api.md §3: the seed's success example of IMS ShowJob (shared with the jobs tests). */
const DOC_EXAMPLE = IMS_JOB_SUCCESS;

/** A running job: no end_time, no image yet. */
const RUNNING = {
  job_id: "ff8080814dbd65d7014dbe0d84db0013",
  job_type: "imsCreateImageByInstance",
  begin_time: "2024-11-06T06:19:43.195Z",
  status: "RUNNING",
  error_code: null,
  fail_reason: null,
  entities: {},
};

/** A failed job with its reason, as the IMS error format names it. */
const FAILED = {
  ...DOC_EXAMPLE,
  status: "FAIL",
  error_code: "IMG.0024",
  fail_reason: "The imagetype is invalid.",
  entities: { addition_error_code: "", addition_error_msg: "", error_code: "IMG.0024", error: "invalid", alarm_code: "" },
};

const accepts = (body: unknown): ImsJob => acceptsWith(imsJobSchema, body);
const rejects = (body: unknown, pathHint?: string): void => rejectsWith(imsJobSchema, body, pathHint);

describe("imsJobSchema (IMS ShowJob body)", () => {
  test("parses the reference example unchanged, null error fields included", () => {
    const job = accepts(DOC_EXAMPLE);
    assert.deepEqual(job, DOC_EXAMPLE);
    assert.equal(job.error_code, null);
    assert.equal(job.fail_reason, null);
    assert.equal(job.entities?.image_id, "3f7185de-b59a-4bb8-aa1d-7a513528b0e9");
  });

  test("parses every documented status, and a failure with its reason", () => {
    for (const status of ["INIT", "RUNNING", "SUCCESS", "FAIL"]) assert.equal(accepts({ ...DOC_EXAMPLE, status }).status, status);
    const failed = accepts(FAILED);
    assert.equal(failed.error_code, "IMG.0024");
    assert.equal(failed.fail_reason, "The imagetype is invalid.");
    assert.deepEqual(failed.entities, FAILED.entities);
  });

  test("a running job may lack end_time, or send it empty or null", () => {
    assert.equal(accepts(RUNNING).end_time, undefined);
    assert.equal(accepts({ ...RUNNING, end_time: "" }).end_time, "");
    assert.equal(accepts({ ...RUNNING, end_time: null }).end_time, null);
    assert.equal(accepts({ ...RUNNING, status: "INIT", begin_time: "" }).status, "INIT");
  });

  test("entities may be missing, null, {} or partial", () => {
    const { entities: _, ...withoutEntities } = RUNNING;
    assert.equal(accepts(withoutEntities).entities, undefined);
    assert.equal(accepts({ ...RUNNING, entities: null }).entities, null);
    assert.deepEqual(accepts({ ...RUNNING, entities: {} }).entities, {});
    assert.deepEqual(accepts({ ...RUNNING, entities: { current_task: "creating", process_percent: 0.5 } }).entities, {
      current_task: "creating",
      process_percent: 0.5,
    });
    assert.deepEqual(accepts({ ...RUNNING, entities: { image_id: "", image_name: null } }).entities, { image_id: "", image_name: null });
  });

  test("parses the member-job forms of entities (results, sub_jobs_result, sub_jobs_list)", () => {
    const entities = {
      results: [{ image_id: "3f7185de-b59a-4bb8-aa1d-7a513528b0e9", project_id: PROJECT, status: "success" }],
      sub_jobs_result: [
        {
          status: "SUCCESS",
          job_id: "ff8080814dbd65d7014dbe0d84db0014",
          job_type: "imsCopyVolumeToImageJob",
          begin_time: "2024-11-06T06:19:43Z",
          end_time: "2024-11-06T06:23:25Z",
          error_code: null,
          fail_reason: null,
          entities: { image_id: "4f7185de-b59a-4bb8-aa1d-7a513528b0e9", image_name: "data-1" },
        },
        { status: "RUNNING", job_id: "ff8080814dbd65d7014dbe0d84db0015", job_type: "imsImportImageJob", entities: {} },
        { status: "", job_id: "ff8080814dbd65d7014dbe0d84db0016" },
        { job_id: "ff8080814dbd65d7014dbe0d84db0017", status: null, entities: null },
      ],
      sub_jobs_list: ["ff8080814dbd65d7014dbe0d84db0014", "ff8080814dbd65d7014dbe0d84db0015"],
    };
    const body = { ...DOC_EXAMPLE, job_type: "imsVolumesToSysDataImagesJob", entities };
    assert.deepEqual(accepts(body), body);
    assert.deepEqual(accepts({ ...DOC_EXAMPLE, job_type: "imsDelImageMembersJob", entities: { results: [] } }).entities, { results: [] });
  });

  test("keeps unknown fields at every level (passthrough)", () => {
    const body = {
      ...DOC_EXAMPLE,
      request_id: "r-1",
      new_top: { a: 1 },
      entities: {
        ...DOC_EXAMPLE.entities,
        subJobId: "x",
        new_entity_field: [1],
        sub_jobs_result: [{ status: "SUCCESS", extra: true, entities: { image_id: "i", more: 1 } }],
      },
    };
    const job = accepts(body);
    assert.deepEqual(job, body);
    assert.equal(job["request_id"], "r-1");
    assert.equal(job.entities?.["subJobId"], "x");
    assert.equal(job.entities?.sub_jobs_result?.[0]?.["extra"], true);
  });

  test("accepts values newer than the docs and empty strings", () => {
    for (const status of ["CANCELLED", "PAUSED", "success"]) assert.equal(accepts({ ...RUNNING, status }).status, status);
    for (const job_type of ["imsSomeFutureJob", "", null]) assert.equal(accepts({ ...RUNNING, job_type }).job_type, job_type);
    const body = {
      status: "SUCCESS",
      job_id: "",
      job_type: "",
      begin_time: "",
      end_time: "",
      error_code: "",
      fail_reason: "",
      entities: { image_id: "", sub_jobs_result: [{ status: "PAUSED" }] },
    };
    assert.deepEqual(accepts(body), body);
  });

  test("rejects a missing, null or empty top-level status", () => {
    const { status: _, ...withoutStatus } = DOC_EXAMPLE;
    rejects(withoutStatus, "status");
    rejects({ ...DOC_EXAMPLE, status: null }, "status");
    rejects({ ...DOC_EXAMPLE, status: "" }, "status");
    rejects({}, "status");
  });

  test("rejects a status that is not a string", () => {
    for (const status of [1, 0, true, {}, ["SUCCESS"]]) rejects({ ...DOC_EXAMPLE, status }, "status");
  });

  test("rejects entities.sub_jobs_result that is not an array, and entities that is not an object", () => {
    for (const sub_jobs_result of [{}, { status: "SUCCESS" }, "", 1]) {
      rejects({ ...DOC_EXAMPLE, entities: { sub_jobs_result } }, "entities.sub_jobs_result");
    }
    rejects({ ...DOC_EXAMPLE, entities: { sub_jobs_result: [null] } }, "entities.sub_jobs_result.0");
    for (const entities of ["", "image", 1, []]) rejects({ ...DOC_EXAMPLE, entities }, "entities");
  });

  test("rejects a body that is not an object", () => {
    for (const body of [null, [], [DOC_EXAMPLE], "SUCCESS", 1]) rejects(body);
  });
});

describe("showImsJob", () => {
  let ims: ScriptedServer;
  let appstream: ScriptedServer;
  let client: HwClient;
  let next: ScriptedResponse = { body: DOC_EXAMPLE };

  before(async () => {
    ims = await startScriptedServer(() => next);
    appstream = await startScriptedServer([]);
    client = new HwClient(
      {
        projectId: PROJECT,
        credentials: { type: "token", token: "mock-iam-token-0123456789" },
        endpoints: { appstream: appstream.url, ims: ims.url },
      },
      { retry: { maxAttempts: 1 }, env: {} },
    );
  });
  after(async () => {
    await client.close();
    await ims.close();
    await appstream.close();
  });
  beforeEach(() => {
    ims.requests.length = 0;
  });

  test("sends GET /v1/{project_id}/jobs/{job_id} to the IMS endpoint and returns the parsed body", async () => {
    next = { body: DOC_EXAMPLE };
    assert.deepEqual(await showImsJob(client, "9a175ac792fa12d20193002100dd2762"), DOC_EXAMPLE);
    assert.equal(ims.requests.length, 1);
    assert.equal(ims.requests[0]?.method, "GET");
    assert.equal(ims.requests[0]?.url, `/v1/${PROJECT}/jobs/9a175ac792fa12d20193002100dd2762`);
    assert.equal(ims.requests[0]?.headers["x-auth-token"], "mock-iam-token-0123456789");
    assert.equal(appstream.requests.length, 0);
  });

  test("percent-encodes the job id as one path segment", async () => {
    next = { body: RUNNING };
    assert.deepEqual(await showImsJob(client, "a/b c?d#e%f&g=h"), RUNNING);
    assert.equal(ims.requests[0]?.method, "GET");
    assert.equal(ims.requests[0]?.url, `/v1/${PROJECT}/jobs/a%2Fb%20c%3Fd%23e%25f%26g%3Dh`);
  });

  test("returns a body without entities or end_time, with unknown fields, as sent", async () => {
    const { entities: _, ...body } = { ...RUNNING, status: "INIT", extra: { a: 1 } };
    next = { body };
    assert.deepEqual(await showImsJob(client, "ff8080814dbd65d7014dbe0d84db0013"), body);
  });

  test("a body without a usable status is a ResponseValidationError naming status", async () => {
    for (const status of [undefined, null, "", 1]) {
      next = { body: { ...DOC_EXAMPLE, status } };
      await assert.rejects(showImsJob(client, "j1"), (error: unknown) => {
        assert.ok(error instanceof ResponseValidationError, String(error));
        assert.equal(error.operation, "ShowJob");
        assert.equal(error.path, `/v1/${PROJECT}/jobs/j1`);
        assert.match(error.problem, /^status: /);
        return true;
      });
    }
  });

  test("an IMS error body is an ApiError with its code", async () => {
    next = { status: 400, body: { error: { code: "IMG.0024", message: "The imagetype is invalid." } } };
    await assert.rejects(showImsJob(client, "j2"), (error: unknown) => {
      assert.ok(error instanceof ApiError, String(error));
      assert.equal(error.status, 400);
      assert.equal(error.errorCode, "IMG.0024");
      assert.equal(error.errorMessage, "The imagetype is invalid.");
      assert.equal(error.operation, "ShowJob");
      assert.equal(error.path, `/v1/${PROJECT}/jobs/j2`);
      return true;
    });
  });
});
