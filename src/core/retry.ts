/** When and how long to retry a failed HTTP attempt. */
export interface RetryPolicy {
  /** Attempts in all, the first included. @default 5 */
  readonly maxAttempts: number;
  /** Backoff before the first retry, before jitter. @default 500 */
  readonly baseDelayMs: number;
  /** Upper bound of the exponential backoff. @default 20000 */
  readonly maxDelayMs: number;
  /** Upper bound on a server's `Retry-After`. @default 60000 */
  readonly maxRetryAfterMs: number;
}

/** Defaults: 5 attempts, 0.5 s doubling to 20 s, Retry-After honoured up to 60 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
};

/** HTTP statuses worth retrying: throttling and transient server or gateway failures. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Network error codes worth retrying (connection and timeout failures). */
export const RETRYABLE_ERROR_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENETDOWN",
  "ENETUNREACH",
  "EHOSTDOWN",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/**
 * Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds from `now`;
 * `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Only the HTTP-date forms (IMF-fixdate, RFC 850, asctime), which all start with a day name and
  // carry a time: Date.parse alone reads "-1" or "soon 5" as dates in 2001.
  if (!/^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s.*\b\d{1,2}:\d{2}:\d{2}\b/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The code of a network error, to match against {@link RETRYABLE_ERROR_CODES}: undici wraps
 * socket errors, so the useful code may sit on a cause a few levels down.
 */
export function networkErrorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = current.cause;
  }
  return error instanceof Error ? error.name : "UNKNOWN";
}
