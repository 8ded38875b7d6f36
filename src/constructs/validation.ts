// Synth-time validation of construct props, shared by WaitForJob and the data sources. Internal.
//
// Every check looks at literal values only: a Terraform token (a variable, another resource's
// attribute) passes through unchanged and the CLI validates the value at plan or apply time.
// Messages are one line, start with the construct and its id, and name the prop and what it accepts.
import { parseDuration } from "../core/duration";
import { didYouMean } from "../core/suggest";
import { JOB_ID_MAX_LENGTH, jobIdProblem } from "../core/limits";
import { getOperationOf, JOB_ID_MAX_LENGTHS } from "../jobs/kinds";
import type { JobToRead } from "./hwjobs-job-data-source";
import type { QueryOperation, QueryParameters } from "../jobs/queries";
import { SUB_JOB_STATUSES } from "../api/enums";
import type { SubJobFilterProps } from "./sub-job-filter-props";
import type { IConstruct } from "constructs";
import type { Fail } from "./fail";
import { type Framework, frameworkOf } from "./framework";
import { JOB_KINDS, isJobKind, kindName, type JobKind } from "./job-kind";

/** What every prop check needs: how to report a bad prop, and the framework of the construct's stack. */
export interface ConstructContext {
  /** Throws an Error naming the construct. */
  readonly fail: Fail;

  /** The framework (cdktf or cdktn) of the stack the construct is added to. */
  readonly framework: Framework;
}

/** A validator of one optional string setting, returning the value to synthesize. */
export type Validator = (value: string, prop: string, ctx: ConstructContext) => string;

/**
 * The context of a construct to be added to `scope`, reporting with `fail` (see `failFor`). Fails
 * when `scope` is not a construct inside a stack of an installed framework, before the framework
 * is ever asked to add anything to it.
 */
export function contextFor(scope: IConstruct, fail: Fail): ConstructContext {
  return { fail, framework: frameworkOf(scope, fail) };
}

/**
 * A job id: 1 to `max` characters (code points, as the CLI and JSON Schema's `maxLength` count
 * them: an emoji is one character), no control characters. The rule is core/limits.ts's, the
 * one the CLI applies, so a job id that synthesizes is one the CLI sends.
 */
export function validateJobIdProp(jobId: string, max: number, ctx: ConstructContext, prop = "jobId"): string {
  if (typeof jobId !== "string") ctx.fail(`${prop} must be a string (got ${kindOf(jobId)})`);
  if (ctx.framework.Token.isUnresolved(jobId)) return jobId;
  const limits = `1 to ${max} characters without control characters`;
  const problem = jobIdProblem(jobId, max);
  switch (problem?.kind) {
    case undefined:
      return jobId;
    case "empty":
      return ctx.fail(`${prop} must be ${limits} (got an empty string)`);
    case "dot-segment":
      return ctx.fail(`${prop} must be ${limits}, other than "." or ".." (got ${JSON.stringify(jobId)})`);
    case "too-long":
      return ctx.fail(`${prop} must be ${limits} (got ${problem.length} characters)`);
    case "control-character":
      // Named by code point, never echoed: the character could reorder or hide the message itself.
      return ctx.fail(`${prop} must be ${limits} (got ${problem.code} at character ${problem.position})`);
  }
}

/** A {@link JobKind} value, or a token, which the CLI checks at apply time. */
export function validateKind(kind: string, ctx: ConstructContext): string {
  if (typeof kind !== "string") ctx.fail(`kind must be one of ${JOB_KINDS.join(", ")} (got ${kindOf(kind)})`);
  if (ctx.framework.Token.isUnresolved(kind)) return kind;
  if (!isJobKind(kind)) ctx.fail(`kind must be one of ${JOB_KINDS.join(", ")} (got ${JSON.stringify(kind)})`);
  return kind;
}

/**
 * The id of a job of kind `kind` (see {@link validateJobIdProp}), within the kind's limit in the
 * job-kind registry (255 characters for `app-job`, 128 for the others). With a token kind the
 * limit is not known yet: the longest of any kind is allowed and the CLI decides at apply time.
 */
export function validateJobIdOfKind(jobId: string, kind: string, ctx: ConstructContext, prop = "jobId"): string {
  const max = isJobKind(kind) ? JOB_ID_MAX_LENGTHS[kindName(kind)] : Math.max(...Object.values(JOB_ID_MAX_LENGTHS));
  return validateJobIdProp(jobId, max, ctx, prop);
}

/** The job of `kind` with id `jobId`, checked against the kind's id limit in the job-kind registry. */
export function jobOfKind(kind: JobKind, jobId: string, ctx: ConstructContext): JobToRead {
  const name = kindName(kind);
  return { operation: getOperationOf(name), jobId: validateJobIdProp(jobId, JOB_ID_MAX_LENGTHS[name], ctx) };
}

/**
 * A list or count operation and its API parameters, as a data source's base takes them: the
 * operation is one of the operation registry's (jobs/queries.ts) and the parameters are its own,
 * checked when this compiles (the import is of types only, so no HTTP code reaches the constructs).
 */
export function operationQuery<K extends QueryOperation>(operation: K, parameters: QueryParameters<K>): [K, QueryParameters<K>] {
  return [operation, parameters];
}

/**
 * A duration as the CLI parses it (`90s`, `15m`, `2h`, `1h30m` or plain seconds), greater than
 * zero unless `options.allowZero`; or a token.
 * @returns milliseconds for a literal duration, undefined for a token
 */
export function validateDuration(
  value: string,
  prop: string,
  ctx: ConstructContext,
  options: { allowZero?: boolean } = {},
): number | undefined {
  if (typeof value !== "string") ctx.fail(`${prop} must be a duration string (got ${kindOf(value)})`);
  if (ctx.framework.Token.isUnresolved(value)) return undefined;
  try {
    return parseDuration(value, prop, options);
  } catch (error) {
    return ctx.fail(error instanceof Error ? error.message : String(error), error);
  }
}

/**
 * A map of non-empty keys to strings, none of them one of `reserved`; a copy of it, or `{}` when
 * undefined. The prop is named `triggers` in messages.
 */
export function validateTriggers(
  triggers: Record<string, string> | undefined,
  reserved: readonly string[],
  ctx: ConstructContext,
): Record<string, string> {
  if (triggers === undefined) return {};
  if (triggers === null || typeof triggers !== "object" || Array.isArray(triggers)) {
    ctx.fail(`triggers must be a map of strings (got ${kindOf(triggers)})`);
  }
  for (const [key, value] of Object.entries(triggers)) {
    if (reserved.includes(key)) {
      ctx.fail(`triggers must not use the reserved keys ${reserved.join(", ")} (got ${JSON.stringify(key)})`);
    }
    if (key.length === 0) ctx.fail("triggers keys must be non-empty");
    if (typeof value !== "string") ctx.fail(`triggers.${key} must be a string (got ${kindOf(value)})`);
  }
  return { ...triggers };
}

/**
 * A `job_id` filter of the sub-job lists and counts: the job id rule, except that `.` and `..`
 * are fine, since a filter travels as a query value, not as a path segment (as the CLI accepts).
 */
export function validateJobIdFilter(jobId: string, ctx: ConstructContext, prop = "jobId"): string {
  if (jobId === "." || jobId === "..") return jobId;
  return validateJobIdProp(jobId, JOB_ID_MAX_LENGTH, ctx, prop);
}

/** The API parameters of the sub-job filters (`status`, `job_id`), validated; unset ones are undefined. */
export function validateSubJobFilter(p: SubJobFilterProps, ctx: ConstructContext): { status?: string; job_id?: string } {
  return {
    status: p.status === undefined ? undefined : validateChoice(p.status, "status", SUB_JOB_STATUSES, ctx),
    job_id: p.jobId === undefined ? undefined : validateJobIdFilter(p.jobId, ctx),
  };
}

/** One of `allowed` (exact case), or a token. */
export function validateChoice(value: string, prop: string, allowed: readonly string[], ctx: ConstructContext): string {
  const expected = `${prop} must be one of ${allowed.join(", ")}`;
  if (typeof value !== "string") ctx.fail(`${expected} (got ${kindOf(value)})`);
  if (ctx.framework.Token.isUnresolved(value)) return value;
  if (!allowed.includes(value)) ctx.fail(`${expected} (got ${JSON.stringify(value)})${didYouMean(value, allowed)}`);
  return value;
}

/** A whole number from 1 to `max`, as a string; or a token. */
export function validatePositiveInteger(value: number, prop: string, max: number, ctx: ConstructContext): string {
  if (ctx.framework.Token.isUnresolved(value)) return ctx.framework.Token.asString(value);
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    ctx.fail(`${prop} must be a whole number from 1 to ${max} (got ${JSON.stringify(value) ?? typeof value})`);
  }
  return String(value);
}

/** What a value is, for messages: `null`, `an array`, or its `typeof` (`number`, `undefined`, …). */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

/**
 * The props object of a construct: `{}` for `undefined` when every prop is optional, else an
 * object (not `null`, not an array), so that reading a prop can never throw a TypeError.
 */
export function validateProps<T extends object>(props: T | undefined, ctx: ConstructContext, options: { optional: boolean }): T {
  if (props === undefined && options.optional) return {} as T;
  if (props === null || typeof props !== "object" || Array.isArray(props)) ctx.fail(`props must be an object (got ${kindOf(props)})`);
  return props;
}

/** `true`, `false` or undefined; anything else fails. */
export function validateBoolean(value: boolean | undefined, prop: string, ctx: ConstructContext): boolean | undefined {
  if (value !== undefined && typeof value !== "boolean") ctx.fail(`${prop} must be true or false (got ${kindOf(value)})`);
  return value;
}

/**
 * A `dependsOn` list: undefined, or an array of dependables (the package's constructs and the
 * framework's elements: anything with a string `fqn`). A lone element or a string is refused,
 * rather than silently dropped.
 */
export function validateDependsOn<T extends { readonly fqn: string }>(
  dependsOn: readonly T[] | undefined,
  ctx: ConstructContext,
): T[] | undefined {
  if (dependsOn === undefined) return undefined;
  if (!Array.isArray(dependsOn)) ctx.fail(`dependsOn must be a list of resources or data sources (got ${kindOf(dependsOn)})`);
  dependsOn.forEach((item: unknown, index) => {
    const fqn = typeof item === "object" && item !== null ? (item as { fqn?: unknown }).fqn : undefined;
    if (typeof fqn !== "string")
      ctx.fail(`dependsOn[${index}] must be a resource, data source or construct of this package (got ${kindOf(item)})`);
  });
  return [...dependsOn];
}

/** A duration prop (see {@link validateDuration}), returned as given for the configuration. */
export function validateDurationProp(value: string, prop: string, ctx: ConstructContext): string {
  validateDuration(value, prop, ctx);
  return value;
}
