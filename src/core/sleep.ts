/** Error thrown by {@link sleep} when its signal aborts. */
export class SleepAbortedError extends Error {
  constructor() {
    super("aborted");
    this.name = "AbortError";
  }
}

/**
 * The longest delay one `setTimeout` honours. Node fires a timer with a longer delay (or a
 * non-number) after 1 ms, so a sleep of 600 h would end at once; longer waits chain timers.
 */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * The delays of the timers that together wait `ms`: each at most {@link MAX_TIMER_DELAY_MS},
 * summing to `ms`. Lazy, because an infinite wait yields chunks forever; a zero, negative or NaN
 * `ms` is a single 0 ms timer, as `setTimeout` treats it.
 */
export function* timerChunksMs(ms: number): Generator<number, void, undefined> {
  let remaining = ms > 0 ? ms : 0;
  do {
    const chunk = Math.min(remaining, MAX_TIMER_DELAY_MS);
    remaining -= chunk;
    yield chunk;
  } while (remaining > 0);
}

/**
 * Calls `onDone` after `ms`, chaining timers per {@link timerChunksMs}; returns a canceller.
 * `unref` lets the process exit while the timer is pending.
 */
function startTimer(ms: number, onDone: () => void, unref: boolean): () => void {
  const chunks = timerChunksMs(ms);
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const next = chunks.next();
    if (next.done) {
      onDone();
      return;
    }
    timer = setTimeout(arm, next.value);
    if (unref) timer.unref();
  };
  arm();
  return () => clearTimeout(timer);
}

/**
 * Waits `ms` milliseconds, however long (see {@link MAX_TIMER_DELAY_MS}); rejects with
 * {@link SleepAbortedError} as soon as `signal` aborts.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new SleepAbortedError());
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      cancel();
      reject(new SleepAbortedError());
    };
    const cancel = startTimer(
      ms,
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      false,
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A signal that aborts with a `TimeoutError` `DOMException` after `ms`, like
 * `AbortSignal.timeout` but correct beyond {@link MAX_TIMER_DELAY_MS} (which `AbortSignal.timeout`
 * would fire after 1 ms).
 * @param release when given, the timer keeps the process alive (a deadline still ahead is work
 *   in progress: a wait on a stalled promise must not end with the process quietly exiting 0)
 *   until it fires or `release` aborts, which clears it. Without it, the timer does not keep the
 *   process alive, as with `AbortSignal.timeout`.
 */
export function timeoutSignal(ms: number, release?: AbortSignal): AbortSignal {
  const controller = new AbortController();
  if (release?.aborted) return controller.signal;
  const onRelease = () => cancel();
  const cancel = startTimer(
    ms,
    () => {
      release?.removeEventListener("abort", onRelease);
      controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
    },
    release === undefined,
  );
  release?.addEventListener("abort", onRelease, { once: true });
  return controller.signal;
}

/** A source of time; tests pass a fake one. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Waits, rejecting when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * A signal that aborts once `ms` have passed on this clock, for deadlines; aborting `release`
   * cancels it. Optional so that existing clocks stay valid; without it, callers fall back to a
   * real-time timeout.
   */
  timeout?(ms: number, release?: AbortSignal): AbortSignal;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now(), sleep, timeout: timeoutSignal };
