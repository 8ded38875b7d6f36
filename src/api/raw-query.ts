import type { z } from "zod";
import { inputError, type InputProblem } from "../core/errors";

/** Query input as given on a command line or in a Terraform external query: strings only. */
export type RawQuery = Readonly<Record<string, string | undefined>>;

/** Maps an API parameter name to the caller's spelling of it, e.g. `job_type` → `--job-type`. */
export type ParamLabel = (param: string) => string;

/** The API's own parameter names, unchanged (the Terraform external protocol uses them). */
export const apiParamName: ParamLabel = (param) => param;

/** A query schema: a strict object of raw-string parameter schemas (see `query-fields.ts`). */
export type QuerySchema = z.ZodObject;

/**
 * Parses a raw query with `schema`, before anything is sent. An `undefined` or empty value counts
 * as not given, so a required parameter given as `""` is reported as required.
 * @returns the typed query
 * @throws InvalidInputError with one line naming the parameter (as `label` spells it) and what is
 *   accepted; every unknown or non-string parameter, else every bad value (InvalidInputsError
 *   when there are several)
 */
export function parseRawQuery<S extends QuerySchema>(schema: S, raw: RawQuery, label: ParamLabel = apiParamName): z.output<S> {
  const accepted = Object.keys(schema.shape);
  const given: Record<string, string> = {};
  // Every problem in one run: each unknown or non-string parameter, else each bad value (one per
  // parameter, its first issue).
  const problems = new Map<string, InputProblem>();
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    // hasOwn, not `in`: "toString" or "__proto__" must not pass as known parameters.
    if (!Object.hasOwn(schema.shape, key)) {
      problems.set(key, { field: label(key), message: `${label(key)}: unknown parameter; accepted: ${accepted.map(label).join(", ")}` });
    } else if (typeof value !== "string") {
      problems.set(key, { field: label(key), message: `${label(key)}: must be a string (got ${typeof value})` });
    } else if (value !== "") given[key] = value;
  }
  // An unknown key is likely a misspelt one, which would make "required" problems misleading:
  // the keys are reported alone.
  const result = problems.size === 0 ? schema.safeParse(given) : undefined;
  if (result?.success) return result.data;
  for (const issue of result?.error.issues ?? []) {
    const param = typeof issue.path[0] === "string" ? issue.path[0] : "query";
    // Messages quote user text with JSON.stringify; collapsing whitespace keeps them one line anyway.
    const message = issue.message.replace(/\s+/g, " ");
    if (!problems.has(param)) problems.set(param, { field: label(param), message: `${label(param)}: ${message}` });
  }
  const [first = { field: label("query"), message: `${label("query")}: invalid` }, ...rest] = problems.values();
  throw inputError([first, ...rest]);
}

/**
 * Turns a typed query back into wire strings: numbers in decimal, lists joined with commas,
 * `undefined` left out.
 */
export function encodeQuery(query: Readonly<Record<string, unknown>>): Record<string, string> {
  const wire: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    wire[key] = Array.isArray(value) ? value.join(",") : String(value);
  }
  return wire;
}

/**
 * Re-checks a typed query handed to an API function by code, not by the raw parsers: the types
 * do not carry ranges (a `limit` of 500 type-checks), and nothing invalid may be sent.
 * @throws InvalidInputError as {@link parseRawQuery} does, naming API parameters
 */
export function checkQuery<S extends QuerySchema>(schema: S, query: Readonly<Record<string, unknown>>): z.output<S> {
  return parseRawQuery(schema, encodeQuery(query));
}
