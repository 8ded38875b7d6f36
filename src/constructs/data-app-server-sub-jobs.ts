import type { Construct } from "constructs";
import { JOB_TYPE_FILTERS } from "../api/job-type-filters";
import { HwjobsListDataSource, type HwjobsListDataSourceProps } from "./hwjobs-list-data-source";
import { failFor } from "./fail";
import type { SubJobFilterProps } from "./sub-job-filter-props";
import { contextFor, operationQuery, validateProps, validateSubJobFilter } from "./validation";
import { validateJobType } from "./validate-job-types";

/** Properties of a {@link DataAppServerSubJobs}. */
export interface DataAppServerSubJobsProps extends HwjobsListDataSourceProps, SubJobFilterProps {
  /**
   * Type of the app-server sub-jobs to list (the API requires one): `CREATE_SERVER`,
   * `DELETE_SERVER`, `REJOIN_DOMAIN`, `CHANGE_SERVER_IMAGE`, `REINSTALL_OS`, `MIGRATE_SERVER`,
   * `UPDATE_SERVER_TSVI`, `UPGRADE_ACCESS_AGENT`, `SCHEDULED_TASK` or `UPDATE_FREEZE_STATUS`.
   */
  readonly jobType: string;
}

/**
 * The Workspace APP app-server sub-jobs of one type (`GET /v1/{project_id}/app-server-sub-jobs`,
 * every page): a `data "external"` running `hwjobs external` with operation `list-app-sub-jobs`.
 *
 * @example
 * const running = new DataAppServerSubJobs(this, "running", { jobType: "CREATE_SERVER", status: "RUNNING" });
 * new TerraformOutput(this, "running_ids", { value: running.ids });
 */
export class DataAppServerSubJobs extends HwjobsListDataSource {
  constructor(scope: Construct, id: string, props: DataAppServerSubJobsProps) {
    const ctx = contextFor(scope, failFor("DataAppServerSubJobs", id));
    const p = validateProps(props, ctx, { optional: false });
    super(
      scope,
      id,
      ...operationQuery("list-app-sub-jobs", {
        job_type: validateJobType(p.jobType, "jobType", JOB_TYPE_FILTERS.ListSubJobs, ctx),
        ...validateSubJobFilter(p, ctx),
      }),
      p,
      ctx.fail,
    );
  }
}
