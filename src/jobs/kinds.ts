import { API_OPERATIONS, type ApiOperation } from "../api/operations";
import { JOB_TYPE_FILTERS, type JobTypeFilter } from "../api/job-type-filters";
import { InvalidInputError } from "../core/errors";
import { didYouMean } from "../core/suggest";
import { APP_JOB_ID_MAX_LENGTH, CONTROL_CHARACTERS_REFUSED, jobIdProblem, JOB_ID_MAX_LENGTH } from "../core/limits";
import type { StatusTable } from "./phase";
import type { ListOperation } from "./queries";

/**
 * How `hwjobs wait <kind> --job-type T --all-pending` finds a kind's pending jobs: the list
 * operation to read (every page, once per pending status of `statusTable`) and the item field that
 * holds the id of the job to wait for (a sub-job's `job_id` names its parent).
 */
export interface PendingSelector {
  readonly list: ListOperation;
  /** The `job_type` that list takes (the selector's job type is checked against it). */
  readonly jobTypeFilter: JobTypeFilter;
  readonly statusTable: StatusTable;
  readonly jobIdField: "id" | "job_id";
}

/**
 * How a kind's Show answer is shaped, which decides its status tables and how it is checked and
 * normalized (`jobs/answer-identity.ts` switches on it and `jobs/success-warnings.ts` keys a
 * table by it, with no default, so a new family does not compile until both handle it; its
 * snapshot is a function of `jobs/snapshot.ts`, reached through `jobs/fetch-job.ts` `READERS`):
 * - `workspace`: Workspace APP jobs: own id in `id`, sub-jobs carrying the parent id in `job_id`,
 *   no error fields on the parent, a SUCCESS that counts only when every sub-job succeeded.
 * - `ims`: IMS jobs: own id in `job_id`, member jobs in `entities.sub_jobs_result`, the image in
 *   `entities.image_id`, error fields on the job itself.
 */
export type JobFamily = "workspace" | "ims";

/** Everything the layers need to know about one kind of job (docs/architecture.md §9, §10.1). */
export interface JobKindSpec {
  /** The `<kind>` argument of `hwjobs wait` / `get`, the `HWJOBS_KIND` value and the constructs' `JobKind`. */
  readonly name: string;
  /** What it is, for help and usage text. */
  readonly title: string;
  /** The API operation that reads one job: its name, its service (which endpoint) and its path. */
  readonly show: ApiOperation;
  /** Longest job id the Show operation accepts, from core/limits.ts. */
  readonly idMaxLength: number;
  /** The status tables of `jobs/phase.ts` for the job and for its sub-jobs or member jobs. */
  readonly statusTables: { readonly job: StatusTable; readonly subJob: StatusTable };
  /** How its answer is shaped (see {@link JobFamily}). */
  readonly family: JobFamily;
  /** How its pending jobs are found, when a list API can tell (IMS has none). */
  readonly pending?: PendingSelector;
}

// The status tables of each family: Workspace APP parents and sub-jobs have their own; IMS
// member jobs use the job's.
const STATUS_TABLES: Readonly<Record<JobFamily, JobKindSpec["statusTables"]>> = {
  workspace: { job: "job", subJob: "sub-job" },
  ims: { job: "ims", subJob: "ims" },
};

// One entry of the registry, keeping the literal types of its name and operation.
function jobKind<N extends string, O extends ApiOperation>(
  name: N,
  title: string,
  show: O,
  idMaxLength: number,
  family: JobFamily,
  pending?: PendingSelector,
) {
  return { name, title, show, idMaxLength, statusTables: STATUS_TABLES[family], family, pending } satisfies JobKindSpec;
}

const { ShowImageJob, ShowJobDetail, ShowJob } = API_OPERATIONS;

/** A Workspace APP image-server job. */
export const IMAGE_JOB_KIND = jobKind("image-job", "Workspace APP image-server job", ShowImageJob, JOB_ID_MAX_LENGTH, "workspace", {
  list: "list-image-jobs",
  jobTypeFilter: JOB_TYPE_FILTERS.ListImageJobs,
  statusTable: "job",
  jobIdField: "id",
});

/** A Workspace APP app-server job; ShowJobDetail takes ids of up to 255 characters. */
export const APP_JOB_KIND = jobKind("app-job", "Workspace APP app-server job", ShowJobDetail, APP_JOB_ID_MAX_LENGTH, "workspace", {
  list: "list-app-sub-jobs",
  jobTypeFilter: JOB_TYPE_FILTERS.ListSubJobs,
  statusTable: "sub-job",
  jobIdField: "job_id",
});

/** An IMS asynchronous job; its member jobs use the same statuses as the job. */
export const IMS_JOB_KIND = jobKind("ims-job", "IMS asynchronous job", ShowJob, JOB_ID_MAX_LENGTH, "ims");

/**
 * The job-kind registry: every kind's {@link JobKindSpec}, keyed by its name, in the order help
 * and messages list them (docs/architecture.md §9, §10.1).
 */
export const JOB_KIND_SPECS = Object.freeze({
  [IMAGE_JOB_KIND.name]: IMAGE_JOB_KIND,
  [APP_JOB_KIND.name]: APP_JOB_KIND,
  [IMS_JOB_KIND.name]: IMS_JOB_KIND,
});

/**
 * One kind of job `hwjobs` can wait for, as spelled on the command line (docs/architecture.md §5).
 * @useDeclaredType
 */
export type JobKindName = keyof typeof JOB_KIND_SPECS;

/** The kinds of job, in the registry's order. */
export const JOB_KINDS: readonly JobKindName[] = Object.freeze(Object.keys(JOB_KIND_SPECS) as JobKindName[]);

/**
 * The API operation that reads a job of one kind.
 * @useDeclaredType
 */
export type ShowOperation = (typeof JOB_KIND_SPECS)[JobKindName]["show"]["operation"];

/** The single-job operation of the external protocol for a kind: `get-<kind>` (docs/architecture.md §5.1). */
export type GetOperation = `get-${JobKindName}`;

/** The external protocol's operation reading one job of `kind`. */
export function getOperationOf(kind: JobKindName): GetOperation {
  return `get-${kind}`;
}

/** Longest job id each kind's API accepts (ShowJobDetail allows 255; the others 128). */
export const JOB_ID_MAX_LENGTHS: Readonly<Record<JobKindName, number>> = Object.freeze(
  Object.fromEntries(JOB_KINDS.map((kind) => [kind, JOB_KIND_SPECS[kind].idMaxLength])) as Record<JobKindName, number>,
);

/** True when `text` is one of {@link JOB_KINDS}. */
export function isJobKindName(text: string): text is JobKindName {
  return (JOB_KINDS as readonly string[]).includes(text);
}

/**
 * Reads a job kind exactly as written (no case folding, so scripts stay portable).
 * @throws InvalidInputError naming `field` and the accepted kinds
 */
export function parseJobKind(text: string, field: string): JobKindName {
  if (isJobKindName(text)) return text;
  throw new InvalidInputError(
    field,
    `${field}: unknown job kind ${JSON.stringify(text)}; accepted: ${JOB_KINDS.join(", ")}${didYouMean(text, JOB_KINDS)}`,
  );
}

/**
 * Checks a job id before any request is sent: 1..{@link JOB_ID_MAX_LENGTHS} characters (code
 * points) and no control characters (the rule of core/limits.ts). Anything else passes verbatim,
 * shell metacharacters included, because the id is percent-encoded into the request path and
 * never reaches a shell.
 * @returns `id` unchanged
 * @throws InvalidInputError naming `field` and the limit
 */
export function validateJobId(kind: JobKindName, id: string, field: string): string {
  const max = JOB_ID_MAX_LENGTHS[kind];
  const problem = jobIdProblem(id, max);
  switch (problem?.kind) {
    case undefined:
      return id;
    case "empty":
      throw new InvalidInputError(field, `${field}: job id is empty; a ${kind} id has 1 to ${max} characters`);
    case "dot-segment":
      throw new InvalidInputError(
        field,
        `${field}: job id ${JSON.stringify(id)} is a path segment, not an id; a ${kind} id is 1 to ${max} characters other than "." or ".."`,
      );
    case "too-long":
      throw new InvalidInputError(field, `${field}: job id has ${problem.length} characters; a ${kind} id has at most ${max}`);
    case "control-character":
      throw new InvalidInputError(
        field,
        `${field}: job id contains control character ${problem.code} at position ${problem.position}; ${CONTROL_CHARACTERS_REFUSED} are not allowed`,
      );
  }
}

/** A job named by kind and id, for messages about a job not seen yet. */
export interface JobRef {
  readonly kind: JobKindName;
  readonly jobId: string;
}
