/** Process exit codes of `hwjobs` (docs/architecture.md §5). */
export const ExitCode = {
  /** Done, or the job succeeded. */
  OK: 0,
  /** The job ended unsuccessfully. */
  JOB_FAILED: 1,
  /** Usage, configuration or invalid input; no request was sent. */
  USAGE: 2,
  /** The wait timed out. */
  TIMEOUT: 3,
  /** API, authentication or network error, after retries. */
  API: 4,
  /** Interrupted by SIGINT or SIGTERM. */
  INTERRUPTED: 130,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
