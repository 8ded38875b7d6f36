import { formatDuration, parseDuration } from "../core/duration";
import { InvalidInputError } from "../core/errors";
import { WAIT_ENV, WAIT_TIMINGS, type WaitTiming, type WaitTimingProp } from "../jobs/wait-timings";
import type { Flags } from "./args";
import { resolveSwitch } from "./env-switch";
import { gatherInputs } from "./gather-inputs";
import { insideTerraform } from "./inside-terraform";
import { parseOutputFormat, type OutputFormat } from "./output";

type Env = Readonly<Record<string, string | undefined>>;

/** The wait timings in milliseconds, by the option names of `waitForJob`. */
export type Timings = Record<WaitTiming["option"], number>;

/** How `hwjobs wait` runs, from its flags, else the variables WaitForJob and WaitForJobs set. */
export interface WaitSettings {
  readonly timings: Timings;
  /** The timeout, normalised (`5` → `5s`, `90m` → `1h30m`), for the first line. */
  readonly timeout: string;
  readonly allowFailedSubJobs: boolean;
  readonly failFast: boolean;
  readonly allPending: boolean;
  readonly format: OutputFormat;
  /** `--quiet`: no progress lines (warnings, failures and errors still). */
  readonly quiet: boolean;
}

/**
 * Reads every setting of a wait before anything is sent, all of them even when some are wrong.
 * @throws InvalidInputError naming the flag or variable, or InvalidInputsError with every problem
 */
export function resolveWaitSettings(flags: Flags, env: Env): WaitSettings {
  const [timings, allowFailedSubJobs, failFast, allPending, format] = gatherInputs(
    () => resolveTimings(flags, env),
    () => resolveSwitch(flags["allow-failed-sub-jobs"], WAIT_ENV.allowFailedSubJobs, env, "allow", "failed sub-jobs fail the wait"),
    () => resolveSwitch(flags["fail-fast"], WAIT_ENV.failFast, env, "stop at the first failure", "every job is waited for"),
    () => resolveAllPending(flags, env),
    () => parseOutputFormat(flags.output, env),
  );
  return {
    timings,
    timeout: formatDuration(timings[WAIT_TIMINGS.timeout.option]),
    allowFailedSubJobs,
    failFast,
    allPending,
    format,
    quiet: flags.quiet === true,
  };
}

/**
 * `--all-pending`, else `HWJOBS_ALL_PENDING`: wait for every pending job of a type, not for ids.
 * @throws InvalidInputError for a variable that is neither empty, `true` nor `1`
 */
export function resolveAllPending(flags: Flags, env: Env): boolean {
  return resolveSwitch(flags["all-pending"], WAIT_ENV.allPending, env, "wait for every pending job", "wait for the ids given");
}

/** Wait timings (jobs/wait-timings.ts): the flag, else the `HWJOBS_*` variable Terraform sets, else the default. */
function resolveTimings(flags: Flags, env: Env): Timings {
  const props = Object.keys(WAIT_TIMINGS) as WaitTimingProp[];
  const values = gatherInputs(
    ...props.map((prop) => () => {
      const t: (typeof WAIT_TIMINGS)[WaitTimingProp] = WAIT_TIMINGS[prop];
      const flagValue = flags[t.flag];
      const envValue = env[t.env];
      const [text, field] =
        flagValue !== undefined ? [flagValue, `--${t.flag}`] : envValue ? [envValue, t.env] : [t.default, `--${t.flag}`];
      try {
        return parseDuration(text, field, { allowZero: t.allowZero });
      } catch (error) {
        // Inside Terraform the variable is the wait construct's prop (an unresolved value at synth).
        if (!(error instanceof InvalidInputError) || field !== t.env || !insideTerraform(env)) throw error;
        throw new InvalidInputError(field, `${error.message} (the construct's ${prop} prop)`);
      }
    }),
  );
  const timings = Object.fromEntries(props.map((prop, i) => [WAIT_TIMINGS[prop].option, values[i]!])) as Timings;
  if (timings.minDelayMs > timings.maxDelayMs) {
    throw new InvalidInputError("--min-poll-interval", "--min-poll-interval: must not exceed --max-poll-interval");
  }
  return timings;
}
