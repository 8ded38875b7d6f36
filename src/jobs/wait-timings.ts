import { parseDuration } from "../core/duration";

// The timings of a wait, defined once: the waiter's defaults (waiter.ts), the CLI's flags and the
// variables it reads (cli/commands/wait.ts, cli/help.ts), the WaitForJob props and the
// environment it writes (constructs/wait-for-job.ts) all derive from this table, and tests hold
// the props' `@default` docs and the README's table to it. PURE (imports only core/duration.ts),
// so constructs/ may import it.

/** One timing of a wait, as each layer spells it. */
export interface WaitTiming {
  /** The `hwjobs wait` flag, without `--`. */
  readonly flag: string;
  /** The variable WaitForJob sets for it, and the CLI reads when the flag is absent. */
  readonly env: string;
  /** The {@link waitForJob} option, in milliseconds. */
  readonly option: "timeoutMs" | "notFoundGraceMs" | "minDelayMs" | "maxDelayMs";
  /** The default, as a duration. */
  readonly default: string;
  /** Whether `0` is meaningful: no grace is (a 404 ends the wait at once); no timeout or interval is not. */
  readonly allowZero: boolean;
}

/** The wait timings, keyed by their WaitForJob prop. */
export const WAIT_TIMINGS = {
  timeout: { flag: "timeout", env: "HWJOBS_TIMEOUT", option: "timeoutMs", default: "60m", allowZero: false },
  notFoundGrace: { flag: "not-found-grace", env: "HWJOBS_NOT_FOUND_GRACE", option: "notFoundGraceMs", default: "60s", allowZero: true },
  minPollInterval: { flag: "min-poll-interval", env: "HWJOBS_MIN_POLL_INTERVAL", option: "minDelayMs", default: "3s", allowZero: false },
  maxPollInterval: { flag: "max-poll-interval", env: "HWJOBS_MAX_POLL_INTERVAL", option: "maxDelayMs", default: "2m", allowZero: false },
} as const satisfies Record<string, WaitTiming>;

/** A WaitForJob prop of {@link WAIT_TIMINGS}. */
export type WaitTimingProp = keyof typeof WAIT_TIMINGS;

/** The default of `prop`, in milliseconds. */
export function defaultWaitMs(prop: WaitTimingProp): number {
  return parseDuration(WAIT_TIMINGS[prop].default, prop);
}

/**
 * The other variables WaitForJob writes for `hwjobs wait` (constructs/wait-for-job.ts), which
 * the CLI reads when the arguments and flags are absent (cli/job-target.ts, cli/output.ts,
 * cli/commands/wait.ts). Kept here, beside the timings, so both sides spell them once.
 */
export const WAIT_ENV = {
  /** The job kind, when `<kind>` is not given. */
  kind: "HWJOBS_KIND",
  /** The job id, when `<job-id>` is not given. */
  jobId: "HWJOBS_JOB_ID",
  /** The output format, when `--output` is not given (WaitForJob sets `none`). */
  output: "HWJOBS_OUTPUT",
  /** `true` or `1` when `--allow-failed-sub-jobs` is not given (WaitForJob sets `true` when asked). */
  allowFailedSubJobs: "HWJOBS_ALLOW_FAILED_SUB_JOBS",
  /** The job ids as a JSON array of strings, when no `<job-id>` is given (WaitForJobs). */
  jobIds: "HWJOBS_JOB_IDS",
  /** The job type of `--all-pending`, when `--job-type` is not given (WaitForJobs). */
  jobType: "HWJOBS_JOB_TYPE",
  /** `true` or `1` when `--all-pending` is not given (WaitForJobs with `allPending`). */
  allPending: "HWJOBS_ALL_PENDING",
  /** `true` or `1` when `--fail-fast` is not given (WaitForJobs with `failFast`). */
  failFast: "HWJOBS_FAIL_FAST",
} as const;
