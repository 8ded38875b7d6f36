import { untilAborted } from "../core/abort";
import { InvalidInputError, type HwJobsError } from "../core/errors";
import { systemClock, timeoutSignal, type Clock } from "../core/sleep";
import { JobFailedError, JobNotFoundError, WaitAbortedError, WaitTimeoutError } from "./errors";
import { createStatusTracker, type WaitEvent } from "./events";
import type { JobRef } from "./kinds";
import { classifyPollError } from "./poll-errors";
import { scheduledDelayMs, type PollSample } from "./poll-schedule";
import type { JobSnapshot } from "./snapshot";
import { successWarnings } from "./success-warnings";
import { defaultWaitMs } from "./wait-timings";

/**
 * Reads the job once. The signal aborts when the wait is cancelled or its deadline passes; pass
 * it on to every request and retry sleep, so a slow or hanging API cannot outlast the timeout.
 */
export type PollJob = (signal?: AbortSignal) => Promise<JobSnapshot>;

/** Options of {@link waitForJob}. */
export interface WaitOptions {
  /**
   * Overall limit; the last poll happens right at it. A poll still in progress at the deadline is
   * cancelled, except that the poll planned for the deadline itself may take
   * {@link FINAL_POLL_GRACE_MS} (at most `timeoutMs`). Required, as in smithy: waits must end.
   */
  readonly timeoutMs: number;
  /** Floor of the delay between polls (jobs/poll-schedule.ts). @default 3000 */
  readonly minDelayMs?: number;
  /**
   * Ceiling of the delay between polls. Without progress the delay stays at most 42 s (50.4 s
   * with its ±20 % jitter); only a job whose progress puts its end far off is polled this
   * rarely. @default 120000
   */
  readonly maxDelayMs?: number;
  /**
   * How long 404 answers are taken to mean "not visible yet". While the job is missing, a poll is
   * timed to land at the grace's end, so a job that never appears fails then (plus one request's
   * time) with {@link JobNotFoundError}, not a backoff step later. @default 60000
   */
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
  /** Told the delay before each next poll (for a live line's "next poll in"); must not throw. */
  readonly onSleep?: (delayMs: number) => void;
  /** Names the job in timeout and abort messages when no snapshot has been received. */
  readonly target?: JobRef;
}

/**
 * Default timings of {@link waitForJob}, from the wait timings table (wait-timings.ts) but for the
 * heartbeat, which only the library sets; `timeoutMs` has none here, as a library wait must be
 * given its end (the CLI and WaitForJob default it to the table's 60m).
 */
export const WAIT_DEFAULTS = {
  minDelayMs: defaultWaitMs("minPollInterval"),
  maxDelayMs: defaultWaitMs("maxPollInterval"),
  notFoundGraceMs: defaultWaitMs("notFoundGrace"),
  heartbeatMs: 60_000,
} as const;

/**
 * How long the poll planned for the deadline may run, capped at the timeout itself. It starts as
 * the deadline passes, so it needs a budget of its own to be of any use; it is kept short (where
 * Terraform lets a refresh run 30 s past its timeout) because it is all a wait can overrun by.
 */
export const FINAL_POLL_GRACE_MS = 10_000;

type Settings = Required<Omit<WaitOptions, "signal" | "onEvent" | "onSleep" | "target">> &
  Pick<WaitOptions, "signal" | "onEvent" | "onSleep" | "target">;

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
    onSleep: options.onSleep,
    target: options.target,
  };
  const { timeoutMs, minDelayMs, maxDelayMs, notFoundGraceMs, heartbeatMs } = settings;
  check("timeoutMs", timeoutMs, Number.isFinite(timeoutMs) && timeoutMs > 0, "a finite number above 0");
  check("minDelayMs", minDelayMs, Number.isFinite(minDelayMs) && minDelayMs > 0, "a finite number above 0");
  check(
    "maxDelayMs",
    maxDelayMs,
    Number.isFinite(maxDelayMs) && maxDelayMs >= minDelayMs,
    `a finite number of at least minDelayMs (${minDelayMs})`,
  );
  check("notFoundGraceMs", notFoundGraceMs, notFoundGraceMs >= 0, "0 or more");
  check("heartbeatMs", heartbeatMs, heartbeatMs > 0, "above 0");
  return settings;
}

/** Samples kept for the progress estimate; its window is the last half of the job's age, so older ones rarely count. */
const MAX_SAMPLES = 64;

/**
 * Polls a job until it ends, in the manner of `@smithy/util-waiter`: the first poll at once,
 * then jittered delays between `minDelayMs` and `maxDelayMs` that grow with the job's age and
 * close in on the end its progress predicts ({@link scheduledDelayMs}), with the last poll
 * trimmed to land on the deadline.
 *
 * The timeout holds while a poll is in progress too: each poll's signal also aborts at the
 * deadline (see {@link WaitOptions.timeoutMs} for the final poll's grace), so a hanging API and
 * the client's own retries cannot stretch the wait far past it.
 *
 * 404s are tolerated for `notFoundGraceMs` (a job just created may not be visible yet), with a
 * poll at the grace's end; transient errors (retryable network errors, 429/5xx, garbled bodies)
 * are reported and never end the wait before its timeout; other errors end it at once.
 *
 * @returns the snapshot in which the job succeeded (after `warning` events for what is off in it,
 *   see `successWarnings`)
 * @throws JobFailedError when the job fails
 * @throws JobNotFoundError when 404s outlast the not-found grace
 * @throws WaitTimeoutError when `timeoutMs` passes first, with the last snapshot and error, also
 *   when the deadline cuts off a poll in progress
 * @throws WaitAbortedError when `signal` aborts
 * @throws InvalidInputError for invalid options, before any poll
 * @throws the poll's own error when it is fatal (e.g. JobMismatchError, 401/403)
 */
export async function waitForJob(poll: PollJob, options: WaitOptions): Promise<JobSnapshot> {
  const settings = resolveSettings(options);
  // Deadline timers keep the process alive while the wait runs (a stalled poll must not let it
  // exit quietly) and are released when it ends, so none lingers for up to `timeoutMs` after.
  const finished = new AbortController();
  try {
    return await pollUntilDone(poll, settings, finished.signal);
  } finally {
    finished.abort();
  }
}

/** The loop of {@link waitForJob}; deadline timers it starts are cleared once `finished` aborts. */
async function pollUntilDone(poll: PollJob, settings: Settings, finished: AbortSignal): Promise<JobSnapshot> {
  const { timeoutMs, minDelayMs, maxDelayMs, notFoundGraceMs, heartbeatMs, signal, clock, random, onEvent, onSleep, target } = settings;
  const start = clock.now();
  const elapsed = () => clock.now() - start;
  const tracker = createStatusTracker(heartbeatMs);
  const emit = (events: readonly WaitEvent[]) => events.forEach((event) => onEvent?.(event));
  let lastSnapshot: JobSnapshot | undefined;
  let lastError: HwJobsError | undefined;
  const aborted = () => new WaitAbortedError({ elapsedMs: elapsed(), target, lastSnapshot, cause: signal?.reason });
  const timedOut = (pollCutOff = false) => new WaitTimeoutError({ timeoutMs, target, lastSnapshot, lastError, pollCutOff });
  // On the wait's clock, so fake clocks in tests can fire it; a clock without `timeout` is taken
  // to be on real time.
  const after = (ms: number) => (clock.timeout ? clock.timeout(ms, finished) : timeoutSignal(ms, finished));
  // Polls get the user's signal combined with the deadline; one combination serves the whole wait.
  const withCancel = (limit: AbortSignal) => (signal ? AbortSignal.any([signal, limit]) : limit);
  const deadline = after(timeoutMs);
  const pollUntilDeadline = withCancel(deadline);

  // Set when the sleep was trimmed to end at the deadline, or ran past it: the next poll is the last.
  let finalPoll = false;
  // Set while the job answers 404 within the grace, cleared by a snapshot.
  let missing = false;
  // The job's age: from its begin_time when the answers give one (and the clocks agree that it
  // began before the wait), else from the start of the wait.
  const ageMs = () => {
    const beginMs = lastSnapshot?.beginMs;
    return beginMs === undefined ? elapsed() : Math.max(elapsed(), clock.now() - beginMs);
  };
  const samples: PollSample[] = [];
  for (;;) {
    if (signal?.aborted) throw aborted();
    finalPoll ||= deadline.aborted;
    // The deadline fires as the final poll starts, so that poll gets a short budget of its own.
    const pollSignal = finalPoll ? withCancel(after(Math.min(FINAL_POLL_GRACE_MS, timeoutMs))) : pollUntilDeadline;
    let snapshot: JobSnapshot | undefined;
    try {
      snapshot = await untilAborted(poll(pollSignal), pollSignal);
    } catch (error) {
      if (signal?.aborted) throw aborted();
      // Whatever the poll threw as it was cut off (an AbortError, or nothing yet), it is the timeout.
      if (pollSignal.aborted) throw timedOut(true);
      const elapsedMs = elapsed();
      const verdict = classifyPollError(error);
      if (verdict.class === "not-found" && elapsedMs < notFoundGraceMs) {
        lastError = verdict.error;
        missing = true;
        emit([{ type: "not-found", elapsedMs, graceMs: notFoundGraceMs, error: verdict.error }]);
      } else if (verdict.class === "not-found") {
        throw new JobNotFoundError({ error: verdict.error, graceMs: notFoundGraceMs, elapsedMs, target, lastSnapshot });
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
      missing = false;
      samples.push({ ageMs: ageMs(), ...(snapshot.progress !== undefined && { progress: snapshot.progress }) });
      if (samples.length > MAX_SAMPLES) samples.shift();
      emit(tracker.observe(snapshot, elapsed()));
      if (snapshot.phase === "succeeded") {
        const elapsedMs = elapsed();
        emit(successWarnings(snapshot).map((w): WaitEvent => ({ type: "warning", elapsedMs, code: w.code, message: w.message, snapshot })));
        return snapshot;
      }
      if (snapshot.phase === "failed") throw new JobFailedError(snapshot);
    }
    if (finalPoll) throw timedOut();

    // Trimmed so the last poll lands right at the deadline; never a zero delay, so a wait cannot spin.
    const remainingMs = start + timeoutMs - clock.now();
    if (!(remainingMs > 0)) throw timedOut();
    let delayMs = Math.min(scheduledDelayMs(ageMs(), samples, { minDelayMs, maxDelayMs }, random), remainingMs);
    // While the job may be missing (a 404, or nothing but errors so far), a poll lands right at
    // the grace's end, as the last one lands at the deadline: a job that never appears then fails
    // at the grace plus one request, instead of up to a whole backoff step later.
    const graceLeftMs = start + notFoundGraceMs - clock.now();
    if ((missing || lastSnapshot === undefined) && graceLeftMs > 0) delayMs = Math.min(delayMs, graceLeftMs);
    finalPoll = delayMs >= remainingMs;
    onSleep?.(delayMs);
    try {
      // Only the user's signal: this sleep ends by the deadline anyway, and cutting it short there
      // (the deadline timer can fire first) would skip the final poll.
      await untilAborted(clock.sleep(delayMs, signal), signal);
    } catch (error) {
      if (signal?.aborted) throw aborted();
      throw error;
    }
  }
}
