// Example: gate a release on a whole pipeline of HUAWEI CLOUD image jobs with one WaitForJobs.
//
//   npx tsx examples/pipeline-gate/main.ts
//   cd cdktf.out/stacks/pipeline-gate
//   terraform init && terraform apply -var 'image_job_ids=["<id>","<id>"]' [-var job_kind=image-job] [-var wait_timeout=30m]
//
// Credentials, region and project id come from the environment Terraform runs in; HWJOBS_ENDPOINT
// points the CLI at the local emulator. Only built-in Terraform resources are used.
import * as path from "node:path";
import { App, LocalBackend, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { JobKind, WaitForJobs } from "../../src/constructs";

/** The constructs of the example, for tests that want to look at them. */
export interface PipelineGate {
  readonly stack: TerraformStack;
  readonly gate: WaitForJobs;
  readonly release: TerraformResource;
}

/** Adds the `pipeline-gate` stack to `scope` (normally an `App`). */
export function buildPipelineGate(scope: Construct, id = "pipeline-gate"): PipelineGate {
  const stack = new TerraformStack(scope, id);
  new LocalBackend(stack, { path: "terraform.tfstate" });

  const ids = new TerraformVariable(stack, "image_job_ids", {
    type: "list(string)",
    description: "Ids of the image jobs to wait for, all of them",
  });
  const jobKind = new TerraformVariable(stack, "job_kind", { type: "string", default: JobKind.IMAGE_JOB });
  const waitTimeout = new TerraformVariable(stack, "wait_timeout", { type: "string", default: "60m" });

  // One process waits for every job at once; the apply fails if any of them fails.
  const gate = new WaitForJobs(stack, "gate", { kind: jobKind.stringValue, jobIds: ids.listValue, timeout: waitTimeout.stringValue });

  const release = new TerraformResource(stack, "release", { terraformResourceType: "terraform_data", dependsOn: [gate] });
  release.addOverride("input", ids.listValue);
  new TerraformOutput(stack, "released_job_ids", { value: release.getListAttribute("output") });
  return { stack, gate, release };
}

if (require.main === module) {
  const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? path.resolve(__dirname, "../../cdktf.out") });
  buildPipelineGate(app);
  app.synth();
}
