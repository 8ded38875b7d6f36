import type { Construct } from "constructs";
import { APP_SUB_JOB_COUNT_TYPES, SUB_JOB_STATUSES } from "../api/enums";
import { COUNT_APP_SUB_JOBS_JOB_TYPE_MAX_LENGTH } from "../core/limits";
import { HwjobsCountDataSource } from "./hwjobs-count-data-source";
import type { HwjobsDataSourceProps } from "./hwjobs-data-source";
import { failFor } from "./fail";
import { contextFor, validateChoice, validateChoiceList, validateJobIdFilter, validateProps } from "./validation";

/** Properties of a {@link DataAppServerSubJobCount}. */
export interface DataAppServerSubJobCountProps extends HwjobsDataSourceProps {
  /**
   * Only count sub-jobs of these types (sent joined with commas): `CREATE_SERVER`,
   * `DELETE_SERVER`, `REJOIN_DOMAIN`, `CHANGE_SERVER_IMAGE`, `REINSTALL_OS`, `MIGRATE_SERVER`,
   * `UPDATE_SERVER_TSVI`, `UPGRADE_ACCESS_AGENT`, `SCHEDULED_TASK`, `UPDATE_FREEZE_STATUS` or
   * `CREATE_SERVER_IMAGE`.
   *
   * @default - sub-jobs of every type
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
    super(
      scope,
      id,
      "count-app-sub-jobs",
      {
        job_type:
          p.jobTypes === undefined
            ? undefined
            : validateChoiceList(p.jobTypes, "jobTypes", APP_SUB_JOB_COUNT_TYPES, COUNT_APP_SUB_JOBS_JOB_TYPE_MAX_LENGTH, ctx),
        status: p.status === undefined ? undefined : validateChoice(p.status, "status", SUB_JOB_STATUSES, ctx),
        job_id: p.jobId === undefined ? undefined : validateJobIdFilter(p.jobId, ctx),
      },
      p,
      ctx.fail,
    );
  }
}
