import type { Dispatcher } from "undici";
import type { z } from "zod";
import type { ClientConfig, Service } from "./config";
import { parseErrorBody } from "./error-body";
import { ApiError, NetworkError, ResponseValidationError } from "./errors";
import { createRedactor, credentialSecrets, type Redactor } from "./redact";
import { retryDelayMs } from "./backoff";
import {
  DEFAULT_RETRY_POLICY,
  networkErrorCode,
  parseRetryAfter,
  RETRYABLE_ERROR_CODES,
  RETRYABLE_STATUSES,
  type RetryPolicy,
} from "./retry";
import { encodeRfc3986, signRequest } from "./signer";
import { systemClock, type Clock } from "./sleep";
import { createTransport } from "./transport";
import { VERSION } from "./version";
import { MAX_BODY_BYTES, readCapped } from "./capped-body";

/** Query values; `undefined` entries are left out. */
export type QueryParams = Readonly<Record<string, string | number | undefined>>;

/** One GET of one operation. */
export interface GetRequest<S extends z.ZodType> {
  /** Operation name for messages, e.g. `ShowImageJob`. */
  readonly operation: string;
  readonly service: Service;
  /** Path template with `{name}` placeholders, e.g. `/v1/{project_id}/jobs/{job_id}`; `project_id` is filled in. */
  readonly path: string;
  readonly pathParams?: Readonly<Record<string, string>>;
  readonly query?: QueryParams;
  /** Schema of the 2xx body. */
  readonly schema: S;
  readonly signal?: AbortSignal;
}

/** Reported before each retry, for progress output. */
export interface RetryEvent {
  readonly operation: string;
  /** The attempt that just failed (1-based). */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly delayMs: number;
  /** E.g. `HTTP 503 WKS.00050902` or `ECONNRESET`. */
  readonly reason: string;
}

/**
 * Reported after every attempt, answered or not, for a debug trace. It carries no header but
 * `X-Request-Id` and no body: nothing in it can hold a credential (the URL's query is what the
 * caller gave, and is redacted too).
 */
export interface AttemptEvent {
  readonly operation: string;
  readonly method: "GET";
  /** The full URL sent, query included. */
  readonly url: string;
  /** 1-based. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** The HTTP status, when an answer came. */
  readonly status?: number;
  /** The network error's code (e.g. `ECONNREFUSED`), when none came. */
  readonly errorCode?: string;
  /** From sending to the end of the body (or the failure), by the client's clock. */
  readonly durationMs: number;
  /** The answer's `X-Request-Id`, if it had one. */
  readonly requestId?: string;
}

/** Options of {@link HwClient}. */
export interface HwClientOptions {
  /** @default a keep-alive proxy-aware agent from the environment */
  readonly dispatcher?: Dispatcher;
  /** @default DEFAULT_RETRY_POLICY */
  readonly retry?: Partial<RetryPolicy>;
  /** @default the system clock */
  readonly clock?: Clock;
  /** @default Math.random */
  readonly random?: () => number;
  /** Called before each retry. */
  readonly onRetry?: (event: RetryEvent) => void;
  /** Called after every attempt, success or failure (network errors and aborts included). */
  readonly onAttempt?: (event: AttemptEvent) => void;
  /** Environment for proxy settings. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Replaces secrets in everything the server answers. @default a redactor of the config's credentials */
  readonly redactor?: Redactor;
}

type Outcome =
  | { kind: "response"; status: number; body: string; requestId?: string; retryAfter?: string; oversized?: boolean }
  | { kind: "network"; code: string; cause: unknown };

/**
 * Signs, sends and validates API requests: AK/SK or token auth, retries of network errors and
 * 429/5xx with jittered exponential backoff honouring `Retry-After`, and typed errors that never
 * carry a secret.
 */
export class HwClient {
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly policy: RetryPolicy;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly redactor: Redactor;

  constructor(
    readonly config: ClientConfig,
    private readonly options: HwClientOptions = {},
  ) {
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher = options.dispatcher ?? createTransport(options.env ?? process.env);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.redactor = options.redactor ?? createRedactor(credentialSecrets(config.credentials));
  }

  /** Sends a GET with retries and returns the validated body. */
  async get<S extends z.ZodType>(req: GetRequest<S>): Promise<z.infer<S>> {
    const path = fillPath(req.path, { project_id: this.config.projectId, ...req.pathParams });
    const url = new URL(this.config.endpoints[req.service] + path);
    // Sent with the signer's RFC 3986 encoding (space as %20, as the official SDK sends it), not
    // URLSearchParams' form encoding: a "+" for a space decodes to "+" on a gateway that does not
    // apply form rules, and the signature would no longer match.
    url.search = Object.entries(req.query ?? {})
      .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
      .map(([key, value]) => `${encodeRfc3986(key)}=${encodeRfc3986(String(value))}`)
      .join("&");
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.timedAttempt(req.operation, url, attempt, req.signal);
      if (outcome.kind === "response" && outcome.oversized) {
        throw new ResponseValidationError(req.operation, path, `body larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`, outcome.requestId);
      }
      const retryable = outcome.kind === "network" ? RETRYABLE_ERROR_CODES.has(outcome.code) : RETRYABLE_STATUSES.has(outcome.status);
      if (outcome.kind === "response" && outcome.status >= 200 && outcome.status < 300) {
        return this.validate(req, path, outcome.body, outcome.requestId);
      }
      if (!retryable || attempt >= this.policy.maxAttempts || req.signal?.aborted) {
        throw this.failure(req.operation, path, url.host, outcome, attempt);
      }
      const retryAfterMs = outcome.kind === "response" ? parseRetryAfter(outcome.retryAfter, this.clock.now()) : undefined;
      const delayMs = retryDelayMs(attempt, this.policy, this.random, retryAfterMs);
      this.options.onRetry?.({
        operation: req.operation,
        attempt,
        maxAttempts: this.policy.maxAttempts,
        delayMs,
        reason: this.redact(describeOutcome(outcome)),
      });
      await this.clock.sleep(delayMs, req.signal);
    }
  }

  /** Closes pooled connections (only those of a dispatcher this client created). */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  /** {@link HwClient.attempt}, reported to `onAttempt` however it ends. */
  private async timedAttempt(operation: string, url: URL, attempt: number, signal: AbortSignal | undefined): Promise<Outcome> {
    const onAttempt = this.options.onAttempt;
    if (onAttempt === undefined) return this.attempt(url, signal);
    const started = this.clock.now();
    const report = (fields: Pick<AttemptEvent, "status" | "errorCode" | "requestId">) =>
      onAttempt({
        operation,
        method: "GET",
        url: this.redact(url.href),
        attempt,
        maxAttempts: this.policy.maxAttempts,
        durationMs: Math.max(0, this.clock.now() - started),
        ...fields,
        requestId: fields.requestId === undefined ? undefined : this.redact(fields.requestId),
      });
    let outcome: Outcome;
    try {
      outcome = await this.attempt(url, signal);
    } catch (error) {
      report({ errorCode: "aborted" });
      throw error;
    }
    report(outcome.kind === "network" ? { errorCode: outcome.code } : { status: outcome.status, requestId: outcome.requestId });
    return outcome;
  }

  private async attempt(url: URL, signal: AbortSignal | undefined): Promise<Outcome> {
    try {
      // The dispatcher's own method rather than undici's top-level `request`: the CLI bundle then
      // needs only the dispatcher classes of undici, not its index (scripts/build.mjs).
      const res = await this.dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: "GET",
        headers: this.headers(url),
        signal,
      });
      const body = await readCapped(res.body, MAX_BODY_BYTES);
      if (body === undefined) {
        return { kind: "response", status: res.statusCode, body: "", oversized: true, requestId: headerValue(res.headers["x-request-id"]) };
      }
      // undici's pool marks the connection free only after the body has ended; without this yield
      // the next sequential request finds it busy and opens a second socket.
      await new Promise((resolve) => setImmediate(resolve));
      return {
        kind: "response",
        status: res.statusCode,
        body,
        requestId: headerValue(res.headers["x-request-id"]),
        retryAfter: headerValue(res.headers["retry-after"]),
      };
    } catch (error) {
      if (signal?.aborted) throw error;
      return { kind: "network", code: networkErrorCode(error), cause: error };
    }
  }

  private headers(url: URL): Record<string, string> {
    const { credentials, projectId } = this.config;
    const base: Record<string, string> = { "content-type": "application/json", "x-project-id": projectId };
    const unsigned = { accept: "application/json", "user-agent": `hwjobs/${VERSION}` };
    if (credentials.type === "token") return { ...base, ...unsigned, "x-auth-token": credentials.token };
    if (credentials.securityToken) base["x-security-token"] = credentials.securityToken;
    const signed = signRequest({
      method: "GET",
      url,
      headers: base,
      accessKey: credentials.accessKey,
      secretKey: credentials.secretKey,
      date: new Date(this.clock.now()),
    });
    // undici sets Host itself from the URL; sending it twice would be an error.
    delete signed.host;
    return { ...signed, ...unsigned };
  }

  private validate<S extends z.ZodType>(req: GetRequest<S>, path: string, body: string, requestId?: string): z.infer<S> {
    let json: unknown;
    try {
      // Every string of the answer (job fields, keys, ids) loses any secret the server echoed
      // before anything reads it: callers, stdout JSON and messages then never see one.
      json = this.redactor.redactJson(JSON.parse(body));
    } catch {
      throw new ResponseValidationError(
        req.operation,
        path,
        `body is not JSON (${body.length} bytes)`,
        requestId && this.redact(requestId),
      );
    }
    const parsed = req.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
      throw new ResponseValidationError(
        req.operation,
        path,
        this.redact(`${where}${issue?.message ?? "invalid"}`),
        requestId && this.redact(requestId),
      );
    }
    return parsed.data;
  }

  private failure(operation: string, path: string, host: string, outcome: Outcome, attempts: number): Error {
    if (outcome.kind === "network") return new NetworkError(operation, path, outcome.code, attempts, { cause: outcome.cause, host });
    const fields = parseErrorBody(outcome.body);
    const redact = (text: string | undefined) => (text === undefined ? undefined : this.redact(text));
    return new ApiError({
      operation,
      method: "GET",
      path,
      status: outcome.status,
      attempts,
      errorCode: redact(fields.errorCode),
      errorMessage: redact(fields.errorMessage),
      requestId: redact(outcome.requestId ?? fields.requestId),
    });
  }

  /** Replaces any credential secret a server may echo back (e.g. in `error_msg`), plain or encoded, with `***`. */
  private redact(text: string): string {
    return this.redactor.redact(text);
  }
}

/** Fills `{name}` placeholders with percent-encoded values. */
export function fillPath(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`path parameter ${name} missing for ${template}`);
    return encodeURIComponent(value);
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function describeOutcome(outcome: Outcome): string {
  if (outcome.kind === "network") return outcome.code;
  const { errorCode: code } = parseErrorBody(outcome.body);
  return `HTTP ${outcome.status}${code ? ` ${code}` : ""}`;
}
