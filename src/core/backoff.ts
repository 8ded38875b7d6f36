import type { RetryPolicy } from "./retry";

// The backoff of HTTP retries (core/client.ts): "equal jitter", a delay in [ceiling/2, ceiling],
// never near zero, because a retry follows a failure the server may still be recovering from, and
// a server's Retry-After is a floor. The waiter's polls follow a schedule of their own
// (jobs/poll-schedule.ts), driven by the job's age and progress rather than by failures.

/**
 * Delay before retry number `retry` (1 for the first retry): "equal jitter" exponential backoff,
 * so retries from many callers spread out yet never collapse to zero; a server's `Retry-After`
 * (capped) is a lower bound, as the AWS SDK treats it.
 */
export function retryDelayMs(retry: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const backoff = Math.round(ceiling / 2 + random() * (ceiling / 2));
  if (retryAfterMs === undefined) return backoff;
  return Math.max(Math.min(retryAfterMs, policy.maxRetryAfterMs), backoff);
}
