// Synth-time validation of construct props, shared by WaitForJob and the data sources. Internal.
//
// Every check looks at literal values only: a Terraform token (a variable, another resource's
// attribute) passes through unchanged and the CLI validates the value at plan or apply time.
// Messages are one line, start with the construct and its id, and name the prop and what it accepts.
import { parseDuration } from "../core/duration";
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
import {
  CONNECTION_SETTING_NAMES,
  CONNECTION_SETTINGS,
  type ConnectionSettingKind,
  type ConnectionSettingName,
} from "../core/connection-settings";
import { validateEndpoint } from "../core/endpoint";
import { didYouMean } from "../core/suggest";
import {
  APP_JOB_ID_MAX_LENGTH,
  codePointLength,
  isProjectId,
  isRegion,
  JOB_ID_MAX_LENGTH,
  jobIdProblem,
  PROJECT_ID_ACCEPTED,
  REGION_ACCEPTED,
} from "../core/limits";
import type { IConstruct } from "constructs";
import type { ConnectionProps } from "./connection-props";
import type { Fail } from "./fail";
import { type Framework, frameworkOf } from "./framework";
import { JOB_KINDS, JobKind, isJobKind } from "./job-kind";

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
 * The id of a job of kind `kind` (see {@link validateJobIdProp}): up to 255 characters for
 * `app-job`, 128 for the others. With a token kind the limit is not known yet: the longest is
 * allowed and the CLI decides at apply time.
 */
export function validateJobIdOfKind(jobId: string, kind: string, ctx: ConstructContext): string {
  const max = kind === JobKind.APP_JOB || ctx.framework.Token.isUnresolved(kind) ? APP_JOB_ID_MAX_LENGTH : JOB_ID_MAX_LENGTH;
  return validateJobIdProp(jobId, max, ctx);
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

/** One of `allowed` (exact case), or a token. */
export function validateChoice(value: string, prop: string, allowed: readonly string[], ctx: ConstructContext): string {
  const expected = `${prop} must be one of ${allowed.join(", ")}`;
  if (typeof value !== "string") ctx.fail(`${expected} (got ${kindOf(value)})`);
  if (ctx.framework.Token.isUnresolved(value)) return value;
  if (!allowed.includes(value)) ctx.fail(`${expected} (got ${JSON.stringify(value)})${didYouMean(value, allowed)}`);
  return value;
}

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

/** An endpoint URL (`https://`, or `http://` on loopback), normalised; or a token. */
export function validateEndpointProp(value: string, prop: string, ctx: ConstructContext): string {
  if (typeof value !== "string") ctx.fail(`${prop} must be a URL string (got ${kindOf(value)})`);
  if (ctx.framework.Token.isUnresolved(value)) return value;
  try {
    return validateEndpoint(value, prop);
  } catch (error) {
    return ctx.fail(error instanceof Error ? error.message : String(error), error);
  }
}

/** A region id, as the CLI's `--region` accepts it (core/limits.ts); or a token. */
export function validateRegion(value: string, prop: string, ctx: ConstructContext): string {
  return validateIdentifier(value, prop, isRegion, REGION_ACCEPTED, ctx);
}

/** A project id, as the CLI's `--project-id` accepts it (core/limits.ts); or a token. */
export function validateProjectId(value: string, prop: string, ctx: ConstructContext): string {
  return validateIdentifier(value, prop, isProjectId, PROJECT_ID_ACCEPTED, ctx);
}

/**
 * A literal matching `accepts` (described by `accepted`), or a token, which the CLI checks at plan
 * time. The rules are the CLI's own: a value that synthesizes but that the CLI rejects would only
 * fail at plan or apply time.
 */
function validateIdentifier(
  value: string,
  prop: string,
  accepts: (text: string) => boolean,
  accepted: string,
  ctx: ConstructContext,
): string {
  if (typeof value !== "string") ctx.fail(`${prop} must be a string (got ${kindOf(value)})`);
  if (ctx.framework.Token.isUnresolved(value)) return value;
  // A control character is named by the JSON quoting below, so it cannot break the one-line message.
  if (!accepts(value)) ctx.fail(`${prop} must be ${accepted} (got ${JSON.stringify(value)})`);
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

// How each kind of connection setting is checked: as the CLI checks it (core/config.ts).
const CONNECTION_VALIDATORS: Readonly<Record<ConnectionSettingKind, Validator>> = {
  region: validateRegion,
  "project-id": validateProjectId,
  endpoint: validateEndpointProp,
};

/**
 * The connection props that were given ({@link ConnectionProps}), each checked as the CLI checks
 * its setting, in the order of core/connection-settings.ts; left-out props are left out.
 */
export function validateConnectionProps(props: ConnectionProps, ctx: ConstructContext): Partial<Record<ConnectionSettingName, string>> {
  const settings: Partial<Record<ConnectionSettingName, string>> = {};
  for (const name of CONNECTION_SETTING_NAMES) {
    const value = props[name];
    if (value !== undefined) settings[name] = CONNECTION_VALIDATORS[CONNECTION_SETTINGS[name].kind](value, name, ctx);
  }
  return settings;
}
