// `--quiet` (issue 12, item 3): no progress lines, while warnings, failures and errors still reach
// stderr and the result stdout (bundle as a child process against the emulator).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { assertExit, describeResult, emulatorEnv, FAST_POLL, parseJobResult, runCli, stderrLines, useCliEmulator } from "../helpers/cli";
import { createJob, injectFault } from "../helpers/emulator-admin";

const emulator = useCliEmulator();

const project = () => randomBytes(16).toString("hex");

describe("hwjobs --quiet", { concurrency: true }, () => {
  it("a wait that succeeds prints its result and nothing on stderr; without -q it prints progress", async () => {
    const p = project();
    const id = await createJob(emulator.url, {
      kind: "image-job",
      project_id: p,
      waiting_ms: 0,
      running_ms: 1500,
      outcome: "success",
      sub_jobs: 2,
    });
    const quiet = await runCli(["wait", "image-job", id, "-q", ...FAST_POLL], emulatorEnv(emulator.url, p));
    assertExit(quiet, 0);
    assert.equal(quiet.stderr, "", describeResult(quiet));
    assert.equal(parseJobResult(quiet).status, "SUCCESS");
    const loud = await runCli(["wait", "image-job", id, ...FAST_POLL], emulatorEnv(emulator.url, p));
    assertExit(loud, 0);
    assert.ok(
      stderrLines(loud).some((line) => line.startsWith("hwjobs: waiting for image-job")),
      describeResult(loud),
    );
  });

  it("a failing job still says why, and the retries of a read are left out", async () => {
    const p = project();
    const id = await createJob(emulator.url, {
      kind: "ims-job",
      project_id: p,
      waiting_ms: 0,
      running_ms: 0,
      outcome: "failure",
      error_code: "IMS.0123",
      error_message: "disk image unreadable",
    });
    const failed = await runCli(["wait", "ims-job", id, "--quiet", ...FAST_POLL], emulatorEnv(emulator.url, p));
    assertExit(failed, 1);
    const lines = stderrLines(failed);
    assert.ok(lines.length >= 1 && lines.every((line) => /^hwjobs: (error|warning|a )/.test(line)), describeResult(failed));
    assert.match(failed.stderr, /IMS\.0123/);

    await injectFault(emulator.url, { path_prefix: `/v1/${p}/jobs/${id}`, status: 503 });
    const retried = await runCli(["get", "ims-job", id, "-q"], emulatorEnv(emulator.url, p));
    assertExit(retried, 0);
    assert.doesNotMatch(retried.stderr, /retrying/, describeResult(retried));
    await injectFault(emulator.url, { path_prefix: `/v1/${p}/jobs/${id}`, status: 503 });
    const loud = await runCli(["get", "ims-job", id], emulatorEnv(emulator.url, p));
    assert.match(loud.stderr, /retrying ShowJob/, describeResult(loud));
  });
});
