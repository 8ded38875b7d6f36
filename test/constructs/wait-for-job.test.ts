import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { DataResource, TerraformProvider, TerraformStack, TerraformVariable, Testing } from "cdktf";
import type { Construct } from "constructs";
import { JobKind, WaitForJob, type WaitForJobProps } from "../../src/constructs";
import { ensureCliBundle, localExecOf, resourceOf, type SynthStack } from "./helpers";

const ASSET_PATH = /^assets\/hwjobs-cli\/[0-9A-F]{32}\/hwjobs\.cjs$/;

const DEFAULT_ENV = {
  HWJOBS_KIND: "ims-job",
  HWJOBS_JOB_ID: "job-1",
  HWJOBS_TIMEOUT: "60m",
  HWJOBS_NOT_FOUND_GRACE: "60s",
  HWJOBS_MIN_POLL_INTERVAL: "3s",
  HWJOBS_MAX_POLL_INTERVAL: "2m",
  HWJOBS_OUTPUT: "none",
};

function synth(fn: (stack: Construct) => void): SynthStack {
  return JSON.parse(Testing.synthScope(fn)) as SynthStack;
}

function waitIn(props: WaitForJobProps): SynthStack {
  return synth((stack) => new WaitForJob(stack, "w", props));
}

// A stand-in for a provider construct such as @cdktf/provider-null's NullProvider.
class FakeNullProvider extends TerraformProvider {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      terraformResourceType: "null",
      terraformGeneratorMetadata: { providerName: "null", providerVersion: "3.2.1" },
      terraformProviderSource: "registry.example.com/hashicorp/null",
    });
  }
}

describe("WaitForJob synthesis", () => {
  before(ensureCliBundle);

  it("synthesizes terraform_data with triggers_replace and a constant local-exec command", () => {
    const json = waitIn({ kind: JobKind.IMS_JOB, jobId: "job-1" });
    assert.deepEqual(Object.keys(json.resource ?? {}), ["terraform_data"]);
    const resource = resourceOf(json, "terraform_data", "w");
    assert.deepEqual(resource.triggers_replace, { kind: "ims-job", job_id: "job-1" });
    const exec = localExecOf(resource);
    assert.equal(exec.command, "wait");
    assert.equal(exec.interpreter.length, 2);
    assert.equal(exec.interpreter[0], "node");
    assert.match(exec.interpreter[1] ?? "", ASSET_PATH);
    assert.deepEqual(exec.environment, DEFAULT_ENV);
    assert.equal(json.terraform?.required_providers, undefined, "terraform_data needs no provider");
  });

  it("writes every given setting into the environment, never into the command", () => {
    const json = waitIn({
      kind: JobKind.APP_JOB,
      jobId: "job-1",
      timeout: "2h",
      notFoundGrace: "90s",
      minPollInterval: "10s",
      maxPollInterval: "2m",
      region: "cn-north-4",
      projectId: "0123456789abcdef0123456789abcdef",
      endpoint: "http://127.0.0.1:8080/",
      appstreamEndpoint: "https://appstream.example.com",
      imsEndpoint: "https://ims.example.com:8443",
    });
    const exec = localExecOf(resourceOf(json, "terraform_data", "w"));
    assert.equal(exec.command, "wait");
    assert.deepEqual(exec.environment, {
      HWJOBS_KIND: "app-job",
      HWJOBS_JOB_ID: "job-1",
      HWJOBS_TIMEOUT: "2h",
      HWJOBS_NOT_FOUND_GRACE: "90s",
      HWJOBS_MIN_POLL_INTERVAL: "10s",
      HWJOBS_MAX_POLL_INTERVAL: "2m",
      HWJOBS_OUTPUT: "none",
      HW_REGION_NAME: "cn-north-4",
      HW_PROJECT_ID: "0123456789abcdef0123456789abcdef",
      HWJOBS_ENDPOINT: "http://127.0.0.1:8080",
      HWJOBS_APPSTREAM_ENDPOINT: "https://appstream.example.com",
      HWJOBS_IMS_ENDPOINT: "https://ims.example.com:8443",
    });
  });

  it("accepts a zero notFoundGrace (no grace), as the CLI's --not-found-grace does", () => {
    for (const notFoundGrace of ["0s", "0"]) {
      const env = localExecOf(
        resourceOf(waitIn({ kind: JobKind.IMS_JOB, jobId: "job-1", notFoundGrace }), "terraform_data", "w"),
      ).environment;
      assert.deepEqual(env, { ...DEFAULT_ENV, HWJOBS_NOT_FOUND_GRACE: notFoundGrace });
    }
  });

  it("passes Terraform tokens for kind, job id and settings through unvalidated", () => {
    const json = synth((stack) => {
      const kind = new TerraformVariable(stack, "kind", { type: "string" });
      const job = new TerraformVariable(stack, "job", { type: "string" });
      const min = new TerraformVariable(stack, "min", { type: "string" });
      const max = new TerraformVariable(stack, "max", { type: "string" });
      const endpoint = new TerraformVariable(stack, "endpoint", { type: "string" });
      const region = new TerraformVariable(stack, "region", { type: "string" });
      const project = new TerraformVariable(stack, "project", { type: "string" });
      new WaitForJob(stack, "w", {
        kind: kind.stringValue,
        jobId: job.stringValue,
        minPollInterval: min.stringValue,
        maxPollInterval: max.stringValue,
        endpoint: endpoint.stringValue,
        region: region.stringValue,
        // A token inside a literal is still unresolved: the CLI checks the value at apply time.
        projectId: `proj-${project.stringValue}`,
      });
    });
    const resource = resourceOf(json, "terraform_data", "w");
    assert.deepEqual(resource.triggers_replace, { kind: "${var.kind}", job_id: "${var.job}" });
    const env = localExecOf(resource).environment;
    assert.equal(env.HWJOBS_KIND, "${var.kind}");
    assert.equal(env.HWJOBS_JOB_ID, "${var.job}");
    assert.equal(env.HWJOBS_MIN_POLL_INTERVAL, "${var.min}");
    assert.equal(env.HWJOBS_MAX_POLL_INTERVAL, "${var.max}");
    assert.equal(env.HWJOBS_ENDPOINT, "${var.endpoint}");
    assert.equal(env.HW_REGION_NAME, "${var.region}");
    assert.equal(env.HW_PROJECT_ID, "proj-${var.project}");
  });

  it("takes the job id from another resource's attribute", () => {
    const json = synth((stack) => {
      const build = new DataResource(stack, "build", {});
      new WaitForJob(stack, "w", { kind: JobKind.IMAGE_JOB, jobId: build.id });
    });
    const resource = resourceOf(json, "terraform_data", "w");
    assert.equal(resource.triggers_replace?.job_id, "${terraform_data.build.id}");
    assert.equal(localExecOf(resource).environment.HWJOBS_JOB_ID, "${terraform_data.build.id}");
  });

  it("adds extra triggers next to kind and job_id", () => {
    const json = waitIn({ kind: JobKind.IMS_JOB, jobId: "job-1", triggers: { image_name: "web-1", build: "42" } });
    assert.deepEqual(resourceOf(json, "terraform_data", "w").triggers_replace, {
      build: "42",
      image_name: "web-1",
      job_id: "job-1",
      kind: "ims-job",
    });
  });

  it("works as a dependency and takes dependencies", () => {
    const json = synth((stack) => {
      const starter = new DataResource(stack, "starter", {});
      const wait = new WaitForJob(stack, "w", { kind: JobKind.IMS_JOB, jobId: "job-1", dependsOn: [starter] });
      new DataResource(stack, "release", { dependsOn: [wait] });
      assert.equal(wait.resource.terraformResourceType, "terraform_data");
    });
    assert.deepEqual(resourceOf(json, "terraform_data", "w").depends_on, ["terraform_data.starter"]);
    assert.deepEqual(resourceOf(json, "terraform_data", "release").depends_on, ["terraform_data.w"]);
  });

  it("exposes kind and jobId as given", () => {
    Testing.synthScope((stack) => {
      const jobId = new TerraformVariable(stack, "job", { type: "string" }).stringValue;
      const wait = new WaitForJob(stack, "w", { kind: JobKind.IMAGE_JOB, jobId });
      assert.equal(wait.kind, "image-job");
      assert.equal(wait.jobId, jobId);
    });
  });

  it("shares one CLI asset between every WaitForJob of a stack", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    new WaitForJob(stack, "a", { kind: JobKind.IMS_JOB, jobId: "job-a" });
    new WaitForJob(stack, "b", { kind: JobKind.IMAGE_JOB, jobId: "job-b", useNullResource: true });
    const outdir = Testing.fullSynth(stack);
    const stackDir = join(outdir, "stacks", "stack");
    const json = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as SynthStack;
    const a = localExecOf(resourceOf(json, "terraform_data", "a")).interpreter;
    const b = localExecOf(resourceOf(json, "null_resource", "b")).interpreter;
    assert.deepEqual(a, b);
    assert.deepEqual(readdirSync(join(stackDir, "assets")), ["hwjobs-cli"]);
    const hashes = readdirSync(join(stackDir, "assets", "hwjobs-cli"));
    assert.equal(hashes.length, 1);
    assert.deepEqual(readdirSync(join(stackDir, "assets", "hwjobs-cli", hashes[0] ?? "")), ["hwjobs.cjs"]);
    assert.equal(a[1], `assets/hwjobs-cli/${hashes[0]}/hwjobs.cjs`);
  });
});

describe("WaitForJob null_resource variant", () => {
  before(ensureCliBundle);

  it("synthesizes null_resource with a triggers map, the same provisioner and the null provider requirement", () => {
    const json = waitIn({ kind: JobKind.IMS_JOB, jobId: "job-1", useNullResource: true, triggers: { build: "42" } });
    assert.deepEqual(Object.keys(json.resource ?? {}), ["null_resource"]);
    const resource = resourceOf(json, "null_resource", "w");
    assert.deepEqual(resource.triggers, { build: "42", job_id: "job-1", kind: "ims-job" });
    assert.equal(resource.triggers_replace, undefined);
    const exec = localExecOf(resource);
    assert.equal(exec.command, "wait");
    assert.match(exec.interpreter[1] ?? "", ASSET_PATH);
    assert.deepEqual(exec.environment, DEFAULT_ENV);
    assert.deepEqual(json.terraform?.required_providers, { null: { source: "hashicorp/null", version: ">= 3.0" } });
  });

  it("passes cdktf's synth validations without a provider construct and keeps other required providers", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    stack.addOverride("terraform.required_providers.external", { source: "hashicorp/external", version: "~> 2.3" });
    new WaitForJob(stack, "a", { kind: JobKind.IMS_JOB, jobId: "job-a", useNullResource: true });
    new WaitForJob(stack, "b", { kind: JobKind.IMS_JOB, jobId: "job-b", useNullResource: true });
    const outdir = Testing.fullSynth(stack);
    const json = JSON.parse(readFileSync(join(outdir, "stacks", "stack", "cdk.tf.json"), "utf8")) as SynthStack;
    assert.deepEqual(json.terraform?.required_providers, {
      external: { source: "hashicorp/external", version: "~> 2.3" },
      null: { source: "hashicorp/null", version: ">= 3.0" },
    });
  });

  it("defers to a null provider the user configures", () => {
    const json = synth((stack) => {
      new FakeNullProvider(stack, "null");
      new WaitForJob(stack, "w", { kind: JobKind.IMS_JOB, jobId: "job-1", useNullResource: true });
    });
    assert.deepEqual(json.terraform?.required_providers, {
      null: { source: "registry.example.com/hashicorp/null", version: "3.2.1" },
    });
  });
});

describe("WaitForJob validation", () => {
  before(ensureCliBundle);

  const cases: Array<[title: string, props: WaitForJobProps, expected: RegExp]> = [
    ["an unknown kind", { kind: "foo", jobId: "job-1" }, /^WaitForJob "w": kind must be one of image-job, app-job, ims-job \(got "foo"\)$/],
    ["a kind in the wrong case", { kind: "IMS-JOB", jobId: "job-1" }, /kind must be one of/],
    [
      "an empty job id",
      { kind: JobKind.IMS_JOB, jobId: "" },
      /^WaitForJob "w": jobId must be 1 to 128 characters .*\(got an empty string\)$/,
    ],
    [
      "a 129-character ims-job id",
      { kind: JobKind.IMS_JOB, jobId: "x".repeat(129) },
      /jobId must be 1 to 128 characters .*\(got 129 characters\)/,
    ],
    ["a 129-character image-job id", { kind: JobKind.IMAGE_JOB, jobId: "x".repeat(129) }, /jobId must be 1 to 128 characters/],
    [
      "a 256-character app-job id",
      { kind: JobKind.APP_JOB, jobId: "x".repeat(256) },
      /jobId must be 1 to 255 characters .*\(got 256 characters\)/,
    ],
    [
      "a job id with a newline",
      { kind: JobKind.IMS_JOB, jobId: "job\n1" },
      /jobId must be .*without control characters \(got U\+000A at character 4\)$/,
    ],
    ["a job id with a NUL", { kind: JobKind.IMS_JOB, jobId: "job\u00001" }, /jobId must be/],
    // A dot segment would change the job URL's path (core/limits.ts jobIdProblem, the CLI's rule too).
    [
      'a job id of "."',
      { kind: JobKind.IMS_JOB, jobId: "." },
      /^WaitForJob "w": jobId must be 1 to 128 characters .*other than "\." or "\.\." \(got "\."\)$/,
    ],
    [
      'a job id of ".."',
      { kind: JobKind.APP_JOB, jobId: ".." },
      /^WaitForJob "w": jobId must be 1 to 255 characters .*other than "\." or "\.\." \(got "\.\."\)$/,
    ],
    ["a bad timeout", { kind: JobKind.IMS_JOB, jobId: "j", timeout: "soon" }, /^WaitForJob "w": timeout: invalid duration "soon"/],
    ["a zero timeout", { kind: JobKind.IMS_JOB, jobId: "j", timeout: "0s" }, /timeout: invalid duration "0s"/],
    ["a bad notFoundGrace", { kind: JobKind.IMS_JOB, jobId: "j", notFoundGrace: "1d" }, /notFoundGrace: invalid duration "1d"/],
    ["a bad minPollInterval", { kind: JobKind.IMS_JOB, jobId: "j", minPollInterval: "-5s" }, /minPollInterval: invalid duration/],
    ["a bad maxPollInterval", { kind: JobKind.IMS_JOB, jobId: "j", maxPollInterval: "" }, /maxPollInterval: invalid duration ""/],
    [
      "minPollInterval longer than maxPollInterval",
      { kind: JobKind.IMS_JOB, jobId: "j", minPollInterval: "2m", maxPollInterval: "90s" },
      /^WaitForJob "w": minPollInterval \(2m\) must not be longer than maxPollInterval \(90s\)$/,
    ],
    [
      "a default maxPollInterval shorter than minPollInterval",
      { kind: JobKind.IMS_JOB, jobId: "j", minPollInterval: "5m" },
      /minPollInterval \(5m\) must not be longer than maxPollInterval \(2m\)/,
    ],
    [
      "an http:// endpoint off loopback",
      { kind: JobKind.IMS_JOB, jobId: "j", endpoint: "http://example.com" },
      /^WaitForJob "w": endpoint: http:\/\/ is not allowed/,
    ],
    [
      "an http:// appstreamEndpoint off loopback",
      { kind: JobKind.IMS_JOB, jobId: "j", appstreamEndpoint: "http://10.0.0.1:8080" },
      /appstreamEndpoint: http:\/\/ is not allowed/,
    ],
    [
      "an imsEndpoint with a path",
      { kind: JobKind.IMS_JOB, jobId: "j", imsEndpoint: "https://ims.example.com/v2" },
      /imsEndpoint: .* must be scheme:\/\/host\[:port\]/,
    ],
    ["an endpoint that is not a URL", { kind: JobKind.IMS_JOB, jobId: "j", endpoint: "localhost:8080x" }, /endpoint: /],
    // region and projectId follow the CLI's rules (core/limits.ts): the CLI would reject anything else at apply time.
    [
      "an empty region",
      { kind: JobKind.IMS_JOB, jobId: "j", region: "" },
      /^WaitForJob "w": region must be a region id like cn-north-4 or ap-southeast-1 \(got ""\)$/,
    ],
    [
      "an upper-case region",
      { kind: JobKind.IMS_JOB, jobId: "j", region: "CN-NORTH-4" },
      /^WaitForJob "w": region must be a region id like .*\(got "CN-NORTH-4"\)$/,
    ],
    [
      "a project id with a space",
      { kind: JobKind.IMS_JOB, jobId: "j", projectId: "a b" },
      /^WaitForJob "w": projectId must be 1-128 letters, digits, '-' or '_' \(got "a b"\)$/,
    ],
    [
      "a project id with a slash",
      { kind: JobKind.APP_JOB, jobId: "j", projectId: "a/b" },
      /^WaitForJob "w": projectId must be 1-128 letters, digits, '-' or '_' \(got "a\/b"\)$/,
    ],
    ["a 129-character project id", { kind: JobKind.IMS_JOB, jobId: "j", projectId: "p".repeat(129) }, /projectId must be 1-128 letters/],
    [
      "a 129-emoji job id",
      { kind: JobKind.IMS_JOB, jobId: "\u{1F600}".repeat(129) },
      /jobId must be 1 to 128 characters .*\(got 129 characters\)$/,
    ],
    [
      "a reserved trigger key",
      { kind: JobKind.IMS_JOB, jobId: "j", triggers: { kind: "x" } },
      /triggers must not use the reserved keys kind, job_id/,
    ],
  ];

  for (const [title, props, expected] of cases) {
    it(`rejects ${title}`, () => {
      assert.throws(
        () => Testing.synthScope((stack) => new WaitForJob(stack, "w", props)),
        (error: unknown) => {
          assert.ok(error instanceof Error);
          assert.match(error.message, expected);
          assert.ok(!error.message.includes("\n"), `one line: ${JSON.stringify(error.message)}`);
          return true;
        },
      );
    });
  }

  it("accepts the limits", () => {
    waitIn({ kind: JobKind.IMS_JOB, jobId: "x".repeat(128) });
    waitIn({ kind: JobKind.APP_JOB, jobId: "x".repeat(255) });
    // Characters are code points, as the CLI counts them: 128 emoji are 256 UTF-16 units.
    waitIn({ kind: JobKind.IMS_JOB, jobId: "\u{1F600}".repeat(128) });
    waitIn({ kind: JobKind.IMS_JOB, jobId: "j", minPollInterval: "60s", maxPollInterval: "1m" });
    waitIn({ kind: JobKind.IMS_JOB, jobId: "j", timeout: "1h30m", notFoundGrace: "120" });
    waitIn({ kind: JobKind.IMS_JOB, jobId: "j", endpoint: "http://localhost:8080", imsEndpoint: "http://[::1]:9000" });
  });

  it("allows the longest (app-job) id when the kind is a token", () => {
    const json = synth((stack) => {
      const kind = new TerraformVariable(stack, "kind", { type: "string" });
      new WaitForJob(stack, "w", { kind: kind.stringValue, jobId: "x".repeat(255) });
    });
    assert.equal(resourceOf(json, "terraform_data", "w").triggers_replace?.job_id, "x".repeat(255));
  });
});
