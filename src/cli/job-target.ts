import { InvalidInputError } from "../core/errors";
import { JOB_KINDS, parseJobKind, validateJobId, type JobKindName } from "../jobs/kinds";
import { parsePendingSelection, selectableKinds, type PendingSelection } from "../jobs/select-pending";
import { MAX_WAIT_JOBS } from "../jobs/wait-many";
import { flagLabel } from "./query-flags";

type Env = Readonly<Record<string, string | undefined>>;
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
  if (args.positionals.length > 2) {
    throw new InvalidInputError("arguments", `unexpected argument ${JSON.stringify(args.positionals[2])}; ${usageOf(args)}`);
  }
  return resolveOne(args, env);
}

/** What a `wait` is about: one kind, and distinct ids in the order given or a selector. */
export type WaitRequest =
  | {
      readonly by: "ids";
      readonly kind: JobKindName;
      readonly jobIds: readonly string[];
      /** Ids given more than once (each is waited for once). */
      readonly duplicates: readonly string[];
    }
  | { readonly by: "selector"; readonly kind: JobKindName; readonly selection: PendingSelection };

/**
 * Reads `<kind> <job-id> [<job-id> ...]` of `hwjobs wait` (else `HWJOBS_KIND` with `HWJOBS_JOB_ID`
 * or `HWJOBS_JOB_IDS`), at most {@link MAX_WAIT_JOBS} ids, or with `allPending` the selector
 * `<kind> --job-type T` (else `HWJOBS_JOB_TYPE`); everything is checked before any request.
 * @throws InvalidInputError naming the field
 */
export function resolveWaitRequest(args: ParsedArgs, env: Env, allPending: boolean): WaitRequest {
  const jobType = args.flags["job-type"] ?? (env[WAIT_ENV.jobType] || undefined);
  const jobTypeField = args.flags["job-type"] !== undefined ? "--job-type" : WAIT_ENV.jobType;
  if (!allPending) {
    if (jobType !== undefined)
      throw new InvalidInputError(jobTypeField, `${jobTypeField}: only with --all-pending (a selector of pending jobs)`);
    return resolveIds(args, env);
  }
  const given =
    args.positionals.length > 1 ? "job ids" : env[WAIT_ENV.jobIds] ? WAIT_ENV.jobIds : env[WAIT_ENV.jobId] ? WAIT_ENV.jobId : undefined;
  if (given !== undefined) {
    throw new InvalidInputError(
      "--all-pending",
      `--all-pending: not with ${given}; wait either for the ids given or for every pending job of --job-type`,
    );
  }
  const kind = resolveKind(args, env);
  // A kind without a list API is the first thing to say, whatever else is missing.
  if (!selectableKinds().includes(kind)) parsePendingSelection(kind, jobType ?? "");
  if (jobType === undefined) {
    throw new InvalidInputError(
      "--job-type",
      `--job-type: required with --all-pending, e.g. hwjobs wait ${kind} --job-type T --all-pending`,
    );
  }
  const label = (param: string) => (param === "job_type" ? jobTypeField : flagLabel(param));
  return { by: "selector", kind, selection: parsePendingSelection(kind, jobType, label) };
}

function resolveIds(args: ParsedArgs, env: Env): WaitRequest {
  // Both set is ambiguous (one may be inherited from the environment Terraform runs in): refused,
  // never resolved by picking one, which could wait for an unrelated job and succeed.
  if (args.positionals.length <= 1 && env[WAIT_ENV.jobId] && env[WAIT_ENV.jobIds]) {
    throw new InvalidInputError(
      WAIT_ENV.jobIds,
      `${WAIT_ENV.jobIds}: not with ${WAIT_ENV.jobId}; set one of them (or give the ids as arguments)`,
    );
  }
  const fromEnv = args.positionals.length <= 1 && !env[WAIT_ENV.jobId] ? idsFromEnv(env) : undefined;
  const first = fromEnv
    ? { kind: resolveKind(args, env), jobId: "" }
    : resolveOne({ ...args, positionals: args.positionals.slice(0, 2) }, env);
  const ids = fromEnv
    ? fromEnv.map((id, i) => validateJobId(first.kind, id, `${WAIT_ENV.jobIds}[${i}]`))
    : [first.jobId, ...args.positionals.slice(2).map((id) => validateJobId(first.kind, id, "job-id"))];
  const field = fromEnv ? WAIT_ENV.jobIds : "job-id";
  const distinct = [...new Set(ids)];
  if (distinct.length > MAX_WAIT_JOBS) {
    throw new InvalidInputError(
      field,
      `${field}: ${distinct.length} job ids given; one wait takes at most ${MAX_WAIT_JOBS}: run several waits, or wait for a selector (--job-type with --all-pending)`,
    );
  }
  const duplicates = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  return { by: "ids", kind: first.kind, jobIds: distinct, duplicates };
}

/** `HWJOBS_JOB_IDS`: a JSON array of 1 or more strings (how WaitForJobs passes a list, token lists included). */
function idsFromEnv(env: Env): string[] | undefined {
  const text = env[WAIT_ENV.jobIds];
  if (text === undefined || text === "") return undefined;
  const field = WAIT_ENV.jobIds;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidInputError(field, `${field}: not JSON; expected a JSON array of job ids, e.g. ["id1","id2"]`);
  }
  if (!Array.isArray(value) || value.length === 0)
    throw new InvalidInputError(field, `${field}: expected a non-empty JSON array of job ids`);
  const bad = value.findIndex((id) => typeof id !== "string");
  if (bad >= 0)
    throw new InvalidInputError(
      `${field}[${bad}]`,
      `${field}[${bad}]: must be a string (got ${value[bad] === null ? "null" : typeof value[bad]})`,
    );
  return value as string[];
}

function resolveKind(args: ParsedArgs, env: Env): JobKindName {
  const [kindArg] = args.positionals;
  const kindText = kindArg ?? env[WAIT_ENV.kind];
  if (kindText === undefined || kindText === "") {
    throw new InvalidInputError("kind", `kind: missing; ${usageOf(args)} (or set ${WAIT_ENV.kind})`);
  }
  return parseJobKind(kindText, kindArg === undefined ? WAIT_ENV.kind : "kind");
}

function usageOf(args: ParsedArgs): string {
  const more = args.command === "wait" ? " [<job-id> ...] (or <kind> --job-type T --all-pending)" : "";
  return `usage: hwjobs ${args.command} <${JOB_KINDS.join("|")}> <job-id>${more}`;
}

function resolveOne(args: ParsedArgs, env: Readonly<Record<string, string | undefined>>): JobTarget {
  const usage = usageOf(args);
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
