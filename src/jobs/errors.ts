import { formatDuration } from "../core/duration";
import { HwJobsError, type ApiError } from "../core/errors";
import { ExitCode } from "../core/exit-codes";
import { oneLine } from "../core/sanitize";
import type { JobKindName, JobRef } from "./kinds";
import { classifyJobStatus } from "./phase";
import type { JobSnapshot } from "./snapshot";
import { subJobProgress } from "./sub-job-progress";

// A job with hundreds of failed sub-jobs must still give a readable one-line message.

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

/**
 * `sub-job <id> <status>: <code> <message>` for each failed sub-job, every one of them: the
 * failure message must show each sub-job's own error (docs/architecture.md §5), however long the line gets.
 */
export function describeFailedSubJobs(snapshot: JobSnapshot): string[] {
  return snapshot.subJobs
    .filter((sub) => sub.phase === "failed")
    .map((sub) => `sub-job ${oneLine(sub.id) || "(no id)"} ${oneLine(sub.status)}${describeError(sub.errorCode, sub.errorMessage)}`);
}

function describeFailure(snapshot: JobSnapshot): string {
  const progress = subJobProgress(snapshot);
  // A SUCCESS failed only by its sub-jobs (docs/architecture.md §5): its error fields are the first failed
  // sub-job's, listed next, so the head says why a SUCCESS counts as failed instead.
  const head =
    classifyJobStatus(snapshot.kind, snapshot.status).phase === "succeeded"
      ? `${nameOf(snapshot, undefined)} ended ${oneLine(snapshot.status)} but ${progress.failed} of ${progress.total} sub-jobs failed`
      : `${nameOf(snapshot, undefined)} ended ${oneLine(snapshot.status)}${describeError(snapshot.errorCode, snapshot.errorMessage)}`;
  const parts = [head, ...describeFailedSubJobs(snapshot)];
  if (snapshot.errorCode === "" && snapshot.errorMessage === "" && progress.failed === 0) {
    parts.push("the service gave no error code or message");
  }
  return parts.join("; ");
}

/**
 * A Show answer described another job than the one asked for: a misrouted request, a caching
 * proxy or a service fault. Its status belongs to that other job, so it never counts as any
 * status of this one, and waiting cannot make such an answer trustworthy (exit 4).
 */
export class JobMismatchError extends HwJobsError {
  readonly exitCode = ExitCode.API;

  /**
   * @param kind the kind of job asked for
   * @param requestedId the id asked for
   * @param answeredId the id the answer carries
   * @param field where the answer carries it, e.g. `job_id` or `sub_jobs[0].job_id`
   */
  constructor(
    readonly kind: JobKindName,
    readonly requestedId: string,
    readonly answeredId: string,
    readonly field: string,
  ) {
    super(
      `${kind} ${oneLine(requestedId)}: the API answered for another job (${field} ${JSON.stringify(answeredId)}), which is never taken as this job's status`,
    );
  }
}

/** What {@link JobNotFoundError} knows about the job that stayed missing. */
export interface JobNotFoundDetails {
  /** The 404 that ended the wait. */
  readonly error: ApiError;
  readonly graceMs: number;
  readonly elapsedMs: number;
  readonly target?: JobRef;
  /** Set when the job had been seen before it went missing. */
  readonly lastSnapshot?: JobSnapshot;
}

/** The job answered 404 past the not-found grace (exit 4, as the 404 itself). */
export class JobNotFoundError extends HwJobsError {
  readonly exitCode = ExitCode.API;
  readonly error: ApiError;
  readonly graceMs: number;
  readonly elapsedMs: number;
  readonly target?: JobRef;
  readonly lastSnapshot?: JobSnapshot;

  constructor(details: JobNotFoundDetails) {
    super(describeNotFound(details), { cause: details.error });
    this.error = details.error;
    this.graceMs = details.graceMs;
    this.elapsedMs = details.elapsedMs;
    this.target = details.target;
    this.lastSnapshot = details.lastSnapshot;
  }
}

function describeNotFound({ error, graceMs, target, lastSnapshot }: JobNotFoundDetails): string {
  const name = nameOf(lastSnapshot, target);
  const grace = graceMs > 0 ? `the ${formatDuration(graceMs)} not-found grace` : "the not-found grace (0s)";
  // A job seen before and now missing was deleted or misrouted, not slow to appear.
  const what = lastSnapshot
    ? `${name} was not found any more past ${grace} (last status ${describeStatus(lastSnapshot)})`
    : `${name} was not found within ${grace}`;
  return `${what}; ${oneLine(error.message)}`;
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
