import assert from "node:assert/strict";
import { after, beforeEach, describe, test } from "node:test";
import {
  listAppSubJobs,
  listAppSubJobsResponseSchema,
  parseListAppSubJobsQuery,
  type ListAppSubJobsQuery,
} from "../../src/api/list-app-sub-jobs";
import { InvalidInputError } from "../../src/core/errors";
import { NESTED_APP_SUB_JOB, SEED_LIST_SUB_JOBS } from "./fixtures";
import { assertInvalid, MockApi, PROJECT, queryOf, type BadCase } from "./helpers";

const TYPES =
  "CREATE_SERVER, DELETE_SERVER, REJOIN_DOMAIN, CHANGE_SERVER_IMAGE, REINSTALL_OS, MIGRATE_SERVER, UPDATE_SERVER_TSVI, UPGRADE_ACCESS_AGENT, SCHEDULED_TASK, UPDATE_FREEZE_STATUS";
const STATUSES = "WAITING, RUNNING, SUCCESS, FAILED, ABNORMAL, ROLLBACK, ABORTING";
const PARAMS = "job_type, status, job_id, offset, limit";
const OK = { job_type: "REINSTALL_OS" };

describe("parseListAppSubJobsQuery", () => {
  const bad: BadCase[] = [
    ["missing job_type", {}, "job_type", `job_type: required; accepted: ${TYPES}`],
    ["empty job_type", { job_type: "" }, "job_type", `job_type: required; accepted: ${TYPES}`],
    [
      "CREATE_SERVER_IMAGE (not in the ListSubJobs query pattern)",
      { job_type: "CREATE_SERVER_IMAGE" },
      "job_type",
      `job_type: unknown value "CREATE_SERVER_IMAGE"; accepted: ${TYPES}; "CREATE_SERVER_IMAGE" is taken only by CountSubJobs, since the spec's pattern for ListSubJobs is narrower`,
    ],
    [
      "a JobType outside the query pattern",
      { job_type: "COLLECT_HDA_LOG" },
      "job_type",
      `job_type: unknown value "COLLECT_HDA_LOG"; accepted: ${TYPES}; "COLLECT_HDA_LOG" is taken only by CountSubJobs, since the spec's pattern for ListSubJobs is narrower`,
    ],
    ["unknown job_type", { job_type: "FUTURE_TYPE" }, "job_type", `job_type: unknown value "FUTURE_TYPE"; accepted: ${TYPES}`],
    ["unknown status", { ...OK, status: "DONE" }, "status", `status: unknown value "DONE"; accepted: ${STATUSES}`],
    ["limit 0", { ...OK, limit: "0" }, "limit", 'limit: must be an integer from 1 to 100 (got "0")'],
    ["limit 101", { ...OK, limit: "101" }, "limit", 'limit: must be an integer from 1 to 100 (got "101")'],
    ["limit abc", { ...OK, limit: "abc" }, "limit", 'limit: must be an integer from 1 to 100 (got "abc")'],
    ["limit 1.5", { ...OK, limit: "1.5" }, "limit", 'limit: must be an integer from 1 to 100 (got "1.5")'],
    ["negative offset", { ...OK, offset: "-1" }, "offset", 'offset: must be an integer >= 0 (got "-1")'],
    ["offset with a sign", { ...OK, offset: "+0" }, "offset", 'offset: must be an integer >= 0 (got "+0")'],
    ["over-long job_id", { ...OK, job_id: "x".repeat(129) }, "job_id", "job_id: at most 128 characters (got 129)"],
    ["unknown key", { ...OK, project_id: "p" }, "project_id", `project_id: unknown parameter; accepted: ${PARAMS}`],
  ];
  for (const [name, raw, field, message] of bad) {
    test(`rejects ${name}`, () => assertInvalid(() => parseListAppSubJobsQuery(raw), field, message));
  }

  test("parses good input to a typed query", () => {
    assert.deepEqual(
      parseListAppSubJobsQuery({
        job_type: "UPDATE_FREEZE_STATUS",
        status: "ABNORMAL",
        job_id: "575768277444198400",
        offset: "10",
        limit: "20",
      }),
      {
        job_type: "UPDATE_FREEZE_STATUS",
        status: "ABNORMAL",
        job_id: "575768277444198400",
        offset: 10,
        limit: 20,
      },
    );
  });
});

describe("listAppSubJobsResponseSchema", () => {
  test("accepts the flat item shape (seed [S2]) and the nested one (older spec)", () => {
    const page = listAppSubJobsResponseSchema.parse({ count: 2, items: [...SEED_LIST_SUB_JOBS.items, NESTED_APP_SUB_JOB] });
    assert.equal(page.items[0]?.error_code, "WKS.00129901");
    assert.equal(page.items[0]?.job_resource_info?.resource_name, "APS-20220902093902-AYOASWQDEJ");
    assert.equal(page.items[1]?.job_execute_info?.error_code, "WKS.00169901");
  });

  test("accepts job types beyond the query pattern, empty strings, nulls and a missing end_time", () => {
    const page = listAppSubJobsResponseSchema.parse({
      count: 2,
      items: [
        {
          id: "1",
          job_type: "INSTALL_CES_AGENT",
          status: "RUNNING",
          error_code: "",
          error_message: "",
          begin_time: "2026-01-01T00:00:00Z",
        },
        {
          id: "2",
          job_type: "BATCH_INSTALL_APP",
          status: "SUCCESS",
          error_code: null,
          error_message: null,
          job_resource_info: { resource_id: "r", spec_size: 40 },
        },
      ],
    });
    assert.equal(page.items[0]?.end_time, undefined);
    assert.equal(page.items[1]?.job_resource_info?.["spec_size"], 40);
  });

  test("null items become []; an item without status is kept (one odd item must not fail the list)", () => {
    assert.deepEqual(listAppSubJobsResponseSchema.parse({ count: 0, items: null }), { count: 0, items: [] });
    const page = listAppSubJobsResponseSchema.parse({ count: 1, items: [{ ...NESTED_APP_SUB_JOB, status: undefined }] });
    assert.equal(page.items.length, 1);
    assert.equal(page.items[0]?.status, undefined);
  });
});

describe("listAppSubJobs", () => {
  const api = new MockApi();
  after(() => api.close());
  beforeEach(() => {
    api.requests.length = 0;
  });

  test("sends GET /v1/{project_id}/app-server-sub-jobs with the query", async () => {
    api.reply(SEED_LIST_SUB_JOBS);
    const page = await listAppSubJobs(api.client, { job_type: "CREATE_SERVER", job_id: "1", limit: 100 });
    assert.equal(page.items[0]?.error_message, "The service is now unavailable to process the request.");
    assert.equal(api.requests[0]?.pathname, `/v1/${PROJECT}/app-server-sub-jobs`);
    assert.deepEqual(queryOf(api.requests[0]!), [
      ["job_id", "1"],
      ["job_type", "CREATE_SERVER"],
      ["limit", "100"],
    ]);
  });

  test("a bad typed query rejects with InvalidInputError and sends nothing", async () => {
    const bad: unknown[] = [
      { job_type: "CREATE_SERVER_IMAGE" },
      { job_type: "CREATE_SERVER", limit: 101 },
      { job_type: "CREATE_SERVER", offset: 1.5 },
    ];
    for (const query of bad) {
      await assert.rejects(listAppSubJobs(api.client, query as ListAppSubJobsQuery), InvalidInputError, JSON.stringify(query));
    }
    assert.equal(api.requests.length, 0);
  });
});
