// Real `terraform init` + `terraform apply` of examples/pipeline-gate (one WaitForJobs on several
// jobs) against the emulator. Runs whenever terraform is on PATH (required by .ci/run when it is).
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { findTerraform, synthExample, terraformApplyOnly, terraformInit, type RunResult } from "../../scripts/stack-runner";
import { createJob, requestLog, type CreateJobRequest } from "../helpers/emulator-admin";

const terraform = findTerraform();
const PROJECT = "0123456789abcdef0123456789abcdef";
const ACCESS_KEY = "E2EMANYKEY0000000000";
const SECRET = `e2e-many-secret-${process.pid}-${Date.now()}`;

describe("terraform apply gated on several jobs (WaitForJobs)", { skip: terraform ? false : "terraform not on PATH" }, () => {
  let emulator: RunningEmulator;
  let work: string;
  let stackDir: string;

  before(async () => {
    emulator = await startEmulator({ port: 0, credentials: [{ accessKey: ACCESS_KEY, secretKey: SECRET }] });
    work = mkdtempSync(join(tmpdir(), "hwjobs-e2e-many-"));
    stackDir = synthExample("pipeline-gate", "pipeline-gate", join(work, "cdktf.out"));
  });

  after(async () => {
    await emulator?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function apply(
    name: string,
    specs: readonly Omit<CreateJobRequest, "project_id">[],
  ): Promise<{ result: RunResult; dir: string; ids: string[] }> {
    const dir = join(work, name);
    cpSync(stackDir, dir, { recursive: true });
    const env = { ...process.env, HWJOBS_ENDPOINT: emulator.url, HW_PROJECT_ID: PROJECT, HW_ACCESS_KEY: ACCESS_KEY, HW_SECRET_KEY: SECRET };
    const init = await terraformInit(terraform!, dir, { env, timeoutMs: 120_000 });
    assert.equal(init.code, 0, init.output);
    const ids = await Promise.all(specs.map((spec) => createJob(emulator.url, { project_id: PROJECT, ...spec })));
    const vars = { image_job_ids: JSON.stringify(ids), wait_timeout: "2m" };
    const result = await terraformApplyOnly(terraform!, dir, vars, { env, timeoutMs: 180_000 });
    return { result, dir, ids };
  }

  const released = (dir: string) => {
    const path = join(dir, "terraform.tfstate");
    if (!existsSync(path)) return false;
    const state = JSON.parse(readFileSync(path, "utf8")) as { resources: Array<{ type: string; name: string }> };
    return state.resources.some((r) => r.type === "terraform_data" && r.name === "release");
  };

  test("three jobs: release is created only after every one succeeded", async () => {
    const { result, dir, ids } = await apply("success", [
      { kind: "image-job", waiting_ms: 0, running_ms: 1500 },
      { kind: "image-job", waiting_ms: 0, running_ms: 4000 },
      { kind: "image-job", waiting_ms: 500, running_ms: 2500 },
    ]);
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /waiting for 3 image-job jobs/);
    assert.match(result.output, /3\/3 jobs done, 0 failed/);
    const gateDone = result.output.search(/terraform_data\.gate[^\n]*Creation complete/);
    const releaseStart = result.output.search(/terraform_data\.release: Creating/);
    assert.ok(gateDone > 0 && releaseStart > gateDone, `release must start after the gate:\n${result.output}`);
    assert.ok(released(dir));
    const log = await requestLog(emulator.url);
    for (const id of ids)
      assert.ok(
        log.some((r) => r.path.endsWith(`/image-server-jobs/${id}`) && r.status === 200),
        `polled ${id}`,
      );
    assert.ok(!result.output.includes(SECRET), "the secret never reaches Terraform's output");
  });

  test("one failed job among them fails the apply with its error; release not created", async () => {
    const { result, dir, ids } = await apply("failure", [
      { kind: "image-job", waiting_ms: 0, running_ms: 1000 },
      {
        kind: "image-job",
        waiting_ms: 0,
        running_ms: 1500,
        outcome: "failure",
        error_code: "WKS.00170504",
        error_message: "The image could not be built.",
      },
    ]);
    assert.notEqual(result.code, 0);
    assert.match(result.output, /WKS\.00170504/);
    assert.match(result.output, /The image could not be built\./);
    assert.ok(result.output.includes(`1 failed (image-job ${ids[1]})`), result.output);
    assert.ok(!released(dir));
  });
});
