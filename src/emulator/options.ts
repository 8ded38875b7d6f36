import type { EmulatorCredential } from "./credentials";
import type { FaultQueue } from "./faults/queue";
import type { JobStore } from "./jobs/store";
import type { RequestLog } from "./request-log";
import type { Scenario } from "./scenarios/schema";
import type { EmulatorStats } from "./stats";

/** An API request as {@link EmulatorOptions.onApiRequest} sees it. */
export interface ApiRequestInfo {
  readonly method: string;
  /** Percent-decoded path without the query (the raw path when it does not decode). */
  readonly path: string;
  /** Decoded query; for a repeated key, its first value. */
  readonly query: Record<string, string>;
}

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
  /** Jobs to seed at start (see `parseScenario`), created relative to the clock's reading then. */
  readonly scenario?: Scenario;
  /**
   * Called for every API request (never admin ones) after its body is read and before faults,
   * authentication and the operation; the request waits for a returned promise. Lets a test
   * change the jobs (or the clock) between the pages of a list. A hook that throws or rejects
   * makes the request answer 500 `EMULATOR.INTERNAL`.
   */
  readonly onApiRequest?: (req: ApiRequestInfo) => void | Promise<void>;
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
  /** API request counters since start or the last reset (also `GET /_emulator/stats`). */
  stats(): EmulatorStats;
  /** Restarts the request counters only (also `DELETE /_emulator/stats`). */
  resetStats(): void;
  /** Clears jobs, faults, the request log and the request counters. */
  reset(): void;
  /** Stops listening and closes every connection, idle keep-alive ones included. */
  close(): Promise<void>;
}
