import { WAIT_ENV } from "../jobs/wait-timings";

/**
 * Whether this run is WaitForJob's or WaitForJobs' `local-exec`: both set `HWJOBS_KIND`
 * (constructs/wait-for-job.ts, constructs/wait-for-jobs.ts). Such a run has no terminal to redraw and no flags a person could
 * pass, so it prints plain lines and names construct props instead of flags.
 */
export function insideTerraform(env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(env[WAIT_ENV.kind]);
}
