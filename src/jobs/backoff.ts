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
