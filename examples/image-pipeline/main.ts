// Example: gate a release on a HUAWEI CLOUD image job.
//
//   npx tsx examples/image-pipeline/main.ts          (or `cdktf synth` with the root cdktf.json)
//   cd cdktf.out/stacks/image-pipeline
//   terraform init && terraform apply -var image_job_id=<job id> [-var job_kind=image-job] [-var wait_timeout=30m]
//
// Credentials (HW_ACCESS_KEY/HW_SECRET_KEY, or HW_AUTH_TOKEN), region and project id come from the
// environment Terraform runs in; HWJOBS_ENDPOINT points the CLI at the local emulator.
// Only built-in Terraform resources are used, so `terraform init` downloads no provider.
import * as path from "node:path";
import { App, Fn, LocalBackend, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { JobKind, WaitForJob } from "../../src/constructs";

const JOB_KINDS: string[] = Object.values(JobKind);

/** The constructs of the example, for tests that want to look at them. */
export interface ImagePipeline {
  readonly stack: TerraformStack;
  readonly wait: WaitForJob;
  readonly release: TerraformResource;
}

/** Adds the `image-pipeline` stack to `scope` (normally an `App`). */
export function buildImagePipeline(scope: Construct, id = "image-pipeline"): ImagePipeline {
  const stack = new TerraformStack(scope, id);

  // State next to the configuration (a path relative to the stack directory) rather than cdktf's
  // default `<cwd>/terraform.<stack>.tfstate`: no machine-specific path in the configuration, and
  // separate output directories never share one state file.
  new LocalBackend(stack, { path: "terraform.tfstate" });

  const imageJobId = new TerraformVariable(stack, "image_job_id", {
    type: "string",
    description: "Id of the image job to wait for (returned by the API call that started the build)",
  });
  imageJobId.addValidation({
    // A literal expression: cdktf's Op.gt renders the number 0 as "undefined".
    condition: "${length(var.image_job_id) > 0}",
    errorMessage: "image_job_id must not be empty.",
  });
  const jobKind = new TerraformVariable(stack, "job_kind", {
    type: "string",
    default: JobKind.IMS_JOB,
    description: `Kind of the job: ${JOB_KINDS.join(", ")}`,
  });
  // Rejected at plan time, before anything runs, rather than by the CLI at apply time.
  jobKind.addValidation({
    condition: Fn.contains(JOB_KINDS, jobKind.stringValue),
    errorMessage: `job_kind must be one of ${JOB_KINDS.join(", ")}.`,
  });

  const waitTimeout = new TerraformVariable(stack, "wait_timeout", {
    type: "string",
    default: "60m",
    description: "How long the apply waits for the job before it fails (90s, 15m, 2h, 1h30m)",
  });

  const wait = new WaitForJob(stack, "wait", {
    kind: jobKind.stringValue,
    jobId: imageJobId.stringValue,
    timeout: waitTimeout.stringValue,
  });

  // Stands in for whatever consumes the image (an instance, a launch template, a release record).
  // A generic terraform_data rather than cdktf's DataResource, whose synth-time validation runs
  // `terraform version` and so would make synthesis fail where no terraform binary is installed.
  const release = new TerraformResource(stack, "release", { terraformResourceType: "terraform_data", dependsOn: [wait] });
  release.addOverride("input", imageJobId.stringValue);

  new TerraformOutput(stack, "released_job_id", {
    description: "The job id, read back from terraform_data.release once it exists (after the wait)",
    value: release.getStringAttribute("output"),
  });

  return { stack, wait, release };
}

if (require.main === module) {
  // cdktf-cli passes its output directory in CDKTF_OUTDIR; run directly, write next to cdktf.json.
  const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? path.resolve(__dirname, "../../cdktf.out") });
  buildImagePipeline(app);
  app.synth();
}
