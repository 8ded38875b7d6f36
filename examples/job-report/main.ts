// Example: a report on HUAWEI CLOUD image jobs, built from every data source of the library.
//
//   npx tsx examples/job-report/main.ts
//   cd cdktf.out/stacks/job-report
//   terraform init && terraform apply -var image_job_id=<id> -var app_job_id=<id> -var ims_job_id=<id>
//
// Each data source is a `data "external"` that runs the bundled CLI (`node <asset> external`) at
// plan time, so `terraform init` downloads the `hashicorp/external` provider. Credentials
// (HW_ACCESS_KEY/HW_SECRET_KEY, or HW_AUTH_TOKEN), region and project id come from the environment
// Terraform runs in; HWJOBS_ENDPOINT points the CLI at the local emulator. The queries hold only
// literals and `${var.*}` references.
import * as path from "node:path";
import { App, LocalBackend, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import {
  DataAppServerJob,
  DataAppServerSubJobCount,
  DataAppServerSubJobs,
  DataImageServerJob,
  DataImageServerJobs,
  DataImageServerSubJobCount,
  DataImageServerSubJobs,
  DataImsJob,
} from "../../src/constructs";

/** The constructs of the example, for tests that want to look at them. */
export interface JobReport {
  readonly stack: TerraformStack;
  readonly imageBuildJobs: DataImageServerJobs;
  readonly imageSubJobs: DataImageServerSubJobs;
  readonly failedImageSubJobs: DataImageServerSubJobCount;
  readonly runningAppSubJobs: DataAppServerSubJobs;
  readonly appSubJobCount: DataAppServerSubJobCount;
  readonly imageJob: DataImageServerJob;
  readonly appJob: DataAppServerJob;
  readonly imsJob: DataImsJob;
}

/** A required, non-empty string variable holding a job id. */
function jobIdVariable(stack: TerraformStack, name: string, description: string): TerraformVariable {
  const variable = new TerraformVariable(stack, name, { type: "string", description });
  variable.addValidation({
    // A literal expression: cdktf's Op.gt renders the number 0 as "undefined".
    condition: `\${length(var.${name}) > 0}`,
    errorMessage: `${name} must not be empty.`,
  });
  return variable;
}

/** Adds the `job-report` stack to `scope` (normally an `App`). */
export function buildJobReport(scope: Construct, id = "job-report"): JobReport {
  const stack = new TerraformStack(scope, id);

  // State next to the configuration, as in examples/image-pipeline: no machine-specific path.
  new LocalBackend(stack, { path: "terraform.tfstate" });

  const imageJobId = jobIdVariable(stack, "image_job_id", "Id of a Workspace APP image-server job (CREATE_SERVER_IMAGE)");
  const appJobId = jobIdVariable(stack, "app_job_id", "Id of a Workspace APP app-server job (CREATE_SERVER)");
  const imsJobId = jobIdVariable(stack, "ims_job_id", "Id of an IMS asynchronous job");

  // Every image build of the project, and the sub-jobs of the one given.
  const imageBuildJobs = new DataImageServerJobs(stack, "image_build_jobs", { jobType: "CREATE_SERVER_IMAGE" });
  const imageSubJobs = new DataImageServerSubJobs(stack, "image_sub_jobs", {
    jobType: "CREATE_SERVER_IMAGE",
    jobId: imageJobId.stringValue,
  });
  const failedImageSubJobs = new DataImageServerSubJobCount(stack, "failed_image_sub_jobs", {
    status: "FAILED",
    jobId: imageJobId.stringValue,
  });

  // The app-server job's sub-jobs that are still running, and how many it has of either type.
  const runningAppSubJobs = new DataAppServerSubJobs(stack, "running_app_sub_jobs", {
    jobType: "CREATE_SERVER",
    status: "RUNNING",
    jobId: appJobId.stringValue,
  });
  const appSubJobCount = new DataAppServerSubJobCount(stack, "app_sub_jobs", {
    jobTypes: ["CREATE_SERVER", "DELETE_SERVER"],
    jobId: appJobId.stringValue,
  });

  // The three jobs themselves.
  const imageJob = new DataImageServerJob(stack, "image_job", { jobId: imageJobId.stringValue });
  const appJob = new DataAppServerJob(stack, "app_job", { jobId: appJobId.stringValue });
  const imsJob = new DataImsJob(stack, "ims_job", { jobId: imsJobId.stringValue });

  const outputs: Record<string, [description: string, value: unknown]> = {
    image_build_job_count: ["Number of image build (CREATE_SERVER_IMAGE) jobs", imageBuildJobs.count],
    image_build_job_ids: ["Ids of the image build jobs", imageBuildJobs.ids],
    image_sub_job_ids: ["Ids of the image job's CREATE_SERVER_IMAGE sub-jobs", imageSubJobs.ids],
    image_sub_job_details: ["The image job's CREATE_SERVER_IMAGE sub-jobs, as the API returns them", imageSubJobs.items],
    failed_image_sub_job_count: ["Number of the image job's sub-jobs that failed", failedImageSubJobs.count],
    running_app_sub_job_ids: ["Ids of the app-server job's CREATE_SERVER sub-jobs that are running", runningAppSubJobs.ids],
    app_sub_job_count: ["Number of the app-server job's CREATE_SERVER and DELETE_SERVER sub-jobs", appSubJobCount.count],
    image_job_status: ["Status of the image job", imageJob.status],
    image_job_phase: ["Phase of the image job: pending, succeeded or failed", imageJob.phase],
    image_job_resource_ids: ["Resources the image job produced", imageJob.resourceIds],
    app_job_status: ["Status of the app-server job", appJob.status],
    app_job_error_message: ["Error message of the app-server job, empty unless it failed", appJob.errorMessage],
    ims_job_status: ["Status of the IMS job", imsJob.status],
    ims_image_id: ["Image the IMS job produced, empty until it succeeds", imsJob.resourceId],
    ims_job_details: ["The IMS job as the API returns it", imsJob.job],
  };
  for (const [name, [description, value]] of Object.entries(outputs)) {
    new TerraformOutput(stack, name, { description, value });
  }

  return {
    stack,
    imageBuildJobs,
    imageSubJobs,
    failedImageSubJobs,
    runningAppSubJobs,
    appSubJobCount,
    imageJob,
    appJob,
    imsJob,
  };
}

if (require.main === module) {
  // cdktf-cli passes its output directory in CDKTF_OUTDIR; run directly, write next to cdktf.json.
  const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? path.resolve(__dirname, "../../cdktf.out") });
  buildJobReport(app);
  app.synth();
}
