import type { Construct } from "constructs";
import { HwjobsJobDataSource, type HwjobsJobDataSourceProps } from "./hwjobs-job-data-source";
import { failFor } from "./fail";
import { JobKind } from "./job-kind";
import { contextFor, jobOfKind, validateProps } from "./validation";

/** Properties of a {@link DataAppServerJob}. */
export interface DataAppServerJobProps extends HwjobsJobDataSourceProps {
  /**
   * Id of the job to read (1 to 255 characters, no control characters), as returned by the API
   * call that started it.
   */
  readonly jobId: string;
}

/**
 * The status and result of a Workspace APP app-server job (`GET /v2/{project_id}/job/{job_id}`).
 *
 * A `data "external"` running `hwjobs external` with operation `get-app-job`.
 *
 * Read at plan time, or during the apply when it depends on a resource with pending changes.
 * As with `hwjobs get`, a failed or unfinished job is not an error: see `status` and `phase`.
 *
 * @example
 * const job = new DataAppServerJob(this, "job", { jobId: jobIdVar.stringValue });
 * new TerraformOutput(this, "resource_id", { value: job.resourceId });
 */
export class DataAppServerJob extends HwjobsJobDataSource {
  constructor(scope: Construct, id: string, props: DataAppServerJobProps) {
    const ctx = contextFor(scope, failFor("DataAppServerJob", id));
    const p = validateProps(props, ctx, { optional: false });
    super(scope, id, jobOfKind(JobKind.APP_JOB, p.jobId, ctx), p, ctx.fail);
  }
}
