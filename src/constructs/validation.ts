// Synth-time validation of construct props, shared by WaitForJob and the data sources. Internal.
//
// Every check looks at literal values only: a Terraform token (a variable, another resource's
// attribute) passes through unchanged and the CLI validates the value at plan or apply time.
// Messages are one line, start with the construct and its id, and name the prop and what it accepts.
import { Fn, Token } from "cdktf";
import { validateEndpoint } from "../core/endpoint";

/** Throws an Error whose message names the construct; `cause` is kept for debugging. */
export type Fail = (message: string, cause?: unknown) => never;

/** A validator of one optional string setting, returning the value to synthesize. */
export type Validator = (value: string, prop: string, fail: Fail) => string;

/** The failure function of construct `constructName` with id `id`: `<constructName> "<id>": <message>`. */
export function failFor(constructName: string, id: string): Fail {
  return (message: string, cause?: unknown): never => {
    throw new Error(`${constructName} ${JSON.stringify(id)}: ${message}`, cause === undefined ? undefined : { cause });
  };
}

/** C0 controls and DEL: they break logs, messages and HTTP paths, and no API id contains them. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Longest job id of the Workspace APP image APIs, the sub-job filters and IMS. */
export const MAX_JOB_ID_LENGTH = 128;

/** Longest job id of the app-server job API (`GET /v2/{project_id}/job/{job_id}`). */
export const MAX_APP_JOB_ID_LENGTH = 255;

/** A job id: 1 to `max` characters (code points, as the CLI counts them), no control characters. */
export function validateJobId(jobId: string, max: number, fail: Fail, prop = "jobId"): string {
  if (typeof jobId !== "string") fail(`${prop} must be a string (got ${typeof jobId})`);
  if (Token.isUnresolved(jobId)) return jobId;
  const limits = `1 to ${max} characters without control characters`;
  // Code points, as the CLI and JSON Schema's maxLength count them: an emoji is one character.
  const length = [...jobId].length;
  if (length === 0) fail(`${prop} must be ${limits} (got an empty string)`);
  if (length > max) fail(`${prop} must be ${limits} (got ${length} characters)`);
  if (CONTROL_CHARACTERS.test(jobId)) fail(`${prop} must be ${limits} (got ${JSON.stringify(jobId)})`);
  return jobId;
}

/** One of `allowed` (exact case), or a token. */
export function validateChoice(value: string, prop: string, allowed: readonly string[], fail: Fail): string {
  const expected = `${prop} must be one of ${allowed.join(", ")}`;
  if (typeof value !== "string") fail(`${expected} (got ${typeof value})`);
  if (Token.isUnresolved(value)) return value;
  if (!allowed.includes(value)) fail(`${expected} (got ${JSON.stringify(value)})`);
  return value;
}

/**
 * A non-empty list of values from `allowed`, joined with commas as the count APIs take them
 * (`CREATE_SERVER,DELETE_SERVER`). A token list becomes a Terraform `join(",", …)` expression.
 */
export function validateChoiceList(
  values: string[],
  prop: string,
  allowed: readonly string[],
  maxJoinedLength: number,
  fail: Fail,
): string {
  if (Token.isUnresolved(values)) return Fn.join(",", values);
  if (!Array.isArray(values)) fail(`${prop} must be a list of ${allowed.join(", ")} (got ${typeof values})`);
  if (values.length === 0) fail(`${prop} must list at least one of ${allowed.join(", ")}; leave it out to count every type`);
  values.forEach((value, index) => validateChoice(value, `${prop}[${index}]`, allowed, fail));
  const joined = values.join(",");
  if (!Token.isUnresolved(joined) && joined.length > maxJoinedLength) {
    fail(`${prop} must join to at most ${maxJoinedLength} characters (got ${joined.length})`);
  }
  return joined;
}

/** An endpoint URL (`https://`, or `http://` on loopback), normalised; or a token. */
export function validateEndpointProp(value: string, prop: string, fail: Fail): string {
  if (typeof value !== "string") fail(`${prop} must be a URL string (got ${typeof value})`);
  if (Token.isUnresolved(value)) return value;
  try {
    return validateEndpoint(value, prop);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), error);
  }
}

/**
 * A region name or project id. Both are plain identifiers: reject what can only be a mistake and
 * leave the exact format to the API.
 */
export function validateName(value: string, prop: string, fail: Fail): string {
  if (typeof value !== "string") fail(`${prop} must be a string (got ${typeof value})`);
  if (Token.isUnresolved(value)) return value;
  if (value.length === 0 || /\s/.test(value) || CONTROL_CHARACTERS.test(value)) {
    fail(`${prop} must be a non-empty name without spaces or control characters (got ${JSON.stringify(value)})`);
  }
  return value;
}

/** A whole number from 1 to `max`, as a string; or a token. */
export function validatePositiveInteger(value: number, prop: string, max: number, fail: Fail): string {
  if (Token.isUnresolved(value)) return Token.asString(value);
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    fail(`${prop} must be a whole number from 1 to ${max} (got ${JSON.stringify(value) ?? typeof value})`);
  }
  return String(value);
}
