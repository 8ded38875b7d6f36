import { DEFAULT_LIMIT, MAX_JOB_ID_FILTER, LIMIT_MAX, OFFSET_MAX } from "./query-enums";

/**
 * The length of `text` in code points, the unit of JSON Schema's `maxLength` and so of the
 * spec's limits: `"\u{1F600}"` is one character, not the two UTF-16 units `.length` counts. The
 * client counts the same way (core/limits.ts); this copy is the emulator's own, like its limits
 * (query-enums.ts), so that the emulator stays the client's independent counterpart.
 */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** A query parameter the operation rejects; every such request gets the same 400 body. */
export class InvalidQueryError extends Error {
  constructor(readonly parameter: string) {
    super(`query parameter ${parameter} is invalid`);
    this.name = "InvalidQueryError";
  }
}

/**
 * The one value of `name`, or `undefined` when absent. A repeated parameter is rejected: the
 * spec types each as a single string, and silently picking one would hide a client bug.
 */
function single(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  if (values.length > 1) throw new InvalidQueryError(name);
  return values[0];
}

/** A required enum parameter; absent or empty (`job_type=`) is rejected. */
export function requiredEnum<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T {
  const value = single(query, name);
  if (value === undefined || !(allowed as readonly string[]).includes(value)) throw new InvalidQueryError(name);
  return value as T;
}

/** An optional enum parameter; empty counts as absent, since the spec patterns also match `""`. */
export function optionalEnum<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const value = single(query, name);
  if (value === undefined || value === "") return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new InvalidQueryError(name);
  return value as T;
}

/** A decimal integer in `[min, max]`, or `fallback` when absent. Empty, signed or fractional text is rejected. */
export function integer(query: URLSearchParams, name: string, min: number, max: number, fallback: number): number {
  const value = single(query, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new InvalidQueryError(name);
  const n = Number(value);
  if (n < min || n > max) throw new InvalidQueryError(name);
  return n;
}

/** The `job_id` filter: at most 128 characters (code points); empty counts as absent (the spec allows length 0). */
export function jobIdFilter(query: URLSearchParams): string | undefined {
  const value = single(query, "job_id");
  if (value !== undefined && codePointLength(value) > MAX_JOB_ID_FILTER) throw new InvalidQueryError("job_id");
  return value === "" ? undefined : value;
}

/**
 * A comma-separated list (`A,B`): absent or empty → `undefined`; longer than `maxLength` code
 * points or with an empty element (`A,,B`, `A,`) is rejected. The elements are not checked: the
 * spec gives the counts' `job_type` no pattern.
 */
export function commaList(query: URLSearchParams, name: string, maxLength: number): string[] | undefined {
  const value = single(query, name);
  if (value === undefined || value === "") return undefined;
  if (codePointLength(value) > maxLength) throw new InvalidQueryError(name);
  const items = value.split(",");
  if (items.some((item) => item === "")) throw new InvalidQueryError(name);
  return items;
}

/** The `offset`/`limit` window of a list. */
export interface Page {
  readonly offset: number;
  readonly limit: number;
}

/** `offset` (0..2147483647, default 0) and `limit` (1..100, default 10). */
export function page(query: URLSearchParams): Page {
  return { offset: integer(query, "offset", 0, OFFSET_MAX, 0), limit: integer(query, "limit", 1, LIMIT_MAX, DEFAULT_LIMIT) };
}

/**
 * The emulator-only `sub_job_ids` filter (docs/reference/huawei-api.md §2.6: no source defines the parameter):
 * comma-separated sub-job ids of at most 128 characters (code points) each; empty counts as absent.
 */
export function subJobIdsFilter(query: URLSearchParams): ReadonlySet<string> | undefined {
  const ids = commaList(query, "sub_job_ids", Number.MAX_SAFE_INTEGER);
  if (ids?.some((id) => codePointLength(id) > MAX_JOB_ID_FILTER)) throw new InvalidQueryError("sub_job_ids");
  return ids && new Set(ids);
}
