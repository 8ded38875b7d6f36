import type { Construct } from "constructs";
import type { HwjobsDataSourceProps } from "./hwjobs-data-source";
import { HwjobsJobDataSource } from "./hwjobs-job-data-source";
import { failFor } from "./fail";
import { APP_JOB_ID_MAX_LENGTH } from "../core/limits";
import { contextFor, validateJobIdProp, validateProps } from "./validation";

/** Properties of a {@link DataAppServerJob}. */
export interface DataAppServerJobProps extends HwjobsDataSourceProps {
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
    super(scope, id, "get-app-job", { job_id: validateJobIdProp(p.jobId, APP_JOB_ID_MAX_LENGTH, ctx) }, p, ctx.fail);
  }
}
