import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { before, describe, it } from "node:test";
import { App, Testing } from "cdktf";
import { buildImagePipeline } from "../../examples/image-pipeline/main";
import { ensureCliBundle, localExecOf, readTree, resourceOf, type SynthStack } from "./helpers";

const ROOT = resolve(__dirname, "..", "..");

// Credentials Terraform and the CLI would inherit; none may reach the synthesized output.
const SECRET_MARKERS: Record<string, string> = {
  HW_ACCESS_KEY: "MARKER-ACCESS-KEY-6c1f0e2a",
  HW_SECRET_KEY: "MARKER-SECRET-KEY-9b7d3e41",
  HW_AUTH_TOKEN: "MARKER-AUTH-TOKEN-52aa8c07",
  HW_SECURITY_TOKEN: "MARKER-SECURITY-TOKEN-e03f9d16",
};

function assertNoMarkers(outdir: string): void {
  const files = readTree(outdir);
  assert.ok(
    files.some(([path]) => path.endsWith("cdk.tf.json")),
    "the output has a cdk.tf.json",
  );
  assert.ok(
    files.some(([path]) => path.endsWith("hwjobs.cjs")),
    "the output has the CLI asset",
  );
  for (const [path, content] of files) {
    for (const [name, marker] of Object.entries(SECRET_MARKERS)) {
      assert.ok(!content.includes(marker), `${name} leaked into ${path}`);
    }
  }
}

function hasTerraform(): boolean {
  return spawnSync("terraform", ["version"], { stdio: "ignore" }).status === 0;
}

describe("examples/image-pipeline", () => {
  before(ensureCliBundle);

  it("synthesizes the variables, the wait, the release that depends on it and an output", () => {
    const { stack, wait } = buildImagePipeline(Testing.app());
    assert.equal(stack.node.id, "image-pipeline");
    assert.equal(wait.fqn.length > 0, true);
    const json = JSON.parse(Testing.synth(stack)) as SynthStack;

    assert.equal(json.variable?.image_job_id?.type, "string");
    assert.equal(json.variable?.image_job_id?.default, undefined);
    assert.equal(json.variable?.job_kind?.default, "ims-job");

    const waitResource = resourceOf(json, "terraform_data", "wait");
    assert.deepEqual(waitResource.triggers_replace, { kind: "${var.job_kind}", job_id: "${var.image_job_id}" });
    const exec = localExecOf(waitResource);
    assert.equal(exec.command, "wait");
    assert.equal(exec.environment.HWJOBS_KIND, "${var.job_kind}");
    assert.equal(exec.environment.HWJOBS_JOB_ID, "${var.image_job_id}");

    const release = resourceOf(json, "terraform_data", "release");
    assert.deepEqual(release.depends_on, ["terraform_data.wait"]);
    assert.equal(release.input, "${var.image_job_id}");
    assert.equal(json.output?.released_job_id?.value, "${terraform_data.release.output}");

    assert.deepEqual(Object.keys(json.resource ?? {}), ["terraform_data"], "built-in resources only");
    assert.equal(json.terraform?.required_providers, undefined, "no provider to download");
  });

  it("writes no credential from the environment into the output", () => {
    const saved = Object.fromEntries(Object.keys(SECRET_MARKERS).map((name) => [name, process.env[name]]));
    Object.assign(process.env, SECRET_MARKERS);
    try {
      const outdir = mkdtempSync(join(tmpdir(), "hwjobs-example-"));
      const app = new App({ outdir });
      buildImagePipeline(app);
      app.synth();
      assertNoMarkers(outdir);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it("runs as the cdktf app, honours CDKTF_OUTDIR and bakes in no absolute path", () => {
    const outdir = mkdtempSync(join(tmpdir(), "hwjobs-example-"));
    const run = spawnSync(process.execPath, ["--import", "tsx", join("examples", "image-pipeline", "main.ts")], {
      cwd: ROOT,
      env: { ...process.env, ...SECRET_MARKERS, CDKTF_OUTDIR: outdir },
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.equal(run.status, 0, run.stderr);
    const config = readFileSync(join(outdir, "stacks", "image-pipeline", "cdk.tf.json"), "utf8");
    assert.ok(!config.includes(ROOT), "cdk.tf.json must not contain the checkout's absolute path");
    assert.ok(!config.includes(outdir), "cdk.tf.json must not contain the output's absolute path");
    assertNoMarkers(outdir);
  });

  it("passes terraform init and validate offline", { skip: hasTerraform() ? false : "no terraform on PATH" }, () => {
    const outdir = mkdtempSync(join(tmpdir(), "hwjobs-example-"));
    const app = new App({ outdir });
    buildImagePipeline(app);
    app.synth();
    const cwd = join(outdir, "stacks", "image-pipeline");
    const env = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
    for (const args of [
      ["init", "-input=false", "-no-color"],
      ["validate", "-no-color"],
    ]) {
      const run = spawnSync("terraform", args, { cwd, env, encoding: "utf8", timeout: 120_000 });
      assert.equal(run.status, 0, `terraform ${args.join(" ")}:\n${run.stdout}\n${run.stderr}`);
    }
  });
});
