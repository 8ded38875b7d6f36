// WaitForJob's results outlive the job record (issue 10, item 4). The after-wait read of a
// synthesized stack runs its exact program, as hashicorp/external does: a job that is gone (404)
// answers empty with exit 0, while a plain DataImsJob of the same id fails. Then real Terraform
// applies the synthesized wait and its stored result (the external data source replaced by
// variables carrying its answers, since no provider can be downloaded here): a later empty answer
// leaves the stored values alone, and a new job id replaces them.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { App, LocalBackend, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { DataImsJob, JobKind, WaitForJob } from "../../src/constructs";
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from "../../src/emulator";
import { findTerraform, terraformApplyOnly, terraformInit } from "../../scripts/stack-runner";
import { externalBlocks, runExternal, type ExternalBlock } from "../helpers/external-harness";
import { runProgram } from "../helpers/process";
import { createJob } from "../helpers/emulator-admin";

const PROJECT = "0123456789abcdef0123456789abcdef";

/** The parts of cdk.tf.json this test edits. */
interface StackConfig {
  resource: { terraform_data: Record<string, { input?: unknown; lifecycle?: unknown }> };
  variable: Record<string, unknown>;
  data?: unknown;
  terraform: { required_providers?: unknown };
}
const terraform = findTerraform();

describe("WaitForJob results outlive the job record", () => {
  let emulator: RunningEmulator;
  let work: string;
  let stackDir: string;
  let env: NodeJS.ProcessEnv;
  let afterWait: ExternalBlock;
  let plain: ExternalBlock;

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    work = mkdtempSync(join(tmpdir(), "hwjobs-stored-"));
    const app = new App({ outdir: join(work, "cdktf.out") });
    const stack = new TerraformStack(app, "stored");
    new LocalBackend(stack, { path: "terraform.tfstate" });
    const jobId = new TerraformVariable(stack, "job_id", { type: "string" });
    const wait = new WaitForJob(stack, "wait", {
      kind: JobKind.IMS_JOB,
      jobId: jobId.stringValue,
      minPollInterval: "1s",
      maxPollInterval: "1s",
    });
    new TerraformOutput(stack, "image", { value: wait.resourceId });
    new TerraformOutput(stack, "status", { value: wait.status });
    new DataImsJob(stack, "plain", { jobId: jobId.stringValue });
    app.synth();
    stackDir = join(work, "cdktf.out", "stacks", "stored");
    const blocks = Object.entries(externalBlocks(stackDir));
    afterWait = blocks.find(([name]) => name.startsWith("wait_Job_"))![1];
    plain = blocks.find(([name]) => name === "plain")![1];
    env = {
      ...process.env,
      HWJOBS_ENDPOINT: emulator.url,
      HW_PROJECT_ID: PROJECT,
      HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey,
      HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
    };
  });

  after(async () => {
    await emulator?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("the after-wait read answers a job that is gone (404) with exit 0 and an empty result; DataImsJob's read fails", async () => {
    const id = await createJob(emulator.url, { kind: "ims-job", project_id: PROJECT, waiting_ms: 0, running_ms: 0 });
    const present = await runExternal("after-wait read", afterWait, stackDir, env, { job_id: id });
    assert.equal(present.result.status, "SUCCESS");
    assert.notEqual(present.result.resource_id, "");

    // An id the emulator has never had: the same 404 as a record deleted after the wait.
    const gone = "0000000000000000ffffffffffffffff";
    const empty = await runExternal("after-wait read of a gone job", afterWait, stackDir, env, { job_id: gone });
    assert.deepEqual(empty.result, {
      status: "",
      phase: "",
      resource_id: "",
      resource_ids: "[]",
      error_code: "",
      error_message: "",
      job: "null",
    });
    assert.equal(empty.query.missing_ok, "true");

    const refused = await runProgram(afterWait.program, {
      cwd: stackDir,
      env,
      stdin: JSON.stringify({ ...afterWait.query, job_id: gone, missing_ok: "yes" }),
    });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /^hwjobs: error: missing_ok: "yes" is not accepted; accepted: "true"/);

    const query = { ...plain.query, job_id: gone };
    const failed = await runProgram(plain.program, { cwd: stackDir, env, stdin: JSON.stringify(query) });
    assert.equal(failed.code, 4, failed.stderr);
    assert.match(failed.stderr, /404/);
    assert.equal(failed.stdout, "");
  });

  test(
    "real Terraform keeps the stored result when the read later answers empty, and replaces it with the wait",
    { skip: terraform ? false : "terraform not on PATH" },
    async () => {
      // Jobs are created finished, so that the read made here is the read Terraform makes after the wait.
      // The synthesized configuration without the data sources (hashicorp/external cannot be
      // downloaded here): the stored result's input reads variables that carry the after-wait answers.
      const config = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as StackConfig;
      const resultName = Object.keys(config.resource.terraform_data).find((name) => name.startsWith("wait_Result_"))!;
      const stored = config.resource.terraform_data[resultName]!;
      assert.deepEqual(stored.lifecycle, { ignore_changes: ["input"], replace_triggered_by: ["terraform_data.wait"] });
      stored.input = {
        status: "${var.read_status}",
        resource_id: "${var.read_resource_id}",
        resource_ids: "${jsondecode(var.read_resource_ids)}",
      };
      delete config.data;
      delete config.terraform.required_providers;
      Object.assign(config.variable, {
        read_status: { type: "string" },
        read_resource_id: { type: "string" },
        read_resource_ids: { type: "string" },
      });
      const dir = join(work, "tf");
      rmSync(dir, { recursive: true, force: true });
      const { cpSync } = await import("node:fs");
      cpSync(stackDir, dir, { recursive: true });
      writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(config));
      const init = await terraformInit(terraform!, dir, { env, timeoutMs: 120_000 });
      assert.equal(init.code, 0, init.output);

      const outputs = () =>
        (JSON.parse(readFileSync(join(dir, "terraform.tfstate"), "utf8")) as { outputs: Record<string, { value: string }> }).outputs;
      const apply = async (jobId: string, read: Record<string, string>) => {
        const vars = {
          job_id: jobId,
          read_status: read.status!,
          read_resource_id: read.resource_id!,
          read_resource_ids: read.resource_ids!,
        };
        const result = await terraformApplyOnly(terraform!, dir, vars, { env, timeoutMs: 120_000 });
        assert.equal(result.code, 0, result.output);
        return result.output;
      };

      const first = await createJob(emulator.url, { kind: "ims-job", project_id: PROJECT, waiting_ms: 0, running_ms: 0 });
      const firstRead = (await runExternal("read", afterWait, stackDir, env, { job_id: first })).result;
      await apply(first, firstRead);
      assert.deepEqual([outputs().image!.value, outputs().status!.value], [firstRead.resource_id, "SUCCESS"]);

      // The record is gone: the read answers empty, and the plan keeps what the state holds.
      const emptyRead = (await runExternal("read", afterWait, stackDir, env, { job_id: "0000000000000000ffffffffffffffff" })).result;
      const second = await apply(first, emptyRead);
      assert.match(second, /0 added, 0 changed, 0 destroyed/);
      assert.deepEqual([outputs().image!.value, outputs().status!.value], [firstRead.resource_id, "SUCCESS"]);

      // A new job: the wait is replaced, and so is the stored result, with the new read.
      const next = await createJob(emulator.url, { kind: "ims-job", project_id: PROJECT, waiting_ms: 0, running_ms: 0 });
      const nextRead = (await runExternal("read", afterWait, stackDir, env, { job_id: next })).result;
      const third = await apply(next, nextRead);
      assert.match(third, /terraform_data\.wait_Result_\w+ will be replaced due to changes in replace_triggered_by|replace_triggered_by/);
      assert.equal(outputs().image!.value, nextRead.resource_id);
      assert.notEqual(nextRead.resource_id, firstRead.resource_id);
    },
  );
});
