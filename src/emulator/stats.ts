/** Counters of API requests (admin requests are not counted). */
export interface EmulatorStats {
  /** API requests received and not yet answered. */
  readonly inFlight: number;
  /** Largest `inFlight` seen since start or the last reset: how concurrent a client really was. */
  readonly maxInFlight: number;
  /** API requests received since start or the last reset, whatever their outcome. */
  readonly requests: number;
}

/** Tracks {@link EmulatorStats}; a request counts as in flight from arrival until its answer (or drop). */
export class ApiStats {
  private inFlight = 0;
  private maxInFlight = 0;
  private requests = 0;

  /** A request arrived. */
  begin(): void {
    this.inFlight += 1;
    this.requests += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
  }

  /** A request was answered or dropped. */
  end(): void {
    this.inFlight -= 1;
  }

  /** The current counters. */
  snapshot(): EmulatorStats {
    return { inFlight: this.inFlight, maxInFlight: this.maxInFlight, requests: this.requests };
  }

  /** Restarts the counts; requests still in flight keep counting as in flight. */
  reset(): void {
    this.maxInFlight = this.inFlight;
    this.requests = 0;
  }
}
