import type { IncomingMessage, ServerResponse } from "node:http";
import type { RawResponse } from "./fault-response";
import type { JsonResponse } from "./http-types";

/** Larger request bodies are refused: no emulated operation takes more than a few bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the whole body; `undefined` when it exceeds {@link MAX_BODY_BYTES}. */
export async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body; an empty body is `undefined`, an unparsable one `{ ok: false }`. */
export function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  if (body.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(body.toString("utf8")) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Serialises a JSON response. */
export function toRaw(response: JsonResponse): RawResponse {
  return { status: response.status, body: JSON.stringify(response.body), headers: response.headers ?? {} };
}

/** Writes a response; every one carries `content-type: application/json` and `X-Request-Id`. */
export function send(res: ServerResponse, requestId: string, response: RawResponse): void {
  if (res.destroyed) return;
  const body = Buffer.from(response.body, "utf8");
  res.writeHead(response.status, {
    "content-type": "application/json",
    ...response.headers,
    "x-request-id": requestId,
    "content-length": String(body.length),
  });
  res.end(body);
}
