import assert from "node:assert/strict";
import { after, beforeEach, describe, test } from "node:test";
import {
  listImageJobs,
  listImageJobsResponseSchema,
  parseListImageJobsQuery,
  type ListImageJobsQuery,
} from "../../src/api/list-image-jobs";
import { ApiError, InvalidInputError, ResponseValidationError } from "../../src/core/errors";
import { SEED_LIST_IMAGE_JOBS } from "./fixtures";
import { assertInvalid, MockApi, PROJECT, queryOf, type BadCase } from "./helpers";

const TYPES = "CREATE_SERVER, CREATE_SERVER_IMAGE, DELETE_SERVER";
const STATUSES = "WAITING, RUNNING, SUCCESS, FAILED";
const PARAMS = "job_type, status, offset, limit";
const OK = { job_type: "CREATE_SERVER" };

describe("parseListImageJobsQuery", () => {
  const bad: BadCase[] = [
    ["missing job_type", {}, "job_type", `job_type: required; accepted: ${TYPES}`],
    ["empty job_type", { job_type: "" }, "job_type", `job_type: required; accepted: ${TYPES}`],
    [
      "a newer ImageJobType, outside the query pattern",
      { job_type: "BUILD_IMAGE" },
      "job_type",
      `job_type: unknown value "BUILD_IMAGE"; accepted: ${TYPES}; "BUILD_IMAGE" is taken only by CountImageSubJobs, since the spec's pattern for ListImageJobs is narrower`,
    ],
    ["unknown job_type", { job_type: "FUTURE_TYPE" }, "job_type", `job_type: unknown value "FUTURE_TYPE"; accepted: ${TYPES}`],
    [
      "job_type in another case",
      { job_type: "create_server" },
      "job_type",
      `job_type: unknown value "create_server"; accepted: ${TYPES}; did you mean "CREATE_SERVER"?`,
    ],
    [
      "a list where one type is expected",
      { job_type: "CREATE_SERVER,DELETE_SERVER" },
      "job_type",
      `job_type: unknown value "CREATE_SERVER,DELETE_SERVER"; accepted: ${TYPES}`,
    ],
    ["a sub-job status", { ...OK, status: "ABNORMAL" }, "status", `status: unknown value "ABNORMAL"; accepted: ${STATUSES}`],
    ["unknown status", { ...OK, status: "DONE" }, "status", `status: unknown value "DONE"; accepted: ${STATUSES}`],
    ["limit 0", { ...OK, limit: "0" }, "limit", 'limit: must be an integer from 1 to 100 (got "0")'],
    ["limit 101", { ...OK, limit: "101" }, "limit", 'limit: must be an integer from 1 to 100 (got "101")'],
    ["limit abc", { ...OK, limit: "abc" }, "limit", 'limit: must be an integer from 1 to 100 (got "abc")'],
    ["limit 1.5", { ...OK, limit: "1.5" }, "limit", 'limit: must be an integer from 1 to 100 (got "1.5")'],
    ["limit 1e2", { ...OK, limit: "1e2" }, "limit", 'limit: must be an integer from 1 to 100 (got "1e2")'],
    ["limit +1", { ...OK, limit: "+1" }, "limit", 'limit: must be an integer from 1 to 100 (got "+1")'],
    ["limit with spaces", { ...OK, limit: " 10" }, "limit", 'limit: must be an integer from 1 to 100 (got " 10")'],
    ["negative offset", { ...OK, offset: "-1" }, "offset", 'offset: must be an integer >= 0 (got "-1")'],
    ["offset past int32", { ...OK, offset: "2147483648" }, "offset", 'offset: must be an integer from 0 to 2147483647 (got "2147483648")'],
    ["job_id (ListImageJobs has no such filter)", { ...OK, job_id: "1" }, "job_id", `job_id: unknown parameter; accepted: ${PARAMS}`],
    ["unknown key", { ...OK, sub_job_ids: "1,2" }, "sub_job_ids", `sub_job_ids: unknown parameter; accepted: ${PARAMS}`],
    ["inherited property name", { ...OK, toString: "x" }, "toString", `toString: unknown parameter; accepted: ${PARAMS}`],
    [
      "__proto__ from JSON",
      JSON.parse('{"job_type":"CREATE_SERVER","__proto__":"x"}') as Record<string, string>,
      "__proto__",
      `__proto__: unknown parameter; accepted: ${PARAMS}`,
    ],
    ["unknown key before a bad value", { limit: "0", zzz: "1" }, "zzz", `zzz: unknown parameter; accepted: ${PARAMS}`],
  ];
  for (const [name, raw, field, message] of bad) {
    test(`rejects ${name}`, () => assertInvalid(() => parseListImageJobsQuery(raw), field, message));
  }

  test("messages and fields use the caller's spelling", () => {
    const flag = (param: string) => `--${param.replace(/_/g, "-")}`;
    assertInvalid(() => parseListImageJobsQuery({}, flag), "--job-type", `--job-type: required; accepted: ${TYPES}`);
    assertInvalid(
      () => parseListImageJobsQuery({ ...OK, limit: "abc" }, flag),
      "--limit",
      '--limit: must be an integer from 1 to 100 (got "abc")',
    );
    assertInvalid(
      () => parseListImageJobsQuery({ ...OK, x: "1" }, flag),
      "--x",
      "--x: unknown parameter; accepted: --job-type, --status, --offset, --limit",
    );
  });

  test("parses good input to a typed query; empty or undefined optional values are not given", () => {
    assert.deepEqual(parseListImageJobsQuery({ job_type: "DELETE_SERVER" }), { job_type: "DELETE_SERVER" });
    assert.deepEqual(parseListImageJobsQuery({ job_type: "CREATE_SERVER_IMAGE", status: "FAILED", offset: "2147483647", limit: "100" }), {
      job_type: "CREATE_SERVER_IMAGE",
      status: "FAILED",
      offset: 2147483647,
      limit: 100,
    });
    assert.deepEqual(parseListImageJobsQuery({ job_type: "CREATE_SERVER", status: "", offset: undefined, limit: "1" }), {
      job_type: "CREATE_SERVER",
      limit: 1,
    });
    assert.deepEqual(parseListImageJobsQuery({ job_type: "CREATE_SERVER", offset: "0", limit: "010" }), {
      job_type: "CREATE_SERVER",
      offset: 0,
      limit: 10,
    });
  });
});

describe("listImageJobsResponseSchema", () => {
  test("parses the seed example (camelCase job_type is kept, count is not checked against items)", () => {
    const page = listImageJobsResponseSchema.parse(SEED_LIST_IMAGE_JOBS);
    assert.equal(page.count, 0);
    assert.equal(page.items[0]?.job_type, "createServer");
    assert.equal(page.items[0]?.sub_jobs_total, 10);
  });

  test("accepts newer values, nulls, empty strings, a missing end_time and unknown fields", () => {
    const page = listImageJobsResponseSchema.parse({
      count: 2,
      request_id: "dropped",
      items: [
        {
          id: "702364883651395584",
          job_type: "GENERATE_IMAGE",
          status: "RUNNING",
          begin_time: "2026-06-12T01:00:00Z",
          sub_jobs_total: null,
          extra: 1,
        },
        { id: "702364883651395585", job_type: "", status: "QUEUED", begin_time: null, end_time: "" },
      ],
    });
    assert.deepEqual(Object.keys(page), ["count", "items"]);
    assert.equal(page.items[0]?.job_type, "GENERATE_IMAGE");
    assert.equal(page.items[0]?.["extra"], 1);
    assert.equal(page.items[1]?.status, "QUEUED");
  });

  test("null or missing items become []", () => {
    assert.deepEqual(listImageJobsResponseSchema.parse({ count: 0, items: null }), { count: 0, items: [] });
    assert.deepEqual(listImageJobsResponseSchema.parse({ count: 0 }), { count: 0, items: [] });
  });

  test("rejects a bad count, reads a missing one as the page's item count; keeps items without a status", () => {
    assert.deepEqual(listImageJobsResponseSchema.parse({ items: [{ id: "1" }] }), { count: 1, items: [{ id: "1" }] });
    for (const body of [
      { count: null, items: [] },
      { count: -1, items: [] },
      { count: 1.5, items: [] },
      { count: "1", items: [] },
      { count: 1, items: [{ id: "1", status: 7 }] },
    ]) {
      assert.equal(listImageJobsResponseSchema.safeParse(body).success, false, JSON.stringify(body));
    }
    for (const body of [
      { count: 1, items: [{ id: "1" }] },
      { count: 1, items: [{ id: "1", status: "" }] },
      { count: 1, items: [{ id: "1", status: null }] },
    ]) {
      assert.equal(listImageJobsResponseSchema.safeParse(body).success, true, JSON.stringify(body));
    }
  });
});

describe("listImageJobs", () => {
  const api = new MockApi();
  after(() => api.close());
  beforeEach(() => {
    api.requests.length = 0;
  });

  test("sends GET /v1/{project_id}/image-server-jobs with the query", async () => {
    api.reply({ count: 1, items: [{ id: "1", job_type: "CREATE_SERVER", status: "SUCCESS" }] });
    const page = await listImageJobs(api.client, { job_type: "CREATE_SERVER", status: "SUCCESS", offset: 20, limit: 10 });
    assert.deepEqual(page, { count: 1, items: [{ id: "1", job_type: "CREATE_SERVER", status: "SUCCESS" }] });
    assert.equal(api.requests.length, 1);
    assert.equal(api.requests[0]?.pathname, `/v1/${PROJECT}/image-server-jobs`);
    assert.deepEqual(queryOf(api.requests[0]!), [
      ["job_type", "CREATE_SERVER"],
      ["limit", "10"],
      ["offset", "20"],
      ["status", "SUCCESS"],
    ]);
  });

  test("leaves out parameters not given", async () => {
    api.reply({ count: 0, items: null });
    assert.deepEqual(await listImageJobs(api.client, parseListImageJobsQuery({ job_type: "DELETE_SERVER", status: "" })), {
      count: 0,
      items: [],
    });
    assert.equal(api.requests[0]?.search, "?job_type=DELETE_SERVER");
  });

  test("a bad typed query rejects with InvalidInputError and sends nothing", async () => {
    const bad: unknown[] = [
      { job_type: "CREATE_SERVER", limit: 500 },
      { job_type: "CREATE_SERVER", limit: Number.NaN },
      { job_type: "CREATE_SERVER", offset: -1 },
      { job_type: "X" },
      {},
      { job_type: "CREATE_SERVER", job_id: "1" },
    ];
    for (const query of bad) {
      await assert.rejects(listImageJobs(api.client, query as ListImageJobsQuery), InvalidInputError, JSON.stringify(query));
    }
    assert.equal(api.requests.length, 0);
  });

  test("an invalid body is a ResponseValidationError; an error status an ApiError", async () => {
    api.reply({ count: "many", items: [] });
    await assert.rejects(
      listImageJobs(api.client, { job_type: "CREATE_SERVER" }),
      (error: unknown) => error instanceof ResponseValidationError && /count/.test(error.problem),
    );
    api.reply({ error_code: "WKS.00211102", error_msg: "The parameter is invalid." }, 400);
    await assert.rejects(
      listImageJobs(api.client, { job_type: "CREATE_SERVER" }),
      (error: unknown) => error instanceof ApiError && error.errorCode === "WKS.00211102",
    );
  });
});
