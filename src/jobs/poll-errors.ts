import { ApiError, NetworkError, ResponseValidationError, type HwJobsError } from "../core/errors";
import { RETRYABLE_ERROR_CODES, RETRYABLE_STATUSES } from "../core/retry";

/**
 * How a waiter treats an error from one poll:
 * - `not-found`: HTTP 404, which a just-created job answers until it becomes visible;
 * - `transient`: connection trouble, throttling, 5xx or a garbled body, which outlasted the
 *   client's own retries but may clear up before the wait's timeout;
 * - `fatal`: anything else (401/403, 400, invalid input, bugs, and network errors the client does
 *   not retry either, such as a TLS handshake with a plain-HTTP port or an invalid header value),
 *   which waiting cannot fix. A JobMismatchError (an answer for another job) is fatal too: it
 *   means misrouting or a broken cache or service, and a later answer that happens to match
 *   would come from the same untrustworthy source, so the wait ends at once instead of hiding it
 *   until the timeout.
 */
export type PollErrorVerdict =
  | { readonly class: "not-found"; readonly error: ApiError }
  | { readonly class: "transient"; readonly error: HwJobsError }
  | { readonly class: "fatal"; readonly error: unknown };

/** Classifies an error thrown by a poll; see {@link PollErrorVerdict}. */
export function classifyPollError(error: unknown): PollErrorVerdict {
  if (error instanceof ApiError) {
    if (error.isNotFound) return { class: "not-found", error };
    return RETRYABLE_STATUSES.has(error.status) ? { class: "transient", error } : { class: "fatal", error };
  }
  // Only the codes the client retries: others, such as ERR_SSL_WRONG_VERSION_NUMBER or
  // UND_ERR_INVALID_ARG, fail the same way on every poll and would only hold the wait until its timeout.
  if (error instanceof NetworkError)
    return RETRYABLE_ERROR_CODES.has(error.code) ? { class: "transient", error } : { class: "fatal", error };
  if (error instanceof ResponseValidationError) return { class: "transient", error };
  return { class: "fatal", error };
}
