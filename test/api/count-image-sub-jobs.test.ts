import assert from "node:assert/strict";
import { after, beforeEach, describe, test } from "node:test";
import {
  countImageSubJobs,
  countImageSubJobsResponseSchema,
  parseCountImageSubJobsQuery,
  type CountImageSubJobsQuery,
} from "../../src/api/count-image-sub-jobs";
import { InvalidInputError } from "../../src/core/errors";
import { assertInvalid, MockApi, PROJECT, queryOf, type BadCase } from "./helpers";

// Written out, not derived from the registry, so that a change to the accepted types shows here.
const TYPES =
  "CREATE_SERVER, CREATE_SERVER_IMAGE, DELETE_SERVER, BUILD_IMAGE, GENERATE_IMAGE, DELETE_IMAGE_BUILD_SERVER, DELETE_IMAGE, or a newer type (two or more upper-case words joined by _)";
const ACCEPTED = `one or more of ${TYPES}, joined with commas`;
const STATUSES = "WAITING, RUNNING, SUCCESS, FAILED, ABNORMAL, ROLLBACK, ABORTING";
const PARAMS = "job_type, status, job_id";

describe("parseCountImageSubJobsQuery", () => {
  const bad: BadCase[] = [
    ["unknown job_type", { job_type: "X" }, "job_type", `job_type: unknown value "X" in the list; accepted: ${ACCEPTED}`],
    [
      "an unknown type in the list",
      { job_type: "CREATE_SERVER,X" },
      "job_type",
      `job_type: unknown value "X" in the list; accepted: ${ACCEPTED}`,
    ],
    [
      "an empty element",
      { job_type: "CREATE_SERVER,,X" },
      "job_type",
      `job_type: empty value in the list "CREATE_SERVER,,X"; accepted: ${ACCEPTED}`,
    ],
    [
      "a trailing comma",
      { job_type: "CREATE_SERVER," },
      "job_type",
      `job_type: empty value in the list "CREATE_SERVER,"; accepted: ${ACCEPTED}`,
    ],
    [
      "a space after a comma",
      { job_type: "CREATE_SERVER, DELETE_SERVER" },
      "job_type",
      `job_type: unknown value " DELETE_SERVER" in the list; accepted: ${ACCEPTED}; did you mean "DELETE_SERVER"?`,
    ],
    [
      "a lower-case newer type",
      { job_type: "build_image" },
      "job_type",
      `job_type: unknown value "build_image" in the list; accepted: ${ACCEPTED}; did you mean "BUILD_IMAGE"?`,
    ],
    [
      "a camelCase type",
      { job_type: "createServer" },
      "job_type",
      `job_type: unknown value "createServer" in the list; accepted: ${ACCEPTED}; did you mean "CREATE_SERVER"?`,
    ],
    [
      "an over-long list",
      { job_type: Array(10).fill("CREATE_SERVER_IMAGE").join(",") },
      "job_type",
      "job_type: at most 128 characters (got 199)",
    ],
    ["unknown status", { status: "DONE" }, "status", `status: unknown value "DONE"; accepted: ${STATUSES}`],
    ["over-long job_id", { job_id: "1".repeat(129) }, "job_id", "job_id: at most 128 characters (got 129)"],
    ["offset (counts have no paging)", { offset: "0" }, "offset", `offset: unknown parameter; accepted: ${PARAMS}`],
    ["limit (counts have no paging)", { limit: "10" }, "limit", `limit: unknown parameter; accepted: ${PARAMS}`],
  ];
  for (const [name, raw, field, message] of bad) {
    test(`rejects ${name}`, () => assertInvalid(() => parseCountImageSubJobsQuery(raw), field, message));
  }

  test("parses good input; job_type is optional and becomes a list", () => {
    assert.deepEqual(parseCountImageSubJobsQuery({}), {});
    assert.deepEqual(parseCountImageSubJobsQuery({ job_type: "", status: "", job_id: "" }), {});
    assert.deepEqual(
      parseCountImageSubJobsQuery({ job_type: "CREATE_SERVER,DELETE_SERVER", status: "FAILED", job_id: "702364883651395584" }),
      {
        job_type: ["CREATE_SERVER", "DELETE_SERVER"],
        status: "FAILED",
        job_id: "702364883651395584",
      },
    );
    // Every ImageJobType of the current spec, and a newer-looking one (an app type here), pass.
    assert.deepEqual(
      parseCountImageSubJobsQuery({ job_type: "BUILD_IMAGE,GENERATE_IMAGE,DELETE_IMAGE_BUILD_SERVER,DELETE_IMAGE,UPGRADE_ACCESS_AGENT" })
        .job_type,
      ["BUILD_IMAGE", "GENERATE_IMAGE", "DELETE_IMAGE_BUILD_SERVER", "DELETE_IMAGE", "UPGRADE_ACCESS_AGENT"],
    );
    // Repeats are passed through; 115 characters fit, one more type (129) does not.
    const list = [...Array(3).fill("CREATE_SERVER_IMAGE"), ...Array(4).fill("DELETE_SERVER")].join(",");
    assert.equal(list.length, 115);
    assert.equal(parseCountImageSubJobsQuery({ job_type: list }).job_type?.length, 7);
    assertInvalid(
      () => parseCountImageSubJobsQuery({ job_type: `${list},CREATE_SERVER` }),
      "job_type",
      "job_type: at most 128 characters (got 129)",
    );
  });
});

describe("countImageSubJobsResponseSchema", () => {
  test("parses the seed example and rejects a missing or negative count", () => {
    assert.deepEqual(countImageSubJobsResponseSchema.parse({ count: 0 }), { count: 0 });
    assert.deepEqual(countImageSubJobsResponseSchema.parse({ count: 12, extra: "x" }), { count: 12 });
    for (const body of [{}, { count: null }, { count: -3 }, { count: "3" }]) {
      assert.equal(countImageSubJobsResponseSchema.safeParse(body).success, false, JSON.stringify(body));
    }
  });
});

describe("countImageSubJobs", () => {
  const api = new MockApi();
  after(() => api.close());
  beforeEach(() => {
    api.requests.length = 0;
  });

  test("sends GET …/image-server-sub-jobs/actions/count with job_type joined by a percent-encoded comma", async () => {
    api.reply({ count: 7 });
    const result = await countImageSubJobs(api.client, { job_type: ["CREATE_SERVER", "DELETE_SERVER"], status: "SUCCESS" });
    assert.deepEqual(result, { count: 7 });
    assert.equal(api.requests[0]?.pathname, `/v1/${PROJECT}/image-server-sub-jobs/actions/count`);
    assert.match(api.requests[0]?.search ?? "", /job_type=CREATE_SERVER%2CDELETE_SERVER/);
    assert.deepEqual(queryOf(api.requests[0]!), [
      ["job_type", "CREATE_SERVER,DELETE_SERVER"],
      ["status", "SUCCESS"],
    ]);
  });

  test("with no filter, sends no query", async () => {
    api.reply({ count: 0 });
    assert.deepEqual(await countImageSubJobs(api.client, {}), { count: 0 });
    assert.equal(api.requests[0]?.search, "");
  });

  test("a bad typed query rejects with InvalidInputError and sends nothing", async () => {
    const bad: unknown[] = [{ job_type: ["X"] }, { job_type: ["CREATE_SERVER", ""] }, { limit: 10 }, { status: "PAUSED" }];
    for (const query of bad) {
      await assert.rejects(countImageSubJobs(api.client, query as CountImageSubJobsQuery), InvalidInputError, JSON.stringify(query));
    }
    assert.equal(api.requests.length, 0);
  });
});
