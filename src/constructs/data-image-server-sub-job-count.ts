import type { Construct } from "constructs";
import { JOB_TYPE_FILTERS } from "../api/job-type-filters";
import { HwjobsCountDataSource } from "./hwjobs-count-data-source";
import type { HwjobsDataSourceProps } from "./hwjobs-data-source";
import { failFor } from "./fail";
import type { SubJobFilterProps } from "./sub-job-filter-props";
import { contextFor, operationQuery, validateProps, validateSubJobFilter } from "./validation";
import { validateJobTypeList } from "./validate-job-types";

/** Properties of a {@link DataImageServerSubJobCount}. */
export interface DataImageServerSubJobCountProps extends HwjobsDataSourceProps, SubJobFilterProps {
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
        ...validateSubJobFilter(p, ctx),
      }),
      p,
      ctx.fail,
      [jobTypes?.warning],
    );
  }
}
