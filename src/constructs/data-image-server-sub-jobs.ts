import type { Construct } from "constructs";
import { SUB_JOB_STATUSES } from "../api/enums";
import { JOB_TYPE_FILTERS } from "../api/job-type-filters";
import { HwjobsListDataSource, type HwjobsListDataSourceProps } from "./hwjobs-list-data-source";
import { failFor } from "./fail";
import { contextFor, operationQuery, validateChoice, validateJobIdFilter, validateProps } from "./validation";
import { validateJobType } from "./validate-job-types";

/** Properties of a {@link DataImageServerSubJobs}. */
export interface DataImageServerSubJobsProps extends HwjobsListDataSourceProps {
  /**
   * Type of the image sub-jobs to list: `CREATE_SERVER`, `CREATE_SERVER_IMAGE` or
   * `DELETE_SERVER` (the API requires one).
   */
  readonly jobType: string;

  /**
   * Only list sub-jobs in this status: `WAITING`, `RUNNING`, `SUCCESS`, `FAILED`, `ABNORMAL`,
   * `ROLLBACK` or `ABORTING`.
   *
   * @default - sub-jobs in any status
   */
  readonly status?: string;

  /**
   * Only list the sub-jobs of this parent image-server job (1 to 128 characters).
   *
   * @default - the sub-jobs of every job
   */
  readonly jobId?: string;
}

/**
 * The Workspace APP image sub-jobs of one type (`GET /v1/{project_id}/image-server-sub-jobs`,
 * every page): a `data "external"` running `hwjobs external` with operation `list-image-sub-jobs`.
 *
 * @example
 * const failed = new DataImageServerSubJobs(this, "failed", { jobType: "CREATE_SERVER_IMAGE", status: "FAILED", jobId });
 * new TerraformOutput(this, "failed_sub_jobs", { value: failed.items });
 */
export class DataImageServerSubJobs extends HwjobsListDataSource {
  constructor(scope: Construct, id: string, props: DataImageServerSubJobsProps) {
    const ctx = contextFor(scope, failFor("DataImageServerSubJobs", id));
    const p = validateProps(props, ctx, { optional: false });
    super(
      scope,
      id,
      ...operationQuery("list-image-sub-jobs", {
        job_type: validateJobType(p.jobType, "jobType", JOB_TYPE_FILTERS.ListImageSubJobs, ctx),
        status: p.status === undefined ? undefined : validateChoice(p.status, "status", SUB_JOB_STATUSES, ctx),
        job_id: p.jobId === undefined ? undefined : validateJobIdFilter(p.jobId, ctx),
      }),
      p,
      ctx.fail,
    );
  }
}
