import type { Construct } from "constructs";
import { JOB_TYPE_FILTERS } from "../api/job-type-filters";
import { HwjobsCountDataSource } from "./hwjobs-count-data-source";
import type { HwjobsDataSourceProps } from "./hwjobs-data-source";
import { failFor } from "./fail";
import type { SubJobFilterProps } from "./sub-job-filter-props";
import { contextFor, operationQuery, validateProps, validateSubJobFilter } from "./validation";
import { validateJobTypeList } from "./validate-job-types";

/** Properties of a {@link DataAppServerSubJobCount}. */
export interface DataAppServerSubJobCountProps extends HwjobsDataSourceProps, SubJobFilterProps {
  /**
   * Only count sub-jobs of these types (sent joined with commas, at most 256 characters): any of
   * the 19 app-server job types (`CREATE_SERVER`, `DELETE_SERVER`, `UPDATE_FREEZE_STATUS`,
   * `CREATE_SERVER_IMAGE`, `REINSTALL_OS`, `CHANGE_SERVER_IMAGE`, `REJOIN_DOMAIN`,
   * `MIGRATE_SERVER`, `UPGRADE_ACCESS_AGENT`, `UPDATE_SERVER_TSVI`, `SCHEDULED_TASK`,
   * `COLLECT_HDA_LOG`, `COLLECT_APS_LOG`, `CREATE_SERVER_SNAPSHOT`, `DELETE_SERVER_SNAPSHOT`,
   * `RESTORE_SERVER_SNAPSHOT`, `BATCH_INSTALL_APP`, `INSTALL_CES_AGENT`, `UNINSTALL_CES_AGENT`).
   * A type newer than this package, in upper-case words joined by `_`, is sent with a synth
   * warning.
   *
   * @default - the service's default, which its spec does not name (the emulator counts every type)
   */
  readonly jobTypes?: string[];
}

/**
 * The number of Workspace APP app-server sub-jobs
 * (`GET /v1/{project_id}/app-server-sub-jobs/actions/count`): a `data "external"` running
 * `hwjobs external` with operation `count-app-sub-jobs`.
 *
 * @example
 * const pending = new DataAppServerSubJobCount(this, "pending", { jobTypes: ["CREATE_SERVER"], status: "WAITING" });
 * new TerraformOutput(this, "pending_count", { value: pending.count });
 */
export class DataAppServerSubJobCount extends HwjobsCountDataSource {
  constructor(scope: Construct, id: string, props: DataAppServerSubJobCountProps = {}) {
    const ctx = contextFor(scope, failFor("DataAppServerSubJobCount", id));
    const p = validateProps(props, ctx, { optional: true });
    const jobTypes = p.jobTypes === undefined ? undefined : validateJobTypeList(p.jobTypes, "jobTypes", JOB_TYPE_FILTERS.CountSubJobs, ctx);
    super(
      scope,
      id,
      ...operationQuery("count-app-sub-jobs", {
        job_type: jobTypes?.joined,
        ...validateSubJobFilter(p, ctx),
      }),
      p,
      ctx.fail,
      [jobTypes?.warning],
    );
  }
}
