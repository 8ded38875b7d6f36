import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { DataResource, TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import type { Construct } from "constructs";
import { HwjobsJobDataSource, JobKind, WaitForJob } from "../../src/constructs";
import { ensureCliBundle, localExecOf, resourceOf, type SynthStack } from "./helpers";

interface ExternalData {
  program: string[];
  query: Record<string, string>;
  depends_on?: string[];
}

type Stack = SynthStack & { data?: { external?: Record<string, ExternalData> } };

function synth(fn: (stack: Construct) => void): Stack {
  return JSON.parse(Testing.synthScope(fn)) as Stack;
}

/** The only data "external" of a synthesized stack, with its name. */
function onlyExternal(json: Stack): [string, ExternalData] {
  const entries = Object.entries(json.data?.external ?? {});
  assert.equal(entries.length, 1, `one data source: ${JSON.stringify(json.data)}`);
  return entries[0] as [string, ExternalData];
}

/** The terraform_data that keeps a wait's result, with its name. */
function storedResult(json: Stack): [string, { input?: unknown; lifecycle?: unknown }] {
  const entries = Object.entries((json.resource?.terraform_data ?? {}) as Record<string, { input?: unknown; lifecycle?: unknown }>).filter(
    ([name]) => name.includes("_Result_"),
  );
  assert.equal(entries.length, 1, "one stored result");
  return entries[0]!;
}

describe("WaitForJob results (status, resourceId, resourceIds)", () => {
  before(ensureCliBundle);

  it("adds no data source and no provider requirement when no result is read", () => {
    const json = synth((stack) => {
      const wait = new WaitForJob(stack, "w", { kind: JobKind.IMS_JOB, jobId: "job-1" });
      new DataResource(stack, "release", { dependsOn: [wait] });
      assert.equal(wait.fqn.length > 0, true);
    });
    assert.equal(json.data, undefined);
    assert.equal(json.terraform?.required_providers, undefined);
    assert.deepEqual(Object.keys(json.resource ?? {}), ["terraform_data"]);
  });

  it("adds, on the first read, one job data source that depends on the wait", () => {
    const json = synth((stack) => {
      const wait = new WaitForJob(stack, "w", { kind: JobKind.IMS_JOB, jobId: "job-1" });
      new TerraformOutput(stack, "image_id", { value: wait.resourceId });
    });
    const [name, data] = onlyExternal(json);
    assert.match(name, /^w_Job_[0-9A-F]{8}$/);
    assert.deepEqual(data.depends_on, ["terraform_data.w"]);
    // missing_ok: a job record deleted after the wait answers empty instead of failing every plan.
    assert.deepEqual(data.query, { operation: "get-ims-job", job_id: "job-1", missing_ok: "true" });
    const interpreter = localExecOf(resourceOf(json, "terraform_data", "w")).interpreter;
    assert.deepEqual(data.program, [...interpreter, "external"], "the same CLI asset as the wait");
    // The result is kept in state: the read right after the wait is the input of a terraform_data
    // that ignores later changes of it and is replaced with the wait.
    const [resultName, result] = storedResult(json);
    assert.match(resultName, /^w_Result_[0-9A-F]{8}$/);
    assert.deepEqual(result.input, {
      status: `\${data.external.${name}.result.status}`,
      resource_id: `\${data.external.${name}.result.resource_id}`,
      resource_ids: `\${jsondecode(data.external.${name}.result.resource_ids)}`,
    });
    assert.deepEqual(result.lifecycle, { ignore_changes: ["input"], replace_triggered_by: ["terraform_data.w"] });
    assert.equal(json.output?.image_id?.value, `\${terraform_data.${resultName}.output.resource_id}`);
    assert.deepEqual(json.terraform?.required_providers, { external: { source: "hashicorp/external", version: ">= 2.3" } });
  });

  it("reuses that data source for every further read", () => {
    let first: HwjobsJobDataSource | undefined;
    const json = synth((stack) => {
      const wait = new WaitForJob(stack, "w", { kind: JobKind.APP_JOB, jobId: "job-1" });
      first = wait.jobData();
      new DataResource(stack, "release", {
        input: { status: wait.status, again: wait.status, image: wait.resourceId, images: wait.resourceIds },
      });
      assert.equal(wait.jobData(), first);
      assert.equal(wait.node.children.filter((c) => c instanceof HwjobsJobDataSource).length, 1);
    });
    const [, data] = onlyExternal(json);
    assert.equal(data.query.operation, "get-app-job");
    const [stored] = storedResult(json);
    assert.deepEqual(resourceOf(json, "terraform_data", "release").input, {
      status: `\${terraform_data.${stored}.output.status}`,
      again: `\${terraform_data.${stored}.output.status}`,
      image: `\${terraform_data.${stored}.output.resource_id}`,
      images: `\${terraform_data.${stored}.output.resource_ids}`,
    });
    assert.ok(first instanceof HwjobsJobDataSource);
  });

  it("builds the operation as an interpolation when the kind is a token", () => {
    const json = synth((stack) => {
      const kind = new TerraformVariable(stack, "job_kind", { type: "string" });
      const job = new TerraformVariable(stack, "job_id", { type: "string" });
      const wait = new WaitForJob(stack, "w", { kind: kind.stringValue, jobId: job.stringValue });
      new TerraformOutput(stack, "status", { value: wait.status });
    });
    const [, data] = onlyExternal(json);
    assert.deepEqual(data.query, { operation: "get-${var.job_kind}", job_id: "${var.job_id}", missing_ok: "true" });
  });

  it("passes the wait's region, project id and endpoints on to the data source", () => {
    const json = synth((stack) => {
      const wait = new WaitForJob(stack, "w", {
        kind: JobKind.IMAGE_JOB,
        jobId: "job-1",
        timeout: "2h",
        region: "cn-north-4",
        projectId: "0123456789abcdef0123456789abcdef",
        endpoint: "http://127.0.0.1:8080/",
        appstreamEndpoint: "https://appstream.example.com",
        imsEndpoint: "https://ims.example.com",
        triggers: { build: "42" },
      });
      new TerraformOutput(stack, "status", { value: wait.status });
    });
    const [, data] = onlyExternal(json);
    assert.deepEqual(data.query, {
      operation: "get-image-job",
      job_id: "job-1",
      region: "cn-north-4",
      project_id: "0123456789abcdef0123456789abcdef",
      endpoint: "http://127.0.0.1:8080",
      appstream_endpoint: "https://appstream.example.com",
      ims_endpoint: "https://ims.example.com",
      missing_ok: "true",
    });
  });

  it("depends on the null_resource in the null_resource variant", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    const wait = new WaitForJob(stack, "w", { kind: JobKind.IMS_JOB, jobId: "job-1", useNullResource: true });
    new TerraformOutput(stack, "status", { value: wait.status });
    const json = JSON.parse(Testing.synth(stack, true)) as Stack;
    const [name, data] = onlyExternal(json);
    assert.deepEqual(data.depends_on, ["null_resource.w"]);
    // Terraform before 1.4 has no terraform_data to keep the result in: it is read from the data source.
    assert.equal(json.output?.status?.value, `\${data.external.${name}.result.status}`);
    assert.equal(json.resource?.terraform_data, undefined);
    assert.deepEqual(json.terraform?.required_providers, {
      external: { source: "hashicorp/external", version: ">= 2.3" },
      null: { source: "hashicorp/null", version: ">= 3.0" },
    });
  });

  it("gives each WaitForJob its own data source", () => {
    const json = synth((stack) => {
      const a = new WaitForJob(stack, "a", { kind: JobKind.IMS_JOB, jobId: "job-a" });
      const b = new WaitForJob(stack, "b", { kind: JobKind.IMAGE_JOB, jobId: "job-b" });
      new DataResource(stack, "release", { input: { a: a.resourceId, b: b.resourceId, b2: b.resourceIds } });
    });
    const data = Object.values(json.data?.external ?? {});
    assert.equal(data.length, 2);
    assert.deepEqual(data.map((d) => [d.query.operation, d.query.job_id, d.depends_on]).sort(), [
      ["get-image-job", "job-b", ["terraform_data.b"]],
      ["get-ims-job", "job-a", ["terraform_data.a"]],
    ]);
  });
});
