import { SleepAbortedError, type Clock } from "../../src/core/sleep";

interface PendingTimeout {
  readonly at: number;
  readonly controller: AbortController;
}

interface ParkedSleep {
  readonly ms: number;
  readonly resolve: () => void;
}

/**
 * A {@link Clock} on virtual time for tests: `sleep` advances the time at once and records its
 * duration, so waits of hours run in microseconds. Sleeps honour abort signals. With `hold`
 * set, sleeps park until {@link release} (or an abort), to test what happens mid-sleep.
 * Signals from {@link timeout} abort as soon as virtual time reaches them, by a sleep or
 * {@link advance} alike.
 */
export class FakeClock implements Clock {
  /** Every requested sleep, in order. */
  readonly sleeps: number[] = [];
  /** Park sleeps instead of completing them at once. */
  hold = false;
  /** Makes `sleep` ignore its signal, to prove callers do not depend on the clock for cancellation. */
  ignoreSignals = false;
  private time: number;
  private readonly parked: ParkedSleep[] = [];
  private readonly timeouts: PendingTimeout[] = [];

  constructor(start = 1_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  /** Moves virtual time forward without a sleep. */
  advance(ms: number): void {
    this.setTime(this.time + ms);
  }

  /**
   * A signal aborting, with a `TimeoutError` as `AbortSignal.timeout` does, once virtual time has
   * moved `ms` on; dropped unfired when `release` aborts.
   */
  timeout(ms: number, release?: AbortSignal): AbortSignal {
    const controller = new AbortController();
    if (release?.aborted) return controller.signal;
    const entry: PendingTimeout = { at: this.time + ms, controller };
    this.timeouts.push(entry);
    release?.addEventListener(
      "abort",
      () => {
        const index = this.timeouts.indexOf(entry);
        if (index >= 0) this.timeouts.splice(index, 1);
      },
      { once: true },
    );
    this.setTime(this.time);
    return controller.signal;
  }

  /** Timeout signals neither fired nor released: a caller that forgot to release its deadlines leaves some. */
  get pendingTimeouts(): number {
    return this.timeouts.length;
  }

  /** Sets the time and aborts the timeout signals it reaches, earliest first. */
  private setTime(time: number): void {
    this.time = time;
    const due = this.timeouts.filter((t) => t.at <= time).sort((a, b) => a.at - b.at);
    for (const t of due) {
      this.timeouts.splice(this.timeouts.indexOf(t), 1);
      t.controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
    }
  }

  /** Total virtual time spent sleeping. */
  get sleptMs(): number {
    return this.sleeps.reduce((sum, ms) => sum + ms, 0);
  }

  /** Sleeps parked by {@link hold} and not yet released or aborted. */
  get parkedCount(): number {
    return this.parked.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const honour = signal && !this.ignoreSignals;
    if (honour && signal.aborted) return Promise.reject(new SleepAbortedError());
    this.sleeps.push(ms);
    if (!this.hold) {
      this.setTime(this.time + ms);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry: ParkedSleep = {
        ms,
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          this.setTime(this.time + ms);
          resolve();
        },
      };
      const onAbort = () => {
        this.parked.splice(this.parked.indexOf(entry), 1);
        reject(new SleepAbortedError());
      };
      if (honour) signal.addEventListener("abort", onAbort, { once: true });
      this.parked.push(entry);
    });
  }

  /** Completes every parked sleep, advancing time by each one's duration. */
  release(): void {
    for (const entry of this.parked.splice(0)) entry.resolve();
  }

  /** Resolves once a sleep is parked (polls the microtask queue; use with {@link hold}). */
  async untilParked(): Promise<void> {
    for (let i = 0; i < 1000 && this.parked.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    if (this.parked.length === 0) throw new Error("no sleep was parked");
  }
}
