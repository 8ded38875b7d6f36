import * as z from "zod";
import { codePointLength, JOB_ID_MAX_LENGTH, textProblem } from "../core/limits";
import { didYouMean } from "../core/suggest";
import type { OpenEnum } from "./open-enum";
import { acceptedJobTypes, judgeJobType, quoteJobType, unknownJobTypeMessage, type JobTypeFilter } from "./job-type-filters";

/**
 * Zod schemas for single query parameters, read from RAW STRINGS: CLI flags and Terraform
 * external queries arrive as text, so each schema checks the text and converts it to the typed
 * value. Every message is phrased for a person (what is accepted, what was given) and names no
 * field: {@link parseRawQuery} prefixes the caller's spelling of the parameter.
 */

/** Largest `offset` the list APIs accept (spec maximum, int32). */
export const OFFSET_MAX = 2147483647;

/** Largest page the list APIs return (spec maximum of `limit`). */
export const LIMIT_MAX = 100;

// Decimal digits only: Number() would also take "1e2", "+1", " 1" and "0x10", which no API
// parameter is documented to accept and which usually betray a mistake upstream.
const DIGITS = /^[0-9]+$/;

const quote = (text: unknown): string => JSON.stringify(String(text));

/** A string that reports a missing value as `required` (only reached for required parameters). */
function rawText(required: string) {
  return z.string({ error: (issue) => (issue.input === undefined ? required : `must be a string (got ${typeof issue.input})`) });
}

/**
 * One value of a fixed list, spelled exactly (no case folding, so scripts stay portable).
 * @param values the accepted values, in the order messages list them
 */
export function enumField<const T extends readonly [string, ...string[]]>(values: T) {
  const accepted = values.join(", ");
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined
        ? `required; accepted: ${accepted}`
        : `unknown value ${quote(issue.input)}; accepted: ${accepted}${didYouMean(String(issue.input), values)}`,
  });
}

// The filter each `job_type` schema was made from, so that a query schema names its own filter
// (see jobTypeFilterOf) rather than callers pairing operations with filters a second time.
const FILTER_OF_FIELD = new WeakMap<z.ZodType, JobTypeFilter>();

function registered<S extends z.ZodType>(schema: S, filter: JobTypeFilter): S {
  FILTER_OF_FIELD.set(schema, filter);
  return schema;
}

/** The {@link JobTypeFilter} of a query schema's `job_type` field, given or `.optional()`; `undefined` when it has none. */
export function jobTypeFilterOf(schema: z.ZodObject): JobTypeFilter | undefined {
  const field: unknown = schema.shape.job_type;
  const inner = field instanceof z.ZodOptional ? field.unwrap() : field;
  return inner instanceof z.ZodType ? FILTER_OF_FIELD.get(inner) : undefined;
}

/** The values an enum parameter of `schema` accepts (e.g. `status`), for help; `undefined` for a parameter that is no enum. */
export function enumValuesOf(schema: z.ZodObject, param: string): readonly string[] | undefined {
  const field: unknown = schema.shape[param];
  const inner = field instanceof z.ZodOptional ? field.unwrap() : field;
  return inner instanceof z.ZodEnum ? (inner.options as readonly string[]) : undefined;
}

/** The one `job_type` of a list operation, one of its {@link JobTypeFilter}'s known values. */
export function jobTypeField<const T extends readonly [string, ...string[]]>(filter: JobTypeFilter & { readonly known: T }) {
  const schema = z.enum(filter.known, {
    error: (issue) =>
      issue.input === undefined ? `required; accepted: ${acceptedJobTypes(filter)}` : unknownJobTypeMessage(filter, String(issue.input)),
  });
  return registered(schema, filter);
}

/**
 * The comma-separated `job_type` list of a count operation, as its {@link JobTypeFilter} defines
 * it, sent joined as given. Empty elements and surrounding spaces are errors, not silently
 * dropped; a value outside the known ones is refused unless the filter takes it for a newer type
 * (`newerJobTypes` of job-type-filters.ts names those, for the callers' warnings).
 */
export function jobTypeListField<const F extends JobTypeFilter & { readonly maxListLength: number }>(filter: F) {
  const accepted = acceptedJobTypes(filter);
  const maxLength = filter.maxListLength;
  const schema = rawText(`required; accepted: ${accepted}`)
    .superRefine((text, ctx) => {
      // Code points, as every limit counts (core/limits.ts); the values are ASCII, but a stray
      // non-ASCII character must not make the count disagree with the API's.
      const length = codePointLength(text);
      if (length > maxLength) {
        ctx.addIssue({ code: "custom", message: `at most ${maxLength} characters (got ${length})` });
        return;
      }
      for (const part of text.split(",")) {
        if (part === "") {
          ctx.addIssue({ code: "custom", message: `empty value in the list ${quoteJobType(text)}; accepted: ${accepted}` });
          return;
        }
        if (judgeJobType(filter, part) === "unknown") {
          ctx.addIssue({ code: "custom", message: unknownJobTypeMessage(filter, part) });
          return;
        }
      }
    })
    .transform((text) => text.split(",") as Array<OpenEnum<F["known"][number]>>);
  return registered(schema, filter);
}

/**
 * A decimal integer within `[min, max]`.
 * @param phrase the message for text that is not an integer or is below `min`
 * @param tooBig the message for an integer above `max`
 */
function integerField(min: number, max: number, phrase: string, tooBig: string = phrase) {
  return rawText("required")
    .superRefine((text, ctx) => {
      if (!DIGITS.test(text) || Number(text) < min) {
        ctx.addIssue({ code: "custom", message: `${phrase} (got ${quote(text)})` });
      } else if (Number(text) > max) {
        ctx.addIssue({ code: "custom", message: `${tooBig} (got ${quote(text)})` });
      }
    })
    .transform(Number);
}

/** `offset`: an integer from 0 to {@link OFFSET_MAX}; the API's default is 0. */
export const offsetField = integerField(0, OFFSET_MAX, "must be an integer >= 0", `must be an integer from 0 to ${OFFSET_MAX}`);

/** `limit`: an integer from 1 to {@link LIMIT_MAX}; the API's default is 10. */
export const limitField = integerField(1, LIMIT_MAX, `must be an integer from 1 to ${LIMIT_MAX}`);

/**
 * Free text up to `maxLength` characters (counted in code points, as JSON Schema `maxLength`
 * does) and without control characters.
 */
export function textField(maxLength: number) {
  return rawText("required").superRefine((text, ctx) => {
    const problem = textProblem(text, maxLength);
    if (problem?.kind === "too-long") {
      ctx.addIssue({ code: "custom", message: `at most ${problem.max} characters (got ${problem.length})` });
    } else if (problem?.kind === "control-character") {
      ctx.addIssue({ code: "custom", message: `control character ${problem.code} at position ${problem.position} is not allowed` });
    }
  });
}

/** `job_id` filter: the parent job whose sub-jobs to list or count. */
export const jobIdFilterField = textField(JOB_ID_MAX_LENGTH);
