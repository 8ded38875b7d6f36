// `hwjobs get <kind> <job-id>` against the in-process emulator, run as the real bundle.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEMO_CREDENTIALS } from "../../src/emulator";
import {
  assertExit,
  describeResult,
  emulatorEnv,
  parseJobResult,
  runCli,
  stderrLines,
  type CliResult,
  useCliEmulator,
} from "../helpers/cli";
import { createJob, requestLog, type CreateJobRequest } from "../helpers/emulator-admin";

const emulator = useCliEmulator();

type Kind = CreateJobRequest["kind"];
const KINDS: readonly Kind[] = ["image-job", "app-job", "ims-job"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Requests the emulator logged for one project (each test uses its own). */
async function requestsOf(project: string) {
  return (await requestLog(emulator.url)).filter((r) => r.path.includes(`/${project}/`));
}

function assertOneErrorLine(r: CliResult, ...expected: (string | RegExp)[]): void {
  assert.equal(r.stdout, "", `stdout should be empty: ${describeResult(r)}`);
  const lines = stderrLines(r);
  assert.equal(lines.length, 1, `one line on stderr: ${describeResult(r)}`);
  for (const e of expected) {
    if (typeof e === "string") assert.ok(lines[0]!.includes(e), `stderr should mention ${e}: ${lines[0]}`);
    else assert.match(lines[0]!, e);
  }
}

describe("hwjobs get", { concurrency: true }, () => {
  for (const kind of KINDS) {
    it(`reads a succeeded ${kind}: exit 0, one JSON document with the documented keys`, async () => {
      const project = `get-ok-${kind}`;
      const id = await createJob(emulator.url, {
        kind,
        project_id: project,
        waiting_ms: 0,
        running_ms: 0,
        sub_jobs: kind === "ims-job" ? undefined : 2,
      });
      const r = await runCli(["get", kind, id], emulatorEnv(emulator.url, project));
      assertExit(r, 0);
      assert.equal(r.stderr, "", describeResult(r));
      const result = parseJobResult(r);
      assert.equal(result.kind, kind);
      assert.equal(result.job_id, id);
      assert.equal(result.status, "SUCCESS");
      assert.equal(result.phase, "succeeded");
      assert.equal(result.error_code, "");
      assert.equal(result.error_message, "");
      assert.equal(result.resource_ids.length, kind === "ims-job" ? 1 : 2);
      assert.equal(result.resource_id, result.resource_ids[0]);
      assert.match(result.resource_id, UUID);
      assert.equal(result.job.status, "SUCCESS");
      assert.equal(kind === "ims-job" ? result.job.job_id : result.job.id, id);
      const requests = await requestsOf(project);
      assert.equal(requests.length, 1);
      assert.equal(requests[0]!.auth, "aksk");
      assert.equal(requests[0]!.status, 200);
    });
  }

  it("reports a pending job with exit 0 and phase pending", async () => {
    const project = "get-pending";
    const id = await createJob(emulator.url, { kind: "ims-job", project_id: project, outcome: "never" });
    const r = await runCli(["get", "ims-job", id], emulatorEnv(emulator.url, project));
    assertExit(r, 0);
    const result = parseJobResult(r);
    assert.ok(["INIT", "RUNNING"].includes(result.status), result.status);
    assert.equal(result.phase, "pending");
    assert.deepEqual(result.resource_ids, []);
    assert.equal(result.resource_id, "");
  });

  it("reports a failed job with exit 0 (get never judges) and its error fields", async () => {
    const project = "get-failed";
    const id = await createJob(emulator.url, {
      kind: "image-job",
      project_id: project,
      waiting_ms: 0,
      running_ms: 0,
      outcome: "failure",
      error_code: "WKS.00129901",
      error_message: "disk full",
    });
    const r = await runCli(["get", "image-job", id], emulatorEnv(emulator.url, project));
    assertExit(r, 0);
    const result = parseJobResult(r);
    assert.equal(result.status, "FAILED");
    assert.equal(result.phase, "failed");
    assert.equal(result.error_code, "WKS.00129901");
    assert.equal(result.error_message, "disk full");
  });

  it("--output table prints aligned FIELD/VALUE columns", async () => {
    const project = "get-table";
    const id = await createJob(emulator.url, { kind: "app-job", project_id: project, waiting_ms: 0, running_ms: 0 });
    for (const [args, env] of [
      [["--output", "table"], {}],
      [[], { HWJOBS_OUTPUT: "table" }],
    ] as const) {
      const r = await runCli(["get", "app-job", id, ...args], emulatorEnv(emulator.url, project, env));
      assertExit(r, 0);
      const lines = r.stdout.trimEnd().split("\n");
      assert.match(lines[0]!, /^FIELD\s+VALUE$/);
      const column = lines[0]!.indexOf("VALUE");
      const rows = new Map<string, string>();
      for (const line of lines.slice(1)) {
        const name = line.slice(0, column).trimEnd();
        assert.match(name, /^[a-z_]+$/, `row ${JSON.stringify(line)}`);
        assert.ok(line.length <= name.length || line.slice(name.length, column).trim() === "", `aligned: ${JSON.stringify(line)}`);
        if (line.length > column) assert.notEqual(line[column], " ", `value starts at column ${column}: ${JSON.stringify(line)}`);
        rows.set(name, line.slice(column));
      }
      for (const field of ["kind", "job_id", "status", "phase", "resource_ids", "error_code", "error_message"])
        assert.ok(rows.has(field), `table has ${field}`);
      assert.equal(rows.get("kind"), "app-job");
      assert.equal(rows.get("job_id"), id);
      assert.equal(rows.get("status"), "SUCCESS");
      assert.equal(rows.get("phase"), "succeeded");
      assert.match(rows.get("resource_ids")!, /^[0-9a-f-]{36}$/);
    }
  });

  it("--output none (or HWJOBS_OUTPUT=none) prints nothing and exits 0", async () => {
    const project = "get-none";
    const id = await createJob(emulator.url, { kind: "ims-job", project_id: project, waiting_ms: 0, running_ms: 0 });
    for (const [args, env] of [
      [["--output", "none"], {}],
      [[], { HWJOBS_OUTPUT: "none" }],
    ] as const) {
      const r = await runCli(["get", "ims-job", id, ...args], emulatorEnv(emulator.url, project, env));
      assertExit(r, 0);
      assert.equal(r.stdout, "");
      assert.equal(r.stderr, "");
    }
    assert.equal((await requestsOf(project)).length, 2);
  });

  it("--output beats HWJOBS_OUTPUT", async () => {
    const project = "get-output-precedence";
    const id = await createJob(emulator.url, { kind: "ims-job", project_id: project, waiting_ms: 0, running_ms: 0 });
    const r = await runCli(["get", "ims-job", id, "--output", "json"], emulatorEnv(emulator.url, project, { HWJOBS_OUTPUT: "none" }));
    assertExit(r, 0);
    assert.equal(parseJobResult(r).job_id, id);
  });

  it("authenticates with an IAM token (HW_AUTH_TOKEN)", async () => {
    const project = "get-token";
    const id = await createJob(emulator.url, { kind: "image-job", project_id: project, waiting_ms: 0, running_ms: 0 });
    const env = emulatorEnv(emulator.url, project, {
      HW_ACCESS_KEY: undefined,
      HW_SECRET_KEY: undefined,
      HW_AUTH_TOKEN: DEMO_CREDENTIALS.token,
    });
    const r = await runCli(["get", "image-job", id], env);
    assertExit(r, 0);
    assert.equal(parseJobResult(r).phase, "succeeded");
    const requests = await requestsOf(project);
    assert.deepEqual(
      requests.map((q) => [q.auth, q.status]),
      [["token", 200]],
    );
  });

  it("reads OS_* credential and project names and per-service endpoints", async () => {
    const project = "get-os-names";
    const ims = await createJob(emulator.url, { kind: "ims-job", project_id: project, waiting_ms: 0, running_ms: 0 });
    const app = await createJob(emulator.url, { kind: "app-job", project_id: project, waiting_ms: 0, running_ms: 0 });
    const env = {
      OS_ACCESS_KEY: DEMO_CREDENTIALS.accessKey,
      OS_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
      OS_PROJECT_ID: project,
      HWJOBS_IMS_ENDPOINT: emulator.url,
      HWJOBS_APPSTREAM_ENDPOINT: emulator.url,
    };
    const [imsResult, appResult] = await Promise.all([runCli(["get", "ims-job", ims], env), runCli(["get", "app-job", app], env)]);
    assertExit(imsResult, 0);
    assertExit(appResult, 0);
    assert.equal(parseJobResult(imsResult).job_id, ims);
    assert.equal(parseJobResult(appResult).job_id, app);
  });

  for (const [kind, code] of [
    ["image-job", "WKS.00211902"],
    ["app-job", "WKS.00211902"],
    ["ims-job", "IMG.0104"],
  ] as const) {
    it(`an unknown ${kind} exits 4 with ${code} and the request id`, async () => {
      const project = `get-404-${kind}`;
      const r = await runCli(["get", kind, "does-not-exist"], emulatorEnv(emulator.url, project));
      assertExit(r, 4);
      assertOneErrorLine(r, /^hwjobs: error: /, code, "HTTP 404", "does-not-exist", /request id [0-9a-f-]{36}/);
      // A 404 is an answer, not a transient failure: one request, no retries.
      assert.equal((await requestsOf(project)).length, 1);
    });
  }

  it("a wrong secret key exits 4 with APIG.0301 at once (no retries)", async () => {
    const project = "get-401";
    const id = await createJob(emulator.url, { kind: "image-job", project_id: project, waiting_ms: 0, running_ms: 0 });
    const r = await runCli(["get", "image-job", id], emulatorEnv(emulator.url, project, { HW_SECRET_KEY: "not-the-secret-key" }));
    assertExit(r, 4);
    assertOneErrorLine(r, "APIG.0301", "HTTP 401", /request id [0-9a-f-]{36}/);
    const requests = await requestsOf(project);
    assert.deepEqual(
      requests.map((q) => [q.auth, q.status]),
      [["aksk", 401]],
    );
  });

  it("a wrong IAM token exits 4 with APIG.0301", async () => {
    const project = "get-401-token";
    const env = emulatorEnv(emulator.url, project, { HW_ACCESS_KEY: undefined, HW_SECRET_KEY: undefined, HW_AUTH_TOKEN: "not-a-token" });
    const r = await runCli(["get", "ims-job", "1"], env);
    assertExit(r, 4);
    assertOneErrorLine(r, "APIG.0301", "HTTP 401");
  });
});
