import type { JobKind } from "./job-kind";
import type { WaitForJob } from "./wait-for-job";
import type { ConnectionProps } from "./connection-props";
import type { WaitSettingsProps } from "./wait-settings-props";

/** Properties of a {@link WaitForJob}. */
export interface WaitForJobProps extends ConnectionProps, WaitSettingsProps {
  /**
   * Kind of job to wait for: one of the {@link JobKind} values.
   *
   * May be a Terraform token (e.g. a `TerraformVariable`'s value); the CLI then validates it at
   * apply time.
   */
  readonly kind: JobKind | string;

  /**
   * Id of the job to wait for, as returned by the API that started it.
   *
   * A literal must be 1 to 128 characters (255 for `app-job`) with no control characters.
   * May be a Terraform token, e.g. another resource's attribute; the CLI then validates it at
   * apply time.
   */
  readonly jobId: string;

  /**
   * Extra values that make Terraform wait again when they change (the wait always re-runs when
   * `kind` or `jobId` changes). Keys `kind` and `job_id` are reserved.
   *
   * The values are stored in the Terraform state in plain text: never put secrets here.
   *
   * @default - no extra triggers
   */
  readonly triggers?: Record<string, string>;
}
