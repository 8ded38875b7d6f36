import { request as httpRequest } from "node:http";
import { signRequest } from "../../src/core/signer";
import { DEMO_CREDENTIALS, startEmulator, type EmulatorOptions, type RunningEmulator } from "../../src/emulator";

/** A settable clock for deterministic job timelines. */
export class FakeClock {
  constructor(public ms = Date.parse("2026-03-01T08:00:00.000Z")) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** An emulator on 127.0.0.1, port 0, driven by a fake clock. */
export async function startFakeClockEmulator(options: EmulatorOptions = {}): Promise<{ emulator: RunningEmulator; clock: FakeClock }> {
  const clock = new FakeClock();
  const emulator = await startEmulator({ now: clock.now, ...options });
  return { emulator, clock };
}

/** A response with its body read. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Parsed JSON, or `undefined` when the body is not JSON. */
  readonly json: unknown;
}

async function toReply(res: Response): Promise<Reply> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** How an API call authenticates. */
export type CallAuth =
  | {
      readonly kind: "aksk";
      readonly accessKey?: string;
      readonly secretKey?: string;
      readonly date?: Date;
      readonly headers?: Record<string, string>;
    }
  | { readonly kind: "token"; readonly token?: string }
  | { readonly kind: "none" };

/** Calls an API path (already percent-encoded, query allowed) with fetch, signed by default. */
export async function callApi(
  base: string,
  pathAndQuery: string,
  opts: { method?: string; auth?: CallAuth; clock?: FakeClock; signal?: AbortSignal } = {},
): Promise<Reply> {
  const url = new URL(base + pathAndQuery);
  const method = opts.method ?? "GET";
  const auth = opts.auth ?? { kind: "aksk" };
  let headers: Record<string, string> = { "content-type": "application/json" };
  if (auth.kind === "token") headers["x-auth-token"] = auth.token ?? DEMO_CREDENTIALS.token;
  if (auth.kind === "aksk") {
    headers = signRequest({
      method,
      url,
      headers: { ...headers, ...auth.headers },
      accessKey: auth.accessKey ?? DEMO_CREDENTIALS.accessKey,
      secretKey: auth.secretKey ?? DEMO_CREDENTIALS.secretKey,
      date: auth.date ?? (opts.clock ? new Date(opts.clock.now()) : undefined),
    });
  }
  return toReply(await fetch(url, { method, headers, signal: opts.signal ?? AbortSignal.timeout(10_000) }));
}

/** Calls the admin API with an optional JSON body (a string is sent as is), labelled `application/json` as the admin API requires. */
export async function callAdmin(base: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const init: RequestInit = { method, signal: AbortSignal.timeout(10_000) };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    init.headers = { "content-type": "application/json" };
  }
  return toReply(await fetch(base + path, init));
}

/** Sends a raw request with node:http (fetch refuses GET bodies); resolves status and body text. */
export function rawRequest(
  base: string,
  path: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // GET bodies need an explicit length: Node frames them with neither chunking nor a length.
    const framing = body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) };
    const req = httpRequest(base + path, { method, headers: { ...headers, ...framing }, timeout: 10_000 }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

/** Narrows a JSON reply to an object for property access in assertions. */
export function obj(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`not an object: ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}
