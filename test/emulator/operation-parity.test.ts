import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { API_OPERATIONS, type ApiOperationName } from "../../src/api/operations";
import { HwClient } from "../../src/core/client";
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from "../../src/emulator";
import { LIST_OPERATIONS } from "../../src/emulator/http/list-routes";
import { EMULATOR_KINDS } from "../../src/emulator/jobs/kind";
import { JOB_KIND_SPECS, JOB_KINDS } from "../../src/jobs/kinds";
import { isListOperation, parseQuery, QUERY_APIS, QUERY_OPERATIONS, queryTargets, runQuery } from "../../src/jobs/queries";

const PROJECT = "0123456789abcdef0123456789abcdef";
// A value each required job_type accepts.
const JOB_TYPE: Readonly<Record<string, string>> = {
  "list-image-jobs": "CREATE_SERVER_IMAGE",
  "list-image-sub-jobs": "CREATE_SERVER_IMAGE",
  "list-app-sub-jobs": "CREATE_SERVER",
};

describe("the operation registry (jobs/queries.ts QUERY_APIS, docs/architecture.md §9, §10.2)", () => {
  test("every API operation is served by the emulator at the client's path", () => {
    const served = new Map<string, string>([
      ...Object.entries(LIST_OPERATIONS).map(([name, route]): [string, string] => [name, route.pattern]),
      ...JOB_KINDS.map((kind): [string, string] => [JOB_KIND_SPECS[kind].show.operation, EMULATOR_KINDS[kind].showPath]),
    ]);
    const expected = new Map(Object.values(API_OPERATIONS).map((api) => [api.operation, api.path]));
    assert.deepEqual([...served].sort(), [...expected].sort());
  });

  test("every list and count operation is an API operation, named <list|count>-<what>", () => {
    for (const op of QUERY_OPERATIONS) {
      const { api, result } = QUERY_APIS[op];
      assert.equal(API_OPERATIONS[api.operation as ApiOperationName], api, op);
      assert.ok(op.startsWith(`${result}-`), op);
      assert.equal(isListOperation(op), result === "list");
    }
  });

  test("the CLI's list and count targets are the registry's operations without their prefix", () => {
    assert.deepEqual(
      [...queryTargets("list")],
      [
        ["image-jobs", "list-image-jobs"],
        ["image-sub-jobs", "list-image-sub-jobs"],
        ["app-sub-jobs", "list-app-sub-jobs"],
      ],
    );
    assert.deepEqual(
      [...queryTargets("count")],
      [
        ["image-sub-jobs", "count-image-sub-jobs"],
        ["app-sub-jobs", "count-app-sub-jobs"],
      ],
    );
  });
});

describe("runQuery sends each operation of the registry to its own path", () => {
  let emulator: RunningEmulator;
  let client: HwClient;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
    client = new HwClient(
      {
        projectId: PROJECT,
        credentials: { type: "token", token: DEMO_CREDENTIALS.token },
        endpoints: { appstream: emulator.url, ims: emulator.url },
      },
      { retry: { maxAttempts: 1 } },
    );
    emulator.store.createJob({ kind: "image-job", projectId: PROJECT, jobType: "CREATE_SERVER_IMAGE", waitingMs: 0, runningMs: 0 });
    emulator.store.createJob({ kind: "app-job", projectId: PROJECT, jobType: "CREATE_SERVER", waitingMs: 0, runningMs: 0 });
  });
  after(async () => {
    await client.close();
    await emulator.close();
  });

  for (const op of QUERY_OPERATIONS) {
    test(op, async () => {
      emulator.requests.clear();
      const raw = JOB_TYPE[op] === undefined ? {} : { job_type: JOB_TYPE[op] };
      const result = await runQuery(client, parseQuery(op, raw));
      assert.equal(result.kind, QUERY_APIS[op].result);
      assert.equal(result.count, 1, `${op} counts the one job (or sub-job) of its kind`);
      if (result.kind === "list") assert.equal(result.items.length, 1);
      assert.deepEqual(
        emulator.requests.list().map((r) => r.path),
        [QUERY_APIS[op].api.path.replace("{project_id}", PROJECT)],
      );
    });
  }
});
