import type { Construct } from "constructs";
import { IMAGE_JOB_TYPES, SUB_JOB_STATUSES } from "../api/enums";
import { COUNT_IMAGE_SUB_JOBS_JOB_TYPE_MAX_LENGTH } from "../core/limits";
import { HwjobsCountDataSource } from "./hwjobs-count-data-source";
import type { HwjobsDataSourceProps } from "./hwjobs-data-source";
import { failFor } from "./fail";
import { contextFor, validateChoice, validateChoiceList, validateJobIdFilter, validateProps } from "./validation";

/** Properties of a {@link DataImageServerSubJobCount}. */
export interface DataImageServerSubJobCountProps extends HwjobsDataSourceProps {
  /**
   * Only count sub-jobs of these types: `CREATE_SERVER`, `CREATE_SERVER_IMAGE`, `DELETE_SERVER`
   * (sent joined with commas).
   *
   * @default - sub-jobs of every type (the API counts CREATE_SERVER, CREATE_SERVER_IMAGE and DELETE_SERVER)
   */
  readonly jobTypes?: string[];

  /**
   * Only count sub-jobs in this status: `WAITING`, `RUNNING`, `SUCCESS`, `FAILED`, `ABNORMAL`,
   * `ROLLBACK` or `ABORTING`.
   *
   * @default - sub-jobs in any status
   */
  readonly status?: string;

  /**
   * Only count the sub-jobs of this parent image-server job (1 to 128 characters).
   *
   * @default - the sub-jobs of every job
   */
  readonly jobId?: string;
}

/**
 * The number of Workspace APP image sub-jobs
 * (`GET /v1/{project_id}/image-server-sub-jobs/actions/count`): a `data "external"` running
 * `hwjobs external` with operation `count-image-sub-jobs`.
 *
 * @example
 * const failed = new DataImageServerSubJobCount(this, "failed", { status: "FAILED", jobId });
 * new TerraformOutput(this, "failed_count", { value: failed.count });
 */
export class DataImageServerSubJobCount extends HwjobsCountDataSource {
  constructor(scope: Construct, id: string, props: DataImageServerSubJobCountProps = {}) {
    const ctx = contextFor(scope, failFor("DataImageServerSubJobCount", id));
    const p = validateProps(props, ctx, { optional: true });
    super(
      scope,
      id,
      "count-image-sub-jobs",
      {
        job_type:
          p.jobTypes === undefined
            ? undefined
            : validateChoiceList(p.jobTypes, "jobTypes", IMAGE_JOB_TYPES, COUNT_IMAGE_SUB_JOBS_JOB_TYPE_MAX_LENGTH, ctx),
        status: p.status === undefined ? undefined : validateChoice(p.status, "status", SUB_JOB_STATUSES, ctx),
        job_id: p.jobId === undefined ? undefined : validateJobIdFilter(p.jobId, ctx),
      },
      p,
      ctx.fail,
    );
  }
}
