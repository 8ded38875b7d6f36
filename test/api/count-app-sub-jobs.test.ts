import assert from "node:assert/strict";
import { after, beforeEach, describe, test } from "node:test";
import {
  countAppSubJobs,
  countAppSubJobsResponseSchema,
  parseCountAppSubJobsQuery,
  type CountAppSubJobsQuery,
} from "../../src/api/count-app-sub-jobs";
import { InvalidInputError } from "../../src/core/errors";
import { assertInvalid, MockApi, PROJECT, queryOf, type BadCase } from "./helpers";

// Written out, not derived from the registry, so that a change to the accepted types shows here.
const TYPES =
  "CREATE_SERVER, DELETE_SERVER, UPDATE_FREEZE_STATUS, CREATE_SERVER_IMAGE, REINSTALL_OS, CHANGE_SERVER_IMAGE, REJOIN_DOMAIN, MIGRATE_SERVER, UPGRADE_ACCESS_AGENT, UPDATE_SERVER_TSVI, SCHEDULED_TASK, COLLECT_HDA_LOG, COLLECT_APS_LOG, CREATE_SERVER_SNAPSHOT, DELETE_SERVER_SNAPSHOT, RESTORE_SERVER_SNAPSHOT, BATCH_INSTALL_APP, INSTALL_CES_AGENT, UNINSTALL_CES_AGENT, or a newer type (two or more upper-case words joined by _)";
const ACCEPTED = `one or more of ${TYPES}, joined with commas`;
const STATUSES = "WAITING, RUNNING, SUCCESS, FAILED, ABNORMAL, ROLLBACK, ABORTING";
const PARAMS = "job_type, status, job_id";

describe("parseCountAppSubJobsQuery", () => {
  const bad: BadCase[] = [
    ["unknown job_type", { job_type: "X" }, "job_type", `job_type: unknown value "X" in the list; accepted: ${ACCEPTED}`],
    [
      "an empty element",
      { job_type: "CREATE_SERVER,,X" },
      "job_type",
      `job_type: empty value in the list "CREATE_SERVER,,X"; accepted: ${ACCEPTED}`,
    ],
    [
      "a leading comma",
      { job_type: ",CREATE_SERVER" },
      "job_type",
      `job_type: empty value in the list ",CREATE_SERVER"; accepted: ${ACCEPTED}`,
    ],
    [
      "a lower-case type",
      { job_type: "CREATE_SERVER,delete_server" },
      "job_type",
      `job_type: unknown value "delete_server" in the list; accepted: ${ACCEPTED}; did you mean "DELETE_SERVER"?`,
    ],
    [
      "a single-word type (a newer type has two or more words)",
      { job_type: "SNAPSHOT" },
      "job_type",
      `job_type: unknown value "SNAPSHOT" in the list; accepted: ${ACCEPTED}`,
    ],
    [
      "a type with a digit first",
      { job_type: "1_SERVER" },
      "job_type",
      `job_type: unknown value "1_SERVER" in the list; accepted: ${ACCEPTED}`,
    ],
    [
      "a type with a trailing _",
      { job_type: "CREATE_SERVER_" },
      "job_type",
      `job_type: unknown value "CREATE_SERVER_" in the list; accepted: ${ACCEPTED}; did you mean "CREATE_SERVER"?`,
    ],
    [
      "an over-long list",
      { job_type: Array(20).fill("CREATE_SERVER").join(",") },
      "job_type",
      "job_type: at most 256 characters (got 279)",
    ],
    ["unknown status", { status: "DONE" }, "status", `status: unknown value "DONE"; accepted: ${STATUSES}`],
    ["over-long job_id", { job_id: "1".repeat(129) }, "job_id", "job_id: at most 128 characters (got 129)"],
    ["unknown key", { jobType: "CREATE_SERVER" }, "jobType", `jobType: unknown parameter; accepted: ${PARAMS}`],
    ["offset", { offset: "0" }, "offset", `offset: unknown parameter; accepted: ${PARAMS}`],
  ];
  for (const [name, raw, field, message] of bad) {
    test(`rejects ${name}`, () => assertInvalid(() => parseCountAppSubJobsQuery(raw), field, message));
  }

  test("parses good input; the list may include CREATE_SERVER_IMAGE and be up to 256 characters", () => {
    assert.deepEqual(parseCountAppSubJobsQuery({}), {});
    assert.deepEqual(
      parseCountAppSubJobsQuery({ job_type: "CREATE_SERVER,CREATE_SERVER_IMAGE,DELETE_SERVER,UPGRADE_ACCESS_AGENT", status: "WAITING" }),
      {
        job_type: ["CREATE_SERVER", "CREATE_SERVER_IMAGE", "DELETE_SERVER", "UPGRADE_ACCESS_AGENT"],
        status: "WAITING",
      },
    );
    // Every JobType of the Go SDK, and a newer-looking one, pass (the CLI warns about the latter).
    assert.deepEqual(parseCountAppSubJobsQuery({ job_type: "BATCH_INSTALL_APP,UNINSTALL_CES_AGENT,FUTURE_TYPE" }).job_type, [
      "BATCH_INSTALL_APP",
      "UNINSTALL_CES_AGENT",
      "FUTURE_TYPE",
    ]);
    const list = Array(18).fill("CREATE_SERVER").join(",");
    assert.ok(list.length > 128 && list.length <= 256);
    assert.equal(parseCountAppSubJobsQuery({ job_type: list }).job_type?.length, 18);
  });
});

describe("countAppSubJobsResponseSchema", () => {
  test("parses {count} and rejects a body without count", () => {
    assert.deepEqual(countAppSubJobsResponseSchema.parse({ count: 3 }), { count: 3 });
    assert.equal(countAppSubJobsResponseSchema.safeParse({ total: 3 }).success, false);
  });
});

describe("countAppSubJobs", () => {
  const api = new MockApi();
  after(() => api.close());
  beforeEach(() => {
    api.requests.length = 0;
  });

  test("sends GET …/app-server-sub-jobs/actions/count with the query", async () => {
    api.reply({ count: 42 });
    assert.deepEqual(
      await countAppSubJobs(
        api.client,
        parseCountAppSubJobsQuery({ job_type: "REINSTALL_OS,MIGRATE_SERVER", job_id: "575768277444198400" }),
      ),
      { count: 42 },
    );
    assert.equal(api.requests[0]?.pathname, `/v1/${PROJECT}/app-server-sub-jobs/actions/count`);
    assert.deepEqual(queryOf(api.requests[0]!), [
      ["job_id", "575768277444198400"],
      ["job_type", "REINSTALL_OS,MIGRATE_SERVER"],
    ]);
  });

  test("a bad typed query rejects with InvalidInputError and sends nothing", async () => {
    const bad: unknown[] = [{ job_type: ["collect_aps_log"] }, { job_id: "y".repeat(200) }, { status: "" as string, offset: 1 }];
    for (const query of bad) {
      await assert.rejects(countAppSubJobs(api.client, query as CountAppSubJobsQuery), InvalidInputError, JSON.stringify(query));
    }
    assert.equal(api.requests.length, 0);
  });
});
