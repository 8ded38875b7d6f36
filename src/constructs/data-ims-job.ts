import type { Construct } from "constructs";
import { HwjobsJobDataSource, type HwjobsJobDataSourceProps } from "./hwjobs-job-data-source";
import { failFor } from "./fail";
import { JobKind } from "./job-kind";
import { contextFor, jobOfKind, validateProps } from "./validation";

/** Properties of a {@link DataImsJob}. */
export interface DataImsJobProps extends HwjobsJobDataSourceProps {
  /**
   * Id of the job to read (1 to 128 characters, no control characters), as returned by the API
   * call that started it.
   */
  readonly jobId: string;
}

/**
 * The status and result of an IMS asynchronous job (`GET /v1/{project_id}/jobs/{job_id}`).
 *
 * A `data "external"` running `hwjobs external` with operation `get-ims-job`.
 *
 * Read at plan time, or during the apply when it depends on a resource with pending changes.
 * As with `hwjobs get`, a failed or unfinished job is not an error: see `status` and `phase`.
 *
 * @example
 * const job = new DataImsJob(this, "job", { jobId: jobIdVar.stringValue });
 * new TerraformOutput(this, "resource_id", { value: job.resourceId });
 */
export class DataImsJob extends HwjobsJobDataSource {
  constructor(scope: Construct, id: string, props: DataImsJobProps) {
    const ctx = contextFor(scope, failFor("DataImsJob", id));
    const p = validateProps(props, ctx, { optional: false });
    super(scope, id, jobOfKind(JobKind.IMS_JOB, p.jobId, ctx), p, ctx.fail);
  }
}
