import { parseDuration } from "../../core/duration";
import { InvalidInputError } from "../../core/errors";
import { ExitCode, type ExitCodeValue } from "../../core/exit-codes";
import {
  classifyJobStatus,
  JobFailedError,
  jobPoller,
  WAIT_ENV,
  WAIT_TIMINGS,
  waitForJob,
  type WaitTiming,
  type WaitTimingProp,
} from "../../jobs";
import type { Flags, ParsedArgs } from "../args";
import { createClient } from "../client-factory";
import { jobEndpoint } from "../deadline";
import type { CliIo } from "../io";
import { resolveJobTarget } from "../job-target";
import { describeWaitEvent, progressLine } from "../progress";
import { jobResult, parseOutputFormat, renderJobResult } from "../output";

type Env = Readonly<Record<string, string | undefined>>;

type Timings = Record<WaitTiming["option"], number>;

/** Wait timings (jobs/wait-timings.ts): the flag, else the `HWJOBS_*` variable Terraform sets, else the default. */
function resolveTimings(flags: Flags, env: Env): Timings {
  const entries = (Object.keys(WAIT_TIMINGS) as WaitTimingProp[]).map((prop) => {
    const t: (typeof WAIT_TIMINGS)[WaitTimingProp] = WAIT_TIMINGS[prop];
    const flagValue = flags[t.flag];
    const envValue = env[t.env];
    const [text, field] = flagValue !== undefined ? [flagValue, `--${t.flag}`] : envValue ? [envValue, t.env] : [t.default, `--${t.flag}`];
    return [t.option, parseDuration(text, field, { allowZero: t.allowZero })] as const;
  });
  const timings = Object.fromEntries(entries) as Timings;
  if (timings.minDelayMs > timings.maxDelayMs) {
    throw new InvalidInputError("--min-poll-interval", "--min-poll-interval: must not exceed --max-poll-interval");
  }
  return timings;
}

/** The variable WaitForJob sets for `allowFailedSubJobs`. */
const ALLOW_FAILED_SUB_JOBS_ENV = WAIT_ENV.allowFailedSubJobs;

/**
 * `--allow-failed-sub-jobs`, else `HWJOBS_ALLOW_FAILED_SUB_JOBS`: `true` or `1` allow, empty or
 * unset do not. Anything else is refused rather than read as false, so a `yes` or `TRUE` meant to
 * allow cannot silently fail the apply, nor a `false` be mistaken for a setting that exists.
 */
function resolveAllowFailedSubJobs(flags: Flags, env: Env): boolean {
  if (flags["allow-failed-sub-jobs"]) return true;
  const value = env[ALLOW_FAILED_SUB_JOBS_ENV];
  if (value === undefined || value === "") return false;
  if (value === "true" || value === "1") return true;
  throw new InvalidInputError(
    ALLOW_FAILED_SUB_JOBS_ENV,
    `${ALLOW_FAILED_SUB_JOBS_ENV}: ${JSON.stringify(value)} is not accepted; accepted: true or 1 (allow), or empty (the default: failed sub-jobs fail the wait)`,
  );
}

/**
 * `hwjobs wait <kind> <job-id>`: polls until the job ends. Exit 0 when it succeeded, 1 when it
 * failed (its error on stderr), 3 on timeout, 4 on API errors, 130 when interrupted.
 */
export async function runWait(args: ParsedArgs, io: CliIo): Promise<ExitCodeValue> {
  const target = resolveJobTarget(args, io.env);
  const timings = resolveTimings(args.flags, io.env);
  const allowFailedSubJobs = resolveAllowFailedSubJobs(args.flags, io.env);
  const format = parseOutputFormat(args.flags.output, io.env);
  const client = createClient(args.flags, io);
  const say = (text: string) => io.stderr(progressLine(text));
  say(
    `waiting for ${target.kind} ${target.jobId} (timeout ${args.flags.timeout ?? (io.env[WAIT_TIMINGS.timeout.env] || WAIT_TIMINGS.timeout.default)}) at ${jobEndpoint(client, target.kind)}`,
  );
  try {
    const snapshot = await waitForJob(jobPoller(client, target.kind, target.jobId, { allowFailedSubJobs }), {
      ...timings,
      target,
      signal: io.signal,
      onEvent: (event) => say(describeWaitEvent(event)),
    });
    const resources = snapshot.resourceIds.length > 0 ? `; resource ${snapshot.resourceIds.join(", ")}` : "";
    say(`${target.kind} ${target.jobId} succeeded${resources}`);
    io.stdout(renderJobResult(jobResult(snapshot), format));
    return ExitCode.OK;
  } catch (error) {
    // A failed job's result still goes to stdout, so scripts can read its error fields.
    if (error instanceof JobFailedError) {
      io.stdout(renderJobResult(jobResult(error.snapshot), format));
      // Failed by its sub-jobs alone: say how to accept that, since the status says SUCCESS.
      if (classifyJobStatus(error.snapshot.kind, error.snapshot.status).phase === "succeeded") {
        say(
          `a ${error.snapshot.status} with failed sub-jobs counts as failed; --allow-failed-sub-jobs (or ${ALLOW_FAILED_SUB_JOBS_ENV}=true) accepts it with a warning`,
        );
      }
    }
    throw error;
  } finally {
    await client.close();
  }
}
