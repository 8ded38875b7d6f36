import assert from "node:assert/strict";
import { after, beforeEach, describe, test } from "node:test";
import { appJobSchema, showAppJob, type AppJob } from "../../src/api/app-job";
import { ApiError, ResponseValidationError } from "../../src/core/errors";
import { NESTED_APP_SUB_JOB, SEED_LIST_SUB_JOBS } from "./fixtures";
import { MockApi, PROJECT, accepts as acceptsWith, rejects as rejectsWith } from "./helpers";
import { APP_JOB_SUCCESS } from "../jobs/fixtures";

/** docs/reference/huawei-api.md §2.8: the [SPEC] example of ShowJobDetail (shared with the jobs tests). */
const SPEC_EXAMPLE = APP_JOB_SUCCESS;

/** A running job: no end_time anywhere yet. */
const RUNNING = {
  id: "575768277444198401",
  job_type: "REINSTALL_OS",
  status: "RUNNING",
  begin_time: "2026-06-12T01:00:00Z",
  sub_jobs_total: 1,
  sub_jobs: [
    {
      id: "575768277481947137",
      job_id: "575768277444198401",
      job_type: "REINSTALL_OS",
      status: "RUNNING",
      begin_time: "2026-06-12T01:00:01Z",
    },
  ],
};

const accepts = (body: unknown): AppJob => acceptsWith(appJobSchema, body);
const rejects = (body: unknown, pathHint?: string): void => rejectsWith(appJobSchema, body, pathHint);

describe("appJobSchema (ShowJobDetail body)", () => {
  test("parses the reference example unchanged", () => {
    assert.deepEqual(accepts(SPEC_EXAMPLE), SPEC_EXAMPLE);
  });

  test("a sub-job's failure may be flat (error_code/error_message) as in the docs", () => {
    const body = { ...SPEC_EXAMPLE, status: "FAILED", sub_jobs: [{ ...SEED_LIST_SUB_JOBS.items[0], status: "FAILED" }] };
    const job = accepts(body);
    assert.equal(job.sub_jobs?.[0]?.error_code, "WKS.00129901");
    assert.equal(job.sub_jobs?.[0]?.error_message, "The service is now unavailable to process the request.");
    assert.equal(job.sub_jobs?.[0]?.job_execute_info, undefined);
    assert.deepEqual(job, body);
  });

  test("a sub-job's failure may be nested in job_execute_info as in the older spec", () => {
    const body = { ...SPEC_EXAMPLE, status: "FAILED", sub_jobs: [NESTED_APP_SUB_JOB] };
    const job = accepts(body);
    assert.deepEqual(job.sub_jobs?.[0]?.job_execute_info, { error_code: "WKS.00169901", error_message: "The request message is invalid." });
    assert.equal(job.sub_jobs?.[0]?.error_code, undefined);
    assert.deepEqual(job, body);
  });

  test("flat and nested errors may come together, empty or null", () => {
    const body = {
      ...SPEC_EXAMPLE,
      sub_jobs: [
        {
          id: "1",
          status: "FAILED",
          error_code: "WKS.00129901",
          error_message: "flat",
          job_execute_info: { error_code: "WKS.00169901", error_message: "nested" },
        },
        { id: "2", status: "SUCCESS", error_code: "", error_message: "", job_execute_info: { error_code: "", error_message: "" } },
        { id: "3", status: "SUCCESS", error_code: null, error_message: null, job_execute_info: { error_code: null, error_message: null } },
        { id: "4", status: "SUCCESS", error_code: null, job_execute_info: null },
      ],
    };
    assert.deepEqual(accepts(body), body);
  });

  test("parses a running job without end_time", () => {
    const job = accepts(RUNNING);
    assert.equal(job.status, "RUNNING");
    assert.equal(job.end_time, undefined);
    assert.equal(job.sub_jobs?.[0]?.end_time, undefined);
    assert.equal(accepts({ ...RUNNING, end_time: null }).end_time, null);
    assert.equal(accepts({ ...RUNNING, end_time: "" }).end_time, "");
  });

  test("keeps unknown fields at every level, including the billing fields of job_resource_info", () => {
    const resource = {
      resource_id: "a2a6f5af-cbf7-4242-8988-109426870886",
      resource_name: "APS-1",
      cloud_service_type: "hws.service.type.ecs",
      spec_type: { cpu: 4 },
      spec_size: 100.5,
      measure: 1,
      is_main_resource: 1,
      main_resources: [{ resource_id: "x" }],
      extend_params: null,
    };
    const body = {
      ...SPEC_EXAMPLE,
      request_id: "r-1",
      new_top: [1],
      sub_jobs: [{ ...SPEC_EXAMPLE.sub_jobs[0], job_resource_info: resource, progress: 50 }],
    };
    const job = accepts(body);
    assert.deepEqual(job, body);
    assert.equal(job["request_id"], "r-1");
    assert.equal(job.sub_jobs?.[0]?.["progress"], 50);
    assert.deepEqual(job.sub_jobs?.[0]?.job_resource_info?.["spec_type"], { cpu: 4 });
  });

  test("accepts enum values newer than the docs", () => {
    for (const job_type of ["BATCH_INSTALL_APP", "INSTALL_CES_AGENT", "UNINSTALL_CES_AGENT", "CREATE_SERVER_SNAPSHOT", "BUILD_IMAGE"]) {
      assert.equal(accepts({ ...RUNNING, job_type }).job_type, job_type);
    }
    for (const status of ["PAUSED", "ABNORMAL", "ROLLBACK"]) {
      assert.equal(accepts({ ...RUNNING, status }).status, status);
    }
    const job = accepts({
      ...RUNNING,
      sub_jobs: [
        { id: "1", job_type: "INSTALL_CES_AGENT", status: "PAUSED" },
        { id: "2", job_type: "COLLECT_HDA_LOG", status: "ABORTING" },
      ],
    });
    assert.deepEqual(
      job.sub_jobs?.map((s) => [s.job_type, s.status]),
      [
        ["INSTALL_CES_AGENT", "PAUSED"],
        ["COLLECT_HDA_LOG", "ABORTING"],
      ],
    );
  });

  test("accepts empty strings and nulls in optional fields", () => {
    const body = {
      id: "",
      job_type: "",
      status: "WAITING",
      begin_time: "",
      end_time: null,
      sub_jobs_total: null,
      sub_jobs: [
        {
          id: "",
          job_id: "",
          job_type: "",
          status: "WAITING",
          begin_time: "",
          end_time: "",
          project_id: "",
          error_code: "",
          error_message: "",
          job_resource_info: { resource_id: "", resource_name: "" },
        },
        {
          id: null,
          job_id: null,
          job_type: null,
          begin_time: null,
          end_time: null,
          project_id: null,
          error_code: null,
          error_message: null,
          job_resource_info: null,
        },
      ],
    };
    assert.deepEqual(accepts(body), body);
  });

  test("accepts sub-jobs whose status is empty, null or missing", () => {
    const job = accepts({
      ...RUNNING,
      sub_jobs: [{ id: "1", status: "" }, { id: "2", status: null }, { id: "3", error_code: "WKS.00129901" }, {}],
    });
    assert.deepEqual(
      job.sub_jobs?.map((s) => s.status),
      ["", null, undefined, undefined],
    );
  });

  test("accepts sub_jobs that is empty, null or missing", () => {
    assert.deepEqual(accepts({ ...RUNNING, sub_jobs: [] }).sub_jobs, []);
    assert.equal(accepts({ ...RUNNING, sub_jobs: null }).sub_jobs, null);
    assert.deepEqual(accepts({ status: "WAITING" }), { status: "WAITING" });
  });

  test("rejects a missing, null or empty top-level status", () => {
    const { status: _, ...withoutStatus } = SPEC_EXAMPLE;
    rejects(withoutStatus, "status");
    rejects({ ...SPEC_EXAMPLE, status: null }, "status");
    rejects({ ...SPEC_EXAMPLE, status: "" }, "status");
    rejects({}, "status");
  });

  test("rejects a status that is not a string", () => {
    for (const status of [1, 0, true, {}, ["SUCCESS"]]) {
      rejects({ ...SPEC_EXAMPLE, status }, "status");
    }
  });

  test("rejects sub_jobs that is not an array", () => {
    for (const sub_jobs of [{}, SPEC_EXAMPLE.sub_jobs[0], "", 1, false]) {
      rejects({ ...SPEC_EXAMPLE, sub_jobs }, "sub_jobs");
    }
    rejects({ ...SPEC_EXAMPLE, sub_jobs: ["575768277481947136"] }, "sub_jobs.0");
  });

  test("rejects a body that is not an object", () => {
    for (const body of [null, [], [SPEC_EXAMPLE], "SUCCESS", 1]) rejects(body);
  });
});

describe("showAppJob", () => {
  const api = new MockApi();
  after(() => api.close());
  beforeEach(() => {
    api.requests.length = 0;
  });

  // MockApi intercepts only GET on the appstream endpoint, so any other method or host fails the call.
  test("sends GET /v2/{project_id}/job/{job_id} and returns the parsed body", async () => {
    api.reply(SPEC_EXAMPLE);
    assert.deepEqual(await showAppJob(api.client, "575768277444198400"), SPEC_EXAMPLE);
    assert.equal(api.requests.length, 1);
    assert.equal(api.requests[0]?.pathname, `/v2/${PROJECT}/job/575768277444198400`);
    assert.equal(api.requests[0]?.search, "");
  });

  test("percent-encodes the job id as one path segment", async () => {
    api.reply(RUNNING);
    await showAppJob(api.client, "a/b c?d#e%f&g=h");
    assert.equal(api.requests[0]?.pathname, `/v2/${PROJECT}/job/a%2Fb%20c%3Fd%23e%25f%26g%3Dh`);
    assert.equal(api.requests[0]?.search, "");
  });

  test("returns flat and nested sub-job errors and unknown fields as sent", async () => {
    const body = { ...SPEC_EXAMPLE, status: "FAILED", sub_jobs: [SEED_LIST_SUB_JOBS.items[0], NESTED_APP_SUB_JOB], extra: true };
    api.reply(body);
    assert.deepEqual(await showAppJob(api.client, "1"), body);
  });

  test("a body without a usable status is a ResponseValidationError naming status", async () => {
    for (const status of [undefined, null, "", false]) {
      api.reply({ ...SPEC_EXAMPLE, status });
      await assert.rejects(showAppJob(api.client, "1"), (error: unknown) => {
        assert.ok(error instanceof ResponseValidationError, String(error));
        assert.equal(error.operation, "ShowJobDetail");
        assert.equal(error.path, `/v2/${PROJECT}/job/1`);
        assert.match(error.problem, /^status: /);
        return true;
      });
    }
  });

  test("an error status is an ApiError with the service's code", async () => {
    api.reply({ error_code: "WKS.00149901", error_msg: "The request message is invalid." }, 400);
    await assert.rejects(showAppJob(api.client, "bad"), (error: unknown) => {
      assert.ok(error instanceof ApiError, String(error));
      assert.equal(error.status, 400);
      assert.equal(error.errorCode, "WKS.00149901");
      assert.equal(error.operation, "ShowJobDetail");
      return true;
    });
  });
});
