// The Terraform external-data-source protocol, end to end: synthesize examples/job-report, then for
// every `data "external"` in cdk.tf.json run its exact `program` argv in the stack directory with
// its `query` on stdin (as hashicorp/external does, no shell), against the emulator, and check the
// output is a flat map of strings that decodes to independently computed expectations.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { startScenarioEmulator } from "../helpers/scenario";
import { externalBlocks, externalQuery, runExternal, type ExternalBlock } from "../helpers/external-harness";
import { runProgram } from "../helpers/process";
import { DEMO_CREDENTIALS, type RunningEmulator } from "../../src/emulator";
import { synthExample } from "../../scripts/stack-runner";
import { canonical, expectedImageJobs, expectedSubJobs } from "../emulator/list-oracle";

const PROJECT = "0123456789abcdef0123456789abcdef";
const IMAGE_TYPES = ["CREATE_SERVER", "CREATE_SERVER_IMAGE", "DELETE_SERVER"];
const APP_COUNT_TYPES = [
  "CREATE_SERVER",
  "DELETE_SERVER",
  "REJOIN_DOMAIN",
  "CHANGE_SERVER_IMAGE",
  "REINSTALL_OS",
  "MIGRATE_SERVER",
  "UPDATE_SERVER_TSVI",
  "UPGRADE_ACCESS_AGENT",
  "SCHEDULED_TASK",
  "UPDATE_FREEZE_STATUS",
  "CREATE_SERVER_IMAGE",
];

describe("examples/job-report through the external protocol", () => {
  // A frozen clock: every status is fixed, so expectations computed now hold when the CLI reads.
  const now = Date.now();
  let emulator: RunningEmulator;
  let work: string;
  let blocks: Record<string, ExternalBlock>;
  let stackDir: string;
  let vars: Record<string, string>;

  before(async () => {
    emulator = await startScenarioEmulator(now);
    const store = emulator.store;
    const image = store.createJob({
      kind: "image-job",
      projectId: PROJECT,
      jobType: "CREATE_SERVER_IMAGE",
      waitingMs: 0,
      runningMs: 0,
      outcome: "failure",
      subJobs: 3,
      errorCode: "WKS.00170002",
      errorMessage: "The image server is abnormal.",
    });
    const app = store.createJob({
      kind: "app-job",
      projectId: PROJECT,
      jobType: "CREATE_SERVER",
      waitingMs: 0,
      runningMs: 3_600_000,
      outcome: "success",
      subJobs: 4,
    });
    const ims = store.createJob({ kind: "ims-job", projectId: PROJECT, waitingMs: 0, runningMs: 0, outcome: "success" });
    vars = { image_job_id: image.id, app_job_id: app.id, ims_job_id: ims.id };
    work = mkdtempSync(join(tmpdir(), "hwjobs-harness-"));
    stackDir = synthExample("job-report", "job-report", join(work, "cdktf.out"));
    blocks = externalBlocks(stackDir);
  });

  after(async () => {
    await emulator?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** What each operation must return, computed from the store and the timeline, not the CLI or the routes. */
  function expected(query: Record<string, string>): Record<string, unknown> {
    const { store } = emulator;
    const list = (items: Record<string, unknown>[]) => ({ count: items.length, items, ids: items.map((i) => i.id) });
    const subJobs = (kind: "image-job" | "app-job", types: string[]) =>
      expectedSubJobs(store, kind, PROJECT, now, { jobTypes: types, status: query.status, jobId: query.job_id });
    const job = (kind: "image-job" | "app-job" | "ims-job") => store.get(kind, PROJECT, query.job_id!)!;
    switch (query.operation) {
      case "list-image-jobs":
        return list(expectedImageJobs(store, PROJECT, now, { jobType: query.job_type!, status: query.status }));
      case "list-image-sub-jobs":
        return list(subJobs("image-job", [query.job_type!]));
      case "list-app-sub-jobs":
        return list(subJobs("app-job", [query.job_type!]));
      case "count-image-sub-jobs":
        return { count: subJobs("image-job", query.job_type?.split(",") ?? IMAGE_TYPES).length };
      case "count-app-sub-jobs":
        return { count: subJobs("app-job", query.job_type?.split(",") ?? APP_COUNT_TYPES).length };
      case "get-image-job": {
        const j = job("image-job");
        return {
          status: "FAILED",
          phase: "failed",
          resource_ids: j.resourceIds.slice(0, 2),
          error_code: "WKS.00170002",
          error_message: "The image server is abnormal.",
        };
      }
      case "get-app-job": {
        const j = job("app-job");
        return { status: "RUNNING", phase: "pending", resource_ids: [], error_code: "", error_message: "", sub_jobs: j.subJobs };
      }
      case "get-ims-job": {
        const j = job("ims-job");
        return {
          status: "SUCCESS",
          phase: "succeeded",
          resource_id: j.resourceIds[0],
          resource_ids: [j.resourceIds[0]],
          error_code: "",
          error_message: "",
        };
      }
      default:
        throw new Error(`no expectation for ${query.operation}`);
    }
  }

  test("every data source of the example runs its exact program and decodes to the expected data", async () => {
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      HWJOBS_ENDPOINT: emulator.url,
      HW_REGION_NAME: "cn-north-4",
      HW_PROJECT_ID: PROJECT,
      HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey,
      HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
    };
    const operations = new Set<string>();
    for (const [name, block] of Object.entries(blocks)) {
      assert.deepEqual(block.program.slice(0, 1), ["node"], name);
      assert.equal(block.program.at(-1), "external", name);
      const { query, result: text } = await runExternal(name, block, stackDir, env, vars);
      const want = expected(query);
      operations.add(query.operation!);

      if ("items" in want) {
        assert.deepEqual(Object.keys(text).sort(), ["count", "ids", "items"], name);
        assert.equal(Number(text.count), want.count, `${name}.count`);
        assert.deepEqual(JSON.parse(text.ids!), want.ids, `${name}.ids`);
        assert.deepEqual(canonical(JSON.parse(text.items!)), canonical(want.items), `${name}.items`);
      } else if (query.operation!.startsWith("count-")) {
        assert.deepEqual(text, { count: String(want.count) }, name);
      } else {
        assert.deepEqual(
          Object.keys(text).sort(),
          ["error_code", "error_message", "job", "phase", "resource_id", "resource_ids", "status"],
          name,
        );
        assert.equal(text.status, want.status, `${name}.status`);
        assert.equal(text.phase, want.phase, `${name}.phase`);
        assert.equal(text.error_code, want.error_code, `${name}.error_code`);
        assert.equal(text.error_message, want.error_message, `${name}.error_message`);
        assert.deepEqual(JSON.parse(text.resource_ids!), want.resource_ids, `${name}.resource_ids`);
        if ("resource_id" in want) assert.equal(text.resource_id, want.resource_id, `${name}.resource_id`);
        const job = JSON.parse(text.job!) as { status: string; sub_jobs?: unknown[] };
        assert.equal(job.status, want.status, `${name}.job.status`);
        if ("sub_jobs" in want) assert.equal(job.sub_jobs?.length, want.sub_jobs, `${name}.job.sub_jobs`);
      }
    }
    assert.deepEqual([...operations].sort(), [
      "count-app-sub-jobs",
      "count-image-sub-jobs",
      "get-app-job",
      "get-image-job",
      "get-ims-job",
      "list-app-sub-jobs",
      "list-image-jobs",
      "list-image-sub-jobs",
    ]);
  });

  test("lists read every page: the example's image job list spans several pages", async () => {
    const all = expected({ operation: "list-image-jobs", job_type: "CREATE_SERVER_IMAGE" }) as { count: number };
    assert.ok(all.count > 100, `the scenario should give more than one page (got ${all.count})`);
    const before = emulator.requests.list().length;
    const block = Object.values(blocks).find((b) => b.query.operation === "list-image-jobs" && !b.query.status)!;
    const env = {
      PATH: process.env.PATH ?? "",
      HWJOBS_ENDPOINT: emulator.url,
      HW_PROJECT_ID: PROJECT,
      HW_AUTH_TOKEN: DEMO_CREDENTIALS.token,
    };
    const run = await runProgram(block.program, { cwd: stackDir, env, stdin: JSON.stringify(block.query) });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(JSON.parse(run.stdout).ids).length, all.count);
    const pages = emulator.requests
      .list()
      .slice(before)
      .filter((r) => r.path.endsWith("/image-server-jobs"));
    // Pages of 100 that overlap by one item: 0-99, 99-198, ...
    assert.equal(pages.length, 1 + Math.ceil((all.count - 100) / 99));
    assert.deepEqual(
      pages.map((r) => Number(r.query.offset ?? 0)).sort((a, b) => a - b),
      pages.map((_, i) => i * 99),
    );
  });

  test("a failing query is one line on stderr and a non-zero exit", async () => {
    const block = Object.values(blocks)[0]!;
    const env = { PATH: process.env.PATH ?? "", HWJOBS_ENDPOINT: emulator.url, HW_PROJECT_ID: PROJECT, HW_AUTH_TOKEN: "not-a-token" };
    const run = await runProgram(block.program, { cwd: stackDir, env, stdin: JSON.stringify(externalQuery(block, vars)) });
    assert.equal(run.code, 4);
    assert.equal(run.stdout, "");
    assert.equal(run.stderr.trim().split("\n").length, 1);
    assert.match(run.stderr, /APIG\.0301/);
    assert.ok(!run.stderr.includes("not-a-token"));
  });
});
