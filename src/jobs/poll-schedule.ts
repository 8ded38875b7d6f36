// When the waiter polls next (docs/architecture.md §5.2), as a few small pure functions in the
// manner of @smithy/util-waiter. Two signals decide it:
// - the job's age: a job that has run for a minute is unlikely to end in the next second, and one
//   that has run for an hour not in the next minute, so the delay grows with the age (a tenth of
//   it) up to a steady interval near the provider's 30 s;
// - its progress, when the answer carries it: the end is extrapolated from recent progress and
//   polls are placed around it, sparse while it is far off and dense near it.
// Jitter keeps waits started together from polling in step. The waiter then trims a delay to the
// deadline and the not-found grace (waiter.ts); that is not this file's concern.

/** One poll as the schedule sees it. */
export interface PollSample {
  /** The job's age at the poll, in ms: since its `begin_time` when known, else since the wait began. */
  readonly ageMs: number;
  /** The fraction done, in [0, 1] ({@link JobSnapshot.progress}); absent when the answer does not say. */
  readonly progress?: number;
}

/** Floor and ceiling of the delay between polls. */
export interface ScheduleBounds {
  /** Floor of every delay; above 0. */
  readonly minDelayMs: number;
  /** Ceiling of every delay; at least `minDelayMs`. */
  readonly maxDelayMs: number;
}

/**
 * The schedule's constants. Chosen on a virtual clock against the targets of `npm run bench`
 * (README, "Performance"): the steady interval sets a long job's mean lag (about half of it), the
 * age fraction that of jobs of a few minutes.
 */
export const POLL_SCHEDULE = {
  /** Without an estimated end, the delay is this fraction of the job's age... */
  ageFraction: 0.1,
  /** ...up to this (or the ceiling, if lower). */
  steadyMs: 42_000,
  /** With an estimated end, the delay is this fraction of the time left to it... */
  remainingFraction: 0.5,
  /** ...and at least the age-based delay, up to this: the density of polls near the end. */
  nearMs: 6_000,
  /** Delays are spread uniformly over ±this fraction. */
  jitter: 0.2,
  /** Progress is measured over the last this fraction of the job's age, so a rate that changes is followed. */
  rateWindow: 0.5,
} as const;

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * The delay that the job's age alone suggests: {@link POLL_SCHEDULE.ageFraction} of it, at least
 * the floor, at most the steady interval and the ceiling.
 */
export function ageDelayMs(ageMs: number, bounds: ScheduleBounds): number {
  const steady = Math.max(bounds.minDelayMs, Math.min(bounds.maxDelayMs, POLL_SCHEDULE.steadyMs));
  return clamp(ageMs * POLL_SCHEDULE.ageFraction, bounds.minDelayMs, steady);
}

/** When a job is expected to end, from its progress ({@link estimateEnd}). */
export interface EndEstimate {
  /** The job's age at its expected end, in ms. */
  readonly endAgeMs: number;
  /**
   * Taken from a single sample since the job was seen without progress: its rate is a guess (the
   * job may have started moving just before that sample), so the estimate may bring the next
   * poll closer but not push it further than the job's age alone would.
   */
  readonly provisional: boolean;
}

/**
 * When the job is expected to end, extrapolated from its progress. The rate is taken between the
 * latest sample with progress and a reference:
 * - the earliest earlier sample with progress above 0 in the last {@link POLL_SCHEDULE.rateWindow}
 *   of the age, so a rate that changes is followed; else the latest one before it;
 * - else (the latest is the first with progress above 0) the poll before it, as progress 0: a job
 *   that was queued is not diluted by its queue (provisional);
 * - else, when progress was above 0 from the first poll on, the job's start at progress 0.
 *
 * A job at 100 % is expected now, until it has stayed there for {@link POLL_SCHEDULE.ageFraction}
 * of its age (a parent that stays RUNNING once its sub-jobs are done). `undefined` when the
 * samples carry no progress, it did not advance, or it stalled at 100 %.
 */
export function estimateEnd(samples: readonly PollSample[]): EndEstimate | undefined {
  let latest = samples.length - 1;
  while (latest >= 0 && samples[latest]!.progress === undefined) latest--;
  if (latest < 0) return undefined;
  const { ageMs, progress } = samples[latest] as Required<PollSample>;
  if (progress >= 1) {
    let first = latest;
    while (first > 0 && (samples[first - 1]!.progress ?? 0) >= 1) first--;
    const stalled = ageMs - samples[first]!.ageMs > ageMs * POLL_SCHEDULE.ageFraction;
    return stalled ? undefined : { endAgeMs: ageMs, provisional: false };
  }
  const windowStart = ageMs * (1 - POLL_SCHEDULE.rateWindow);
  const moving = samples.findIndex((s) => (s.progress ?? 0) > 0);
  const earlier = samples.slice(0, latest).filter((s) => (s.progress ?? 0) > 0);
  const measured = earlier.find((s) => s.ageMs >= windowStart) ?? earlier.at(-1);
  const idle = moving > 0 && moving === latest ? samples[moving - 1] : undefined;
  const reference = measured ?? (idle ? { ageMs: idle.ageMs, progress: 0 } : { ageMs: 0, progress: 0 });
  const rate = (progress - (reference.progress ?? 0)) / (ageMs - reference.ageMs);
  if (!(rate > 0) || !Number.isFinite(rate)) return undefined;
  return { endAgeMs: ageMs + (1 - progress) / rate, provisional: measured === undefined && idle !== undefined };
}

/**
 * The delay towards an estimated end `remainingMs` away (negative once it has passed): a
 * {@link POLL_SCHEDULE.remainingFraction} of the time left, so polls close in on the end, at least
 * the age-based delay up to the near interval, and never more than twice the job's age (an
 * estimate from a young job is the least sure) or the ceiling.
 */
export function progressDelayMs(remainingMs: number, ageMs: number, bounds: ScheduleBounds): number {
  const near = Math.max(bounds.minDelayMs, Math.min(ageDelayMs(ageMs, bounds), POLL_SCHEDULE.nearMs));
  const upper = Math.max(ageDelayMs(ageMs, bounds), 2 * ageMs);
  return clamp(Math.min(remainingMs * POLL_SCHEDULE.remainingFraction, upper), near, bounds.maxDelayMs);
}

/**
 * The delay before the next poll, jittered and within the bounds. `ageMs` is the job's age now;
 * `samples` are the polls so far, oldest first.
 * @param random returns a number in [0, 1)
 */
export function scheduledDelayMs(ageMs: number, samples: readonly PollSample[], bounds: ScheduleBounds, random: () => number): number {
  const end = estimateEnd(samples);
  const byAge = ageDelayMs(ageMs, bounds);
  const byProgress = end === undefined ? byAge : progressDelayMs(end.endAgeMs - ageMs, ageMs, bounds);
  const base = end?.provisional ? Math.min(byProgress, byAge) : byProgress;
  const spread = 1 + POLL_SCHEDULE.jitter * (2 * random() - 1);
  return Math.round(clamp(base * spread, bounds.minDelayMs, bounds.maxDelayMs));
}
