import type { AuthScheme } from "./auth";

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

/** Oldest entries are dropped beyond this, so a long-running emulator stays small. */
export const REQUEST_LOG_LIMIT = 10_000;

/** Turns decoded query parameters into the log's object form. */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

/** The log of API requests (never admin ones), oldest first. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  /** Appends an entry. */
  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > REQUEST_LOG_LIMIT) this.entries.splice(0, this.entries.length - REQUEST_LOG_LIMIT);
  }

  /** Every entry, oldest first. */
  list(): readonly RequestLogEntry[] {
    return [...this.entries];
  }

  /** Removes every entry. */
  clear(): void {
    this.entries = [];
  }
}
