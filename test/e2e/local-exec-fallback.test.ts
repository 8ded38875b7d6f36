// Without terraform: the example synthesizes (no synth-time `terraform version`), and its exact
// local-exec command, run as Terraform would run it, gates on the job. This is the demo's fallback.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { localExecs, runLocalExecs, synthExample } from "../../scripts/stack-runner";

const PROJECT = "0123456789abcdef0123456789abcdef";
const NO_TERRAFORM = { TERRAFORM_BINARY_NAME: "/nonexistent/terraform" };

describe("the image-pipeline stack without terraform", () => {
  let emulator: RunningEmulator;
  let work: string;
  let stackDir: string;

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    work = mkdtempSync(join(tmpdir(), "hwjobs-fallback-"));
    stackDir = synthExample("image-pipeline", "image-pipeline", join(work, "cdktf.out"), { ...process.env, ...NO_TERRAFORM });
  });

  after(async () => {
    await emulator?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const env = () => ({
    PATH: process.env.PATH ?? "",
    HWJOBS_ENDPOINT: emulator.url,
    HW_PROJECT_ID: PROJECT,
    HW_ACCESS_KEY: "HWJOBSDEMOAK00000000",
    HW_SECRET_KEY: "hwjobs-demo-secret-key-0000000000000000",
    HWJOBS_MIN_POLL_INTERVAL: "1s",
  });

  test("synthesizes with no terraform binary, one local-exec running node with the constant command", () => {
    const execs = localExecs(stackDir);
    assert.equal(execs.length, 1);
    assert.equal(execs[0]!.interpreter[0], "node");
    assert.equal(execs[0]!.command, "wait");
    assert.equal(execs[0]!.environment.HWJOBS_TIMEOUT, "${var.wait_timeout}");
  });

  test("the exact local-exec command succeeds once the job succeeds, using the variables' defaults", async () => {
    const job = emulator.store.createJob({ kind: "ims-job", projectId: PROJECT, waitingMs: 200, runningMs: 800 });
    const result = await runLocalExecs(stackDir, { image_job_id: job.id }, { env: env(), timeoutMs: 60_000 });
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, new RegExp(`ims-job ${job.id} succeeded`));
  });

  test("the exact local-exec command fails with the job's error when the job fails", async () => {
    const job = emulator.store.createJob({
      kind: "app-job",
      projectId: PROJECT,
      waitingMs: 100,
      runningMs: 500,
      outcome: "failure",
      errorCode: "WKS.00129901",
      errorMessage: "The service is now unavailable to process the request.",
    });
    const result = await runLocalExecs(stackDir, { image_job_id: job.id, job_kind: "app-job" }, { env: env(), timeoutMs: 60_000 });
    assert.equal(result.code, 1, result.output);
    assert.match(result.output, /WKS\.00129901 The service is now unavailable to process the request\./);
  });
});
