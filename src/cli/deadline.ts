import { untilAborted } from "../core/abort";
import type { HwClient } from "../core/client";
import { DeadlineExceededError } from "../core/deadline-error";
import { parseDuration } from "../core/duration";
import { HwJobsError } from "../core/errors";
import { timeoutSignal } from "../core/sleep";
import { JOB_KIND_SPECS, type JobKindName } from "../jobs/kinds";

/** Default overall deadline of `get`, `list`, `count` and `external` (`wait` has its own timeout). */
export const DEFAULT_COMMAND_TIMEOUT = "5m";

/** The overall deadline of one command run. */
export interface CommandDeadline {
  readonly ms: number;
  /** The flag or query key that set it, named in messages: `--timeout` or `timeout`. */
  readonly field: string;
}

/** What a deadline bounds, for its message. */
export interface DeadlineScope {
  /** The command and what it reads, e.g. `get app-job 123`. */
  readonly operation: string;
  /** Where its requests go. */
  readonly endpoint: string;
}

/**
 * Reads a command's deadline from the flag's or query key's value; absent means
 * {@link DEFAULT_COMMAND_TIMEOUT}.
 * @throws InvalidInputError naming `field`, before any request
 */
export function parseCommandDeadline(text: string | undefined, field: string): CommandDeadline {
  return { ms: parseDuration(text ?? DEFAULT_COMMAND_TIMEOUT, field), field };
}

/** The endpoint a job of `kind` is read from: its Show operation's service, in the job-kind registry. */
export function jobEndpoint(client: HwClient, kind: JobKindName): string {
  return client.config.endpoints[JOB_KIND_SPECS[kind].show.service];
}

/**
 * Runs `work` with a signal that aborts on `cancel` (SIGINT/SIGTERM) or when the deadline passes,
 * whichever comes first; `work` passes it to every request and retry sleep, so connecting, a
 * stalled or dribbling body and backoff all end there. It settles at the abort even if `work`
 * does not, and its timer keeps the process alive meanwhile (a stalled promise must never let the
 * process exit quietly with 0).
 * @throws DeadlineExceededError (exit 4) when the deadline cut `work` off
 * @throws whatever `work` throws otherwise, including the abort on `cancel` (reported as exit 130)
 */
export async function withDeadline<T>(
  deadline: CommandDeadline,
  scope: DeadlineScope,
  cancel: AbortSignal,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const finished = new AbortController();
  const expired = timeoutSignal(deadline.ms, finished.signal);
  const signal = AbortSignal.any([cancel, expired]);
  try {
    return await untilAborted(work(signal), signal);
  } catch (error) {
    // An error of this library thrown before the deadline is the real answer; anything else after
    // it (an AbortError, a TimeoutError) is the deadline's doing.
    if (expired.aborted && !cancel.aborted && !(error instanceof HwJobsError)) {
      throw new DeadlineExceededError(
        { operation: scope.operation, deadlineMs: deadline.ms, endpoint: scope.endpoint, field: deadline.field },
        { cause: error },
      );
    }
    throw error;
  } finally {
    finished.abort();
  }
}
