import assert from "node:assert/strict";
import { after, beforeEach, describe, test } from "node:test";
import { InvalidInputError, InvalidInputsError } from "../../src/core/errors";
import { ListChangedError } from "../../src/core/list-errors";
import { summarizeItem } from "../../src/jobs/item-summary";
import {
  isListOperation,
  isQueryOperation,
  parseQuery,
  QUERY_OPERATIONS,
  queryParameters,
  runQuery,
  type ParsedQuery,
} from "../../src/jobs/queries";
import { NESTED_APP_SUB_JOB, SEED_LIST_IMAGE_JOBS, SEED_LIST_IMAGE_SUB_JOBS, SEED_LIST_SUB_JOBS } from "../api/fixtures";
import { assertInvalid, MockApi, PROJECT } from "../api/helpers";

const flag = (param: string) => `--${param.replace(/_/g, "-")}`;

describe("query registry", () => {
  test("operations, list/count split and accepted parameters", () => {
    assert.deepEqual(QUERY_OPERATIONS, [
      "list-image-jobs",
      "list-image-sub-jobs",
      "count-image-sub-jobs",
      "list-app-sub-jobs",
      "count-app-sub-jobs",
    ]);
    assert.deepEqual(QUERY_OPERATIONS.filter(isListOperation), ["list-image-jobs", "list-image-sub-jobs", "list-app-sub-jobs"]);
    assert.deepEqual(queryParameters("list-image-jobs"), ["job_type", "status", "offset", "limit"]);
    assert.deepEqual(queryParameters("list-image-sub-jobs"), ["job_type", "status", "job_id", "offset", "limit"]);
    assert.deepEqual(queryParameters("list-app-sub-jobs"), ["job_type", "status", "job_id", "offset", "limit"]);
    assert.deepEqual(queryParameters("count-image-sub-jobs"), ["job_type", "status", "job_id"]);
    assert.deepEqual(queryParameters("count-app-sub-jobs"), ["job_type", "status", "job_id"]);
    assert.equal(isQueryOperation("count-app-sub-jobs"), true);
    assert.equal(isQueryOperation("get-image-job"), false);
    assert.equal(isQueryOperation("toString"), false);
  });
});

describe("parseQuery", () => {
  test("dispatches to each operation's parser and tags the result", () => {
    assert.deepEqual(parseQuery("list-image-jobs", { job_type: "CREATE_SERVER", limit: "5" }), {
      op: "list-image-jobs",
      query: { job_type: "CREATE_SERVER", limit: 5 },
    });
    assert.deepEqual(parseQuery("list-image-sub-jobs", { job_type: "DELETE_SERVER", job_id: "7" }), {
      op: "list-image-sub-jobs",
      query: { job_type: "DELETE_SERVER", job_id: "7" },
    });
    assert.deepEqual(parseQuery("count-image-sub-jobs", { job_type: "CREATE_SERVER,DELETE_SERVER" }), {
      op: "count-image-sub-jobs",
      query: { job_type: ["CREATE_SERVER", "DELETE_SERVER"] },
    });
    assert.deepEqual(parseQuery("list-app-sub-jobs", { job_type: "MIGRATE_SERVER", status: "ROLLBACK" }), {
      op: "list-app-sub-jobs",
      query: { job_type: "MIGRATE_SERVER", status: "ROLLBACK" },
    });
    assert.deepEqual(parseQuery("count-app-sub-jobs", {}), { op: "count-app-sub-jobs", query: {} });
  });

  test("errors name the parameter as the label spells it", () => {
    assertInvalid(
      () => parseQuery("list-app-sub-jobs", { job_type: "CREATE_SERVER", limit: "0" }, flag),
      "--limit",
      '--limit: must be an integer from 1 to 100 (got "0")',
    );
    assertInvalid(
      () => parseQuery("count-image-sub-jobs", { limit: "1" }),
      "limit",
      "limit: unknown parameter; accepted: job_type, status, job_id",
    );
  });

  test("every bad parameter is a problem of its own, in one error", () => {
    let caught: unknown;
    try {
      parseQuery("list-image-sub-jobs", { job_type: "NOPE", status: "x", limit: "0", job_id: "j" }, flag);
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof InvalidInputsError, String(caught));
    assert.deepEqual(
      caught.problems.map((p) => p.field),
      ["--job-type", "--status", "--limit"],
    );
    assert.equal(caught.field, "--job-type");
    assert.match(caught.message, /^--job-type: .* \| --status: .* \| --limit: /);
  });

  test("with all, offset and limit are refused", () => {
    assertInvalid(
      () => parseQuery("list-image-jobs", { job_type: "CREATE_SERVER", offset: "0" }, undefined, { all: true }),
      "offset",
      "offset: not accepted when every page is read",
    );
    assertInvalid(
      () => parseQuery("list-image-sub-jobs", { job_type: "CREATE_SERVER", limit: "100" }, flag, { all: true }),
      "--limit",
      "--limit: not accepted when every page is read",
    );
    assert.deepEqual(parseQuery("list-app-sub-jobs", { job_type: "CREATE_SERVER", offset: "", limit: "" }, undefined, { all: true }), {
      op: "list-app-sub-jobs",
      query: { job_type: "CREATE_SERVER" },
    });
    assert.deepEqual(parseQuery("count-app-sub-jobs", { status: "FAILED" }, undefined, { all: true }), {
      op: "count-app-sub-jobs",
      query: { status: "FAILED" },
    });
  });
});

/** A paged image-job list served from memory, honouring offset and limit like the API. */
function pagedImageJobs(total: number) {
  const items = Array.from({ length: total }, (_, i) => ({
    id: `70236488365139${String(i).padStart(4, "0")}`,
    job_type: "CREATE_SERVER",
    status: "SUCCESS",
  }));
  return {
    items,
    body: (url: URL) => {
      const offset = Number(url.searchParams.get("offset") ?? "0");
      const limit = Number(url.searchParams.get("limit") ?? "10");
      return { count: total, items: items.slice(offset, offset + limit) };
    },
  };
}

describe("runQuery", () => {
  const api = new MockApi();
  after(() => api.close());
  beforeEach(() => {
    api.requests.length = 0;
  });

  test("a list reads one page by default, passing offset and limit through", async () => {
    api.reply(pagedImageJobs(250).body);
    const result = await runQuery(api.client, parseQuery("list-image-jobs", { job_type: "CREATE_SERVER", offset: "10", limit: "20" }));
    assert.equal(result.kind, "list");
    assert.equal(result.count, 250);
    assert.equal(result.kind === "list" && result.items.length, 20);
    assert.equal(api.requests.length, 1);
  });

  test("with all, every page is read in order with limit 100, pages overlapping by one item", async () => {
    const source = pagedImageJobs(1234);
    api.reply(source.body);
    const result = await runQuery(api.client, parseQuery("list-image-jobs", { job_type: "CREATE_SERVER", status: "SUCCESS" }), {
      all: true,
      concurrency: 8,
    });
    assert.deepEqual(result, { kind: "list", count: 1234, items: source.items });
    assert.equal(api.requests.length, 13);
    assert.ok(
      api.requests.every(
        (url) =>
          url.pathname === `/v1/${PROJECT}/image-server-jobs` &&
          url.searchParams.get("limit") === "100" &&
          url.searchParams.get("status") === "SUCCESS",
      ),
    );
    assert.deepEqual(
      api.requests.map((url) => Number(url.searchParams.get("offset"))).sort((a, b) => a - b),
      Array.from({ length: 13 }, (_, i) => i * 99),
    );
  });

  test("with all, sub-job lists of both services work, and an empty list takes one request", async () => {
    api.reply({ count: 0, items: null });
    assert.deepEqual(await runQuery(api.client, parseQuery("list-image-sub-jobs", { job_type: "CREATE_SERVER" }), { all: true }), {
      kind: "list",
      count: 0,
      items: [],
    });
    api.reply({ count: 2, items: [...SEED_LIST_SUB_JOBS.items, NESTED_APP_SUB_JOB] });
    const result = await runQuery(api.client, parseQuery("list-app-sub-jobs", { job_type: "CREATE_SERVER" }), { all: true });
    assert.equal(result.kind === "list" && result.items.length, 2);
    assert.equal(api.requests.length, 2);
    assert.equal(api.requests[1]?.pathname, `/v1/${PROJECT}/app-server-sub-jobs`);
  });

  test("with all, a list that keeps changing is a ListChangedError", async () => {
    let count = 150;
    api.reply((url: URL) => {
      count++;
      const offset = Number(url.searchParams.get("offset"));
      return {
        count,
        items: Array.from({ length: Math.max(0, Math.min(100, count - offset)) }, (_, i) => ({
          id: `${count}-${offset + i}`,
          status: "RUNNING",
        })),
      };
    });
    await assert.rejects(
      runQuery(api.client, parseQuery("list-image-sub-jobs", { job_type: "CREATE_SERVER" }), { all: true, concurrency: 1 }),
      ListChangedError,
    );
  });

  test("counts return the count", async () => {
    api.reply({ count: 9 });
    assert.deepEqual(await runQuery(api.client, parseQuery("count-image-sub-jobs", { job_type: "CREATE_SERVER_IMAGE" })), {
      kind: "count",
      count: 9,
    });
    assert.deepEqual(await runQuery(api.client, parseQuery("count-app-sub-jobs", {}), { all: true }), { kind: "count", count: 9 });
    assert.deepEqual(
      api.requests.map((url) => url.pathname),
      [`/v1/${PROJECT}/image-server-sub-jobs/actions/count`, `/v1/${PROJECT}/app-server-sub-jobs/actions/count`],
    );
  });

  test("bad options or paging with all are refused before any request", async () => {
    api.reply({ count: 0, items: [] });
    const list = parseQuery("list-image-jobs", { job_type: "CREATE_SERVER" });
    for (const concurrency of [0, 17, 2.5]) {
      await assert.rejects(
        runQuery(api.client, list, { all: true, concurrency }),
        (error: unknown) => error instanceof InvalidInputError && error.field === "concurrency",
      );
    }
    const paged: ParsedQuery = { op: "list-app-sub-jobs", query: { job_type: "CREATE_SERVER", limit: 10 } };
    await assert.rejects(runQuery(api.client, paged, { all: true }), { message: "limit: not accepted when every page is read" });
    const invalid = { op: "list-image-jobs", query: { job_type: "NOPE" } } as unknown as ParsedQuery;
    await assert.rejects(runQuery(api.client, invalid), InvalidInputError);
    assert.equal(api.requests.length, 0);
  });
});

describe("summarizeItem", () => {
  test("an image job (no resource, no error fields)", () => {
    assert.deepEqual(summarizeItem(SEED_LIST_IMAGE_JOBS.items[0]!), {
      id: "1",
      parent: "",
      type: "createServer",
      status: "WAITING",
      subJobs: "10",
      begin: "2022-03-07T10:40:43.858Z",
      end: "2022-03-07T10:40:43.858Z",
      resource: "",
      error: "",
    });
  });

  test("an image sub-job: error from job_execute_info", () => {
    const summary = summarizeItem(SEED_LIST_IMAGE_SUB_JOBS.items[0]!);
    assert.equal(summary.parent, SEED_LIST_IMAGE_SUB_JOBS.items[0]!.job_id);
    assert.equal(summary.subJobs, "");
    assert.equal(summary.resource, "a1a1245-xxxx123d-1425af14");
    assert.equal(summary.error, "WKS.00129901 The service is now unavailable to process the request.");
  });

  test("an app sub-job: flat error fields, or nested ones when the flat are empty", () => {
    assert.equal(summarizeItem(SEED_LIST_SUB_JOBS.items[0]!).error, "WKS.00129901 The service is now unavailable to process the request.");
    assert.equal(
      summarizeItem({ ...NESTED_APP_SUB_JOB, error_code: "", error_message: null }).error,
      "WKS.00169901 The request message is invalid.",
    );
    assert.equal(summarizeItem({ status: "FAILED", error_code: "WKS.1" }).error, "WKS.1");
    assert.equal(summarizeItem({ status: "FAILED", job_execute_info: { error_message: "disk full" } }).error, "disk full");
  });

  test("nulls, empty strings and missing fields become empty text", () => {
    assert.deepEqual(
      summarizeItem({
        status: "SUCCESS",
        id: null,
        job_type: null,
        end_time: null,
        job_resource_info: null,
        job_execute_info: { error_code: "", error_message: "" },
        sub_jobs_total: null,
        job_id: null,
      }),
      {
        id: "",
        parent: "",
        type: "",
        status: "SUCCESS",
        subJobs: "",
        begin: "",
        end: "",
        resource: "",
        error: "",
      },
    );
  });
});
