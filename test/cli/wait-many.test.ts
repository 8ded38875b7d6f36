// `hwjobs wait <kind> <id> <id> ...` against the in-process emulator, run as the real bundle: every
// job waited for at once, every outcome reported, and the verdict's exit code.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import {
  assertExit,
  assertUsageError,
  describeResult,
  emulatorEnv,
  FAST_POLL,
  runCli,
  stderrLines,
  type CliResult,
  useCliEmulator,
} from "../helpers/cli";
import { createJob, requestLog, type CreateJobRequest } from "../helpers/emulator-admin";

const emulator = useCliEmulator();

const newProject = () => `many-${randomBytes(6).toString("hex")}`;

/** Creates jobs of `kind` in `project`, one per entry, and returns their ids in order. */
async function jobs(project: string, kind: CreateJobRequest["kind"], specs: readonly Partial<CreateJobRequest>[]): Promise<string[]> {
  return Promise.all(specs.map((spec) => createJob(emulator.url, { kind, project_id: project, waiting_ms: 0, ...spec })));
}

/** stdout as the JSON array of results. */
function results(r: CliResult): Array<{ kind: string; job_id: string; status: string; phase: string; error_code: string }> {
  const doc: unknown = JSON.parse(r.stdout);
  assert.ok(Array.isArray(doc), `stdout is a JSON array: ${describeResult(r)}`);
  return doc as Array<{ kind: string; job_id: string; status: string; phase: string; error_code: string }>;
}

async function requestsOf(project: string) {
  return (await requestLog(emulator.url)).filter((r) => r.path.includes(`/${project}/`));
}

describe("hwjobs wait on several jobs", { concurrency: 4 }, () => {
  it("waits for three jobs together: exit 0, results in the order given, wall time about the longest", async () => {
    const project = newProject();
    const ids = await jobs(project, "image-job", [{ running_ms: 6000 }, { running_ms: 2000 }, { running_ms: 4000 }]);
    const started = Date.now();
    const r = await runCli(["wait", "image-job", ...ids, ...FAST_POLL], emulatorEnv(emulator.url, project));
    const wallMs = Date.now() - started;
    assertExit(r, 0);
    assert.deepEqual(
      results(r).map((x) => [x.job_id, x.phase]),
      ids.map((id) => [id, "succeeded"]),
    );
    const lines = stderrLines(r);
    assert.match(lines[0]!, /^hwjobs: waiting for 3 image-job jobs \(timeout 1h\) at http:\/\/127\.0\.0\.1:\d+$/);
    // The shortest ends first: outcomes are said as they come, each with the running count.
    const done = lines.filter((l) => / succeeded(;|$)/.test(l) && !l.includes("all 3"));
    assert.deepEqual(
      done.map((l) => ids.findIndex((id) => l.includes(id))),
      [1, 2, 0],
      describeResult(r),
    );
    for (const n of [1, 2, 3]) assert.ok(lines.includes(`hwjobs: ${n}/3 jobs done, 0 failed`), describeResult(r));
    assert.equal(lines.at(-1), "hwjobs: all 3 image-job jobs succeeded");
    // Waited together, not in turn: every job was first polled before any job's last poll (in turn,
    // the 6 s job would not be polled until the others had ended). The order of the request log
    // shows it, whatever the machine's speed; the wall time is only reported.
    const log = (await requestsOf(project)).map((q) => q.path);
    const first = ids.map((id) => log.findIndex((p) => p.endsWith(`/${id}`)));
    const last = ids.map((id) => log.length - 1 - [...log].reverse().findIndex((p) => p.endsWith(`/${id}`)));
    assert.ok(Math.max(...first) < Math.min(...last), `interleaved polls (${wallMs} ms): ${JSON.stringify({ first, last })}`);
  });

  it("one failure among several: every job waited for to its end, exit 1, the failure with its id, code and message", async () => {
    const project = newProject();
    const ids = await jobs(project, "app-job", [
      { running_ms: 1000, outcome: "failure", error_code: "WKS.00170201", error_message: "Insufficient ECS quota." },
      { running_ms: 4000 },
    ]);
    const r = await runCli(["wait", "app-job", ...ids, ...FAST_POLL], emulatorEnv(emulator.url, project));
    assertExit(r, 1);
    assert.deepEqual(
      results(r).map((x) => [x.job_id, x.phase, x.error_code]),
      [
        [ids[0], "failed", "WKS.00170201"],
        [ids[1], "succeeded", ""],
      ],
    );
    const lines = stderrLines(r);
    assert.ok(
      lines.some(
        (l) => l.startsWith(`hwjobs: failed: app-job ${ids[0]} ended FAILED`) && l.includes("WKS.00170201 Insufficient ECS quota."),
      ),
      describeResult(r),
    );
    assert.ok(
      lines.includes(`hwjobs: app-job ${ids[1]} succeeded`) || lines.some((l) => l.startsWith(`hwjobs: app-job ${ids[1]} succeeded`)),
      describeResult(r),
    );
    assert.equal(lines.at(-1), `hwjobs: error: 1 of 2 jobs succeeded; 1 failed (app-job ${ids[0]})`);
  });

  it("--fail-fast stops at the first failure and reports the others' last status", async () => {
    const project = newProject();
    const ids = await jobs(project, "image-job", [{ running_ms: 60_000 }, { running_ms: 1000, outcome: "failure" }]);
    const r = await runCli(["wait", "image-job", ...ids, "--fail-fast", ...FAST_POLL], emulatorEnv(emulator.url, project));
    assertExit(r, 1);
    // The 60 s job was still RUNNING when the wait ended (asserted below): it was not waited for.
    const [slow, failed] = results(r);
    assert.deepEqual([slow!.phase, slow!.status, failed!.phase], ["pending", "RUNNING", "failed"]);
    const lines = stderrLines(r);
    assert.ok(
      lines.includes(
        `hwjobs: image-job ${ids[0]}: not waited for after the first failure (--fail-fast); last status RUNNING (0/1 sub-jobs succeeded)`,
      ),
      describeResult(r),
    );
    assert.match(lines.at(-1)!, new RegExp(`^hwjobs: error: 0 of 2 jobs succeeded; 1 failed \\(image-job ${ids[1]}\\); 1 not waited for`));
  });

  it("a timeout names the jobs still pending: exit 3", async () => {
    const project = newProject();
    const ids = await jobs(project, "ims-job", [{ running_ms: 500 }, { outcome: "never" }]);
    const r = await runCli(["wait", "ims-job", ...ids, "--timeout", "3s", ...FAST_POLL], emulatorEnv(emulator.url, project));
    assertExit(r, 3);
    assert.deepEqual(
      results(r).map((x) => x.phase),
      ["succeeded", "pending"],
    );
    assert.equal(stderrLines(r).at(-1), `hwjobs: error: 1 of 2 jobs succeeded; 1 still pending at the timeout (ims-job ${ids[1]})`);
  });

  it("--output table prints one row per job", async () => {
    const project = newProject();
    const ids = await jobs(project, "image-job", [{ running_ms: 500 }, { running_ms: 500 }]);
    const r = await runCli(["wait", "image-job", ...ids, "--output", "table", ...FAST_POLL], emulatorEnv(emulator.url, project));
    assertExit(r, 0);
    const rows = r.stdout.trimEnd().split("\n");
    assert.match(rows[0]!, /^KIND\s+JOB_ID\s+STATUS\s+PHASE\s+RESOURCE_IDS\s+ERROR$/);
    assert.deepEqual(
      rows.slice(1).map((row) => row.split(/\s+/).slice(0, 4)),
      ids.map((id) => ["image-job", id, "SUCCESS", "succeeded"]),
    );
  });

  it("a duplicate id is waited for once, with a warning", async () => {
    const project = newProject();
    const [id] = await jobs(project, "image-job", [{ running_ms: 500 }]);
    const r = await runCli(["wait", "image-job", id!, id!, ...FAST_POLL], emulatorEnv(emulator.url, project));
    assertExit(r, 0);
    assert.equal(JSON.parse(r.stdout).job_id, id, "one id left: the single result object");
    assert.equal(stderrLines(r)[0], `hwjobs: warning: image-job ${id} is given more than once; waiting for it once`);
  });

  it("more than 100 ids, or a bad id among them: exit 2 naming the field, nothing sent", async () => {
    const project = newProject();
    const many = Array.from({ length: 101 }, (_, i) => String(1000 + i));
    assertUsageError(
      await runCli(["wait", "image-job", ...many], emulatorEnv(emulator.url, project)),
      "job-id: 101 job ids given",
      "at most 100",
    );
    assertUsageError(await runCli(["wait", "image-job", "1", ""], emulatorEnv(emulator.url, project)), "job-id: job id is empty");
    assert.deepEqual(await requestsOf(project), []);
  });

  it("--all-pending finds exactly the image-server jobs of the type that are pending now, and waits for them", async () => {
    const project = newProject();
    const type = "CREATE_SERVER_IMAGE";
    const [done] = await jobs(project, "image-job", [{ job_type: type, running_ms: 0 }]);
    const pending = await jobs(project, "image-job", [
      { job_type: type, running_ms: 5000 },
      { job_type: type, running_ms: 4000, sub_jobs: 2 },
      { job_type: type, waiting_ms: 3000, running_ms: 1000 },
    ]);
    await jobs(project, "image-job", [{ job_type: "CREATE_SERVER", running_ms: 3000 }]);
    const r = await runCli(["wait", "image-job", "--job-type", type, "--all-pending", ...FAST_POLL], emulatorEnv(emulator.url, project));
    assertExit(r, 0);
    const found = results(r);
    assert.deepEqual(found.map((x) => x.job_id).sort(), [...pending].sort(), `the pending ones, not ${done}: ${describeResult(r)}`);
    assert.ok(found.every((x) => x.phase === "succeeded"));
    assert.match(stderrLines(r)[0]!, new RegExp(`^hwjobs: finding pending image-job jobs of type ${type} at http://127`));
    const lists = (await requestsOf(project)).filter((q) => q.path.endsWith("/image-server-jobs"));
    assert.ok(lists.length >= 2, "one list read per pending status");
  });

  it("--all-pending for app-server jobs waits for the parents of the pending sub-jobs, each once", async () => {
    const project = newProject();
    await jobs(project, "app-job", [{ job_type: "CREATE_SERVER", running_ms: 0 }]);
    const pending = await jobs(project, "app-job", [
      { job_type: "CREATE_SERVER", running_ms: 5000, sub_jobs: 3 },
      { job_type: "CREATE_SERVER", running_ms: 4000 },
    ]);
    const r = await runCli(
      ["wait", "app-job", "--job-type", "CREATE_SERVER", "--all-pending", ...FAST_POLL],
      emulatorEnv(emulator.url, project),
    );
    assertExit(r, 0);
    assert.deepEqual(
      results(r)
        .map((x) => x.job_id)
        .sort(),
      [...pending].sort(),
    );
  });

  it("--all-pending with nothing pending: exit 0 at once, saying so, and an empty array", async () => {
    const project = newProject();
    await jobs(project, "image-job", [{ job_type: "CREATE_SERVER", running_ms: 0 }]);
    const r = await runCli(["wait", "image-job", "--job-type", "CREATE_SERVER", "--all-pending"], emulatorEnv(emulator.url, project));
    assertExit(r, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
    assert.equal(stderrLines(r).at(-1), "hwjobs: no pending image-job jobs of type CREATE_SERVER; nothing to wait for");
  });

  it("takes the ids from HWJOBS_JOB_IDS (a JSON array), as WaitForJobs passes them", async () => {
    const project = newProject();
    const ids = await jobs(project, "ims-job", [{ running_ms: 500 }, { running_ms: 800 }]);
    const r = await runCli(
      ["wait", ...FAST_POLL],
      emulatorEnv(emulator.url, project, { HWJOBS_KIND: "ims-job", HWJOBS_JOB_IDS: JSON.stringify(ids) }),
    );
    assertExit(r, 0);
    assert.deepEqual(
      results(r).map((x) => x.job_id),
      ids,
    );
  });
});
