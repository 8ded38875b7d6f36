// `hwjobs wait` against the in-process emulator, run as the real bundle: outcomes and exit codes,
// progress on stderr, inputs from the environment (as Terraform passes them), not-found grace,
// and transient faults that must not end the wait.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import {
  assertExit,
  describeResult,
  emulatorEnv,
  FAST_POLL,
  parseJobResult,
  runCli,
  startCli,
  stderrLines,
  type CliEnv,
  type CliResult,
  useCliEmulator,
} from "../helpers/cli";
import { createJob, injectFault, requestLog, type CreateJobRequest } from "../helpers/emulator-admin";

const emulator = useCliEmulator();

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** Requests the emulator logged for one project (each test uses its own). */
async function requestsOf(project: string) {
  return (await requestLog(emulator.url)).filter((r) => r.path.includes(`/${project}/`));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The `hwjobs: [Ns] <kind> <id>: <STATUS>...` lines, without the prefix and elapsed time. */
function statusLines(r: CliResult, kind: string, id: string): string[] {
  const pattern = new RegExp(`^hwjobs: \\[(?:\\d+h)?(?:\\d+m)?\\d*s?\\] ${escape(kind)} ${escape(id)}: (.+)$`);
  return stderrLines(r).flatMap((line) => {
    const m = pattern.exec(line);
    return m ? [m[1]!] : [];
  });
}

/** Checks the shape of a wait's stderr: a start line, status lines that each report a change. */
function assertProgress(r: CliResult, kind: string, id: string): string[] {
  const lines = stderrLines(r);
  assert.match(
    lines[0]!,
    new RegExp(`^hwjobs: waiting for ${escape(kind)} ${escape(id)} \\(timeout \\S+\\) at http://127\\.0\\.0\\.1:\\d+$`),
    describeResult(r),
  );
  for (const line of lines) assert.match(line, /^hwjobs: /, `every stderr line has the prefix: ${JSON.stringify(line)}`);
  const statuses = statusLines(r, kind, id);
  assert.ok(statuses.length >= 1, `status lines: ${describeResult(r)}`);
  statuses.forEach((s, i) => i > 0 && assert.notEqual(s, statuses[i - 1], `a line per change, not per poll: ${describeResult(r)}`));
  return statuses;
}

/**
 * Starts `hwjobs wait` first and creates the job only once the CLI runs, so the job's timeline
 * counts from a running CLI however slow the machine is to start processes (a 404 before the
 * job exists is tolerated by the default not-found grace).
 */
async function waitOnNewJob(args: readonly string[], env: CliEnv, job: CreateJobRequest & { id: string }): Promise<CliResult> {
  const cli = startCli(args, env);
  try {
    await cli.waitFor("stderr", /^hwjobs: waiting for /m);
  } finally {
    await createJob(emulator.url, job);
  }
  return cli.result;
}

const newId = () => randomBytes(16).toString("hex");

// At most 6 children at once, so a slow machine still runs each wait smoothly.
describe("hwjobs wait", { concurrency: 6 }, () => {
  it("succeeds: exit 0, a line per status change, the resource on stderr, only the result on stdout", async () => {
    const project = "wait-success";
    const id = newId();
    const job = { kind: "ims-job", project_id: project, id, waiting_ms: 1000, running_ms: 3000 } as const;
    const r = await waitOnNewJob(["wait", "ims-job", id, ...FAST_POLL], emulatorEnv(emulator.url, project), job);
    assertExit(r, 0);
    const result = parseJobResult(r);
    assert.equal(result.kind, "ims-job");
    assert.equal(result.job_id, id);
    assert.equal(result.status, "SUCCESS");
    assert.equal(result.phase, "succeeded");
    assert.match(result.resource_id, new RegExp(`^${UUID}$`));
    const statuses = assertProgress(r, "ims-job", id);
    assert.equal(statuses.at(-1), "SUCCESS");
    assert.ok(statuses.includes("RUNNING"), `RUNNING reported: ${describeResult(r)}`);
    assert.ok(
      statuses.every((s) => ["INIT", "RUNNING", "SUCCESS"].includes(s)),
      statuses.join(" | "),
    );
    assert.equal(stderrLines(r).at(-1), `hwjobs: ims-job ${id} succeeded; resource ${result.resource_id}`);
    assert.ok(!r.stderr.includes("{"), "no JSON on stderr");
  });

  it("reports sub-job progress of a 3-sub-job image job", async () => {
    const project = "wait-sub-jobs";
    // Sub-jobs finish 2.5 s apart, so 1-second polls see every step.
    const id = newId();
    const job = { kind: "image-job", project_id: project, id, waiting_ms: 500, running_ms: 7500, sub_jobs: 3 } as const;
    const r = await waitOnNewJob(["wait", "image-job", id, ...FAST_POLL], emulatorEnv(emulator.url, project), job);
    assertExit(r, 0);
    const statuses = assertProgress(r, "image-job", id);
    assert.ok(statuses.includes("RUNNING (sub-jobs 1/3 succeeded)"), statuses.join(" | "));
    assert.ok(statuses.includes("RUNNING (sub-jobs 2/3 succeeded)"), statuses.join(" | "));
    assert.equal(statuses.at(-1), "SUCCESS (sub-jobs 3/3 succeeded)");
    const result = parseJobResult(r);
    assert.equal(result.resource_ids.length, 3);
    assert.equal(stderrLines(r).at(-1), `hwjobs: image-job ${id} succeeded; resource ${result.resource_ids.join(", ")}`);
  });

  it("a failed Workspace job: exit 1, the job's and the failed sub-job's errors on stderr, the result on stdout", async () => {
    const project = "wait-failure";
    const id = await createJob(emulator.url, {
      kind: "image-job",
      project_id: project,
      waiting_ms: 0,
      running_ms: 2000,
      sub_jobs: 2,
      outcome: "failure",
      error_code: "WKS.00129901",
      error_message: "The image server could not be created.",
    });
    const r = await runCli(["wait", "image-job", id, ...FAST_POLL], emulatorEnv(emulator.url, project));
    assertExit(r, 1);
    const result = parseJobResult(r);
    assert.equal(result.status, "FAILED");
    assert.equal(result.phase, "failed");
    assert.equal(result.error_code, "WKS.00129901");
    const subJobs = result.job.sub_jobs as { id: string; status: string }[];
    const failed = subJobs.filter((s) => s.status === "FAILED");
    assert.equal(failed.length, 1);
    const statuses = assertProgress(r, "image-job", id);
    assert.match(statuses.at(-1)!, /^FAILED/);
    const last = stderrLines(r).at(-1)!;
    assert.match(last, /^hwjobs: error: /);
    for (const text of [id, "FAILED", "WKS.00129901", "The image server could not be created.", `sub-job ${failed[0]!.id} FAILED`]) {
      assert.ok(last.includes(text), `error line mentions ${text}: ${last}`);
    }
  });

  it("a failed IMS job: exit 1 with status FAIL and its error", async () => {
    const project = "wait-failure-ims";
    const id = await createJob(emulator.url, {
      kind: "ims-job",
      project_id: project,
      waiting_ms: 0,
      running_ms: 1000,
      outcome: "failure",
      error_code: "IMG.0033",
      error_message: "snapshot failed",
    });
    const r = await runCli(["wait", "ims-job", id, ...FAST_POLL], emulatorEnv(emulator.url, project));
    assertExit(r, 1);
    const result = parseJobResult(r);
    assert.equal(result.status, "FAIL");
    assert.equal(result.phase, "failed");
    const last = stderrLines(r).at(-1)!;
    for (const text of ["hwjobs: error: ", `ims-job ${id}`, "FAIL", "IMG.0033", "snapshot failed"])
      assert.ok(last.includes(text), `${text} in ${last}`);
  });

  it("times out: exit 3, 'timed out after 3s', nothing on stdout", async () => {
    const project = "wait-timeout";
    const id = await createJob(emulator.url, { kind: "ims-job", project_id: project, waiting_ms: 0, outcome: "never" });
    const r = await runCli(["wait", "ims-job", id, "--timeout", "3s", ...FAST_POLL], emulatorEnv(emulator.url, project));
    assertExit(r, 3);
    assert.equal(r.stdout, "");
    const last = stderrLines(r).at(-1)!;
    assert.match(last, /^hwjobs: error: timed out after 3s waiting for ims-job /);
    assert.ok(last.includes(id) && last.includes("last status RUNNING"), last);
  });

  it("the timeout holds while a poll hangs: a 20 s response delay and --timeout 3s end with exit 3 long before", async () => {
    const project = "wait-timeout-slow-api";
    const id = await createJob(emulator.url, { kind: "ims-job", project_id: project, waiting_ms: 0, outcome: "never" });
    // Every response is delayed 20 s, so no poll can finish; without the deadline reaching into the
    // poll, its HTTP attempts and retries would hold the wait far past 20 s.
    await injectFault(emulator.url, { path_prefix: `/v1/${project}/`, times: -1, delay_ms: 20_000 });
    const r = await runCli(["wait", "ims-job", id, "--timeout", "3s", ...FAST_POLL], emulatorEnv(emulator.url, project), {
      timeoutMs: 15_000,
    });
    assert.equal(r.timedOut, false, `not killed by the 15 s harness limit: ${describeResult(r)}`);
    assertExit(r, 3);
    assert.equal(r.stdout, "");
    const last = stderrLines(r).at(-1)!;
    assert.match(last, /^hwjobs: error: timed out after 3s waiting for ims-job /);
    assert.ok(last.includes(id), last);
  });

  it("takes every input from the environment, as Terraform passes them", async () => {
    const project = "wait-env";
    const id = await createJob(emulator.url, { kind: "app-job", project_id: project, waiting_ms: 0, running_ms: 1500, sub_jobs: 2 });
    const env = emulatorEnv(emulator.url, project, {
      HWJOBS_KIND: "app-job",
      HWJOBS_JOB_ID: id,
      HWJOBS_TIMEOUT: "45s",
      HWJOBS_NOT_FOUND_GRACE: "10s",
      HWJOBS_MIN_POLL_INTERVAL: "1s",
      HWJOBS_MAX_POLL_INTERVAL: "1s",
      HWJOBS_OUTPUT: "none",
      HW_REGION_NAME: "cn-north-4",
    });
    const r = await runCli(["wait"], env);
    assertExit(r, 0);
    assert.equal(r.stdout, "", "HWJOBS_OUTPUT=none");
    assert.ok(r.stderr.includes(`hwjobs: waiting for app-job ${id} (timeout 45s)`), describeResult(r));
    assert.match(stderrLines(r).at(-1)!, new RegExp(`^hwjobs: app-job ${id} succeeded; resource ${UUID}, ${UUID}$`));
  });

  it("applies HWJOBS_TIMEOUT from the environment", async () => {
    const project = "wait-env-timeout";
    const id = await createJob(emulator.url, { kind: "image-job", project_id: project, outcome: "never" });
    const env = emulatorEnv(emulator.url, project, {
      HWJOBS_KIND: "image-job",
      HWJOBS_JOB_ID: id,
      HWJOBS_TIMEOUT: "2s",
      HWJOBS_MIN_POLL_INTERVAL: "1s",
      HWJOBS_MAX_POLL_INTERVAL: "1s",
    });
    const r = await runCli(["wait"], env);
    assertExit(r, 3);
    assert.match(stderrLines(r).at(-1)!, /timed out after 2s/);
  });

  it("an empty HWJOBS_* timing means its default, as when Terraform passes an unset value", async () => {
    const project = "wait-env-empty";
    const id = await createJob(emulator.url, { kind: "ims-job", project_id: project, waiting_ms: 0, running_ms: 0 });
    const env = emulatorEnv(emulator.url, project, {
      HWJOBS_KIND: "ims-job",
      HWJOBS_JOB_ID: id,
      HWJOBS_TIMEOUT: "",
      HWJOBS_NOT_FOUND_GRACE: "",
      HWJOBS_MIN_POLL_INTERVAL: "",
      HWJOBS_MAX_POLL_INTERVAL: "",
      HWJOBS_OUTPUT: "",
    });
    const r = await runCli(["wait"], env);
    assertExit(r, 0);
    assert.equal(parseJobResult(r).job_id, id);
    assert.ok(r.stderr.startsWith(`hwjobs: waiting for ims-job ${id} (timeout 1h) at `), describeResult(r));
  });

  it("positional arguments and flags beat the environment", async () => {
    const project = "wait-precedence";
    const id = newId();
    const env = emulatorEnv(emulator.url, project, {
      HWJOBS_KIND: "ims-job",
      HWJOBS_JOB_ID: "not-this-one",
      // Would time out before the job ends, or fail to parse, if the environment won.
      HWJOBS_TIMEOUT: "1s",
      HWJOBS_MIN_POLL_INTERVAL: "5x",
      HWJOBS_OUTPUT: "none",
    });
    const args = ["wait", "image-job", id, "--timeout", "30s", "--output", "json", ...FAST_POLL];
    const r = await waitOnNewJob(args, env, { kind: "image-job", project_id: project, id, waiting_ms: 0, running_ms: 2500 });
    assertExit(r, 0);
    const result = parseJobResult(r);
    assert.equal(result.kind, "image-job");
    assert.equal(result.job_id, id);
    assert.ok(r.stderr.includes("(timeout 30s)"), describeResult(r));
    const requests = await requestsOf(project);
    assert.ok(requests.length > 0 && requests.every((q) => q.path === `/v1/${project}/image-server-jobs/${id}`), JSON.stringify(requests));
  });

  it("tolerates 404 within the not-found grace: a job created ~1.5 s after the wait starts", async () => {
    const project = "wait-late-job";
    const id = `late-${process.pid}-${Date.now()}`;
    const started = Date.now();
    const cli = startCli(["wait", "image-job", id, "--not-found-grace", "30s", ...FAST_POLL], emulatorEnv(emulator.url, project));
    await cli.waitFor("stderr", /job not found yet/, 15_000);
    await sleep(Math.max(0, 1500 - (Date.now() - started)));
    await createJob(emulator.url, { kind: "image-job", project_id: project, id, waiting_ms: 0, running_ms: 0 });
    const r = await cli.result;
    assertExit(r, 0);
    assert.equal(parseJobResult(r).job_id, id);
    assert.match(r.stderr, /hwjobs: \[\d+s\] job not found yet; a just-created job can take a moment to appear, retrying/);
    const statuses = (await requestsOf(project)).map((q) => q.status);
    assert.equal(statuses[0], 404);
    assert.equal(statuses.at(-1), 200);
  });

  it("a job still missing after --not-found-grace 2s ends with exit 4 and the 404", async () => {
    const project = "wait-missing";
    const r = await runCli(
      ["wait", "image-job", "never-created", "--not-found-grace", "2s", ...FAST_POLL],
      emulatorEnv(emulator.url, project),
    );
    assertExit(r, 4);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /job not found yet/);
    const last = stderrLines(r).at(-1)!;
    assert.match(last, /^hwjobs: error: .*HTTP 404 WKS\.00211902/);
    assert.ok(last.includes("never-created"), last);
    assert.ok((await requestsOf(project)).length >= 2, "polled again during the grace");
  });

  it("transient faults (503 x3, 429 with Retry-After, a malformed body, a dropped connection) do not end the wait", async () => {
    const project = "wait-faults";
    const id = await createJob(emulator.url, { kind: "image-job", project_id: project, waiting_ms: 0, running_ms: 0 });
    const path_prefix = `/v1/${project}/image-server-jobs/${id}`;
    await injectFault(emulator.url, { path_prefix, status: 503, times: 3 });
    await injectFault(emulator.url, { path_prefix, status: 429, retry_after: "1" });
    await injectFault(emulator.url, { path_prefix, malformed: true });
    await injectFault(emulator.url, { path_prefix, drop: true });
    const r = await runCli(["wait", "image-job", id, ...FAST_POLL], emulatorEnv(emulator.url, project), { timeoutMs: 45_000 });
    assertExit(r, 0);
    assert.equal(parseJobResult(r).phase, "succeeded");
    const retries = stderrLines(r).filter((line) => /^hwjobs: retrying ShowImageJob in \d+\.\ds after /.test(line));
    assert.ok(
      retries.some((line) => line.includes("HTTP 503")),
      describeResult(r),
    );
    assert.ok(
      retries.some((line) => line.includes("HTTP 429")),
      describeResult(r),
    );
    assert.ok(retries.length >= 5, `a retry line per retried attempt: ${describeResult(r)}`);
    // Retry-After: 1 is a lower bound of the delay.
    const throttled = retries.find((line) => line.includes("HTTP 429"))!;
    assert.ok(Number(/in (\d+\.\d)s/.exec(throttled)![1]) >= 1, throttled);
    // A malformed 200 is not retried by the HTTP layer; the waiter reports it and keeps polling.
    assert.match(r.stderr, /hwjobs: \[\d+s\] transient error, still waiting: .*not JSON/);
    const statuses = (await requestsOf(project)).map((q) => q.status);
    for (const status of [503, 429, 0]) assert.ok(statuses.includes(status), `${status} served: ${statuses.join(",")}`);
    assert.equal(statuses.at(-1), 200);
  });

  it("a 401 (wrong secret key) ends the wait at once with exit 4", async () => {
    const project = "wait-401";
    const id = await createJob(emulator.url, { kind: "ims-job", project_id: project, outcome: "never" });
    const r = await runCli(
      ["wait", "ims-job", id, "--timeout", "20s", ...FAST_POLL],
      emulatorEnv(emulator.url, project, { HW_SECRET_KEY: "wrong-secret" }),
    );
    assertExit(r, 4);
    assert.equal(r.stdout, "");
    assert.match(stderrLines(r).at(-1)!, /^hwjobs: error: .*HTTP 401 APIG\.0301/);
    assert.deepEqual(
      (await requestsOf(project)).map((q) => q.status),
      [401],
    );
  });

  it("a 403 ends the wait at once with exit 4", async () => {
    const project = "wait-403";
    const id = await createJob(emulator.url, { kind: "app-job", project_id: project, outcome: "never" });
    await injectFault(emulator.url, { path_prefix: `/v2/${project}/`, status: 403 });
    const r = await runCli(["wait", "app-job", id, "--timeout", "20s", ...FAST_POLL], emulatorEnv(emulator.url, project));
    assertExit(r, 4);
    assert.match(stderrLines(r).at(-1)!, /^hwjobs: error: .*HTTP 403/);
    assert.equal((await requestsOf(project)).length, 1);
  });
});
