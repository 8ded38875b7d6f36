import type { IncomingHttpHeaders } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { authenticate, authSchemeOf, type AuthConfig, type AuthScheme } from "./auth";
import { apiNotFound, authFailed, gatewayError, METHOD_NOT_ALLOWED } from "./error-bodies";
import { faultResponse, type RawResponse } from "../faults/response";
import type { FaultQueue } from "../faults/queue";
import { parseJson, toRaw } from "./http-io";
import type { Handler } from "./http-types";
import type { JobStore } from "../jobs/store";
import type { Router } from "./router";

/** An API request, read and parsed once by the server. */
export interface ApiRequest {
  readonly method: string;
  /** Path as sent, still percent-encoded, without the query. */
  readonly rawPath: string;
  /** Percent-decoded path; `undefined` when the encoding is malformed. */
  readonly path: string | undefined;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly requestId: string;
}

/** What the pipeline needs besides the request. */
export interface ApiDeps {
  readonly router: Router<Handler>;
  readonly store: JobStore;
  readonly faults: FaultQueue;
  readonly auth: AuthConfig;
  readonly now: () => number;
  /** Aborts pending fault delays when the emulator closes. */
  readonly signal: AbortSignal;
}

/** The pipeline's verdict: a response, or `drop` to destroy the connection unanswered. */
export interface ApiOutcome {
  readonly response: RawResponse | "drop";
  readonly auth: AuthScheme;
  readonly fault: boolean;
}

/** Authentication, routing and the handler: everything after fault injection. */
function answer(req: ApiRequest, deps: ApiDeps): RawResponse {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => toRaw({ status, body, headers });
  if (req.path === undefined) {
    return json(400, gatewayError("APIGW.0201", "Request error: the path has malformed percent-encoding.", req.requestId));
  }
  // Like the gateway, an unpublished path is rejected before authentication.
  const match = deps.router.match(req.method, req.rawPath);
  if (match.kind === "not-found") return json(404, apiNotFound(req.requestId));
  const now = deps.now();
  const auth = authenticate(
    { method: req.method, path: req.path, query: [...req.query], headers: req.headers, body: req.body, now },
    deps.auth,
  );
  if (!auth.ok) return json(401, authFailed(auth.reason, req.requestId));
  if (match.kind === "method-not-allowed") return json(405, METHOD_NOT_ALLOWED, { allow: match.allow.join(", ") });
  const parsed = parseJson(req.body);
  return toRaw(
    match.route.handler({
      params: match.params,
      query: req.query,
      body: parsed.ok ? parsed.value : undefined,
      requestId: req.requestId,
      now,
      store: deps.store,
    }),
  );
}

/**
 * Handles one API request: a matching fault first (before authentication, as a gateway or
 * network failure would be), then authentication, routing and the operation.
 */
export async function handleApiRequest(req: ApiRequest, deps: ApiDeps): Promise<ApiOutcome> {
  const auth = authSchemeOf(req.headers);
  const fault = deps.faults.take(req.method, req.path ?? req.rawPath);
  if (!fault) return { response: answer(req, deps), auth, fault: false };
  if (fault.delayMs > 0) await delay(fault.delayMs, undefined, { signal: deps.signal });
  if (fault.drop) return { response: "drop", auth, fault: true };
  return { response: faultResponse(fault, req.requestId) ?? answer(req, deps), auth, fault: true };
}
