import { InvalidInputError } from "../core/errors";
import { JOB_KINDS, parseJobKind, validateJobId, type JobKindName } from "../jobs";
import type { ParsedArgs } from "./args";
import { WAIT_ENV } from "../jobs/wait-timings";

/** The job a `get` or `wait` is about. */
export interface JobTarget {
  readonly kind: JobKindName;
  readonly jobId: string;
}

/**
 * Reads `<kind> <job-id>` from the positionals, or from `HWJOBS_KIND` / `HWJOBS_JOB_ID` when
 * Terraform runs the CLI (every input travels in the environment, never through a shell).
 */
export function resolveJobTarget(args: ParsedArgs, env: Readonly<Record<string, string | undefined>>): JobTarget {
  const usage = `usage: hwjobs ${args.command} <${JOB_KINDS.join("|")}> <job-id>`;
  if (args.positionals.length > 2) {
    throw new InvalidInputError("arguments", `unexpected argument ${JSON.stringify(args.positionals[2])}; ${usage}`);
  }
  const [kindArg, idArg] = args.positionals;
  const kindText = kindArg ?? env[WAIT_ENV.kind];
  if (kindText === undefined || kindText === "") {
    throw new InvalidInputError("kind", `kind: missing; ${usage} (or set ${WAIT_ENV.kind} and ${WAIT_ENV.jobId})`);
  }
  const kind = parseJobKind(kindText, kindArg === undefined ? WAIT_ENV.kind : "kind");
  const idText = idArg ?? env[WAIT_ENV.jobId];
  const idField = idArg === undefined ? WAIT_ENV.jobId : "job-id";
  if (idText === undefined) {
    throw new InvalidInputError("job-id", `job-id: missing; ${usage} (or set ${WAIT_ENV.jobId})`);
  }
  return { kind, jobId: validateJobId(kind, idText, idField) };
}
