import { formatDuration } from "../core/duration";
import { HwJobsError } from "../core/errors";
import { ExitCode } from "../core/exit-codes";
import type { JobRef } from "./kinds";
import { subJobProgress, type JobSnapshot } from "./snapshot";

// A job with hundreds of failed sub-jobs must still give a readable one-line message.
const MAX_LISTED_SUB_JOBS = 5;

/** Makes service-supplied text safe for a one-line message: no newlines or terminal escapes. */
function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f\s]+/g, " ").trim();
}

function describeError(code: string, message: string): string {
  const parts = [oneLine(code), oneLine(message)].filter((part) => part !== "");
  return parts.length > 0 ? `: ${parts.join(" ")}` : "";
}

function nameOf(snapshot: JobSnapshot | undefined, target: JobRef | undefined): string {
  const ref = snapshot ?? target;
  return ref ? `${ref.kind} ${oneLine(ref.jobId)}` : "the job";
}

/** `RUNNING (2/3 sub-jobs succeeded, 1 failed)`, or just the status for a job without sub-jobs. */
export function describeStatus(snapshot: JobSnapshot): string {
  const progress = subJobProgress(snapshot);
  if (progress.total === 0) return oneLine(snapshot.status);
  const failed = progress.failed > 0 ? `, ${progress.failed} failed` : "";
  return `${oneLine(snapshot.status)} (${progress.succeeded}/${progress.total} sub-jobs succeeded${failed})`;
}

/**
 * The job ended unsuccessfully. The message is one line naming the job, its status, its error
 * code and message, and each failed sub-job's id, status, code and message.
 */
export class JobFailedError extends HwJobsError {
  readonly exitCode = ExitCode.JOB_FAILED;

  constructor(readonly snapshot: JobSnapshot) {
    super(describeFailure(snapshot));
  }
}

function describeFailure(snapshot: JobSnapshot): string {
  const failed = snapshot.subJobs.filter((sub) => sub.phase === "failed");
  const parts = [`${nameOf(snapshot, undefined)} ended ${oneLine(snapshot.status)}${describeError(snapshot.errorCode, snapshot.errorMessage)}`];
  for (const sub of failed.slice(0, MAX_LISTED_SUB_JOBS)) {
    parts.push(`sub-job ${oneLine(sub.id) || "(no id)"} ${oneLine(sub.status)}${describeError(sub.errorCode, sub.errorMessage)}`);
  }
  if (failed.length > MAX_LISTED_SUB_JOBS) parts.push(`${failed.length - MAX_LISTED_SUB_JOBS} more failed sub-jobs`);
  if (snapshot.errorCode === "" && snapshot.errorMessage === "" && failed.length === 0) {
    parts.push("the service gave no error code or message");
  }
  return parts.join("; ");
}

/** What {@link WaitTimeoutError} knows about the wait that ran out. */
export interface WaitTimeoutDetails {
  readonly timeoutMs: number;
  /** Names the job in the message when no snapshot was ever received. */
  readonly target?: JobRef;
  readonly lastSnapshot?: JobSnapshot;
  /** The error of the last poll, when it failed (cleared by a later successful poll). */
  readonly lastError?: Error;
  /**
   * Set when the deadline cut off a poll still in progress, so a message with no status received
   * says why (a hanging or very slow API) instead of leaving the user to guess.
   */
  readonly pollCutOff?: boolean;
}

/** The job did not finish within the timeout. */
export class WaitTimeoutError extends HwJobsError {
  readonly exitCode = ExitCode.TIMEOUT;
  readonly timeoutMs: number;
  readonly target?: JobRef;
  readonly lastSnapshot?: JobSnapshot;
  readonly lastError?: Error;
  /** The deadline cut off a poll still in progress. */
  readonly pollCutOff: boolean;

  constructor(details: WaitTimeoutDetails) {
    super(describeTimeout(details), { cause: details.lastError });
    this.timeoutMs = details.timeoutMs;
    this.target = details.target;
    this.lastSnapshot = details.lastSnapshot;
    this.lastError = details.lastError;
    this.pollCutOff = details.pollCutOff ?? false;
  }
}

function describeTimeout({ timeoutMs, target, lastSnapshot, lastError, pollCutOff }: WaitTimeoutDetails): string {
  const seen = lastSnapshot ? `last status ${describeStatus(lastSnapshot)}` : "no status received";
  const error = lastError ? `; last error: ${oneLine(lastError.message)}` : "";
  const cutOff = pollCutOff ? "; the last poll was still in progress" : "";
  return `timed out after ${formatDuration(timeoutMs)} waiting for ${nameOf(lastSnapshot, target)}; ${seen}${error}${cutOff}`;
}

/** What {@link WaitAbortedError} knows about the interrupted wait. */
export interface WaitAbortedDetails {
  readonly elapsedMs: number;
  readonly target?: JobRef;
  readonly lastSnapshot?: JobSnapshot;
  /** The signal's reason. */
  readonly cause?: unknown;
}

/** The wait was cancelled through its abort signal (SIGINT/SIGTERM in the CLI). */
export class WaitAbortedError extends HwJobsError {
  readonly exitCode = ExitCode.INTERRUPTED;
  readonly elapsedMs: number;
  readonly target?: JobRef;
  readonly lastSnapshot?: JobSnapshot;

  constructor(details: WaitAbortedDetails) {
    const seen = details.lastSnapshot ? `; last status ${describeStatus(details.lastSnapshot)}` : "";
    super(`wait for ${nameOf(details.lastSnapshot, details.target)} interrupted after ${formatDuration(details.elapsedMs)}${seen}`, {
      cause: details.cause,
    });
    this.elapsedMs = details.elapsedMs;
    this.target = details.target;
    this.lastSnapshot = details.lastSnapshot;
  }
}
