import type { RetryPolicy } from "./retry";

// The two backoff schedules of the package, side by side. They differ on purpose:
// - HTTP retries (core/client.ts) use "equal jitter": a delay in [ceiling/2, ceiling], never near
//   zero, because a retry follows a failure the server may still be recovering from, and a
//   server's Retry-After is a floor.
// - The waiter's polls (jobs/waiter.ts) follow @smithy/util-waiter: uniform in [min, min*2^(n-1)]
//   while growing, so the first polls of a fast job come soon, then jittered below the ceiling
//   so that waiters started together do not poll in lockstep.

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

/** Bounds of the delay between polls. */
export interface BackoffOptions {
  /** First delay, and the floor of every jittered delay; must be > 0. */
  readonly minDelayMs: number;
  /** Ceiling of every delay; at least `minDelayMs`. */
  readonly maxDelayMs: number;
}

/**
 * Delay before poll `attempt` (1 = the first poll after the immediate one), as
 * `@smithy/util-waiter` computes it while growing: uniform in [min, min·2^(attempt−1)] while that
 * range stays under the ceiling. Once capped, uniform in [max(min, max/2), max] where smithy uses
 * exactly `maxDelayMs`: a fixed cap would put waiters started together (one per stack in a
 * pipeline) back in lockstep for the rest of a long wait, which the jitter exists to prevent.
 * @param random returns a number in [0, 1)
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions, random: () => number): number {
  const { minDelayMs, maxDelayMs } = options;
  const upper = minDelayMs * 2 ** Math.max(0, attempt - 1);
  const lower = upper > maxDelayMs ? Math.max(minDelayMs, maxDelayMs / 2) : minDelayMs;
  return Math.round(lower + random() * (Math.min(upper, maxDelayMs) - lower));
}

/**
 * Delay before poll `attempt`, trimmed so the poll happens no later than the deadline: the last
 * poll then lands right at it instead of the wait giving up early (smithy 4.2) or sleeping past
 * it. `undefined` once the deadline has been reached, so a wait can never spin with zero delays.
 * @param remainingMs time left until the deadline
 */
export function nextPollDelayMs(attempt: number, remainingMs: number, options: BackoffOptions, random: () => number): number | undefined {
  if (!(remainingMs > 0)) return undefined;
  return Math.min(backoffDelayMs(attempt, options, random), remainingMs);
}
