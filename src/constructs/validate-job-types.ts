import {
  defaultJobTypes,
  jobTypeChoices,
  jobTypeHint,
  judgeJobType,
  newerJobTypes,
  newerJobTypesWarning,
  quoteJobType,
  type JobTypeFilter,
} from "../api/job-type-filters";
import { codePointLength } from "../core/limits";
import { kindOf, type ConstructContext } from "./validation";

// Synth-time checks of `job_type` props, by the rules of api/job-type-filters.ts, so that a
// synthesized value is never one the CLI refuses at plan time.

/** One `job_type` of a list operation, as its {@link JobTypeFilter} accepts it (the CLI's rules); or a token. */
export function validateJobType(value: string, prop: string, filter: JobTypeFilter, ctx: ConstructContext): string {
  const expected = `${prop} must be one of ${jobTypeChoices(filter)}`;
  if (typeof value !== "string") ctx.fail(`${expected} (got ${kindOf(value)})`);
  if (ctx.framework.Token.isUnresolved(value)) return value;
  if (judgeJobType(filter, value) !== "known") ctx.fail(`${expected} (got ${quoteJobType(value)})${jobTypeHint(filter, value)}`);
  return value;
}

/** A `job_type` list checked by {@link validateJobTypeList}. */
export interface ValidatedJobTypes {
  /** The list joined with commas, as the count APIs take it, or a `join(",", …)` expression for a token list. */
  readonly joined: string;
  /** The one warning line for types newer than this version, which are sent as given; `undefined` when there are none. */
  readonly warning: string | undefined;
}

/**
 * A non-empty `job_type` list of a count operation, as its {@link JobTypeFilter} accepts it
 * (`CREATE_SERVER,DELETE_SERVER`): the same rules as the CLI's `--job-type`, so that a synthesized
 * value is never one the CLI refuses at plan time. A token list becomes a Terraform
 * `join(",", …)` expression, and token elements pass unchecked.
 */
export function validateJobTypeList(
  values: string[],
  prop: string,
  filter: JobTypeFilter & { readonly maxListLength: number },
  ctx: ConstructContext,
): ValidatedJobTypes {
  const choices = jobTypeChoices(filter);
  if (ctx.framework.Token.isUnresolved(values)) return { joined: ctx.framework.Fn.join(",", values), warning: undefined };
  if (!Array.isArray(values)) ctx.fail(`${prop} must be a list of job types: ${choices} (got ${kindOf(values)})`);
  if (values.length === 0) ctx.fail(`${prop} must list at least one of ${choices}; leave it out for ${defaultJobTypes(filter)}`);
  values.forEach((value, index) => {
    if (typeof value !== "string") ctx.fail(`${prop}[${index}] must be one of ${choices} (got ${kindOf(value)})`);
  });
  // The joined length first, then each value, in the CLI's order (api/query-fields.ts); code
  // points, as the CLI counts the same limit (core/limits.ts).
  const joined = values.join(",");
  const length = codePointLength(joined);
  if (!ctx.framework.Token.isUnresolved(joined) && length > filter.maxListLength) {
    ctx.fail(`${prop} must join to at most ${filter.maxListLength} characters (got ${length})`);
  }
  const literal = values.filter((value) => !ctx.framework.Token.isUnresolved(value));
  literal.forEach((value) => {
    if (judgeJobType(filter, value) === "unknown") {
      ctx.fail(`${prop}[${values.indexOf(value)}] must be one of ${choices} (got ${quoteJobType(value)})${jobTypeHint(filter, value)}`);
    }
  });
  const newer = newerJobTypes(filter, literal);
  return { joined, warning: newer.length === 0 ? undefined : newerJobTypesWarning(filter, prop, newer) };
}
