import type { Construct } from "constructs";
import { SUB_JOB_STATUSES } from "../api/enums";
import { JOB_TYPE_FILTERS } from "../api/job-type-filters";
import { HwjobsCountDataSource } from "./hwjobs-count-data-source";
import type { HwjobsDataSourceProps } from "./hwjobs-data-source";
import { failFor } from "./fail";
import { contextFor, operationQuery, validateChoice, validateJobIdFilter, validateProps } from "./validation";
import { validateJobTypeList } from "./validate-job-types";

/** Properties of a {@link DataAppServerSubJobCount}. */
export interface DataAppServerSubJobCountProps extends HwjobsDataSourceProps {
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

  /**
   * Only count sub-jobs in this status: `WAITING`, `RUNNING`, `SUCCESS`, `FAILED`, `ABNORMAL`,
   * `ROLLBACK` or `ABORTING`.
   *
   * @default - sub-jobs in any status
   */
  readonly status?: string;

  /**
   * Only count the sub-jobs of this parent app-server job (1 to 128 characters).
   *
   * @default - the sub-jobs of every job
   */
  readonly jobId?: string;
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
        status: p.status === undefined ? undefined : validateChoice(p.status, "status", SUB_JOB_STATUSES, ctx),
        job_id: p.jobId === undefined ? undefined : validateJobIdFilter(p.jobId, ctx),
      }),
      p,
      ctx.fail,
      [jobTypes?.warning],
    );
  }
}
