import type { AppSubJob } from "../api/app-job";
import {
  countAppSubJobs,
  countAppSubJobsQuerySchema,
  parseCountAppSubJobsQuery,
  type CountAppSubJobsQuery,
} from "../api/count-app-sub-jobs";
import {
  countImageSubJobs,
  countImageSubJobsQuerySchema,
  parseCountImageSubJobsQuery,
  type CountImageSubJobsQuery,
} from "../api/count-image-sub-jobs";
import type { ImageSubJob } from "../api/image-job";
import { listAppSubJobs, listAppSubJobsQuerySchema, parseListAppSubJobsQuery, type ListAppSubJobsQuery } from "../api/list-app-sub-jobs";
import {
  listImageJobs,
  listImageJobsQuerySchema,
  parseListImageJobsQuery,
  type ImageJobInfo,
  type ListImageJobsQuery,
} from "../api/list-image-jobs";
import {
  listImageSubJobs,
  listImageSubJobsQuerySchema,
  parseListImageSubJobsQuery,
  type ListImageSubJobsQuery,
} from "../api/list-image-sub-jobs";
import { newerJobTypes, newerJobTypesWarning } from "../api/job-type-filters";
import { jobTypeFilterOf, LIMIT_MAX } from "../api/query-fields";
import type { Page } from "../api/page";
import { apiParamName, type ParamLabel, type RawQuery } from "../api/raw-query";
import type { HwClient } from "../core/client";
import { InvalidInputError } from "../core/errors";
import { checkConcurrency, fetchAllPages, PAGINATION_DEFAULTS } from "../core/pagination";

/** The list and count operations, as named by the Terraform external protocol (docs/architecture.md §5). */
export const QUERY_OPERATIONS = [
  "list-image-jobs",
  "list-image-sub-jobs",
  "count-image-sub-jobs",
  "list-app-sub-jobs",
  "count-app-sub-jobs",
] as const;

/** One of {@link QUERY_OPERATIONS}. */
export type QueryOperation = (typeof QUERY_OPERATIONS)[number];

/** The operations that return pages of items. */
export type ListOperation = "list-image-jobs" | "list-image-sub-jobs" | "list-app-sub-jobs";

/** The operations that return only a count. */
export type CountOperation = Exclude<QueryOperation, ListOperation>;

/** A query that passed validation, tagged by its operation. */
export type ParsedQuery =
  | { readonly op: "list-image-jobs"; readonly query: ListImageJobsQuery }
  | { readonly op: "list-image-sub-jobs"; readonly query: ListImageSubJobsQuery }
  | { readonly op: "count-image-sub-jobs"; readonly query: CountImageSubJobsQuery }
  | { readonly op: "list-app-sub-jobs"; readonly query: ListAppSubJobsQuery }
  | { readonly op: "count-app-sub-jobs"; readonly query: CountAppSubJobsQuery };

/** An item of any list operation, as the API returned it. */
export type QueryItem = ImageJobInfo | ImageSubJob | AppSubJob;

/** Result of a list operation: the API's total `count` and the items read. */
export interface ListResult {
  readonly kind: "list";
  readonly count: number;
  readonly items: QueryItem[];
}

/** Result of a count operation. */
export interface CountResult {
  readonly kind: "count";
  readonly count: number;
}

/** Options of {@link parseQuery}. */
export interface ParseQueryOptions {
  /** Every page will be read, so `offset` and `limit` are refused. */
  readonly all?: boolean;
}

/** Options of {@link runQuery}. */
export interface RunQueryOptions {
  /** Read every page (list operations; ignored by counts). `offset`/`limit` must then be unset. */
  readonly all?: boolean;
  /** Page requests in flight with `all`, 1..16. @default 4 */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
}

const QUERY_SCHEMAS = {
  "list-image-jobs": listImageJobsQuerySchema,
  "list-image-sub-jobs": listImageSubJobsQuerySchema,
  "count-image-sub-jobs": countImageSubJobsQuerySchema,
  "list-app-sub-jobs": listAppSubJobsQuerySchema,
  "count-app-sub-jobs": countAppSubJobsQuerySchema,
} as const;

/** True when `text` is one of {@link QUERY_OPERATIONS} (spelled exactly). */
export function isQueryOperation(text: string): text is QueryOperation {
  return (QUERY_OPERATIONS as readonly string[]).includes(text);
}

/** True for the operations that return items (and so can read every page). */
export function isListOperation(op: QueryOperation): op is ListOperation {
  return op === "list-image-jobs" || op === "list-image-sub-jobs" || op === "list-app-sub-jobs";
}

/** The API names of the parameters `op` accepts, in the order messages list them. */
export function queryParameters(op: QueryOperation): readonly string[] {
  return Object.keys(QUERY_SCHEMAS[op].shape);
}

/**
 * Validates the raw string parameters of `op` before anything is sent.
 * @param label spells a parameter for messages (default: the API name, as the external protocol uses)
 * @throws InvalidInputError with one line naming the parameter and the accepted values
 */
export function parseQuery(
  op: QueryOperation,
  raw: RawQuery,
  label: ParamLabel = apiParamName,
  options: ParseQueryOptions = {},
): ParsedQuery {
  const parsed = parseFor(op, raw, label);
  if (options.all) refusePaging(parsed, label);
  return parsed;
}

/**
 * Runs a parsed query: one page (or one count), or with `all` every page, read concurrently and
 * checked for consistency.
 * @throws InvalidInputError (nothing sent) for a bad `concurrency`, or `offset`/`limit` with `all`
 * @throws ApiError, NetworkError, ResponseValidationError or ListChangedError from the requests
 */
export async function runQuery(client: HwClient, parsed: ParsedQuery, options: RunQueryOptions = {}): Promise<ListResult | CountResult> {
  const concurrency = checkConcurrency(options.concurrency ?? PAGINATION_DEFAULTS.concurrency);
  if (options.all) refusePaging(parsed, apiParamName);
  const run = { all: options.all === true, concurrency, signal: options.signal };
  switch (parsed.op) {
    case "list-image-jobs":
      return list((query, signal) => listImageJobs(client, query, signal), parsed.query, run);
    case "list-image-sub-jobs":
      return list((query, signal) => listImageSubJobs(client, query, signal), parsed.query, run);
    case "list-app-sub-jobs":
      return list((query, signal) => listAppSubJobs(client, query, signal), parsed.query, run);
    case "count-image-sub-jobs":
      return { kind: "count", count: (await countImageSubJobs(client, parsed.query, options.signal)).count };
    case "count-app-sub-jobs":
      return { kind: "count", count: (await countAppSubJobs(client, parsed.query, options.signal)).count };
  }
}

/**
 * The warnings about a parsed query, one line each, before it is sent: the job types that are
 * not known but are taken for types newer than this version (sent as given).
 * @param label spells a parameter for messages (default: the API name)
 */
export function queryWarnings(parsed: ParsedQuery, label: ParamLabel = apiParamName): string[] {
  const types = parsed.query.job_type;
  const filter = jobTypeFilterOf(QUERY_SCHEMAS[parsed.op]);
  if (filter === undefined) return [];
  const newer = newerJobTypes(filter, types === undefined ? [] : Array.isArray(types) ? types : [types]);
  return newer.length === 0 ? [] : [newerJobTypesWarning(filter, label("job_type"), newer)];
}

function parseFor(op: QueryOperation, raw: RawQuery, label: ParamLabel): ParsedQuery {
  switch (op) {
    case "list-image-jobs":
      return { op, query: parseListImageJobsQuery(raw, label) };
    case "list-image-sub-jobs":
      return { op, query: parseListImageSubJobsQuery(raw, label) };
    case "count-image-sub-jobs":
      return { op, query: parseCountImageSubJobsQuery(raw, label) };
    case "list-app-sub-jobs":
      return { op, query: parseListAppSubJobsQuery(raw, label) };
    case "count-app-sub-jobs":
      return { op, query: parseCountAppSubJobsQuery(raw, label) };
  }
}

/** The paging parameters of a list query; counts have none. */
function pagingOf(parsed: ParsedQuery): { offset?: number; limit?: number } {
  switch (parsed.op) {
    case "list-image-jobs":
    case "list-image-sub-jobs":
    case "list-app-sub-jobs":
      return parsed.query;
    case "count-image-sub-jobs":
    case "count-app-sub-jobs":
      return {};
  }
}

// Reading every page chooses offsets and limits itself; a caller's value would be silently
// ignored or, worse, suggest a partial read, so it is refused.
function refusePaging(parsed: ParsedQuery, label: ParamLabel): void {
  const paging = pagingOf(parsed);
  for (const param of ["offset", "limit"] as const) {
    if (paging[param] !== undefined) {
      throw new InvalidInputError(label(param), `${label(param)}: not accepted when every page is read`);
    }
  }
}

interface ListRun {
  readonly all: boolean;
  readonly concurrency: number;
  readonly signal: AbortSignal | undefined;
}

async function list<Q extends { offset?: number; limit?: number }, T extends QueryItem>(
  fetch: (query: Q, signal?: AbortSignal) => Promise<Page<T>>,
  query: Q,
  run: ListRun,
): Promise<ListResult> {
  if (!run.all) {
    const page = await fetch(query, run.signal);
    return { kind: "list", count: page.count, items: page.items };
  }
  const all = await fetchAllPages((offset, limit, signal) => fetch({ ...query, offset, limit }, signal), {
    // The APIs' largest `limit`: the fewest requests.
    pageSize: LIMIT_MAX,
    concurrency: run.concurrency,
    // Ids are the API's own; an empty or missing one cannot identify an item.
    idOf: (item) => item.id || undefined,
    signal: run.signal,
  });
  return { kind: "list", count: all.count, items: all.items };
}
