// Real `terraform init` + `terraform apply` of examples/image-pipeline against the emulator.
// Runs whenever terraform is on PATH; with HWJOBS_REQUIRE_TERRAFORM=1 (set by .ci/run when the
// binary exists) a missing binary is a failure, never a silent skip.
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { findTerraform, synthExample, terraformApplyOnly, terraformInit, type RunResult } from "../../scripts/stack-runner";
import { createJob, requestLog, type CreateJobRequest } from "../helpers/emulator-admin";

const terraform = findTerraform();
const required = process.env.HWJOBS_REQUIRE_TERRAFORM === "1";
const PROJECT = "0123456789abcdef0123456789abcdef";
const ACCESS_KEY = "E2EACCESSKEY00000000";
const SECRET = `e2e-secret-${process.pid}-${Date.now()}-do-not-leak`;

test("terraform is available when required", () => {
  assert.ok(terraform || !required, "HWJOBS_REQUIRE_TERRAFORM=1 but no terraform binary on PATH");
});

describe("terraform apply gated on a job", { skip: terraform ? false : "terraform not on PATH" }, () => {
  let emulator: RunningEmulator;
  let work: string;
  let synthDir: string;
  let stackDir: string;

  before(async () => {
    emulator = await startEmulator({ port: 0, credentials: [{ accessKey: ACCESS_KEY, secretKey: SECRET }] });
    work = mkdtempSync(join(tmpdir(), "hwjobs-e2e-"));
    synthDir = join(work, "cdktf.out");
    stackDir = synthExample("image-pipeline", "image-pipeline", synthDir);
  });

  after(async () => {
    await emulator?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /**
   * Applies a fresh copy of the synthesized stack (own state): `terraform init`, then the job is
   * created (so its timeline starts right before the apply), then `terraform apply`.
   */
  async function apply(
    name: string,
    spec: Omit<CreateJobRequest, "project_id">,
    vars: Record<string, string>,
    envChanges: Readonly<Record<string, string | undefined>> = {},
  ): Promise<{ result: RunResult; dir: string; id: string }> {
    const dir = join(work, name);
    cpSync(stackDir, dir, { recursive: true });
    const env = {
      ...process.env,
      HWJOBS_ENDPOINT: emulator.url,
      HW_REGION_NAME: "cn-north-4",
      HW_PROJECT_ID: PROJECT,
      HW_ACCESS_KEY: ACCESS_KEY,
      HW_SECRET_KEY: SECRET,
      ...envChanges,
    };
    const init = await terraformInit(terraform!, dir, { env, timeoutMs: 120_000 });
    assert.equal(init.code, 0, init.output);
    const id = await createJob(emulator.url, { project_id: PROJECT, ...spec });
    const result = await terraformApplyOnly(terraform!, dir, { image_job_id: id, ...vars }, { env, timeoutMs: 180_000 });
    return { result, dir, id };
  }

  function stateAddresses(dir: string): string[] {
    const statePath = join(dir, "terraform.tfstate");
    if (!existsSync(statePath)) return [];
    const state = JSON.parse(readFileSync(statePath, "utf8")) as { resources: Array<{ type: string; name: string }> };
    return state.resources.map((r) => `${r.type}.${r.name}`);
  }

  test("a job that succeeds after about 5 s: apply succeeds and release is created only after the wait", async () => {
    const { result, dir, id } = await apply(
      "success",
      { kind: "ims-job", waiting_ms: 1000, running_ms: 4000, outcome: "success" },
      { job_kind: "ims-job" },
    );
    assert.equal(result.code, 0, result.output);
    // The first poll saw the job still pending and the last one saw it succeed: the apply waited.
    const seen = [...result.output.matchAll(new RegExp(`ims-job ${id}: (\\w+)`, "g"))].map((m) => m[1]);
    assert.ok(seen.length >= 2 && ["INIT", "RUNNING"].includes(seen[0]!) && seen.at(-1) === "SUCCESS", `statuses seen: ${seen.join(", ")}`);
    const waitDone = result.output.search(/terraform_data\.wait[^\n]*Creation complete/);
    const releaseStart = result.output.search(/terraform_data\.release: Creating/);
    assert.ok(waitDone > 0 && releaseStart > waitDone, `release must start after the wait completed:\n${result.output}`);
    assert.ok(stateAddresses(dir).includes("terraform_data.release"));
    const polls = (await requestLog(emulator.url)).filter((r) => r.path.endsWith(`/jobs/${id}`));
    assert.ok(polls.length >= 2, `expected several polls, saw ${polls.length}`);
    assert.ok(polls.every((r) => r.auth === "aksk" && r.status === 200));
  });

  test("a job that fails: apply fails with the job's error code and message, release not created", async () => {
    const { result, dir } = await apply(
      "failure",
      {
        kind: "image-job",
        waiting_ms: 300,
        running_ms: 1500,
        outcome: "failure",
        sub_jobs: 2,
        error_code: "WKS.00170002",
        error_message: "The image server is abnormal and cannot be built.",
      },
      { job_kind: "image-job" },
    );
    assert.notEqual(result.code, 0);
    assert.match(result.output, /WKS\.00170002/);
    assert.match(result.output, /The image server is abnormal and cannot be built\./);
    assert.match(result.output, /FAILED/);
    assert.ok(!stateAddresses(dir).includes("terraform_data.release"));
  });

  test("a job that never finishes with a short timeout: apply fails with a timeout message", async () => {
    const { result, dir } = await apply(
      "timeout",
      { kind: "app-job", waiting_ms: 100, running_ms: 1000, outcome: "never" },
      { job_kind: "app-job", wait_timeout: "4s" },
    );
    assert.notEqual(result.code, 0);
    assert.match(result.output, /timed out after 4s/);
    assert.match(result.output, /exit status 3/);
    assert.ok(!stateAddresses(dir).includes("terraform_data.release"));
  });

  test("a job id full of shell metacharacters reaches the API verbatim and nothing is executed", async () => {
    // Relative paths: a shell would create these in the provisioner's working directory (the stack
    // directory), which is checked below along with the test's own directories.
    const evil = "x$(touch pwned1)y`touch pwned2`;touch pwned3 '\"&|<>*?";
    const { result, id, dir } = await apply(
      "metachar",
      { kind: "ims-job", id: evil, waiting_ms: 100, running_ms: 900, outcome: "success" },
      { job_kind: "ims-job" },
    );
    assert.equal(id, evil);
    assert.equal(result.code, 0, result.output);
    for (const where of [dir, work, process.cwd()]) {
      assert.deepEqual(
        readdirSync(where).filter((f) => f.startsWith("pwned")),
        [],
        `something was executed in ${where}`,
      );
    }
    const polls = (await requestLog(emulator.url)).filter((r) => r.path.endsWith(`/jobs/${evil}`));
    assert.ok(polls.length >= 1, "the job id did not reach the API verbatim");
  });

  test("settings missing from Terraform's environment: every one is reported in one apply, naming the construct prop", async () => {
    const { result, dir, id } = await apply(
      "unconfigured",
      { kind: "ims-job", waiting_ms: 100, running_ms: 500, outcome: "success" },
      { job_kind: "ims-job" },
      { HW_PROJECT_ID: undefined, HW_REGION_NAME: undefined, HWJOBS_ENDPOINT: undefined, HW_ACCESS_KEY: undefined },
    );
    assert.notEqual(result.code, 0);
    assert.match(result.output, /exit status 2/);
    // Terraform may wrap a long line; the words are compared with whitespace collapsed.
    const output = result.output.replace(/\s+/g, " ");
    for (const expected of [
      "project id: missing; set the construct's projectId prop, or HW_PROJECT_ID",
      "region: missing; set the construct's region prop (or endpoint), or HW_REGION_NAME",
      "credentials: HW_SECRET_KEY is set but HW_ACCESS_KEY is not",
      "in the environment Terraform runs in",
    ]) {
      assert.ok(output.includes(expected), `expected ${JSON.stringify(expected)} in:\n${result.output}`);
    }
    assert.ok(!/pass --(project-id|region)/.test(output), `names a flag Terraform cannot pass:\n${result.output}`);
    assert.ok(!result.output.includes(SECRET), "secret in terraform output");
    assert.ok(!stateAddresses(dir).includes("terraform_data.release"));
    const polls = (await requestLog(emulator.url)).filter((r) => r.path.includes(id));
    assert.equal(polls.length, 0, "nothing is sent with a configuration that has problems");
  });

  test("the secret key appears nowhere in cdktf.out, the state or Terraform's output", async () => {
    const { result, dir } = await apply(
      "secrets",
      { kind: "ims-job", waiting_ms: 100, running_ms: 500, outcome: "success" },
      { job_kind: "ims-job" },
    );
    assert.equal(result.code, 0, result.output);
    assert.ok(!result.output.includes(SECRET), "secret in terraform output");
    for (const root of [synthDir, dir]) {
      for (const file of walk(root)) {
        assert.ok(!readFileSync(file).includes(SECRET), `secret found in ${file}`);
      }
    }
    assert.ok(existsSync(join(dir, "terraform.tfstate")));
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) return name === ".terraform" ? [] : walk(path);
    return [path];
  });
}
