import { z } from "zod";
import { codePointLength, JOB_ID_MAX_LENGTH, textProblem } from "../core/limits";

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

/** Longest `job_id` filter the APIs accept: the job id limit of core/limits.ts. */
export const JOB_ID_FILTER_MAX_LENGTH = JOB_ID_MAX_LENGTH;

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
    error: (issue) => (issue.input === undefined ? `required; accepted: ${accepted}` : `unknown value ${quote(issue.input)}; accepted: ${accepted}`),
  });
}

/**
 * A comma-separated list of values of a fixed list (the `job_type` of the count operations),
 * sent joined as given. Empty elements and surrounding spaces are errors, not silently dropped.
 * @param maxLength the longest text the API accepts, commas included
 */
export function enumListField<const T extends readonly [string, ...string[]]>(values: T, maxLength: number) {
  const accepted = values.join(", ");
  const known: readonly string[] = values;
  return rawText(`required; accepted: one or more of ${accepted}, joined with commas`)
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
          ctx.addIssue({ code: "custom", message: `empty value in the list ${quote(text)}; accepted: one or more of ${accepted}, joined with commas` });
          return;
        }
        if (!known.includes(part)) {
          ctx.addIssue({ code: "custom", message: `unknown value ${quote(part)} in the list; accepted: ${accepted}` });
          return;
        }
      }
    })
    .transform((text) => text.split(",") as Array<T[number]>);
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
export const jobIdFilterField = textField(JOB_ID_FILTER_MAX_LENGTH);
