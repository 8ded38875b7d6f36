import * as z from "zod";

/** Input of {@link FaultQueue.add} (camelCase; the admin API takes the snake_case spelling). */
export interface FaultInput {
  /** Applies to API requests whose decoded path starts with this; default every path. */
  readonly pathPrefix?: string;
  /** Applies only to this method; default any. */
  readonly method?: string;
  /** How many requests it applies to; -1 = every one, forever. Default 1. */
  readonly times?: number;
  /** Answer with this status (default body per status, e.g. APIG.0308 for 429). */
  readonly status?: number;
  /** Answer body: a string is sent verbatim, an object as JSON. Needs `status`. */
  readonly body?: string | Readonly<Record<string, unknown>>;
  /** Extra response headers, e.g. `{"retry-after": "1"}`; may replace `content-type` to imitate a proxy page. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Shortcut for a `Retry-After` header (seconds or an HTTP date). */
  readonly retryAfter?: number | string;
  /** Wait this long first; alone, the request is then handled normally (a slow response). */
  readonly delayMs?: number;
  /** Answer 200 (or `status`) with a truncated, non-JSON body. */
  readonly malformed?: boolean;
  /** Destroy the connection without any response. */
  readonly drop?: boolean;
}

/** A queued fault; `remaining` counts down to removal (-1 never does). */
export interface Fault {
  readonly id: string;
  readonly pathPrefix: string;
  readonly method?: string;
  remaining: number;
  readonly status?: number;
  readonly body?: string | Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly delayMs: number;
  readonly malformed: boolean;
  readonly drop: boolean;
}

// Headers that would corrupt the HTTP framing if a fault could set them.
const FRAMING_HEADERS = new Set(["content-length", "transfer-encoding", "connection"]);

/** What each fault field accepts, in camelCase; validation messages quote these. */
export const FAULT_ACCEPTS: Readonly<Record<string, string>> = {
  pathPrefix: 'a path starting with "/" (at most 1024 characters)',
  method: "an HTTP method name such as GET",
  times: "-1 (forever) or an integer from 1 to 1000000",
  status: "an integer from 200 to 599, required with body",
  body: "a string or a JSON object, only with status",
  headers: "an object of header names (letters, digits, -; not content-length, transfer-encoding, connection) to string values",
  retryAfter: "a non-negative integer (seconds) or a non-empty string",
  delayMs: "an integer from 0 to 60000",
  malformed: "a boolean, not with drop",
  drop: "a boolean, not with malformed or status",
};

/** The one validation of fault input, shared by the admin API and the in-process API. */
export const faultSchema = z
  .strictObject({
    pathPrefix: z.string().startsWith("/").max(1024).optional(),
    method: z
      .string()
      .regex(/^[A-Za-z]{1,16}$/)
      .optional(),
    times: z.union([z.literal(-1), z.int().min(1).max(1_000_000)]).optional(),
    status: z.int().min(200).max(599).optional(),
    body: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
    headers: z
      .record(
        z
          .string()
          .regex(/^[A-Za-z0-9-]+$/)
          .refine((h) => !FRAMING_HEADERS.has(h.toLowerCase())),
        z.string(),
      )
      .optional(),
    retryAfter: z.union([z.int().min(0), z.string().min(1).max(64)]).optional(),
    delayMs: z.int().min(0).max(60_000).optional(),
    malformed: z.boolean().optional(),
    drop: z.boolean().optional(),
  })
  .refine((f) => f.body === undefined || f.status !== undefined, { path: ["body"] })
  .refine((f) => !(f.drop && (f.malformed || f.status !== undefined)), { path: ["drop"] })
  .refine((f) => f.status !== undefined || f.malformed || f.drop || (f.delayMs ?? 0) > 0, {
    path: ["status"],
    // A fault that changes nothing is almost certainly a mistake in the test that adds it.
    message: "set at least one of status, malformed, drop or a positive delay_ms",
  });

/** Builds a queued fault from validated input. */
export function toFault(id: string, input: z.infer<typeof faultSchema>): Fault {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;
  if (input.retryAfter !== undefined) headers["retry-after"] = String(input.retryAfter);
  return {
    id,
    pathPrefix: input.pathPrefix ?? "/",
    method: input.method?.toUpperCase(),
    remaining: input.times ?? 1,
    status: input.status,
    body: input.body,
    headers,
    delayMs: input.delayMs ?? 0,
    malformed: input.malformed ?? false,
    drop: input.drop ?? false,
  };
}
