import assert from "node:assert/strict";
import { after, beforeEach, describe, test } from "node:test";
import { imageJobSchema, showImageJob, type ImageJob } from "../../src/api/image-job";
import { ApiError, ResponseValidationError } from "../../src/core/errors";
import { MockApi, PROJECT, accepts as acceptsWith, rejects as rejectsWith } from "./helpers";
import { IMAGE_JOB_SUCCESS } from "../jobs/fixtures";

/** docs/reference/huawei-api.md §2.5: the [SPEC] example of ShowImageJob (shared with the jobs tests). */
const SPEC_EXAMPLE = IMAGE_JOB_SUCCESS;

/** A running job: no end_time anywhere yet. */
const RUNNING = {
  id: "702364883651395590",
  job_type: "CREATE_SERVER",
  status: "RUNNING",
  begin_time: "2026-06-12T01:00:00Z",
  sub_jobs_total: 1,
  sub_jobs: [
    {
      id: "702364884037271560",
      job_id: "702364883651395590",
      job_type: "CREATE_SERVER",
      status: "RUNNING",
      begin_time: "2026-06-12T01:00:01Z",
    },
  ],
};

/** A failed job, the failure nested in job_execute_info ([S0] codes). */
const FAILED = {
  ...SPEC_EXAMPLE,
  status: "FAILED",
  sub_jobs: [
    {
      ...SPEC_EXAMPLE.sub_jobs[0],
      status: "FAILED",
      job_execute_info: { error_code: "WKS.00129901", error_message: "The service is now unavailable to process the request." },
      job_resource_info: { resource_id: "", resource_name: "" },
    },
  ],
};

const accepts = (body: unknown): ImageJob => acceptsWith(imageJobSchema, body);
const rejects = (body: unknown, pathHint?: string): void => rejectsWith(imageJobSchema, body, pathHint);

describe("imageJobSchema (ShowImageJob body)", () => {
  test("parses the reference example unchanged", () => {
    assert.deepEqual(accepts(SPEC_EXAMPLE), SPEC_EXAMPLE);
  });

  test("parses a running job without end_time and a failed job with its nested error", () => {
    const running = accepts(RUNNING);
    assert.equal(running.status, "RUNNING");
    assert.equal(running.end_time, undefined);
    assert.equal(running.sub_jobs?.[0]?.end_time, undefined);
    const failed = accepts(FAILED);
    assert.equal(failed.status, "FAILED");
    assert.deepEqual(failed.sub_jobs?.[0]?.job_execute_info, {
      error_code: "WKS.00129901",
      error_message: "The service is now unavailable to process the request.",
    });
  });

  test("keeps unknown fields at every level (passthrough)", () => {
    const body = {
      ...SPEC_EXAMPLE,
      request_id: "req-1",
      new_top: { nested: [1, 2] },
      sub_jobs: [
        {
          ...SPEC_EXAMPLE.sub_jobs[0],
          progress: 40,
          job_execute_info: { error_code: "", error_message: "", detail: "x" },
          job_resource_info: { resource_id: "r", resource_name: "n", resource_type: "IMAGE" },
        },
      ],
    };
    const job = accepts(body);
    assert.deepEqual(job, body);
    assert.equal(job["request_id"], "req-1");
    assert.deepEqual(job["new_top"], { nested: [1, 2] });
    assert.equal(job.sub_jobs?.[0]?.["progress"], 40);
    assert.equal(job.sub_jobs?.[0]?.job_execute_info?.["detail"], "x");
    assert.equal(job.sub_jobs?.[0]?.job_resource_info?.["resource_type"], "IMAGE");
  });

  test("accepts enum values newer than the docs", () => {
    for (const job_type of ["BUILD_IMAGE", "GENERATE_IMAGE", "DELETE_IMAGE_BUILD_SERVER", "DELETE_IMAGE", "createServer"]) {
      assert.equal(accepts({ ...RUNNING, job_type }).job_type, job_type);
    }
    for (const status of ["PAUSED", "ABNORMAL", "CANCELLED", "success"]) {
      assert.equal(accepts({ ...RUNNING, status }).status, status);
    }
    const job = accepts({
      ...RUNNING,
      sub_jobs: [
        { id: "1", job_type: "BUILD_IMAGE", status: "PAUSED" },
        { id: "2", status: "ROLLBACK" },
        { id: "3", status: "ABORTING" },
      ],
    });
    assert.deepEqual(
      job.sub_jobs?.map((s) => [s.job_type, s.status]),
      [
        ["BUILD_IMAGE", "PAUSED"],
        [undefined, "ROLLBACK"],
        [undefined, "ABORTING"],
      ],
    );
  });

  test("accepts empty strings and nulls in optional fields", () => {
    const body = {
      id: "",
      job_type: "",
      status: "WAITING",
      begin_time: "",
      end_time: "",
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
          job_execute_info: { error_code: "", error_message: "" },
          job_resource_info: { resource_id: "", resource_name: "" },
        },
        {
          id: null,
          job_id: null,
          job_type: null,
          begin_time: null,
          end_time: null,
          project_id: null,
          job_execute_info: null,
          job_resource_info: null,
        },
        {
          id: "3",
          job_execute_info: { error_code: null, error_message: null },
          job_resource_info: { resource_id: null, resource_name: null },
        },
        { id: "4", job_execute_info: {}, job_resource_info: {} },
      ],
    };
    assert.deepEqual(accepts(body), body);
    assert.deepEqual(accepts({ ...RUNNING, end_time: null }).end_time, null);
  });

  test("accepts sub-jobs whose status is empty, null or missing (a sub-job never decides the verdict)", () => {
    const job = accepts({ ...RUNNING, sub_jobs: [{ id: "1", status: "" }, { id: "2", status: null }, { id: "3" }, {}] });
    assert.deepEqual(
      job.sub_jobs?.map((s) => s.status),
      ["", null, undefined, undefined],
    );
  });

  test("accepts sub_jobs that is empty, null or missing", () => {
    assert.deepEqual(accepts({ ...RUNNING, sub_jobs: [] }).sub_jobs, []);
    assert.equal(accepts({ ...RUNNING, sub_jobs: null }).sub_jobs, null);
    const { sub_jobs: _, ...withoutSubJobs } = RUNNING;
    assert.equal(accepts(withoutSubJobs).sub_jobs, undefined);
    assert.deepEqual(accepts({ status: "WAITING" }), { status: "WAITING" });
  });

  test("rejects a missing, null or empty top-level status", () => {
    const { status: _, ...withoutStatus } = SPEC_EXAMPLE;
    rejects(withoutStatus, "status");
    rejects({ ...SPEC_EXAMPLE, status: null }, "status");
    rejects({ ...SPEC_EXAMPLE, status: undefined }, "status");
    rejects({ ...SPEC_EXAMPLE, status: "" }, "status");
    rejects({}, "status");
  });

  test("rejects a status that is not a string", () => {
    for (const status of [1, 0, true, false, {}, { value: "SUCCESS" }, ["SUCCESS"]]) {
      rejects({ ...SPEC_EXAMPLE, status }, "status");
    }
  });

  test("rejects sub_jobs that is not an array", () => {
    for (const sub_jobs of [{}, SPEC_EXAMPLE.sub_jobs[0], "[]", 1, true]) {
      rejects({ ...SPEC_EXAMPLE, sub_jobs }, "sub_jobs");
    }
    rejects({ ...SPEC_EXAMPLE, sub_jobs: ["702364884037271552"] }, "sub_jobs.0");
    rejects({ ...SPEC_EXAMPLE, sub_jobs: [null] }, "sub_jobs.0");
  });

  test("rejects a body that is not an object", () => {
    for (const body of [null, undefined, [], [SPEC_EXAMPLE], "SUCCESS", 1]) rejects(body);
  });
});

describe("showImageJob", () => {
  const api = new MockApi();
  after(() => api.close());
  beforeEach(() => {
    api.requests.length = 0;
  });

  // MockApi intercepts only GET on the appstream endpoint, so any other method or host fails the call.
  test("sends GET /v1/{project_id}/image-server-jobs/{job_id} and returns the parsed body", async () => {
    api.reply(SPEC_EXAMPLE);
    assert.deepEqual(await showImageJob(api.client, "702364883651395584"), SPEC_EXAMPLE);
    assert.equal(api.requests.length, 1);
    assert.equal(api.requests[0]?.pathname, `/v1/${PROJECT}/image-server-jobs/702364883651395584`);
    assert.equal(api.requests[0]?.search, "");
  });

  test("percent-encodes the job id as one path segment", async () => {
    api.reply(RUNNING);
    await showImageJob(api.client, "a/b c?d#e%f&g=h");
    assert.equal(api.requests[0]?.pathname, `/v1/${PROJECT}/image-server-jobs/a%2Fb%20c%3Fd%23e%25f%26g%3Dh`);
    assert.equal(api.requests[0]?.search, "");
    assert.equal(api.requests[0]?.hash, "");
  });

  test("keeps unknown fields and newer values of the body it returns", async () => {
    const body = { ...RUNNING, status: "PAUSED", job_type: "BUILD_IMAGE", extra: { a: 1 } };
    api.reply(body);
    assert.deepEqual(await showImageJob(api.client, "1"), body);
  });

  test("a body without a usable status is a ResponseValidationError naming status", async () => {
    for (const status of [undefined, null, "", 7]) {
      api.reply({ ...SPEC_EXAMPLE, status });
      await assert.rejects(showImageJob(api.client, "1"), (error: unknown) => {
        assert.ok(error instanceof ResponseValidationError, String(error));
        assert.equal(error.operation, "ShowImageJob");
        assert.equal(error.path, `/v1/${PROJECT}/image-server-jobs/1`);
        assert.match(error.problem, /^status: /);
        return true;
      });
    }
  });

  test("an error status is an ApiError with the service's code", async () => {
    api.reply({ error_code: "WKS.00129901", error_msg: "The request message is invalid." }, 404);
    await assert.rejects(showImageJob(api.client, "missing"), (error: unknown) => {
      assert.ok(error instanceof ApiError, String(error));
      assert.equal(error.status, 404);
      assert.equal(error.errorCode, "WKS.00129901");
      assert.equal(error.operation, "ShowImageJob");
      assert.equal(error.path, `/v1/${PROJECT}/image-server-jobs/missing`);
      return true;
    });
  });
});
