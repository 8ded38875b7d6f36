// `hwjobs external` (the Terraform external data source program, docs/architecture.md §5) as the real bundle:
// the query arrives on stdin as one JSON object of strings, the answer is one flat JSON object of
// strings. Lists read every page (compared with the independent list oracle); get-* read jobs
// created through the admin API with known outcomes; bad input is exit 2, one line naming the
// field, nothing on stdout and nothing sent.
import assert from "node:assert/strict";
import { after, before, describe, it, mock } from "node:test";
import { SCENARIO_JOBS, SCENARIO_PROJECT, SCENARIO_SMALL_PROJECT, startScenarioEmulator } from "../helpers/scenario";
import { runCli as runCliInProcess } from "../../src/cli/run";
import { IMAGE_QUERY_JOB_TYPES, type RunningEmulator } from "../../src/emulator";
import {
  assertExit,
  assertUsageError,
  describeResult,
  emulatorEnv,
  killLiveChildren,
  runCli,
  stderrLines,
  type CliEnv,
  type CliResult,
} from "../helpers/cli";
import { createJob, requestLog, type CreateJobRequest } from "../helpers/emulator-admin";
import { canonical, expectedImageJobs, expectedSubJobs, type SubJobQuery } from "../emulator/list-oracle";

const PROJECT = SCENARIO_PROJECT;
const SMALL_PROJECT = SCENARIO_SMALL_PROJECT;
/** Jobs created by the get-* tests live here, so the scenario's lists stay as the oracle sees them. */
const GET_PROJECT = "proj-external-get";
/** The emulator's CountSubJobs without `job_type` counts sub-jobs of every type (its spec names no default). */
const APP_COUNT_DEFAULT_TYPES = undefined;
const IMAGE_JOB_3_SUBS = SCENARIO_JOBS.imageJobWithThreeSubJobs;
const APP_JOB_FAILED = SCENARIO_JOBS.failedAppJob;
const OPERATIONS =
  "list-image-jobs, list-image-sub-jobs, count-image-sub-jobs, list-app-sub-jobs, count-app-sub-jobs, get-image-job, get-app-job, get-ims-job";
const LIST_KEYS = ["count", "ids", "items"];
const GET_KEYS = ["error_code", "error_message", "job", "phase", "resource_id", "resource_ids", "status"];

let emulator: RunningEmulator;
// A frozen clock: statuses cannot move between the CLI's requests and the oracle's reading.
const NOW = Date.now();

before(async () => {
  emulator = await startScenarioEmulator(NOW);
});
after(async () => {
  killLiveChildren();
  await emulator.close();
});

/** Runs `hwjobs external` with `query` (JSON-encoded unless already a string) on stdin. */
function external(query: unknown, env: CliEnv = emulatorEnv(emulator.url, PROJECT), args: readonly string[] = []): Promise<CliResult> {
  return runCli(["external", ...args], env, { stdin: typeof query === "string" ? query : JSON.stringify(query), timeoutMs: 20_000 });
}

/** Exit 0, nothing on stderr, stdout one flat JSON object of strings with exactly `keys`. */
function parseFlat(r: CliResult, keys: readonly string[]): Record<string, string> {
  assertExit(r, 0);
  assert.equal(r.stderr, "", describeResult(r));
  assert.ok(r.stdout.endsWith("\n") && !r.stdout.slice(0, -1).includes("\n"), `one line on stdout: ${describeResult(r)}`);
  const doc = JSON.parse(r.stdout) as unknown;
  assert.ok(doc !== null && typeof doc === "object" && !Array.isArray(doc), r.stdout);
  const flat = doc as Record<string, unknown>;
  assert.deepEqual(Object.keys(flat).sort(), [...keys].sort(), "the documented keys");
  for (const [key, value] of Object.entries(flat))
    assert.equal(typeof value, "string", `${key} is a string (Terraform's external protocol)`);
  return flat as Record<string, string>;
}

type Item = Record<string, unknown>;

/** A list answer decoded: count, items and ids, checked against the expected full list. */
function assertListAnswer(r: CliResult, expected: readonly Item[], what: string): void {
  const flat = parseFlat(r, LIST_KEYS);
  assert.equal(flat.count, String(expected.length), `${what}: count`);
  const items = JSON.parse(flat.items!) as Item[];
  const ids = JSON.parse(flat.ids!) as string[];
  assert.equal(items.length, expected.length, `${what}: every page read`);
  assert.deepEqual(
    ids,
    expected.map((i) => i.id),
    `${what}: ids in order`,
  );
  assert.deepEqual(
    items.map((i) => i.id),
    ids,
    `${what}: ids match items`,
  );
  assert.deepEqual(canonical(items), canonical(expected), `${what}: items`);
}

const imageJobs = (jobType: string, status?: string) => expectedImageJobs(emulator.store, PROJECT, NOW, { jobType, status });
const imageSubs = (q: SubJobQuery, project = PROJECT) => expectedSubJobs(emulator.store, "image-job", project, NOW, q);
const appSubs = (q: SubJobQuery, project = PROJECT) => expectedSubJobs(emulator.store, "app-job", project, NOW, q);

describe("hwjobs external: list and count operations", { concurrency: 8 }, () => {
  it("list-image-jobs reads every page (more than one)", async () => {
    const expected = imageJobs("CREATE_SERVER");
    assert.ok(expected.length > 100, "the list spans several pages");
    assertListAnswer(await external({ operation: "list-image-jobs", job_type: "CREATE_SERVER" }), expected, "CREATE_SERVER");
  });

  it("list-image-jobs with status", async () => {
    assertListAnswer(
      await external({ operation: "list-image-jobs", job_type: "DELETE_SERVER", status: "FAILED" }),
      imageJobs("DELETE_SERVER", "FAILED"),
      "FAILED",
    );
  });

  it("list-image-sub-jobs: all of a type, and one job's sub-jobs by status", async () => {
    assertListAnswer(
      await external({ operation: "list-image-sub-jobs", job_type: "CREATE_SERVER_IMAGE" }),
      imageSubs({ jobTypes: ["CREATE_SERVER_IMAGE"] }),
      "type",
    );
    const ofJob = imageSubs({ jobTypes: ["CREATE_SERVER"], jobId: IMAGE_JOB_3_SUBS });
    assert.equal(ofJob.length, 3);
    assertListAnswer(
      await external({ operation: "list-image-sub-jobs", job_type: "CREATE_SERVER", job_id: IMAGE_JOB_3_SUBS }),
      ofJob,
      "job_id",
    );
    const success = imageSubs({ jobTypes: ["CREATE_SERVER"], status: "SUCCESS" });
    assertListAnswer(
      await external({ operation: "list-image-sub-jobs", job_type: "CREATE_SERVER", status: "SUCCESS", concurrency: "16" }),
      success,
      "status, concurrency 16",
    );
  });

  it("list-app-sub-jobs: all of a type, and a failed job's FAILED sub-job", async () => {
    assertListAnswer(
      await external({ operation: "list-app-sub-jobs", job_type: "CREATE_SERVER", concurrency: "1" }),
      appSubs({ jobTypes: ["CREATE_SERVER"] }),
      "type",
    );
    const failed = appSubs({ jobTypes: ["UPGRADE_ACCESS_AGENT"], jobId: APP_JOB_FAILED, status: "FAILED" });
    assert.equal(failed.length, 1);
    const r = await external({
      operation: "list-app-sub-jobs",
      job_type: "UPGRADE_ACCESS_AGENT",
      job_id: APP_JOB_FAILED,
      status: "FAILED",
    });
    assertListAnswer(r, failed, "failed job");
    assert.equal((JSON.parse(parseFlat(r, LIST_KEYS).items!) as Item[])[0]!.error_code, "WKS.00129901");
  });

  it("an empty list: count 0, items and ids []", async () => {
    const flat = parseFlat(
      await external({ operation: "list-app-sub-jobs", job_type: "MIGRATE_SERVER", job_id: "no-such-job" }),
      LIST_KEYS,
    );
    assert.deepEqual(flat, { count: "0", items: "[]", ids: "[]" });
  });

  it("empty optional values count as not given", async () => {
    assertListAnswer(
      await external({ operation: "list-image-jobs", job_type: "CREATE_SERVER_IMAGE", status: "", project_id: "", concurrency: "" }),
      imageJobs("CREATE_SERVER_IMAGE"),
      "empty values",
    );
  });

  it("count-image-sub-jobs: the default types, a comma list with status, a job id", async () => {
    const cases: Array<[Record<string, string>, number]> = [
      [{}, imageSubs({ jobTypes: IMAGE_QUERY_JOB_TYPES }).length],
      [
        { job_type: "CREATE_SERVER,DELETE_SERVER", status: "SUCCESS" },
        imageSubs({ jobTypes: ["CREATE_SERVER", "DELETE_SERVER"], status: "SUCCESS" }).length,
      ],
      [{ job_id: IMAGE_JOB_3_SUBS }, 3],
    ];
    for (const [params, expected] of cases) {
      const flat = parseFlat(await external({ operation: "count-image-sub-jobs", ...params }), ["count"]);
      assert.equal(flat.count, String(expected), JSON.stringify(params));
    }
  });

  it("count-app-sub-jobs: the default types, a comma list, a status", async () => {
    const cases: Array<[Record<string, string>, number]> = [
      [{}, appSubs({ jobTypes: APP_COUNT_DEFAULT_TYPES }).length],
      [
        { job_type: "REINSTALL_OS,CREATE_SERVER_IMAGE,SCHEDULED_TASK" },
        appSubs({ jobTypes: ["REINSTALL_OS", "CREATE_SERVER_IMAGE", "SCHEDULED_TASK"] }).length,
      ],
      [{ status: "FAILED" }, appSubs({ jobTypes: APP_COUNT_DEFAULT_TYPES, status: "FAILED" }).length],
    ];
    for (const [params, expected] of cases) {
      const flat = parseFlat(await external({ operation: "count-app-sub-jobs", ...params }), ["count"]);
      assert.equal(flat.count, String(expected), JSON.stringify(params));
    }
  });
});

/** The admin API's view of a job (GET /_emulator/jobs). */
async function adminJob(id: string): Promise<{ status: string; resource_ids: string[] }> {
  const res = await fetch(`${emulator.url}/_emulator/jobs`, { signal: AbortSignal.timeout(10_000) });
  const { jobs } = (await res.json()) as { jobs: Array<{ id: string; project_id: string; status: string; resource_ids: string[] }> };
  const job = jobs.find((j) => j.id === id && j.project_id === GET_PROJECT);
  assert.ok(job, `job ${id} exists`);
  return job;
}

async function newJob(job: Omit<CreateJobRequest, "project_id">): Promise<string> {
  return createJob(emulator.url, { project_id: GET_PROJECT, ...job });
}

const getEnv = () => emulatorEnv(emulator.url, GET_PROJECT);

describe("hwjobs external: get operations", { concurrency: 8 }, () => {
  it("get-image-job of a failed job: FAILED, failed, the given error; the succeeded sub-job's resource", async () => {
    const id = await newJob({
      kind: "image-job",
      waiting_ms: 0,
      running_ms: 0,
      sub_jobs: 2,
      outcome: "failure",
      error_code: "WKS.00129901",
      error_message: "Image build failed: disk full",
    });
    const flat = parseFlat(await external({ operation: "get-image-job", job_id: id }, getEnv()), GET_KEYS);
    const admin = await adminJob(id);
    assert.equal(admin.status, "FAILED");
    assert.equal(flat.status, "FAILED");
    assert.equal(flat.phase, "failed");
    assert.equal(flat.error_code, "WKS.00129901");
    assert.equal(flat.error_message, "Image build failed: disk full");
    assert.deepEqual(JSON.parse(flat.resource_ids!), [admin.resource_ids[0]], "only the succeeded sub-job's resource");
    assert.equal(flat.resource_id, admin.resource_ids[0]);
    const job = JSON.parse(flat.job!) as Item;
    assert.equal(job.id, id);
    assert.equal(job.status, "FAILED");
  });

  it("get-image-job of a queued job: WAITING, pending, no resource, no error", async () => {
    const id = await newJob({ kind: "image-job", waiting_ms: 600_000 });
    const flat = parseFlat(await external({ operation: "get-image-job", job_id: id }, getEnv()), GET_KEYS);
    assert.deepEqual(
      { ...flat, job: undefined },
      { status: "WAITING", phase: "pending", resource_id: "", resource_ids: "[]", error_code: "", error_message: "", job: undefined },
    );
  });

  it("get-app-job of a succeeded job with 3 sub-jobs: every sub-job's resource", async () => {
    const id = await newJob({ kind: "app-job", waiting_ms: 0, running_ms: 0, sub_jobs: 3 });
    const flat = parseFlat(await external({ operation: "get-app-job", job_id: id }, getEnv()), GET_KEYS);
    const admin = await adminJob(id);
    assert.equal(flat.status, "SUCCESS");
    assert.equal(flat.phase, "succeeded");
    assert.deepEqual(JSON.parse(flat.resource_ids!), admin.resource_ids);
    assert.equal(flat.resource_id, admin.resource_ids[0]);
    assert.equal(flat.error_code, "");
    assert.equal(flat.error_message, "");
    assert.equal((JSON.parse(flat.job!) as Item).id, id);
  });

  it("get-app-job of a failed job: the given error", async () => {
    const id = await newJob({
      kind: "app-job",
      waiting_ms: 0,
      running_ms: 0,
      sub_jobs: 1,
      outcome: "failure",
      error_code: "WKS.00120001",
      error_message: "Server creation failed",
    });
    const flat = parseFlat(await external({ operation: "get-app-job", job_id: id }, getEnv()), GET_KEYS);
    assert.deepEqual(
      [flat.status, flat.phase, flat.error_code, flat.error_message, flat.resource_ids],
      ["FAILED", "failed", "WKS.00120001", "Server creation failed", "[]"],
    );
  });

  it("get-ims-job of a succeeded job: resource_id is the job's image id", async () => {
    const id = await newJob({ kind: "ims-job", waiting_ms: 0, running_ms: 0 });
    const flat = parseFlat(await external({ operation: "get-ims-job", job_id: id }, getEnv()), GET_KEYS);
    const admin = await adminJob(id);
    assert.equal(admin.status, "SUCCESS");
    assert.equal(flat.status, "SUCCESS");
    assert.equal(flat.phase, "succeeded");
    assert.equal(flat.resource_id, admin.resource_ids[0]);
    assert.deepEqual(JSON.parse(flat.resource_ids!), admin.resource_ids);
    const job = JSON.parse(flat.job!) as { job_id: string; entities: { image_id: string } };
    assert.equal(job.job_id, id);
    assert.equal(job.entities.image_id, admin.resource_ids[0]);
  });

  it("get-ims-job of a failed job: FAIL, failed, the given error", async () => {
    const id = await newJob({
      kind: "ims-job",
      waiting_ms: 0,
      running_ms: 0,
      outcome: "failure",
      error_code: "IMG.0044",
      error_message: "The snapshot could not be created.",
    });
    const flat = parseFlat(await external({ operation: "get-ims-job", job_id: id }, getEnv()), GET_KEYS);
    assert.deepEqual(
      [flat.status, flat.phase, flat.error_code, flat.error_message, flat.resource_id],
      ["FAIL", "failed", "IMG.0044", "The snapshot could not be created.", ""],
    );
  });

  it("get of a job that does not exist: exit 4, one line on stderr, nothing on stdout", async () => {
    const r = await external({ operation: "get-app-job", job_id: "123456789012345678" }, getEnv());
    assertExit(r, 4);
    assert.equal(r.stdout, "", describeResult(r));
    assert.equal(stderrLines(r).length, 1, describeResult(r));
    assert.match(r.stderr, /404/);
  });
});

describe("hwjobs external: configuration keys in the query override the environment", { concurrency: 8 }, () => {
  it("project_id and endpoint from the query win over HW_PROJECT_ID and HWJOBS_ENDPOINT", async () => {
    // The environment points at a project with nothing in it and at a port nothing listens on.
    const env = emulatorEnv("http://127.0.0.1:9", "proj-wrong-env");
    const flat = parseFlat(
      await external({ operation: "count-image-sub-jobs", job_type: "DELETE_SERVER", project_id: PROJECT, endpoint: emulator.url }, env),
      ["count"],
    );
    assert.equal(flat.count, String(imageSubs({ jobTypes: ["DELETE_SERVER"] }).length));
    const log = await requestLog(emulator.url);
    assert.ok(log.some((q) => q.path === `/v1/${PROJECT}/image-server-sub-jobs/actions/count` && q.query.job_type === "DELETE_SERVER"));
    assert.ok(!log.some((q) => q.path.includes("proj-wrong-env")), "nothing sent for the environment's project");
  });

  it("project_id from the query for a list; the environment's project without it", async () => {
    const env = emulatorEnv(emulator.url, SMALL_PROJECT);
    const fromQuery = await external({ operation: "list-app-sub-jobs", job_type: "REINSTALL_OS", project_id: PROJECT }, env);
    assertListAnswer(fromQuery, appSubs({ jobTypes: ["REINSTALL_OS"] }), "query project");
    const fromEnv = await external({ operation: "list-app-sub-jobs", job_type: "REINSTALL_OS" }, env);
    assertListAnswer(fromEnv, appSubs({ jobTypes: ["REINSTALL_OS"] }, SMALL_PROJECT), "environment project");
  });

  it("get-ims-job with project_id and endpoint in the query", async () => {
    const id = await newJob({ kind: "ims-job", waiting_ms: 0, running_ms: 0 });
    const env = emulatorEnv("http://127.0.0.1:9", "proj-wrong-env");
    const flat = parseFlat(
      await external({ operation: "get-ims-job", job_id: id, project_id: GET_PROJECT, endpoint: emulator.url }, env),
      GET_KEYS,
    );
    assert.equal(flat.status, "SUCCESS");
    assert.equal(flat.resource_id, (await adminJob(id)).resource_ids[0]);
  });

  it("ims_endpoint and appstream_endpoint from the query win over HWJOBS_ENDPOINT", async () => {
    const env = emulatorEnv("http://127.0.0.1:9", GET_PROJECT);
    const ims = await newJob({ kind: "ims-job", waiting_ms: 0, running_ms: 0 });
    assert.equal(
      parseFlat(await external({ operation: "get-ims-job", job_id: ims, ims_endpoint: emulator.url }, env), GET_KEYS).status,
      "SUCCESS",
    );
    const app = await newJob({ kind: "app-job", waiting_ms: 0, running_ms: 0 });
    assert.equal(
      parseFlat(await external({ operation: "get-app-job", job_id: app, appstream_endpoint: emulator.url }, env), GET_KEYS).status,
      "SUCCESS",
    );
  });
});

interface BadCase {
  readonly name: string;
  /** stdin: a string is sent as is, anything else JSON-encoded. */
  readonly stdin: unknown;
  /** Texts the one error line must contain: the field, and what it accepts. */
  readonly expect: readonly string[];
  readonly args?: readonly string[];
}

const IMAGE_TYPES = "CREATE_SERVER, CREATE_SERVER_IMAGE, DELETE_SERVER";
const list = (extra: Record<string, unknown>) => ({ operation: "list-image-sub-jobs", job_type: "CREATE_SERVER", ...extra });

const BAD: readonly BadCase[] = [
  { name: "non-JSON stdin", stdin: "operation=list-image-jobs", expect: ["stdin", "invalid JSON"] },
  { name: "truncated JSON", stdin: '{"operation": "count-app-sub-jobs"', expect: ["stdin", "invalid JSON"] },
  { name: "two JSON documents", stdin: '{"operation":"count-app-sub-jobs"} {}', expect: ["stdin"] },
  { name: "empty stdin", stdin: "", expect: ["stdin", "empty"] },
  { name: "only whitespace", stdin: " \n\t", expect: ["stdin", "empty"] },
  { name: "a JSON array", stdin: [{ operation: "count-app-sub-jobs" }], expect: ["stdin", "JSON object"] },
  { name: "a JSON string", stdin: '"count-app-sub-jobs"', expect: ["stdin", "JSON object"] },
  { name: "JSON null", stdin: "null", expect: ["stdin", "JSON object"] },
  { name: "a number value", stdin: { operation: "count-app-sub-jobs", status: 1 }, expect: ["status", "must be a string"] },
  { name: "a null value", stdin: list({ status: null }), expect: ["status", "must be a string"] },
  { name: "an object value", stdin: list({ job_type: { value: "CREATE_SERVER" } }), expect: ["job_type", "must be a string"] },
  { name: "a boolean value", stdin: list({ job_id: true }), expect: ["job_id", "must be a string"] },
  {
    name: "an array value",
    stdin: { operation: "count-app-sub-jobs", job_type: ["CREATE_SERVER"] },
    expect: ["job_type", "must be a string"],
  },
  { name: "a number operation", stdin: { operation: 1 }, expect: ["operation", "must be a string"] },
  { name: "unknown operation", stdin: { operation: "list-ims-jobs" }, expect: ["operation", '"list-ims-jobs"', OPERATIONS] },
  {
    name: "operation in the wrong case",
    stdin: { operation: "List-Image-Jobs", job_type: "CREATE_SERVER" },
    expect: ["operation", OPERATIONS],
  },
  { name: "a CLI command as operation", stdin: { operation: "list image-jobs" }, expect: ["operation", OPERATIONS] },
  { name: "missing operation", stdin: { job_type: "CREATE_SERVER" }, expect: ["operation", "missing", OPERATIONS] },
  { name: "an empty object", stdin: {}, expect: ["operation", "missing", OPERATIONS] },
  { name: "unknown parameter of a list", stdin: list({ jobtype: "x" }), expect: ["jobtype", "unknown parameter", "job_type"] },
  {
    name: "job_id on list-image-jobs",
    stdin: { operation: "list-image-jobs", job_type: "CREATE_SERVER", job_id: "1" },
    expect: ["job_id", "unknown parameter", "job_type, status"],
  },
  {
    name: "a credential key is not a parameter",
    stdin: { operation: "count-app-sub-jobs", access_key: "AK" },
    expect: ["access_key", "unknown parameter"],
  },
  {
    name: "unknown parameter of a get",
    stdin: { operation: "get-ims-job", job_id: "1", status: "SUCCESS" },
    expect: ["status", "unknown parameter", "job_id", "project_id", "endpoint"],
  },
  {
    name: "concurrency on a get",
    stdin: { operation: "get-image-job", job_id: "1", concurrency: "4" },
    expect: ["concurrency", "unknown parameter"],
  },
  { name: "missing job_id, get-image-job", stdin: { operation: "get-image-job" }, expect: ["job_id", "required"] },
  { name: "missing job_id, get-app-job", stdin: { operation: "get-app-job", project_id: PROJECT }, expect: ["job_id", "required"] },
  { name: "missing job_id, get-ims-job", stdin: { operation: "get-ims-job" }, expect: ["job_id", "required"] },
  { name: "empty job_id, get-ims-job", stdin: { operation: "get-ims-job", job_id: "" }, expect: ["job_id", "empty", "1 to 128"] },
  {
    name: "129-character job_id, get-image-job",
    stdin: { operation: "get-image-job", job_id: "9".repeat(129) },
    expect: ["job_id", "129", "at most 128"],
  },
  { name: "control character in job_id, get-app-job", stdin: { operation: "get-app-job", job_id: "1\n2" }, expect: ["job_id", "U+000A"] },
  { name: "missing job_type of a list", stdin: { operation: "list-image-jobs" }, expect: ["job_type", "required", IMAGE_TYPES] },
  { name: "unknown job_type", stdin: { operation: "list-image-jobs", job_type: "BUILD" }, expect: ["job_type", '"BUILD"', IMAGE_TYPES] },
  {
    name: "unknown status",
    stdin: list({ status: "DONE" }),
    expect: ["status", '"DONE"', "WAITING, RUNNING, SUCCESS, FAILED, ABNORMAL, ROLLBACK, ABORTING"],
  },
  {
    name: "bad comma list of a count",
    stdin: { operation: "count-image-sub-jobs", job_type: "CREATE_SERVER,,DELETE_SERVER" },
    expect: ["job_type", "empty value", IMAGE_TYPES],
  },
  { name: "129-character job_id filter", stdin: list({ job_id: "9".repeat(129) }), expect: ["job_id", "at most 128"] },
  { name: "limit on a list (every page is read)", stdin: list({ limit: "10" }), expect: ["limit", "every page"] },
  { name: "offset on a list (every page is read)", stdin: list({ offset: "0" }), expect: ["offset", "every page"] },
  { name: "limit on a count", stdin: { operation: "count-image-sub-jobs", limit: "10" }, expect: ["limit", "unknown parameter"] },
  { name: "concurrency 0", stdin: list({ concurrency: "0" }), expect: ["concurrency", "from 1 to 16"] },
  { name: "concurrency 17", stdin: list({ concurrency: "17" }), expect: ["concurrency", "from 1 to 16"] },
  { name: "concurrency x", stdin: list({ concurrency: "x" }), expect: ["concurrency", '"x"', "from 1 to 16"] },
  {
    name: "a positional argument",
    stdin: { operation: "count-app-sub-jobs" },
    args: ["count-app-sub-jobs"],
    expect: ['"count-app-sub-jobs"', "stdin"],
  },
];

describe("hwjobs external: bad input is exit 2, one line naming the field, nothing sent", { concurrency: 8 }, () => {
  for (const c of BAD) {
    it(c.name, async () => {
      const before = await requestLog(emulator.url);
      const r = await external(c.stdin, emulatorEnv(emulator.url, PROJECT), c.args);
      assertUsageError(r, ...c.expect);
      assert.deepEqual(await requestLog(emulator.url), before, "no request may reach the emulator");
    });
  }
});

/**
 * The command run in-process from the sources (src/cli/run), for the cases fixed in
 * src/cli/commands/external.ts after lib/hwjobs.cjs was built: inherited property names as query
 * keys, and configuration errors naming the query's key.
 */
async function externalInProcess(query: unknown, env: CliEnv): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCliInProcess(["external"], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env,
    readStdin: async () => (typeof query === "string" ? query : JSON.stringify(query)),
    signal: new AbortController().signal,
  });
  return { code, signal: null, stdout, stderr, timedOut: false };
}

const IN_PROCESS_BAD: readonly BadCase[] = [
  {
    name: '"__proto__" as a list parameter',
    stdin: '{"operation":"count-app-sub-jobs","__proto__":"x"}',
    expect: ["__proto__", "unknown parameter"],
  },
  {
    name: '"__proto__" with a non-string value',
    stdin: '{"operation":"count-app-sub-jobs","__proto__":5}',
    expect: ["__proto__", "must be a string"],
  },
  {
    name: '"toString" as a list parameter',
    stdin: { operation: "list-image-jobs", job_type: "CREATE_SERVER", toString: "x" },
    expect: ["toString", "unknown parameter"],
  },
  {
    name: '"constructor" as a get parameter',
    stdin: { operation: "get-ims-job", job_id: "1", constructor: "x" },
    expect: ["constructor", "unknown parameter", "job_id"],
  },
  {
    name: '"__proto__" as a get parameter',
    stdin: '{"operation":"get-app-job","job_id":"1","__proto__":"x"}',
    expect: ["__proto__", "unknown parameter"],
  },
  {
    name: "invalid project_id",
    stdin: { operation: "count-app-sub-jobs", project_id: "../admin" },
    expect: ["project_id:", "letters, digits"],
  },
  {
    name: "http endpoint off loopback",
    stdin: { operation: "get-ims-job", job_id: "1", endpoint: "http://example.com" },
    expect: ["endpoint:", "https://"],
  },
  {
    name: "invalid ims_endpoint",
    stdin: { operation: "get-ims-job", job_id: "1", ims_endpoint: "not a url" },
    expect: ["ims_endpoint:", "https://"],
  },
  {
    name: "invalid region",
    stdin: { operation: "list-image-jobs", job_type: "CREATE_SERVER", region: "CN_NORTH_4" },
    expect: ["region:", "cn-north-4"],
  },
];

describe("hwjobs external (in-process, from src): unknown keys and configuration values name the query key", { concurrency: 1 }, () => {
  for (const c of IN_PROCESS_BAD) {
    it(c.name, async () => {
      const before = await requestLog(emulator.url);
      const r = await externalInProcess(c.stdin, emulatorEnv(emulator.url, PROJECT));
      assertUsageError(r, ...c.expect);
      assert.ok(!/--(project-id|endpoint|ims-endpoint|region)\b/.test(r.stderr), `names the query key, not the flag: ${r.stderr}`);
      assert.deepEqual(await requestLog(emulator.url), before, "no request may reach the emulator");
    });
  }

  it("a valid query still works in-process", async () => {
    const r = await externalInProcess({ operation: "count-image-sub-jobs", job_id: IMAGE_JOB_3_SUBS }, emulatorEnv(emulator.url, PROJECT));
    assert.deepEqual(parseFlat(r, ["count"]), { count: "3" });
  });
});

/** `hwjobs external` run in-process on a stdin that never closes, until it has reached its read. */
async function externalOnOpenStdin(signal: AbortSignal): Promise<{ run: Promise<number>; stderr: string[] }> {
  const stderr: string[] = [];
  let reached: () => void = () => {};
  const atRead = new Promise<void>((resolve) => (reached = resolve));
  const run = runCliInProcess(["external"], {
    stdout: () => assert.fail("nothing may reach stdout"),
    stderr: (text) => stderr.push(text),
    env: {},
    readStdin: () => {
      // The read's time limit is armed before stdin is read: from here a tick reaches it, however
      // many module loads the command took to get here.
      reached();
      return new Promise<string>(() => {});
    },
    signal,
  });
  await Promise.race([atRead, run.then((code) => assert.fail(`ended with ${code} before reading stdin`))]);
  return { run, stderr };
}

describe("external: a stdin left open", () => {
  it("ends at the command's default limit with exit 2 and one line, not never", { timeout: 30_000 }, async () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    try {
      const { run, stderr } = await externalOnOpenStdin(new AbortController().signal);
      // The command is at its read of stdin: let 5 minutes pass.
      mock.timers.tick(5 * 60_000);
      assert.equal(await run, 2);
      assert.equal(stderr.length, 1);
      assert.match(stderr[0]!, /^hwjobs: error: stdin: no complete query within 5m; /);
    } finally {
      mock.timers.reset();
    }
  });
});

describe("external: stdin limits", () => {
  it("SIGINT ends a read of a stdin left open at once (exit 130)", { timeout: 30_000 }, async () => {
    const controller = new AbortController();
    const { run, stderr } = await externalOnOpenStdin(controller.signal);
    controller.abort();
    assert.equal(await run, 130);
    assert.deepEqual(stderr, ["hwjobs: error: interrupted\n"]);
  });

  it("a stdin over 1 MiB is exit 2 in one line, and nothing is sent", async () => {
    const r = await runCli(
      ["external"],
      { HWJOBS_ENDPOINT: "http://127.0.0.1:9", HW_PROJECT_ID: "p", HW_AUTH_TOKEN: "token-0000" },
      { stdin: JSON.stringify({ operation: "get-ims-job", job_id: "1", pad: "x".repeat(2 << 20) }) },
    );
    assertUsageError(r, "stdin", "more than 1048576 bytes");
  });
});
