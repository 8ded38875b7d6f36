import type { IncomingMessage, ServerResponse } from "node:http";
import type { RawResponse } from "../faults/response";
import type { JsonResponse } from "./http-types";
import { exceedsJsonDepth } from "./json-depth";
import { EMULATOR_LIMITS } from "../limits";

/** A request body as read: whole, over the limit (the rest is being discarded), or cut off by the client. */
export type BodyRead = { readonly kind: "ok"; readonly body: Buffer } | { readonly kind: "too-large" } | { readonly kind: "aborted" };

/** The body length the request declares; `undefined` without a (valid) `content-length`. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const value = req.headers["content-length"];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Whether the request has a body at all: a non-zero length, or chunked framing. */
export function hasBody(req: IncomingMessage): boolean {
  return req.headers["transfer-encoding"] !== undefined || (declaredLength(req) ?? 0) > 0;
}

/**
 * Reads the body, keeping at most `maxBytes`. Past the limit (or when `content-length` already
 * says so) it stops keeping chunks and resolves `too-large` at once; the chunks that still arrive
 * are discarded, never buffered. `beforeReading` runs only when the body is wanted: it sends
 * `100 Continue` to a client that asked (`Expect: 100-continue`), so a client told its body is
 * too large never sends it.
 */
export function readBody(req: IncomingMessage, maxBytes: number, beforeReading: () => void = () => {}): Promise<BodyRead> {
  return new Promise((resolve) => {
    if ((declaredLength(req) ?? 0) > maxBytes) return resolve({ kind: "too-large" });
    beforeReading();
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (result: BodyRead) => {
      req.off("end", onEnd).off("close", onClose).off("error", onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      chunks.length = 0;
      req.off("data", onData).on("data", discard);
      settle({ kind: "too-large" });
    };
    const onEnd = () => settle({ kind: "ok", body: Buffer.concat(chunks, size) });
    const onClose = () => settle({ kind: "aborted" });
    req.on("data", onData).once("end", onEnd).once("close", onClose).once("error", onClose);
  });
}

function discard(): void {}

/** Why a JSON body was refused. */
export type JsonRefusal = "syntax" | "depth";

/**
 * Parses a JSON body; an empty body is `undefined`. Nesting deeper than `max_json_depth` is
 * refused before parsing, so nothing downstream ever walks a value deep enough to overflow.
 */
export function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false; reason: JsonRefusal } {
  if (body.length === 0) return { ok: true, value: undefined };
  const text = body.toString("utf8");
  if (exceedsJsonDepth(text, EMULATOR_LIMITS.jsonDepth.value)) return { ok: false, reason: "depth" };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: "syntax" };
  }
}

/** Serialises a JSON response. */
export function toRaw(response: JsonResponse): RawResponse {
  return { status: response.status, body: JSON.stringify(response.body), headers: response.headers ?? {} };
}

function head(res: ServerResponse, requestId: string, response: RawResponse): Buffer {
  const body = Buffer.from(response.body, "utf8");
  res.writeHead(response.status, {
    "content-type": "application/json",
    ...response.headers,
    "x-request-id": requestId,
    "content-length": String(body.length),
  });
  return body;
}

/** Writes a response; every one carries `content-type: application/json` and `X-Request-Id`. */
export function send(res: ServerResponse, requestId: string, response: RawResponse): void {
  if (res.destroyed) return;
  res.end(head(res, requestId, response));
}

/**
 * Answers a request whose body will not be read (refused, or too large) and closes the connection.
 * The whole answer goes out at once, but the connection stays open, discarding what the client
 * still sends, until its body has arrived, the client hangs up, or `linger_ms` passes: closing a
 * socket with unread data resets it, and a client that writes its whole body before reading
 * (node:http, Python's http.client) would then see a reset instead of the answer.
 */
export function refuse(req: IncomingMessage, res: ServerResponse, requestId: string, response: RawResponse): void {
  if (res.destroyed) return;
  res.shouldKeepAlive = false;
  res.write(head(res, requestId, response));
  if (req.complete || req.destroyed) {
    res.end();
    return;
  }
  const timer = setTimeout(() => close(), EMULATOR_LIMITS.lingerMs.value).unref();
  const close = () => {
    clearTimeout(timer);
    res.end();
  };
  // Flowing mode is what discards: the parser keeps reading and the chunks go nowhere.
  req.on("data", discard).once("end", close).once("close", close).once("error", close);
}
