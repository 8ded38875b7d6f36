import { COUNT_APP_SUB_JOBS_JOB_TYPE_MAX_LENGTH, COUNT_IMAGE_SUB_JOBS_JOB_TYPE_MAX_LENGTH } from "../core/limits";
import { closestMatch } from "../core/suggest";
import { APP_JOB_TYPES, APP_LIST_JOB_TYPES, IMAGE_JOB_TYPES, IMAGE_LIST_JOB_TYPES } from "./enums";

// The `job_type` query parameter of every list and count operation, defined once: the query
// schemas (query-fields.ts), the construct props (constructs/validation.ts), the CLI's warnings
// and the README's table of accepted values (test/docs/readme-job-types.test.ts) all derive from
// this registry. PURE (no I/O), so constructs/ may import it.

/**
 * The shape of every job type the services define: two or more upper-case words (letters and
 * digits) joined by single `_`s. Where an
 * operation's `job_type` has no pattern in the spec (the counts), a value of this shape that the
 * tool does not know is taken for a type newer than the tool and sent with a warning, so the
 * tool does not fall behind the service; anything else is a mistake and is refused.
 */
export const NEWER_JOB_TYPE_PATTERN = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** How one operation's `job_type` query parameter takes values. */
export interface JobTypeFilter {
  /** The API operation, e.g. `CountImageSubJobs`. */
  readonly operation: string;
  /** The job types the tool knows the parameter accepts, in the order messages list them. */
  readonly known: readonly [string, ...string[]];
  /** Whether the parameter must be given. */
  readonly required: boolean;
  /** Longest comma-joined list, when several types may be given; `undefined` for one type. */
  readonly maxListLength: number | undefined;
  /**
   * Whether a value outside `known` that matches {@link NEWER_JOB_TYPE_PATTERN} is sent (with a
   * warning): only where the spec gives the parameter no pattern. Where it gives one, a value
   * outside it is refused here, as the spec says the service does (docs/reference/huawei-api.md §2.1–2.4).
   */
  readonly sendsNewer: boolean;
  /**
   * The types a count covers when `job_type` is left out, as its spec says; `undefined` where
   * the spec names no default.
   */
  readonly defaultTypes?: readonly string[];
  /** Where `known` comes from (docs/reference/huawei-api.md §2.7), for the README. */
  readonly source: string;
  /**
   * The count operation of the same jobs, where it accepts more types than this list: a type
   * it knows is refused here with a pointer to it, since the list's pattern is narrower.
   */
  readonly countedBy?: JobTypeFilter;
}

const COUNT_IMAGE_SUB_JOBS = {
  operation: "CountImageSubJobs",
  known: IMAGE_JOB_TYPES,
  required: false,
  maxListLength: COUNT_IMAGE_SUB_JOBS_JOB_TYPE_MAX_LENGTH,
  sendsNewer: true,
  defaultTypes: IMAGE_LIST_JOB_TYPES,
  source: "`ImageJobType` of the current spec (2026-06-12); the parameter has no pattern",
} as const satisfies JobTypeFilter;

const COUNT_SUB_JOBS = {
  operation: "CountSubJobs",
  known: APP_JOB_TYPES,
  required: false,
  maxListLength: COUNT_APP_SUB_JOBS_JOB_TYPE_MAX_LENGTH,
  sendsNewer: true,
  source: "`JobType` of the Go SDK (`model_job_type.go`, 19 values); the parameter has no pattern",
} as const satisfies JobTypeFilter;

/** A list operation's `job_type`: one type of the spec's query pattern, `known`. */
function listFilter<const O extends string, const K extends readonly [string, ...string[]]>(
  operation: O,
  known: K,
  countedBy: JobTypeFilter,
) {
  return {
    operation,
    known,
    required: true,
    maxListLength: undefined,
    sendsNewer: false,
    source: "the spec's query pattern",
    countedBy,
  } as const;
}

/** The `job_type` parameter of each list and count operation, by API operation name. */
export const JOB_TYPE_FILTERS = {
  ListImageJobs: listFilter("ListImageJobs", IMAGE_LIST_JOB_TYPES, COUNT_IMAGE_SUB_JOBS),
  ListImageSubJobs: listFilter("ListImageSubJobs", IMAGE_LIST_JOB_TYPES, COUNT_IMAGE_SUB_JOBS),
  CountImageSubJobs: COUNT_IMAGE_SUB_JOBS,
  ListSubJobs: listFilter("ListSubJobs", APP_LIST_JOB_TYPES, COUNT_SUB_JOBS),
  CountSubJobs: COUNT_SUB_JOBS,
} as const satisfies Record<string, JobTypeFilter>;

/** How a job type given to `filter` is treated. */
export type JobTypeVerdict = "known" | "newer" | "unknown";

/** Whether `value` is known to `filter`, taken for a newer type (sent with a warning), or refused. */
export function judgeJobType(filter: JobTypeFilter, value: string): JobTypeVerdict {
  if ((filter.known as readonly string[]).includes(value)) return "known";
  return filter.sendsNewer && NEWER_JOB_TYPE_PATTERN.test(value) ? "newer" : "unknown";
}

/** The values of `values` that `filter` takes for newer types: the ones to warn about. */
export function newerJobTypes(filter: JobTypeFilter, values: readonly string[]): string[] {
  return [...new Set(values.filter((value) => judgeJobType(filter, value) === "newer"))];
}

/** The job types `filter` accepts, for a one-line message: the known ones, and newer ones where sent. */
export function jobTypeChoices(filter: JobTypeFilter): string {
  const newer = filter.sendsNewer ? ", or a newer type (two or more upper-case words joined by _)" : "";
  return `${filter.known.join(", ")}${newer}`;
}

/** What the `job_type` of `filter` accepts, as the end of a one-line message. */
export function acceptedJobTypes(filter: JobTypeFilter): string {
  return filter.maxListLength === undefined ? jobTypeChoices(filter) : `one or more of ${jobTypeChoices(filter)}, joined with commas`;
}

/** What leaving `job_type` out of a count does, for messages and docs. */
export function defaultJobTypes(filter: JobTypeFilter): string {
  return filter.defaultTypes === undefined
    ? "the service's default, which its spec does not name"
    : `the service's default, ${filter.defaultTypes.join(", ")} only`;
}

/**
 * A job type quoted for a message: JSON string syntax, with every character outside printable
 * ASCII escaped as `\uXXXX`. Job types are ASCII, so this shows exactly what was wrong, where a
 * zero-width space or a look-alike letter would otherwise print as the value it imitates.
 */
export function quoteJobType(value: string): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/gu, (char) =>
    Array.from({ length: char.length }, (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, "0")}`).join(""),
  );
}

/** The other operations of the registry that know `value`, for hints. */
function operationsKnowing(filter: JobTypeFilter, value: string): string[] {
  return Object.values(JOB_TYPE_FILTERS as Record<string, JobTypeFilter>)
    .filter((other) => other !== filter && other.sendsNewer && (other.known as readonly string[]).includes(value))
    .map((other) => other.operation);
}

/** A hint about a value: a clause for the end of a message, and a note for the value in a warning. */
interface Hint {
  readonly clause: string;
  readonly note: string;
}

/**
 * What to say about `value`: the count that takes it (a list's pattern is narrower than the
 * service's types), the other kind of job whose type it is, or a close known value; or nothing.
 */
function hintFor(filter: JobTypeFilter, value: string): Hint | undefined {
  const counter = filter.countedBy;
  if (counter !== undefined && judgeJobType(counter, value) === "known") {
    const clause = `${quoteJobType(value)} is taken only by ${counter.operation}, since the spec's pattern for ${filter.operation} is narrower`;
    return { clause, note: clause };
  }
  const elsewhere = operationsKnowing(filter, value);
  if (elsewhere.length > 0)
    return { clause: `${quoteJobType(value)} is a job type of ${elsewhere.join(", ")}`, note: `a job type of ${elsewhere.join(", ")}` };
  const match = closestMatch(value, filter.known);
  return match === undefined ? undefined : { clause: `did you mean ${quoteJobType(match)}?`, note: `did you mean ${quoteJobType(match)}?` };
}

/** What to add to a message refusing `value` (see `hintFor`): `"; …"`, or `""`. */
export function jobTypeHint(filter: JobTypeFilter, value: string): string {
  const hint = hintFor(filter, value);
  return hint === undefined ? "" : `; ${hint.clause}`;
}

/** The message refusing `value`, naming the accepted values and a hint (see {@link jobTypeHint}). */
export function unknownJobTypeMessage(filter: JobTypeFilter, value: string): string {
  const inList = filter.maxListLength === undefined ? "" : " in the list";
  return `unknown value ${quoteJobType(value)}${inList}; accepted: ${acceptedJobTypes(filter)}${jobTypeHint(filter, value)}`;
}

/**
 * The one warning line for the newer-looking types `newer` (from {@link newerJobTypes}), which
 * are sent as given; `field` is the caller's spelling of the parameter. Each value gets its hint
 * (a close known type, or the operation whose type it is), so that a slip is caught in time.
 */
export function newerJobTypesWarning(filter: JobTypeFilter, field: string, newer: readonly string[]): string {
  const quoted = newer.map((value) => {
    const hint = hintFor(filter, value);
    return hint === undefined ? quoteJobType(value) : `${quoteJobType(value)} (${hint.note})`;
  });
  const verb = newer.length === 1 ? "is not a job type" : "are not job types";
  return `${field}: ${quoted.join(", ")} ${verb} this version knows for ${filter.operation}; sent as given, since the service may define types newer than this version`;
}
