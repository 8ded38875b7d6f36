import { ExitCode, type ExitCodeValue } from "./exit-codes";
import { describeNetworkFailure } from "./network-failure";
import { sanitizeLine } from "./sanitize";

/**
 * Base class of every error this library throws on purpose; carries the CLI exit code. The
 * message is made one safe line (core/sanitize.ts): it often quotes server text.
 */
export abstract class HwJobsError extends Error {
  /** Exit code the CLI uses for this error. */
  abstract readonly exitCode: ExitCodeValue;

  constructor(message: string, options?: { cause?: unknown }) {
    super(sanitizeLine(message), options);
    this.name = new.target.name;
  }
}

/**
 * Bad input, usage or configuration, detected before any request is sent.
 * The message is one line that names the field and the accepted values.
 */
export class InvalidInputError extends HwJobsError {
  readonly exitCode = ExitCode.USAGE;

  /**
   * @param field the flag, variable or property at fault, e.g. `--limit` or `HW_REGION_NAME`
   * @param message one line naming the field and what is accepted
   */
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** One problem of a command's input: what is at fault, and one line saying what is wrong and what is accepted. */
export interface InputProblem {
  /** The flag, variable, query key or property at fault. */
  readonly field: string;
  /** One line naming the field and what is accepted. */
  readonly message: string;
}

/**
 * Several problems of one input, found in one pass so that a run reports them all, not one per
 * run (exit 2, nothing sent). `field` and `message` are the first problem's; the message holds
 * them all, joined with ` | `, and the CLI prints one line per problem.
 */
export class InvalidInputsError extends InvalidInputError {
  /** Every problem, in the order found. */
  readonly problems: readonly InputProblem[];

  constructor(problems: readonly [InputProblem, ...InputProblem[]]) {
    super(problems[0].field, problems.map((p) => p.message).join(" | "));
    this.problems = problems;
  }
}

/** The error of `problems`: an InvalidInputError for one, as it always was, an InvalidInputsError for several. */
export function inputError(problems: readonly [InputProblem, ...InputProblem[]]): InvalidInputError {
  const [first, ...rest] = problems;
  return rest.length === 0 ? new InvalidInputError(first.field, first.message) : new InvalidInputsError(problems);
}

/** The problems an input error stands for: its own list, or itself as one. */
export function inputProblems(error: InvalidInputError): readonly InputProblem[] {
  return error instanceof InvalidInputsError ? error.problems : [{ field: error.field, message: error.message }];
}

/** Facts about a failed HTTP exchange that are safe to show: never headers or credentials. */
export interface ApiErrorDetails {
  /** Operation name, e.g. `ShowImageJob`. */
  readonly operation: string;
  /** HTTP method. */
  readonly method: string;
  /** Request path without the query string. */
  readonly path: string;
  /** HTTP status, when a response was received. */
  readonly status?: number;
  /** `error_code` (Workspace/APIG) or `error.code` (IMS) from the body. */
  readonly errorCode?: string;
  /** `error_msg` (Workspace/APIG) or `error.message` (IMS) from the body. */
  readonly errorMessage?: string;
  /** `X-Request-Id` response header, or `request_id` from an APIG body. */
  readonly requestId?: string;
  /** Number of attempts made, retries included. */
  readonly attempts: number;
}

/** The API answered with an error status (after retries, where the status is retryable). */
export class ApiError extends HwJobsError implements ApiErrorDetails {
  readonly exitCode = ExitCode.API;
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly requestId?: string;
  readonly attempts: number;

  constructor(details: ApiErrorDetails & { status: number }) {
    super(describeApiFailure(details));
    this.operation = details.operation;
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.errorMessage = details.errorMessage;
    this.requestId = details.requestId;
    this.attempts = details.attempts;
  }

  /** True for 404, which a waiter may tolerate for a just-created job. */
  get isNotFound(): boolean {
    return this.status === 404;
  }
}

/** No usable HTTP response: connection refused or reset, DNS, timeouts (after retries). */
export class NetworkError extends HwJobsError {
  readonly exitCode = ExitCode.API;

  constructor(
    readonly operation: string,
    readonly path: string,
    /** Low-level code such as `ECONNREFUSED` or `UND_ERR_HEADERS_TIMEOUT`. */
    readonly code: string,
    readonly attempts: number,
    options?: {
      cause?: unknown;
      /** The server's host and port (`URL.host`), named in the message when given. */
      host?: string;
    },
  ) {
    const host = options?.host;
    const { what, check } = host === undefined ? { what: `network error ${code}`, check: undefined } : describeNetworkFailure(code, host);
    super(`${operation} GET ${path}: ${what} after ${attempts} attempt(s)${check ? `; ${check}` : ""}`, { cause: options?.cause });
    this.host = host;
  }

  /** The server's host and port, when known. */
  readonly host: string | undefined;
}

/** The API answered 2xx with a body that is not JSON or does not match the response schema. */
export class ResponseValidationError extends HwJobsError {
  readonly exitCode = ExitCode.API;

  constructor(
    readonly operation: string,
    readonly path: string,
    /** What was wrong, e.g. `status: expected string, received undefined`. */
    readonly problem: string,
    readonly requestId?: string,
  ) {
    super(`${operation} GET ${path}: unexpected response: ${problem}${requestId ? ` (request id ${requestId})` : ""}`);
  }
}

function describeApiFailure(d: ApiErrorDetails & { status: number }): string {
  const code = d.errorCode ? ` ${d.errorCode}` : "";
  const msg = d.errorMessage ? `: ${d.errorMessage}` : "";
  const req = d.requestId ? ` (request id ${d.requestId})` : "";
  const tries = d.attempts > 1 ? ` after ${d.attempts} attempts` : "";
  return `${d.operation} ${d.method} ${d.path} failed with HTTP ${d.status}${code}${msg}${req}${tries}`;
}
