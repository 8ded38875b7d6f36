import { emulatorError, type WorkspaceErrorBody } from "./http/error-bodies";

/**
 * One bound of the emulator. It is a development server that people leave running on their own
 * machines, so everything a request can grow (state, bodies, connections, time) has a ceiling.
 */
export interface EmulatorLimit {
  /** snake_case name, as error bodies and the README table spell it. */
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** What it bounds. */
  readonly bounds: string;
  /** What happens beyond it: the status and effect a request over it gets. */
  readonly over: string;
}

const KIB = 1024;
const MIB = 1024 * KIB;

/**
 * Every bound, defined once: validation ranges, messages, the server's settings and the README's
 * "Limits and hardening" table ({@link limitsTable}) all read these values.
 */
export const EMULATOR_LIMITS = Object.freeze({
  jobs: {
    name: "max_jobs",
    value: 20_000,
    unit: "jobs",
    bounds: "jobs held, created or scenario-seeded (one scenario may have as many)",
    over: "409 `EMULATOR.LIMIT_EXCEEDED`, nothing added; `POST /_emulator/reset` frees them",
  },
  subJobsPerJob: { name: "max_sub_jobs", value: 100, unit: "sub-jobs", bounds: "sub-jobs of one job", over: "400 `EMULATOR.INVALID`" },
  faults: {
    name: "max_faults",
    value: 1_000,
    unit: "faults",
    bounds: "queued faults",
    over: "409 `EMULATOR.LIMIT_EXCEEDED`, nothing queued",
  },
  requestLog: {
    name: "request_log_entries",
    value: 10_000,
    unit: "entries",
    bounds: "entries of `GET /_emulator/requests` (a ring buffer)",
    over: "the oldest entry is dropped",
  },
  scenarioBytes: {
    name: "max_scenario_bytes",
    value: 4 * MIB,
    unit: "bytes",
    bounds: "a scenario (`POST /_emulator/scenario` body or `--scenario` file)",
    over: "413 `EMULATOR.LIMIT_EXCEEDED`; a `--scenario` file is refused",
  },
  adminBodyBytes: {
    name: "max_admin_body_bytes",
    value: 64 * KIB,
    unit: "bytes",
    bounds: "any other admin request body",
    over: "413 `EMULATOR.LIMIT_EXCEEDED`",
  },
  apiBodyBytes: { name: "max_api_body_bytes", value: 1 * MIB, unit: "bytes", bounds: "an API request body", over: "413 `APIGW.0201`" },
  jsonDepth: {
    name: "max_json_depth",
    value: 64,
    unit: "levels",
    bounds: "nesting of arrays and objects in a JSON body or scenario",
    over: "400 `EMULATOR.INVALID`",
  },
  connections: {
    name: "max_connections",
    value: 256,
    unit: "connections",
    bounds: "open connections",
    over: "the least recently active idle one is closed (the new one if none is idle)",
  },
  headersTimeoutMs: {
    name: "headers_timeout_ms",
    value: 5_000,
    unit: "ms",
    bounds: "from connecting (or a keep-alive request's first byte) to the last header; checked every second",
    over: "408, the connection is closed",
  },
  requestTimeoutMs: {
    name: "request_timeout_ms",
    value: 10_000,
    unit: "ms",
    bounds: "to receive a whole request, body included (not the answer)",
    over: "408, the connection is closed",
  },
  keepAliveTimeoutMs: {
    name: "keep_alive_timeout_ms",
    value: 5_000,
    unit: "ms",
    bounds: "an idle keep-alive connection",
    over: "the connection is closed",
  },
  lingerMs: {
    name: "linger_ms",
    value: 5_000,
    unit: "ms",
    bounds:
      "discarding the rest of a refused body after answering, so a client that writes its whole body before reading still gets the answer",
    over: "the connection is closed",
  },
} as const satisfies Record<string, EmulatorLimit>);

/** A request would take the emulator past one of {@link EMULATOR_LIMITS}; nothing was changed. */
export class LimitExceededError extends Error {
  constructor(
    readonly limit: EmulatorLimit,
    /** `<field>: <what happened>`, naming the limit's value. */
    message: string,
  ) {
    super(message);
    this.name = "LimitExceededError";
  }
}

/** The admin error body for a limit: the usual `error_code`/`error_msg` plus the limit's name and value. */
export function limitBody(limit: EmulatorLimit, message: string): WorkspaceErrorBody & { limit: string; max: number } {
  return { ...emulatorError("LIMIT_EXCEEDED", message), limit: limit.name, max: limit.value };
}

/** `max_jobs (20000 jobs)`: how messages name a limit. */
export function limitLabel(limit: EmulatorLimit): string {
  return `${limit.name} (${limit.value} ${limit.unit})`;
}

/** The README's limits table (Markdown), rendered from {@link EMULATOR_LIMITS}. */
export function limitsTable(): string {
  const rows = Object.values(EMULATOR_LIMITS).map(
    (l) => `| \`${l.name}\` | ${l.value.toLocaleString("en-US")} ${l.unit} | ${l.bounds} | ${l.over} |`,
  );
  return ["| limit | value | bounds | beyond it |", "|---|---|---|---|", ...rows].join("\n");
}
