import type { Construct } from "constructs";
import { SUB_JOB_STATUSES } from "../api/enums";
import { JOB_TYPE_FILTERS } from "../api/job-type-filters";
import { HwjobsCountDataSource } from "./hwjobs-count-data-source";
import type { HwjobsDataSourceProps } from "./hwjobs-data-source";
import { failFor } from "./fail";
import { contextFor, operationQuery, validateChoice, validateJobIdFilter, validateProps } from "./validation";
import { validateJobTypeList } from "./validate-job-types";

/** Properties of a {@link DataImageServerSubJobCount}. */
export interface DataImageServerSubJobCountProps extends HwjobsDataSourceProps {
  /**
   * Only count sub-jobs of these types (sent joined with commas, at most 128 characters): any of
   * the seven image job types (`CREATE_SERVER`, `CREATE_SERVER_IMAGE`, `DELETE_SERVER`,
   * `BUILD_IMAGE`, `GENERATE_IMAGE`, `DELETE_IMAGE_BUILD_SERVER`, `DELETE_IMAGE`). A type newer
   * than this package, in upper-case words joined by `_`, is sent with a synth warning.
   *
   * @default - the service's default: `CREATE_SERVER`, `CREATE_SERVER_IMAGE` and `DELETE_SERVER`
   *   sub-jobs only; list the types to count the others
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
    const jobTypes =
      p.jobTypes === undefined ? undefined : validateJobTypeList(p.jobTypes, "jobTypes", JOB_TYPE_FILTERS.CountImageSubJobs, ctx);
    super(
      scope,
      id,
      ...operationQuery("count-image-sub-jobs", {
        job_type: jobTypes?.joined,
        status: p.status === undefined ? undefined : validateChoice(p.status, "status", SUB_JOB_STATUSES, ctx),
        job_id: p.jobId === undefined ? undefined : validateJobIdFilter(p.jobId, ctx),
      }),
      p,
      ctx.fail,
      [jobTypes?.warning],
    );
  }
}
