import { HwJobsError } from "../core/errors";
import { ExitCode, type ExitCodeValue } from "../core/exit-codes";
import { oneLine } from "../core/sanitize";
import { JobFailedError, JobNotFoundError, WaitAbortedError, WaitTimeoutError } from "./errors";
import type { WaitEvent } from "./events";
import type { JobRef } from "./kinds";
import type { JobSnapshot } from "./snapshot";
import { WAIT_DEFAULTS, waitForJob, type PollJob, type WaitOptions } from "./waiter";

export { MAX_WAIT_JOBS } from "../core/limits";

/**
 * Polls a second that the jobs of one {@link waitForJobs} send together at most while each is at
 * its floor: the services' throttles are UNCONFIRMED, some documented at 200 a minute
 * (docs/reference/huawei-api.md, section 6), and a young job is polled every `minDelayMs`.
 */
export const WAIT_MANY_POLLS_PER_SECOND = 2;

/**
 * The floor of each job's delay when `jobCount` jobs are waited for together: `minDelayMs`, or
 * longer when so many jobs would together poll more than {@link WAIT_MANY_POLLS_PER_SECOND}
 * times a second at it; never above `maxDelayMs`. Settings that are invalid are left as they are,
 * for `waitForJob` to reject.
 */
export function sharedFloorMs(jobCount: number, minDelayMs: number, maxDelayMs: number): number {
  if (!(minDelayMs <= maxDelayMs)) return minDelayMs;
  return Math.min(maxDelayMs, Math.max(minDelayMs, (jobCount * 1000) / WAIT_MANY_POLLS_PER_SECOND));
}

/** One job of a {@link waitForJobs}: what it is and how to read it. */
export interface JobToWaitFor {
  readonly ref: JobRef;
  readonly poll: PollJob;
}

/** How one job of a {@link waitForJobs} ended. */
export type WaitOutcome =
  | { readonly ref: JobRef; readonly state: "succeeded"; readonly snapshot: JobSnapshot }
  /** It failed: `error` names its code and message and each failed sub-job. */
  | { readonly ref: JobRef; readonly state: "failed"; readonly snapshot: JobSnapshot; readonly error: JobFailedError }
  /** Still pending at the timeout. */
  | { readonly ref: JobRef; readonly state: "timed-out"; readonly snapshot?: JobSnapshot; readonly error: WaitTimeoutError }
  /** Not waited for to the end: `--fail-fast` stopped it after another job failed. */
  | { readonly ref: JobRef; readonly state: "stopped"; readonly snapshot?: JobSnapshot }
  /** An API, network or consistency error ended its wait (exit 4), or the wait was interrupted. */
  | { readonly ref: JobRef; readonly state: "error"; readonly snapshot?: JobSnapshot; readonly error: HwJobsError };

/** Options of {@link waitForJobs}: those of `waitForJob`, shared by every job, and `failFast`. */
export interface WaitManyOptions extends Omit<WaitOptions, "target" | "onEvent" | "onSleep"> {
  /** Stop waiting for the others at the first failure. @default false */
  readonly failFast?: boolean;
  /** Receives each job's progress; must not throw. */
  readonly onEvent?: (ref: JobRef, event: WaitEvent) => void;
  /** Told each job's delay before its next poll; must not throw. */
  readonly onSleep?: (ref: JobRef, delayMs: number) => void;
  /** Called once per job as it ends, in the order they end; must not throw. */
  readonly onOutcome?: (outcome: WaitOutcome) => void;
}

/**
 * Waits for several jobs at once, each on its own poll schedule and all within one timeout (the
 * deadline is the same for every job, since they start together), by default until every one has
 * ended so that one run reports every outcome. With many jobs each one's floor is raised
 * ({@link sharedFloorMs}) so that together they do not poll faster than the services allow.
 * @returns every outcome, in the order of `jobs`; judge them with {@link checkOutcomes}
 * @throws InvalidInputError for invalid options, before any poll
 */
export async function waitForJobs(jobs: readonly JobToWaitFor[], options: WaitManyOptions): Promise<WaitOutcome[]> {
  const { failFast = false, onEvent, onSleep, onOutcome, signal, ...timings } = options;
  const minDelayMs = timings.minDelayMs ?? WAIT_DEFAULTS.minDelayMs;
  const maxDelayMs = timings.maxDelayMs ?? WAIT_DEFAULTS.maxDelayMs;
  const shared = { ...timings, minDelayMs: sharedFloorMs(jobs.length, minDelayMs, maxDelayMs), maxDelayMs };
  // Stops the others once one failed (with failFast); the user's signal still interrupts them all.
  const stop = new AbortController();
  const combined = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  const one = async ({ ref, poll }: JobToWaitFor): Promise<WaitOutcome> => {
    let outcome: WaitOutcome;
    try {
      outcome = await settle(ref, () =>
        waitForJob(poll, {
          ...shared,
          signal: combined,
          target: ref,
          onEvent: onEvent && ((event) => onEvent(ref, event)),
          onSleep: onSleep && ((delayMs) => onSleep(ref, delayMs)),
        }),
      );
    } catch (error) {
      // An error of no known kind ends the whole wait: the others must not poll on unobserved.
      stop.abort(error);
      throw error;
    }
    const stopped = outcome.state === "error" && outcome.error instanceof WaitAbortedError && stop.signal.aborted && !signal?.aborted;
    const final: WaitOutcome = stopped ? { ref, state: "stopped", snapshot: outcome.snapshot } : outcome;
    onOutcome?.(final);
    if (failFast && final.state === "failed") stop.abort(new Error(`${ref.kind} ${ref.jobId} failed`));
    return final;
  };
  return Promise.all(jobs.map(one));
}

async function settle(ref: JobRef, wait: () => Promise<JobSnapshot>): Promise<WaitOutcome> {
  try {
    return { ref, state: "succeeded", snapshot: await wait() };
  } catch (error) {
    if (error instanceof JobFailedError) return { ref, state: "failed", snapshot: error.snapshot, error };
    if (error instanceof WaitTimeoutError) return { ref, state: "timed-out", snapshot: error.lastSnapshot, error };
    if (error instanceof WaitAbortedError || error instanceof JobNotFoundError)
      return { ref, state: "error", snapshot: error.lastSnapshot, error };
    if (error instanceof HwJobsError) return { ref, state: "error", error };
    // A bug, or an error of no kind this library knows: it must not pass as any job's outcome.
    throw error;
  }
}

/**
 * The verdict of several outcomes: nothing when every job succeeded, else a {@link JobsWaitError}
 * whose exit code is the most telling of them: 130 when interrupted, 1 when any job failed, 4 for
 * API errors, 3 when some were still pending at the timeout.
 */
export function checkOutcomes(outcomes: readonly WaitOutcome[]): JobsWaitError | undefined {
  if (outcomes.every((o) => o.state === "succeeded")) return undefined;
  return new JobsWaitError(outcomes);
}

const name = (ref: JobRef) => `${ref.kind} ${oneLine(ref.jobId)}`;

function exitCodeOf(outcomes: readonly WaitOutcome[]): ExitCodeValue {
  const errors = outcomes.flatMap((o) => (o.state === "error" ? [o.error] : []));
  if (errors.some((e) => e instanceof WaitAbortedError)) return ExitCode.INTERRUPTED;
  if (outcomes.some((o) => o.state === "failed")) return ExitCode.JOB_FAILED;
  if (errors.length > 0) return ExitCode.API;
  return ExitCode.TIMEOUT;
}

/** Several jobs did not all succeed; the message counts them and names those that did not. */
export class JobsWaitError extends HwJobsError {
  readonly exitCode: ExitCodeValue;

  constructor(readonly outcomes: readonly WaitOutcome[]) {
    const by = (state: WaitOutcome["state"]) => outcomes.filter((o) => o.state === state).map((o) => name(o.ref));
    const parts = [
      [by("failed"), "failed"],
      [by("error"), "ended in an error"],
      [by("timed-out"), "still pending at the timeout"],
      [by("stopped"), "not waited for after the first failure (--fail-fast)"],
    ] as const;
    const said = parts.filter(([names]) => names.length > 0).map(([names, what]) => `${names.length} ${what} (${names.join(", ")})`);
    super(
      `${outcomes.length - outcomes.filter((o) => o.state !== "succeeded").length} of ${outcomes.length} jobs succeeded; ${said.join("; ")}`,
    );
    this.exitCode = exitCodeOf(outcomes);
  }
}
