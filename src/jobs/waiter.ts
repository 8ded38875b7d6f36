import { InvalidInputError, type HwJobsError } from "../core/errors";
import { systemClock, type Clock } from "../core/sleep";
import { nextPollDelayMs } from "./backoff";
import { JobFailedError, WaitAbortedError, WaitTimeoutError } from "./errors";
import { createStatusTracker, type WaitEvent } from "./events";
import type { JobRef } from "./kinds";
import { classifyPollError } from "./poll-errors";
import type { JobSnapshot } from "./snapshot";

/** Reads the job once; receives the wait's signal so an interrupted request is cancelled. */
export type PollJob = (signal?: AbortSignal) => Promise<JobSnapshot>;

/** Options of {@link waitForJob}. */
export interface WaitOptions {
  /** Overall limit; the last poll happens right at it. Required, as in smithy: waits must end. */
  readonly timeoutMs: number;
  /** First delay between polls and floor of the jittered ones. @default 5000 */
  readonly minDelayMs?: number;
  /** Ceiling of the delay between polls. @default 60000 */
  readonly maxDelayMs?: number;
  /** How long 404 answers are taken to mean "not visible yet". @default 60000 */
  readonly notFoundGraceMs?: number;
  /** Emit a heartbeat after this long without a status event. @default 60000 */
  readonly heartbeatMs?: number;
  /** Cancels the wait, mid-poll and mid-sleep alike. */
  readonly signal?: AbortSignal;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Jitter source returning [0, 1). @default Math.random */
  readonly random?: () => number;
  /** Receives progress; must not throw. */
  readonly onEvent?: (event: WaitEvent) => void;
  /** Names the job in timeout and abort messages when no snapshot has been received. */
  readonly target?: JobRef;
}

/** Default timings of {@link waitForJob}. */
export const WAIT_DEFAULTS = {
  minDelayMs: 5_000,
  maxDelayMs: 60_000,
  notFoundGraceMs: 60_000,
  heartbeatMs: 60_000,
} as const;

type Settings = Required<Omit<WaitOptions, "signal" | "onEvent" | "target">> & Pick<WaitOptions, "signal" | "onEvent" | "target">;

function check(field: keyof WaitOptions, value: number, ok: boolean, rule: string): void {
  if (!ok || Number.isNaN(value)) throw new InvalidInputError(field, `${field}: ${value} is invalid; it must be ${rule}`);
}

/** Fills in defaults and rejects settings that could make the wait spin or never end. */
function resolveSettings(options: WaitOptions): Settings {
  const settings: Settings = {
    timeoutMs: options.timeoutMs,
    minDelayMs: options.minDelayMs ?? WAIT_DEFAULTS.minDelayMs,
    maxDelayMs: options.maxDelayMs ?? WAIT_DEFAULTS.maxDelayMs,
    notFoundGraceMs: options.notFoundGraceMs ?? WAIT_DEFAULTS.notFoundGraceMs,
    heartbeatMs: options.heartbeatMs ?? WAIT_DEFAULTS.heartbeatMs,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    signal: options.signal,
    onEvent: options.onEvent,
    target: options.target,
  };
  const { timeoutMs, minDelayMs, maxDelayMs, notFoundGraceMs, heartbeatMs } = settings;
  check("timeoutMs", timeoutMs, Number.isFinite(timeoutMs) && timeoutMs > 0, "a finite number above 0");
  check("minDelayMs", minDelayMs, Number.isFinite(minDelayMs) && minDelayMs > 0, "a finite number above 0");
  check("maxDelayMs", maxDelayMs, Number.isFinite(maxDelayMs) && maxDelayMs >= minDelayMs, `a finite number of at least minDelayMs (${minDelayMs})`);
  check("notFoundGraceMs", notFoundGraceMs, notFoundGraceMs >= 0, "0 or more");
  check("heartbeatMs", heartbeatMs, heartbeatMs > 0, "above 0");
  return settings;
}

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts, so a poll
 * or clock that ignores its signal still cannot hold up cancellation.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Polls a job until it ends, in the manner of `@smithy/util-waiter`: the first poll at once,
 * then jittered exponential backoff between `minDelayMs` and `maxDelayMs`, with the last poll
 * trimmed to land on the deadline.
 *
 * 404s are tolerated for `notFoundGraceMs` (a job just created may not be visible yet);
 * transient errors (network, 429/5xx, garbled bodies) are reported and never end the wait
 * before its timeout; other errors end it at once.
 *
 * @returns the snapshot in which the job succeeded
 * @throws JobFailedError when the job fails
 * @throws WaitTimeoutError when `timeoutMs` passes first, with the last snapshot and error
 * @throws WaitAbortedError when `signal` aborts
 * @throws InvalidInputError for invalid options, before any poll
 * @throws the poll's own error when it is fatal, or a 404 outlasts the grace period
 */
export async function waitForJob(poll: PollJob, options: WaitOptions): Promise<JobSnapshot> {
  const { timeoutMs, minDelayMs, maxDelayMs, notFoundGraceMs, heartbeatMs, signal, clock, random, onEvent, target } = resolveSettings(options);
  const start = clock.now();
  const elapsed = () => clock.now() - start;
  const tracker = createStatusTracker(heartbeatMs);
  const emit = (events: readonly WaitEvent[]) => events.forEach((event) => onEvent?.(event));
  let lastSnapshot: JobSnapshot | undefined;
  let lastError: HwJobsError | undefined;
  const aborted = () => new WaitAbortedError({ elapsedMs: elapsed(), target, lastSnapshot, cause: signal?.reason });

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw aborted();
    let snapshot: JobSnapshot | undefined;
    try {
      snapshot = await untilAborted(poll(signal), signal);
    } catch (error) {
      if (signal?.aborted) throw aborted();
      const elapsedMs = elapsed();
      const verdict = classifyPollError(error);
      if (verdict.class === "not-found" && elapsedMs < notFoundGraceMs) {
        lastError = verdict.error;
        emit([{ type: "not-found", elapsedMs, graceMs: notFoundGraceMs, error: verdict.error }]);
      } else if (verdict.class === "transient") {
        lastError = verdict.error;
        emit([{ type: "transient-error", elapsedMs, error: verdict.error }]);
      } else {
        throw error;
      }
    }

    if (snapshot) {
      lastSnapshot = snapshot;
      lastError = undefined;
      emit(tracker.observe(snapshot, elapsed()));
      if (snapshot.phase === "succeeded") return snapshot;
      if (snapshot.phase === "failed") throw new JobFailedError(snapshot);
    }

    // `attempt` polls are done, so this is the delay before poll number `attempt` after the first.
    const delayMs = nextPollDelayMs(attempt, start + timeoutMs - clock.now(), { minDelayMs, maxDelayMs }, random);
    if (delayMs === undefined) throw new WaitTimeoutError({ timeoutMs, target, lastSnapshot, lastError });
    try {
      await untilAborted(clock.sleep(delayMs, signal), signal);
    } catch (error) {
      if (signal?.aborted) throw aborted();
      throw error;
    }
  }
}
