// Reading a response body within a byte limit (core/client.ts), so that a huge or endless body
// can never exhaust memory.

/** Largest response body read: a full page of 100 items is about 100 KiB; anything near this is not a job API answer. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Reads a body as UTF-8 text, or `undefined` (the stream destroyed) once it passes `limit` bytes. */
export async function readCapped(body: AsyncIterable<Uint8Array> & { destroy(): unknown }, limit: number): Promise<string | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
