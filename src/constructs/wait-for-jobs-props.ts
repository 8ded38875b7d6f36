import type { ConnectionProps } from "./connection-props";
import type { JobKind } from "./job-kind";
import type { WaitForJobs } from "./wait-for-jobs";
import type { WaitSettingsProps } from "./wait-settings-props";

/** Properties of a {@link WaitForJobs}: the jobs by id (`jobIds`) or by selector (`jobType` with `allPending`). */
export interface WaitForJobsProps extends ConnectionProps, WaitSettingsProps {
  /**
   * Kind of the jobs to wait for: one of the {@link JobKind} values. May be a Terraform token; the
   * CLI then validates it at apply time.
   */
  readonly kind: JobKind | string;

  /**
   * Ids of the jobs to wait for, 1 to 100 (each as `WaitForJob`'s `jobId`; a repeated id is waited
   * for once). May be a Terraform list token (e.g. a `list(string)` variable, or a list of other
   * resources' attributes), which the CLI validates at apply time. Not with `allPending`.
   *
   * @default - none: give `jobIds`, or `jobType` with `allPending`
   */
  readonly jobIds?: string[];

  /**
   * With `allPending`: the job type whose pending jobs to wait for, one that the kind's list
   * accepts (ListImageJobs for `image-job`, ListSubJobs for `app-job`).
   *
   * @default - none (required with `allPending`)
   */
  readonly jobType?: string;

  /**
   * Wait for every job of `kind` and `jobType` that is pending when the wait runs: the image-server
   * jobs `WAITING` or `RUNNING` (`image-job`), or the parents of the pending app-server sub-jobs
   * (`app-job`). IMS has no list API, so `ims-job` is refused. With none pending the wait succeeds
   * at once. The wait runs again only when `kind`, `jobType` or `triggers` change.
   *
   * @default false
   */
  readonly allPending?: boolean;

  /**
   * Stop at the first failed job instead of waiting for every job to end (the apply fails either
   * way when any job failed).
   *
   * @default false
   */
  readonly failFast?: boolean;

  /**
   * Extra values that make Terraform wait again when they change (the wait always re-runs when
   * `kind`, `jobIds` or `jobType` change). Keys `kind`, `job_ids`, `job_type` and `all_pending`
   * are reserved.
   *
   * The values are stored in the Terraform state in plain text: never put secrets here.
   *
   * @default - no extra triggers
   */
  readonly triggers?: Record<string, string>;
}
