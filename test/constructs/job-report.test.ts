import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { before, describe, it } from "node:test";
import { App, TerraformOutput, Testing } from "cdktf";
import { buildImagePipeline } from "../../examples/image-pipeline/main";
import { buildJobReport } from "../../examples/job-report/main";
import { ensureCliBundle, readTree, type SynthStack } from "./helpers";

const ROOT = resolve(__dirname, "..", "..");

// Credentials Terraform and the CLI would inherit; none may reach the synthesized output.
const SECRET_MARKERS: Record<string, string> = {
  HW_ACCESS_KEY: "MARKER-ACCESS-KEY-3d8a1c55",
  HW_SECRET_KEY: "MARKER-SECRET-KEY-7e20b9f4",
  HW_AUTH_TOKEN: "MARKER-AUTH-TOKEN-c41f6a02",
  HW_SECURITY_TOKEN: "MARKER-SECURITY-TOKEN-9b5e7d13",
  OS_SECRET_KEY: "MARKER-OS-SECRET-KEY-18f0a6c2",
  HUAWEICLOUD_SDK_SK: "MARKER-SDK-SK-5a9c3e70",
};

const OPERATIONS = [
  "list-image-jobs",
  "list-image-sub-jobs",
  "count-image-sub-jobs",
  "list-app-sub-jobs",
  "count-app-sub-jobs",
  "get-image-job",
  "get-app-job",
  "get-ims-job",
];

// Every key a query may hold: the operation, its parameters and the non-secret settings.
const QUERY_KEYS = new Set([
  "operation",
  "job_type",
  "status",
  "job_id",
  "concurrency",
  "region",
  "project_id",
  "endpoint",
  "appstream_endpoint",
  "ims_endpoint",
]);

interface ExternalData {
  program: string[];
  query: Record<string, string>;
}

type Stack = SynthStack & {
  data?: { external?: Record<string, ExternalData> };
  terraform?: SynthStack["terraform"] & { backend?: Record<string, unknown> };
};

function withEnv<T>(values: Record<string, string>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  try {
    return fn();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

function assertNoMarkers(outdir: string, stacks: string[]): void {
  const files = readTree(outdir);
  for (const stack of stacks) {
    assert.ok(
      files.some(([path]) => path.endsWith(join("stacks", stack, "cdk.tf.json"))),
      `${stack} has a cdk.tf.json`,
    );
    assert.ok(
      files.some(([path]) => path.includes(join("stacks", stack, "assets")) && path.endsWith("hwjobs.cjs")),
      `${stack} has the CLI asset`,
    );
  }
  for (const [path, content] of files) {
    for (const [name, marker] of Object.entries(SECRET_MARKERS)) {
      assert.ok(!content.includes(marker), `${name} leaked into ${path}`);
    }
  }
}

/** Replaces `${var.name}` with the given values; any other Terraform expression is an error. */
function resolveQuery(query: Record<string, string>, vars: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).map(([key, value]) => {
      const resolved = value.replace(/\$\{var\.([A-Za-z0-9_-]+)\}/g, (_, name: string) => {
        const v = vars[name];
        if (v === undefined) throw new Error(`no value for var.${name}`);
        return v;
      });
      if (resolved.includes("${")) throw new Error(`query.${key} holds an expression other than \${var.*}: ${value}`);
      return [key, resolved];
    }),
  );
}

function synthReport(): { json: Stack; stackDir: string } {
  const outdir = mkdtempSync(join(tmpdir(), "hwjobs-job-report-"));
  const app = new App({ outdir });
  buildJobReport(app);
  app.synth();
  const stackDir = join(outdir, "stacks", "job-report");
  return { json: JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as Stack, stackDir };
}

describe("examples/job-report", () => {
  before(ensureCliBundle);

  it("synthesizes one data source of each kind, all running the shared CLI asset", () => {
    const { stack, imsJob } = buildJobReport(Testing.app());
    assert.equal(stack.node.id, "job-report");
    assert.equal(imsJob.operation, "get-ims-job");
    const json = JSON.parse(Testing.synth(stack, true)) as Stack;

    for (const name of ["image_job_id", "app_job_id", "ims_job_id"]) {
      assert.equal(json.variable?.[name]?.type, "string", name);
      assert.equal(json.variable?.[name]?.default, undefined, `${name} is required`);
    }
    assert.deepEqual(json.terraform?.backend, { local: { path: "terraform.tfstate" } });
    assert.deepEqual(json.terraform?.required_providers, { external: { source: "hashicorp/external", version: ">= 2.3" } });
    assert.equal(json.resource, undefined);

    const data = Object.values(json.data?.external ?? {});
    assert.deepEqual(data.map((d) => d.query.operation).sort(), [...OPERATIONS].sort());
    const program = data[0]?.program;
    assert.match(program?.[1] ?? "", /^assets\/hwjobs-cli\/[0-9A-F]{32}\/hwjobs\.cjs$/);
    for (const d of data) {
      assert.deepEqual(d.program, ["node", program?.[1], "external"]);
      for (const [key, value] of Object.entries(d.query)) {
        assert.ok(QUERY_KEYS.has(key), `unexpected query key ${key}`);
        assert.equal(typeof value, "string");
        // The protocol harness resolves ${var.*} only.
        for (const match of value.matchAll(/\$\{([^}]*)\}/g)) {
          assert.match(match[1] ?? "", /^var\.(image_job_id|app_job_id|ims_job_id)$/, `${d.query.operation}.${key}`);
        }
      }
    }

    const external = json.data?.external ?? {};
    assert.deepEqual(external.failed_image_sub_jobs?.query, {
      operation: "count-image-sub-jobs",
      status: "FAILED",
      job_id: "${var.image_job_id}",
    });
    assert.deepEqual(external.running_app_sub_jobs?.query, {
      operation: "list-app-sub-jobs",
      job_type: "CREATE_SERVER",
      status: "RUNNING",
      job_id: "${var.app_job_id}",
    });
    assert.deepEqual(external.app_sub_jobs?.query, {
      operation: "count-app-sub-jobs",
      job_type: "CREATE_SERVER,DELETE_SERVER",
      job_id: "${var.app_job_id}",
    });
    assert.deepEqual(external.ims_job?.query, { operation: "get-ims-job", job_id: "${var.ims_job_id}" });

    const output = (name: string) => json.output?.[name]?.value;
    assert.equal(output("failed_image_sub_job_count"), "${tonumber(data.external.failed_image_sub_jobs.result.count)}");
    assert.equal(output("running_app_sub_job_ids"), "${jsondecode(data.external.running_app_sub_jobs.result.ids)}");
    assert.equal(output("image_sub_job_details"), "${jsondecode(data.external.image_sub_jobs.result.items)}");
    assert.equal(output("ims_image_id"), "${data.external.ims_job.result.resource_id}");
    assert.equal(output("image_job_resource_ids"), "${jsondecode(data.external.image_job.result.resource_ids)}");
    assert.equal(output("ims_job_details"), "${jsondecode(data.external.ims_job.result.job)}");
  });

  it("writes no credential from the environment into either example's output", () => {
    withEnv(SECRET_MARKERS, () => {
      const outdir = mkdtempSync(join(tmpdir(), "hwjobs-examples-"));
      const app = new App({ outdir });
      buildImagePipeline(app);
      const { stack } = buildJobReport(app);
      // Reading the wait's results adds a data source: include that path too.
      const extra = buildImagePipeline(app, "image-pipeline-results");
      new TerraformOutput(extra.stack, "image_id", { value: extra.wait.resourceId });
      assert.equal(stack.node.id, "job-report");
      app.synth();
      assertNoMarkers(outdir, ["image-pipeline", "job-report", "image-pipeline-results"]);
      const config = readFileSync(join(outdir, "stacks", "image-pipeline-results", "cdk.tf.json"), "utf8");
      assert.match(config, /"operation": "get-\$\{var\.job_kind\}"/);
    });
  });

  it("runs as the cdktf app, honours CDKTF_OUTDIR and bakes in no absolute path", () => {
    const outdir = mkdtempSync(join(tmpdir(), "hwjobs-job-report-"));
    const run = spawnSync(process.execPath, ["--import", "tsx", join("examples", "job-report", "main.ts")], {
      cwd: ROOT,
      env: { ...process.env, ...SECRET_MARKERS, CDKTF_OUTDIR: outdir },
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.equal(run.status, 0, run.stderr);
    const config = readFileSync(join(outdir, "stacks", "job-report", "cdk.tf.json"), "utf8");
    assert.ok(!config.includes(ROOT), "cdk.tf.json must not contain the checkout's absolute path");
    assert.ok(!config.includes(outdir), "cdk.tf.json must not contain the output's absolute path");
    assertNoMarkers(outdir, ["job-report"]);
  });

  it("has queries the protocol harness can run: only ${var.*} references, the program in the stack directory", () => {
    const { json, stackDir } = synthReport();
    const vars = { image_job_id: "111", app_job_id: "222", ims_job_id: "333" };
    for (const data of Object.values(json.data?.external ?? {})) {
      assert.ok(existsSync(join(stackDir, data.program[1] ?? "")), `${data.program[1]} exists in the stack directory`);
      const query = resolveQuery(data.query, vars);
      assert.ok(!JSON.stringify(query).includes("${"));
    }
  });
});
