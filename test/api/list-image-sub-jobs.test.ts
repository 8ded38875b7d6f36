import assert from "node:assert/strict";
import { after, beforeEach, describe, test } from "node:test";
import {
  listImageSubJobs,
  listImageSubJobsResponseSchema,
  parseListImageSubJobsQuery,
  type ListImageSubJobsQuery,
} from "../../src/api/list-image-sub-jobs";
import { InvalidInputError } from "../../src/core/errors";
import { LENIENT_IMAGE_SUB_JOBS, SEED_LIST_IMAGE_SUB_JOBS } from "./fixtures";
import { assertInvalid, MockApi, PROJECT, queryOf, type BadCase } from "./helpers";

const TYPES = "CREATE_SERVER, CREATE_SERVER_IMAGE, DELETE_SERVER";
const STATUSES = "WAITING, RUNNING, SUCCESS, FAILED, ABNORMAL, ROLLBACK, ABORTING";
const PARAMS = "job_type, status, job_id, offset, limit";
const OK = { job_type: "CREATE_SERVER_IMAGE" };

describe("parseListImageSubJobsQuery", () => {
  const bad: BadCase[] = [
    ["missing job_type", { status: "RUNNING" }, "job_type", `job_type: required; accepted: ${TYPES}`],
    ["empty job_type", { job_type: "" }, "job_type", `job_type: required; accepted: ${TYPES}`],
    ["unknown job_type", { job_type: "X" }, "job_type", `job_type: unknown value "X"; accepted: ${TYPES}`],
    [
      "job_type with a trailing space",
      { job_type: "CREATE_SERVER " },
      "job_type",
      `job_type: unknown value "CREATE_SERVER "; accepted: ${TYPES}; did you mean "CREATE_SERVER"?`,
    ],
    ["unknown status", { ...OK, status: "DONE" }, "status", `status: unknown value "DONE"; accepted: ${STATUSES}`],
    [
      "lower-case status",
      { ...OK, status: "running" },
      "status",
      `status: unknown value "running"; accepted: ${STATUSES}; did you mean "RUNNING"?`,
    ],
    ["limit 0", { ...OK, limit: "0" }, "limit", 'limit: must be an integer from 1 to 100 (got "0")'],
    ["limit 101", { ...OK, limit: "101" }, "limit", 'limit: must be an integer from 1 to 100 (got "101")'],
    ["limit abc", { ...OK, limit: "abc" }, "limit", 'limit: must be an integer from 1 to 100 (got "abc")'],
    ["limit 1.5", { ...OK, limit: "1.5" }, "limit", 'limit: must be an integer from 1 to 100 (got "1.5")'],
    ["negative offset", { ...OK, offset: "-1" }, "offset", 'offset: must be an integer >= 0 (got "-1")'],
    ["hex offset", { ...OK, offset: "0x10" }, "offset", 'offset: must be an integer >= 0 (got "0x10")'],
    ["over-long job_id", { ...OK, job_id: "7".repeat(129) }, "job_id", "job_id: at most 128 characters (got 129)"],
    ["job_id with a newline", { ...OK, job_id: "70236\n4883" }, "job_id", "job_id: control character U+000A at position 6 is not allowed"],
    ["unknown key", { ...OK, sub_job_ids: "1" }, "sub_job_ids", `sub_job_ids: unknown parameter; accepted: ${PARAMS}`],
  ];
  for (const [name, raw, field, message] of bad) {
    test(`rejects ${name}`, () => assertInvalid(() => parseListImageSubJobsQuery(raw), field, message));
  }

  test("parses good input to a typed query", () => {
    assert.deepEqual(
      parseListImageSubJobsQuery({
        job_type: "CREATE_SERVER",
        status: "ROLLBACK",
        job_id: "702364883651395584",
        offset: "100",
        limit: "100",
      }),
      {
        job_type: "CREATE_SERVER",
        status: "ROLLBACK",
        job_id: "702364883651395584",
        offset: 100,
        limit: 100,
      },
    );
    // 128 code points, some outside the BMP: counted as characters, not UTF-16 units.
    const id = "😀".repeat(128);
    assert.equal(parseListImageSubJobsQuery({ ...OK, job_id: id }).job_id, id);
    assert.deepEqual(parseListImageSubJobsQuery({ ...OK, job_id: "", status: "", offset: "", limit: "" }), OK);
  });
});

describe("listImageSubJobsResponseSchema", () => {
  test("parses the seed example with job_execute_info", () => {
    const page = listImageSubJobsResponseSchema.parse(SEED_LIST_IMAGE_SUB_JOBS);
    assert.equal(page.items[0]?.job_execute_info?.error_code, "WKS.00129901");
    assert.equal(page.items[0]?.job_resource_info?.resource_name, "Image test");
  });

  test("accepts newer job types and statuses, nulls, empty strings, missing end_time, unknown fields", () => {
    const page = listImageSubJobsResponseSchema.parse(LENIENT_IMAGE_SUB_JOBS);
    assert.deepEqual(
      page.items.map((item) => [item.job_type, item.status, item.end_time]),
      [
        ["BUILD_IMAGE", "RUNNING", undefined],
        ["CREATE_SERVER_IMAGE", "SUCCESS", "2026-06-12T01:20:00Z"],
        [null, "PAUSED", null],
      ],
    );
    assert.deepEqual(page.items[1]?.["new_field_2027"], { nested: true });
  });

  test("missing items become []; a missing count is the page's item count; items without a status are kept", () => {
    assert.deepEqual(listImageSubJobsResponseSchema.parse({ count: 5 }), { count: 5, items: [] });
    assert.deepEqual(listImageSubJobsResponseSchema.parse({ items: [] }), { count: 0, items: [] });
    assert.deepEqual(listImageSubJobsResponseSchema.parse({ items: [{ id: "1" }, { id: "2" }] }).count, 2);
    assert.equal(listImageSubJobsResponseSchema.safeParse({ count: null, items: [] }).success, false);
    assert.equal(listImageSubJobsResponseSchema.safeParse({ count: "3", items: [] }).success, false);
    assert.equal(listImageSubJobsResponseSchema.safeParse({ count: 1, items: [{ id: "1", job_type: "CREATE_SERVER" }] }).success, true);
    assert.equal(listImageSubJobsResponseSchema.safeParse({ count: 1, items: [{ id: "1", status: null }] }).success, true);
    assert.equal(listImageSubJobsResponseSchema.safeParse({ count: 1, items: [{ id: "1", status: ["FAILED"] }] }).success, false);
  });
});

describe("listImageSubJobs", () => {
  const api = new MockApi();
  after(() => api.close());
  beforeEach(() => {
    api.requests.length = 0;
  });

  test("sends GET /v1/{project_id}/image-server-sub-jobs with the query, job_id percent-encoded", async () => {
    api.reply(SEED_LIST_IMAGE_SUB_JOBS);
    const page = await listImageSubJobs(
      api.client,
      parseListImageSubJobsQuery({ job_type: "CREATE_SERVER", status: "ABORTING", job_id: "a b&c=d", offset: "0", limit: "5" }),
    );
    assert.equal(page.items.length, 1);
    assert.equal(api.requests[0]?.pathname, `/v1/${PROJECT}/image-server-sub-jobs`);
    assert.match(api.requests[0]?.search ?? "", /job_id=a%20b%26c%3Dd/);
    assert.deepEqual(queryOf(api.requests[0]!), [
      ["job_id", "a b&c=d"],
      ["job_type", "CREATE_SERVER"],
      ["limit", "5"],
      ["offset", "0"],
      ["status", "ABORTING"],
    ]);
  });

  test("a bad typed query rejects with InvalidInputError and sends nothing", async () => {
    const bad: unknown[] = [
      { job_type: "CREATE_SERVER", job_id: "x".repeat(129) },
      { job_type: "CREATE_SERVER", limit: 0 },
      { job_type: "CREATE_SERVER", status: "DONE" },
      { status: "RUNNING" },
    ];
    for (const query of bad) {
      await assert.rejects(listImageSubJobs(api.client, query as ListImageSubJobsQuery), InvalidInputError, JSON.stringify(query));
    }
    assert.equal(api.requests.length, 0);
  });
});
