import type { JobStore } from "../jobs/store";

/** What a handler sees of a request: already authenticated (API) or needing none (admin). */
export interface HandlerContext {
  /** Percent-decoded path parameters. */
  readonly params: Readonly<Record<string, string>>;
  /** Decoded query parameters. */
  readonly query: URLSearchParams;
  /** Parsed JSON body; `undefined` when the body is empty. */
  readonly body: unknown;
  /** The `X-Request-Id` of this response. */
  readonly requestId: string;
  /** Emulator clock reading for this request. */
  readonly now: number;
  readonly store: JobStore;
}

/** A JSON response; the server adds `content-type` and `X-Request-Id`. */
export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A route handler: synchronous and free of I/O, so handlers are trivial to test and compose. */
export type Handler = (ctx: HandlerContext) => JsonResponse;
