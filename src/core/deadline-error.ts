import { formatDuration } from "./duration";
import { HwJobsError } from "./errors";
import { ExitCode } from "./exit-codes";

/** What a {@link DeadlineExceededError} reports. */
export interface DeadlineDetails {
  /** The command and what it read, e.g. `get ims-job 123` or `external list-image-jobs`. */
  readonly operation: string;
  /** The deadline that passed, in milliseconds. */
  readonly deadlineMs: number;
  /** The endpoint the requests went to, e.g. `https://ims.cn-north-4.myhuaweicloud.com`. */
  readonly endpoint: string;
  /** The flag or query key that sets the deadline, e.g. `--timeout` or `timeout`. */
  readonly field: string;
}

/**
 * A command's overall deadline passed before it had an answer: the server stalled, dribbled its
 * body, or kept failing until retries and their sleeps ran out of time. An API/network error
 * (exit 4), not a wait timeout (exit 3): the command reads once, it does not wait for a job.
 */
export class DeadlineExceededError extends HwJobsError implements DeadlineDetails {
  readonly exitCode = ExitCode.API;
  readonly operation: string;
  readonly deadlineMs: number;
  readonly endpoint: string;
  readonly field: string;

  constructor(details: DeadlineDetails, options?: { cause?: unknown }) {
    super(
      `${details.operation}: no answer within the ${formatDuration(details.deadlineMs)} deadline from ${details.endpoint} (${details.field})`,
      options,
    );
    this.operation = details.operation;
    this.deadlineMs = details.deadlineMs;
    this.endpoint = details.endpoint;
    this.field = details.field;
  }
}
