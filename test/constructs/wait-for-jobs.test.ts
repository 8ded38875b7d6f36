import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { TerraformVariable, Testing } from "cdktf";
import type { Construct } from "constructs";
import { JobKind, WaitForJobs, type WaitForJobsProps } from "../../src/constructs";
import { ensureCliBundle, localExecOf, resourceOf, type SynthStack } from "./helpers";

function synth(fn: (stack: Construct) => void): SynthStack {
  return JSON.parse(Testing.synthScope(fn)) as SynthStack;
}

function gateIn(props: WaitForJobsProps): SynthStack {
  return synth((stack) => new WaitForJobs(stack, "gate", props));
}

function failsWith(props: unknown, ...expected: string[]): void {
  assert.throws(
    () => synth((stack) => new WaitForJobs(stack, "gate", props as WaitForJobsProps)),
    (error: Error) => expected.every((text) => error.message.includes(text)) && error.message.startsWith(`WaitForJobs "gate": `),
  );
}

describe("WaitForJobs", () => {
  before(ensureCliBundle);

  it("synthesizes one terraform_data with one local-exec running `wait`, the ids as a JSON array in the environment", () => {
    const stack = gateIn({ kind: JobKind.IMAGE_JOB, jobIds: ["1", "2", "3"], failFast: true, timeout: "30m" });
    const resource = resourceOf(stack, "terraform_data", "gate");
    const exec = localExecOf(resource);
    assert.equal(exec.command, "wait");
    // The unused inputs are written empty, so that variables inherited from the environment
    // Terraform runs in (an HWJOBS_JOB_ID, say) never take part.
    assert.deepEqual(exec.environment, {
      HWJOBS_KIND: "image-job",
      HWJOBS_JOB_ID: "",
      HWJOBS_JOB_IDS: '["1","2","3"]',
      HWJOBS_JOB_TYPE: "",
      HWJOBS_ALL_PENDING: "",
      HWJOBS_FAIL_FAST: "true",
      HWJOBS_TIMEOUT: "30m",
      HWJOBS_NOT_FOUND_GRACE: "60s",
      HWJOBS_MIN_POLL_INTERVAL: "3s",
      HWJOBS_MAX_POLL_INTERVAL: "2m",
      HWJOBS_OUTPUT: "none",
    });
    assert.deepEqual(resource.triggers_replace, { kind: "image-job", job_ids: '["1","2","3"]' });
    assert.equal(Object.keys(stack.resource ?? {}).length, 1, "one resource");
  });

  it("a list token becomes jsonencode(...) in the environment and the triggers", () => {
    const stack = synth((scope) => {
      const ids = new TerraformVariable(scope, "ids", { type: "list(string)" });
      new WaitForJobs(scope, "gate", { kind: JobKind.APP_JOB, jobIds: ids.listValue });
    });
    const resource = resourceOf(stack, "terraform_data", "gate");
    assert.equal(localExecOf(resource).environment.HWJOBS_JOB_IDS, "${jsonencode(var.ids)}");
    assert.equal((resource.triggers_replace as Record<string, string>).job_ids, "${jsonencode(var.ids)}");
  });

  it("a selector: HWJOBS_JOB_TYPE and HWJOBS_ALL_PENDING, no ids", () => {
    const resource = resourceOf(
      gateIn({ kind: JobKind.IMAGE_JOB, jobType: "CREATE_SERVER_IMAGE", allPending: true }),
      "terraform_data",
      "gate",
    );
    const env = localExecOf(resource).environment;
    assert.equal(env.HWJOBS_JOB_TYPE, "CREATE_SERVER_IMAGE");
    assert.equal(env.HWJOBS_ALL_PENDING, "true");
    assert.equal(env.HWJOBS_JOB_IDS, "");
    assert.equal(env.HWJOBS_FAIL_FAST, "");
    assert.deepEqual(resource.triggers_replace, { kind: "image-job", job_type: "CREATE_SERVER_IMAGE", all_pending: "true" });
  });

  it("refuses bad props at synth time, naming the prop", () => {
    failsWith({ kind: JobKind.IMAGE_JOB, jobIds: [] }, "jobIds must not be empty");
    failsWith({ kind: JobKind.IMAGE_JOB, jobIds: ["1", null] }, "jobIds[1] must be a string (got null)");
    failsWith({ kind: JobKind.IMAGE_JOB, jobIds: ["1", ""] }, "jobIds[1] must be 1 to 128 characters");
    failsWith({ kind: JobKind.IMAGE_JOB, jobIds: Array.from({ length: 101 }, (_, i) => String(i)) }, "jobIds has 101 ids", "at most 100");
    failsWith({ kind: JobKind.IMAGE_JOB }, "jobIds is required");
    failsWith(
      { kind: JobKind.IMS_JOB, jobType: "X", allPending: true },
      "allPending takes kind image-job or app-job",
      "ims-job has no list API",
    );
    failsWith({ kind: JobKind.IMAGE_JOB, allPending: true }, "jobType is required with allPending");
    failsWith({ kind: JobKind.IMAGE_JOB, jobType: "BUILD_IMAGES", allPending: true }, "jobType must be one of");
    failsWith({ kind: JobKind.IMAGE_JOB, jobIds: ["1"], jobType: "CREATE_SERVER" }, "jobType is only for allPending");
    failsWith({ kind: JobKind.IMAGE_JOB, jobIds: ["1"], jobType: "CREATE_SERVER", allPending: true }, "jobIds is not for allPending");
    failsWith({ kind: "image-jobs", jobIds: ["1"] }, "kind must be one of");
    failsWith({ kind: JobKind.IMAGE_JOB, jobIds: ["1"], triggers: { job_ids: "x" } }, "job_ids");
  });
});
