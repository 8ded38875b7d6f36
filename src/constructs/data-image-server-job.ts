import type { Construct } from "constructs";
import { HwjobsJobDataSource, type HwjobsJobDataSourceProps } from "./hwjobs-job-data-source";
import { failFor } from "./fail";
import { JobKind } from "./job-kind";
import { contextFor, jobOfKind, validateProps } from "./validation";

/** Properties of a {@link DataImageServerJob}. */
export interface DataImageServerJobProps extends HwjobsJobDataSourceProps {
  /**
   * Id of the job to read (1 to 128 characters, no control characters), as returned by the API
   * call that started it.
   */
  readonly jobId: string;
}

/**
 * The status and result of a Workspace APP image-server job (`GET /v1/{project_id}/image-server-jobs/{job_id}`).
 *
 * A `data "external"` running `hwjobs external` with operation `get-image-job`.
 *
 * Read at plan time, or during the apply when it depends on a resource with pending changes.
 * As with `hwjobs get`, a failed or unfinished job is not an error: see `status` and `phase`.
 *
 * @example
 * const job = new DataImageServerJob(this, "job", { jobId: jobIdVar.stringValue });
 * new TerraformOutput(this, "resource_id", { value: job.resourceId });
 */
export class DataImageServerJob extends HwjobsJobDataSource {
  constructor(scope: Construct, id: string, props: DataImageServerJobProps) {
    const ctx = contextFor(scope, failFor("DataImageServerJob", id));
    const p = validateProps(props, ctx, { optional: false });
    super(scope, id, jobOfKind(JobKind.IMAGE_JOB, p.jobId, ctx), p, ctx.fail);
  }
}
