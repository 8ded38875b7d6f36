import { COUNT_APP_SUB_JOBS } from "../api/count-app-sub-jobs";
import { COUNT_IMAGE_SUB_JOBS } from "../api/count-image-sub-jobs";
import { LIST_APP_SUB_JOBS } from "../api/list-app-sub-jobs";
import { LIST_IMAGE_JOBS } from "../api/list-image-jobs";
import { LIST_IMAGE_SUB_JOBS } from "../api/list-image-sub-jobs";
import { newerJobTypes, newerJobTypesWarning, type JobTypeFilter } from "../api/job-type-filters";
import { enumValuesOf, jobTypeFilterOf, LIMIT_MAX } from "../api/query-fields";
import type { QueryResultKind } from "../api/query-api";
import type { Page } from "../api/page";
import { apiParamName, type ParamLabel, type RawQuery } from "../api/raw-query";
import type { HwClient } from "../core/client";
import type { Service } from "../core/config";
import { InvalidInputError } from "../core/errors";
import { checkConcurrency, fetchAllPages, PAGINATION_DEFAULTS } from "../core/pagination";

/**
 * The operation registry: the list and count operations, under the names of the Terraform
 * external protocol (docs/architecture.md §5.1), each with its API operation (`api/query-api.ts`).
 * A name is `<list|count>-<what>`, and `hwjobs list|count <what>` runs it; everything below, the
 * CLI's targets, `hwjobs external` and the constructs' operation types derive from this object.
 */
export const QUERY_APIS = Object.freeze({
  "list-image-jobs": LIST_IMAGE_JOBS,
  "list-image-sub-jobs": LIST_IMAGE_SUB_JOBS,
  "count-image-sub-jobs": COUNT_IMAGE_SUB_JOBS,
  "list-app-sub-jobs": LIST_APP_SUB_JOBS,
  "count-app-sub-jobs": COUNT_APP_SUB_JOBS,
});

/** The type of {@link QUERY_APIS}: each operation's name and its `QueryApi`. */
export type QueryApis = typeof QUERY_APIS;

/**
 * One of {@link QUERY_OPERATIONS}.
 * @useDeclaredType
 */
export type QueryOperation = keyof QueryApis;

/** The list and count operations, as named by the Terraform external protocol (docs/architecture.md §5). */
export const QUERY_OPERATIONS: readonly QueryOperation[] = Object.freeze(Object.keys(QUERY_APIS) as QueryOperation[]);

/**
 * The operations that return pages of items.
 * @useDeclaredType
 */
export type ListOperation = { [K in QueryOperation]: QueryApis[K]["result"] extends "list" ? K : never }[QueryOperation];

/**
 * The operations that return only a count.
 * @useDeclaredType
 */
export type CountOperation = Exclude<QueryOperation, ListOperation>;

/** The valid query of one operation. */
export type QueryOf<K extends QueryOperation> = ReturnType<QueryApis[K]["parse"]>;

/** The API parameters of one operation, as raw strings (what a data source puts in its query). */
export type QueryParameters<K extends QueryOperation> = { readonly [P in keyof QueryOf<K>]?: string };

/** A query that passed validation, tagged by its operation. */
export type ParsedQuery = { [K in QueryOperation]: { readonly op: K; readonly query: QueryOf<K> } }[QueryOperation];

/**
 * An item of any list operation, as the API returned it.
 * @useDeclaredType
 */
export type QueryItem = { [K in ListOperation]: Awaited<ReturnType<QueryApis[K]["call"]>>["items"][number] }[ListOperation];

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

/** True when `text` is one of {@link QUERY_OPERATIONS} (spelled exactly). */
export function isQueryOperation(text: string): text is QueryOperation {
  return Object.hasOwn(QUERY_APIS, text);
}

/** True for the operations that return items (and so can read every page). */
export function isListOperation(op: QueryOperation): op is ListOperation {
  return QUERY_APIS[op].result === "list";
}

/** The service (which endpoint) `op` is sent to. */
export function queryService(op: QueryOperation): Service {
  return QUERY_APIS[op].api.service;
}

/** The operations of one result kind, by what `hwjobs list|count <what>` calls them (`list-image-jobs` → `image-jobs`). */
export function queryTargets<K extends "list" | "count">(
  result: K,
): ReadonlyMap<string, K extends "list" ? ListOperation : CountOperation> {
  const prefix = `${result}-`;
  return new Map(
    QUERY_OPERATIONS.filter((op) => QUERY_APIS[op].result === result).map((op) => [
      op.slice(prefix.length),
      op as K extends "list" ? ListOperation : CountOperation,
    ]),
  );
}

/** The API names of the parameters `op` accepts, in the order messages list them. */
export function queryParameters(op: QueryOperation): readonly string[] {
  return Object.keys(QUERY_APIS[op].querySchema.shape);
}

/** The `job_type` filter of `op` (its accepted values), from its query schema. */
export function queryJobTypeFilter(op: QueryOperation): JobTypeFilter | undefined {
  return jobTypeFilterOf(QUERY_APIS[op].querySchema);
}

/** The values `op`'s enum parameter `param` accepts (e.g. `status`), from its query schema. */
export function queryEnumValues(op: QueryOperation, param: string): readonly string[] | undefined {
  return enumValuesOf(QUERY_APIS[op].querySchema, param);
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
  return execute(client, parsed, run);
}

// One generic step for every operation of the registry: `op` and `query` belong together, which
// the correlated union ParsedQuery cannot tell the compiler inside a generic function.
async function execute(client: HwClient, parsed: ParsedQuery, run: ListRun): Promise<ListResult | CountResult> {
  const api = QUERY_APIS[parsed.op] as unknown as LooseQueryApi;
  if (api.result === "count") return { kind: "count", count: (await api.call(client, parsed.query, run.signal)).count };
  return list((query, signal) => api.call(client, query, signal) as Promise<Page<QueryItem>>, parsed.query as Paging, run);
}

/** The paging parameters of a list query. */
interface Paging {
  readonly offset?: number;
  readonly limit?: number;
}

/** Any entry of the registry, seen through one signature. */
interface LooseQueryApi {
  readonly result: QueryResultKind;
  readonly call: (client: HwClient, query: object, signal?: AbortSignal) => Promise<{ readonly count: number }>;
}

/**
 * The warnings about a parsed query, one line each, before it is sent: the job types that are
 * not known but are taken for types newer than this version (sent as given).
 * @param label spells a parameter for messages (default: the API name)
 */
export function queryWarnings(parsed: ParsedQuery, label: ParamLabel = apiParamName): string[] {
  const types = parsed.query.job_type;
  const filter = queryJobTypeFilter(parsed.op);
  if (filter === undefined) return [];
  const newer = newerJobTypes(filter, types === undefined ? [] : Array.isArray(types) ? types : [types]);
  return newer.length === 0 ? [] : [newerJobTypesWarning(filter, label("job_type"), newer)];
}

function parseFor(op: QueryOperation, raw: RawQuery, label: ParamLabel): ParsedQuery {
  return { op, query: QUERY_APIS[op].parse(raw, label) } as ParsedQuery;
}

/** The paging parameters of a list query; counts have none. */
function pagingOf(parsed: ParsedQuery): Paging {
  return isListOperation(parsed.op) ? (parsed.query as Paging) : {};
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

async function list<Q extends Paging, T extends QueryItem>(
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
