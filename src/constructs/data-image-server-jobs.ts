import type { Construct } from "constructs";
import { JOB_STATUSES } from "../api/enums";
import { JOB_TYPE_FILTERS } from "../api/job-type-filters";
import { HwjobsListDataSource, type HwjobsListDataSourceProps } from "./hwjobs-list-data-source";
import { failFor } from "./fail";
import { contextFor, operationQuery, validateChoice, validateProps } from "./validation";
import { validateJobType } from "./validate-job-types";

/** Properties of a {@link DataImageServerJobs}. */
export interface DataImageServerJobsProps extends HwjobsListDataSourceProps {
  /**
   * Type of the image-server jobs to list: `CREATE_SERVER`, `CREATE_SERVER_IMAGE` or
   * `DELETE_SERVER` (the API requires one).
   */
  readonly jobType: string;

  /**
   * Only list jobs in this status: `WAITING`, `RUNNING`, `SUCCESS` or `FAILED`.
   *
   * @default - jobs in any status
   */
  readonly status?: string;
}

/**
 * The Workspace APP image-server jobs of one type (`GET /v1/{project_id}/image-server-jobs`,
 * every page): a `data "external"` running `hwjobs external` with operation `list-image-jobs`.
 *
 * @example
 * const building = new DataImageServerJobs(this, "building", { jobType: "CREATE_SERVER_IMAGE", status: "RUNNING" });
 * new TerraformOutput(this, "building_ids", { value: building.ids });
 */
export class DataImageServerJobs extends HwjobsListDataSource {
  constructor(scope: Construct, id: string, props: DataImageServerJobsProps) {
    const ctx = contextFor(scope, failFor("DataImageServerJobs", id));
    const p = validateProps(props, ctx, { optional: false });
    super(
      scope,
      id,
      ...operationQuery("list-image-jobs", {
        job_type: validateJobType(p.jobType, "jobType", JOB_TYPE_FILTERS.ListImageJobs, ctx),
        status: p.status === undefined ? undefined : validateChoice(p.status, "status", JOB_STATUSES, ctx),
      }),
      p,
      ctx.fail,
    );
  }
}
