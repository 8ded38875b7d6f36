import type { Construct } from "constructs";
import { JOB_TYPE_FILTERS } from "../api/job-type-filters";
import { HwjobsListDataSource, type HwjobsListDataSourceProps } from "./hwjobs-list-data-source";
import { failFor } from "./fail";
import type { SubJobFilterProps } from "./sub-job-filter-props";
import { contextFor, operationQuery, validateProps, validateSubJobFilter } from "./validation";
import { validateJobType } from "./validate-job-types";

/** Properties of a {@link DataImageServerSubJobs}. */
export interface DataImageServerSubJobsProps extends HwjobsListDataSourceProps, SubJobFilterProps {
  /**
   * Type of the image sub-jobs to list: `CREATE_SERVER`, `CREATE_SERVER_IMAGE` or
   * `DELETE_SERVER` (the API requires one).
   */
  readonly jobType: string;
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
        ...validateSubJobFilter(p, ctx),
      }),
      p,
      ctx.fail,
    );
  }
}
