import type { EmulatorCredential } from "./credentials";
import type { FaultQueue } from "./fault-queue";
import type { JobStore } from "./job-store";
import type { RequestLog } from "./request-log";

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Interface to listen on; default `127.0.0.1`. */
  readonly host?: string;
  /** Port; default 0 (the OS picks a free one; read it from `RunningEmulator.port`). */
  readonly port?: number;
  /** Accepted AK/SK pairs; default the demo pair of `DEMO_CREDENTIALS`. */
  readonly credentials?: readonly EmulatorCredential[];
  /** Accepted `X-Auth-Token` values; default the demo token. */
  readonly tokens?: readonly string[];
  /** Largest accepted `X-Sdk-Date` skew; default 15 minutes, as the API Gateway. */
  readonly maxClockSkewMs?: number;
  /** Clock in ms since the epoch; default `Date.now`. Job timelines and date checks use it. */
  readonly now?: () => number;
}

/** A started emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:43121`; use it as the endpoint of every service. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The jobs; `store.createJob(...)` adds one without going through HTTP. */
  readonly store: JobStore;
  /** The injected faults; `faults.add(...)` queues one without going through HTTP. */
  readonly faults: FaultQueue;
  /** The API request log. */
  readonly requests: RequestLog;
  /** Clears jobs, faults and the request log. */
  reset(): void;
  /** Stops listening and closes every connection, idle keep-alive ones included. */
  close(): Promise<void>;
}
