import type { ITerraformDependable } from "./framework-types";
import type { WaitForJob } from "./wait-for-job";
import type { WaitForJobs } from "./wait-for-jobs";

/** How a wait runs: the props {@link WaitForJob} and {@link WaitForJobs} share. */
export interface WaitSettingsProps {
  /**
   * Longest time to wait for the job (every job, for WaitForJobs) to finish before failing the apply, as a duration
   * (`90s`, `15m`, `2h`, `1h30m` or plain seconds).
   *
   * @default "60m"
   */
  readonly timeout?: string;

  /**
   * How long the API may answer "not found" for the job before the wait fails. Jobs can take a
   * moment to become visible after they are started.
   *
   * @default "60s"
   */
  readonly notFoundGrace?: string;

  /**
   * Shortest interval between two polls: the floor of a schedule that grows with the job's age
   * and closes in on the end its progress predicts (docs/architecture.md §5.2).
   *
   * @default "3s"
   */
  readonly minPollInterval?: string;

  /**
   * Longest interval between two polls; without progress information polls stay at most 42 s
   * apart (50.4 s with their ±20 % jitter), so this is reached only when a job's progress puts
   * its end far off. Must not be
   * shorter than `minPollInterval`.
   *
   * @default "2m"
   */
  readonly maxPollInterval?: string;

  /**
   * Accept a Workspace job whose parent says `SUCCESS` although some of its sub-jobs `FAILED` or
   * are `ABNORMAL`: the wait then succeeds with a warning naming them. By default such a job is
   * a failed job (the apply fails with each failed sub-job's code and message), since a parent's
   * `SUCCESS` does not make a failed image build good.
   *
   * @default false
   */
  readonly allowFailedSubJobs?: boolean;

  /**
   * Synthesize a `null_resource` (provider `hashicorp/null`, downloaded at `terraform init`)
   * instead of the built-in `terraform_data`, for Terraform older than 1.4.
   *
   * @default false
   */
  readonly useNullResource?: boolean;

  /**
   * Resources the wait must come after, typically the one that starts the job when `jobId` is
   * not already a reference to it.
   *
   * @default - no explicit dependencies
   */
  readonly dependsOn?: ITerraformDependable[];
}
