import type { AuthScheme } from "./http/auth";
import { EMULATOR_LIMITS } from "./limits";

/** One API request as the emulator saw it. Headers are never recorded: they carry credentials. */
export interface RequestLogEntry {
  readonly method: string;
  /** Percent-decoded path, without the query (the raw path when it does not decode). */
  readonly path: string;
  /** Decoded query; a repeated key maps to an array of its values. */
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  /** Status sent; 0 when the connection was dropped by a fault. */
  readonly status: number;
  /** The scheme the request presented, whether or not it verified. */
  readonly auth: AuthScheme;
  /** True when an injected fault applied to this request. */
  readonly fault?: boolean;
  /** Arrival time on the emulator clock (ISO-8601). */
  readonly at: string;
}

/** Turns decoded query parameters into the log's object form. */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

/** The log of API requests (never admin ones), oldest first; beyond `request_log_entries` the oldest is dropped. */
export class RequestLog {
  // A ring buffer: `slots` fills up to the capacity, then `start` (the oldest entry) moves round,
  // so recording is O(1) however long the emulator runs.
  private slots: RequestLogEntry[] = [];
  private start = 0;

  /** @param capacity how many entries it keeps, at least 1 (tests pass a small one). */
  constructor(private readonly capacity: number = EMULATOR_LIMITS.requestLog.value) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`capacity: must be a positive integer, got ${capacity}`);
  }

  /** Appends an entry. */
  record(entry: RequestLogEntry): void {
    if (this.slots.length < this.capacity) {
      this.slots.push(entry);
      return;
    }
    this.slots[this.start] = entry;
    this.start = (this.start + 1) % this.capacity;
  }

  /** Every entry, oldest first. */
  list(): readonly RequestLogEntry[] {
    return [...this.slots.slice(this.start), ...this.slots.slice(0, this.start)];
  }

  /** Removes every entry. */
  clear(): void {
    this.slots = [];
    this.start = 0;
  }
}
