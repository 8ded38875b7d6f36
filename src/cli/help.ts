import { JOB_KIND_SPECS, JOB_KINDS } from "../jobs/kinds";
import { MAX_WAIT_JOBS } from "../core/limits";
import { WAIT_ENV, WAIT_TIMINGS } from "../jobs/wait-timings";
import type { CommandName } from "./run";
import { DEBUG_VARIABLE } from "./debug";

const { timeout, notFoundGrace, minPollInterval, maxPollInterval } = WAIT_TIMINGS;

// One line per kind of the job-kind registry: name, title, Show path.
function kindLines(): string {
  return JOB_KINDS.map((kind) => {
    const spec = JOB_KIND_SPECS[kind];
    return `  ${kind.padEnd(11)} ${spec.title.padEnd(32)} GET ${spec.show.path}`;
  }).join("\n");
}

/** What each command does, one line each (the global help and each command's own). */
export const COMMAND_SUMMARIES: Readonly<Record<CommandName, string>> = {
  wait: "wait for jobs to finish; exit 0 only on a consistent success",
  get: "read one job once",
  list: "list image jobs, image sub-jobs or app-server sub-jobs",
  count: "count image sub-jobs or app-server sub-jobs",
  external: "the program of Terraform's external data source (query JSON on stdin)",
  emulator: "serve a local emulator of the job APIs",
  completion: "print a shell completion script (bash, zsh or fish)",
};

/** The exit codes, as every help prints them. */
export const EXIT_CODES_HELP = `Exit codes: 0 done/succeeded, 1 job failed, 2 usage or invalid input (nothing sent),
3 wait timed out, 4 API/authentication/network error, 130 interrupted.`;

/** Where credentials come from, as every help prints it. */
export const CREDENTIALS_HELP = `Credentials come only from the environment: HW_ACCESS_KEY + HW_SECRET_KEY
(optional HW_SECURITY_TOKEN), or HW_AUTH_TOKEN (OS_* and HUAWEICLOUD_SDK_* names too).`;

const commandLines = (Object.keys(COMMAND_SUMMARIES) as CommandName[]).map((c) => `  ${c.padEnd(10)} ${COMMAND_SUMMARIES[c]}`).join("\n");

/** `hwjobs --help`. */
export const HELP = `hwjobs - wait for and read HUAWEI CLOUD image jobs (Workspace APP and IMS)

Commands:
${commandLines}

Run "hwjobs <command> --help" (or "hwjobs help <command>") for its flags, defaults, accepted
values and an example.

Usage:
  hwjobs wait  <kind> <job-id> [<job-id> ...] [--${timeout.flag} ${timeout.default}] [--${notFoundGrace.flag} ${notFoundGrace.default}]
                               [--${minPollInterval.flag} ${minPollInterval.default}] [--${maxPollInterval.flag} ${maxPollInterval.default}]
                               [--allow-failed-sub-jobs]   a Workspace SUCCESS with FAILED/ABNORMAL
                               sub-jobs: exit 0 and a warning, not exit 1
                               [--fail-fast]   with several ids (up to ${MAX_WAIT_JOBS}, waited for at once):
                               stop at the first failure instead of waiting for every job
  hwjobs wait  <image-job|app-job> --job-type T --all-pending [--fail-fast] [timing flags]
                               every job of type T pending now (image-job: WAITING/RUNNING;
                               app-job: the parents of pending sub-jobs); none: exit 0
  hwjobs get   <kind> <job-id> [--timeout 5m]
  hwjobs list  image-jobs     --job-type T [--status S] [--offset N] [--limit N] [--all] [--concurrency 4]
  hwjobs list  image-sub-jobs --job-type T [--status S] [--job-id J] [--offset N] [--limit N] [--all]
  hwjobs list  app-sub-jobs   --job-type T [--status S] [--job-id J] [--offset N] [--limit N] [--all]
  hwjobs count image-sub-jobs [--job-type T1,T2] [--status S] [--job-id J]
  hwjobs count app-sub-jobs   [--job-type T1,T2] [--status S] [--job-id J]
  hwjobs external             Terraform external data source program (query JSON on stdin)
  hwjobs emulator [--host 127.0.0.1] [--port 8080] [--scenario NAME|FILE]
  hwjobs completion bash|zsh|fish

Kinds:
${kindLines()}

Deadline:
  --timeout D             get, list, count: the whole read, retries included, ends within D
                          (default 5m; past it, exit 4). external reads it from the query's
                          "timeout". The --timeout of wait (HWJOBS_TIMEOUT) is its own: exit 3.

Global flags:
  --region R              HW_REGION_NAME, OS_REGION_NAME
  --project-id P          HW_PROJECT_ID, OS_PROJECT_ID, HUAWEICLOUD_SDK_PROJECT_ID
  --endpoint URL          HWJOBS_ENDPOINT (every service, e.g. the emulator)
  --appstream-endpoint U  HWJOBS_APPSTREAM_ENDPOINT
  --ims-endpoint URL      HWJOBS_IMS_ENDPOINT
  -o, --output json|jsonl|table|none  result on stdout (default json; jsonl: one object a line; env ${WAIT_ENV.output})
  -q, --quiet             no progress lines (warnings, failures and errors still go to stderr)
  --debug                 a stderr line per HTTP attempt (method, URL, status, duration, attempt,
                          X-Request-Id) and retry; no other header, no body (env ${DEBUG_VARIABLE}=1)
  -h, --help, -v, --version

${CREDENTIALS_HELP}
Inside Terraform, kind, job id(s) and timings come from ${WAIT_ENV.kind}, ${WAIT_ENV.jobId} or ${WAIT_ENV.jobIds},
${timeout.env}, ${notFoundGrace.env}, ${minPollInterval.env}, ${maxPollInterval.env},
${WAIT_ENV.allowFailedSubJobs}, ${WAIT_ENV.failFast} and ${WAIT_ENV.allPending} (true or 1), ${WAIT_ENV.jobType}.
Durations: 90s, 15m, 2h, 1h30m or plain seconds.

${EXIT_CODES_HELP}
`;
