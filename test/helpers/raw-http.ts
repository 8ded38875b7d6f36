// Raw-socket and write-everything-first HTTP clients, for what fetch cannot do: any Host header,
// a body declared larger than sent, idle or half-open connections by the hundred. Every wait is
// bounded; every socket is destroyed by the helper or handed back for the test to destroy.
import { request as httpRequest } from "node:http";
import { connect, type Socket } from "node:net";

const TIMEOUT_MS = 10_000;

/** A response as read off the wire: status and body text (headers lowercased). */
export interface RawReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

/** Parses one `content-length`-framed response out of `data`; `undefined` while incomplete. */
function parseReply(data: Buffer): RawReply | undefined {
  const end = data.indexOf("\r\n\r\n");
  if (end < 0) return undefined;
  const [statusLine, ...lines] = data.subarray(0, end).toString("latin1").split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers["content-length"] ?? 0);
  const body = data.subarray(end + 4);
  if (body.length < length) return undefined;
  return { status: Number(statusLine!.split(" ")[1]), headers, text: body.subarray(0, length).toString("utf8") };
}

/**
 * Sends `head` (request line and headers, `\r\n\r\n` included) and optional body bytes on a new
 * connection, and resolves the first complete response; the socket is then destroyed.
 */
export function rawExchange(port: number, head: string, body: Buffer | string = ""): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let data = Buffer.alloc(0);
    const done = (error?: Error, reply?: RawReply) => {
      clearTimeout(timer);
      socket.destroy();
      if (reply) resolve(reply);
      else
        reject(
          error ?? new Error(`connection closed before a complete response: ${JSON.stringify(data.toString("latin1").slice(0, 200))}`),
        );
    };
    const timer = setTimeout(() => done(new Error("rawExchange: timed out")), TIMEOUT_MS);
    socket.on("data", (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const reply = parseReply(data);
      if (reply) done(undefined, reply);
    });
    socket.on("error", (error) => done(error));
    socket.on("close", () => done());
    socket.write(head);
    if (body.length > 0) socket.write(body);
  });
}

/**
 * POSTs `totalBytes` of `fill` with node:http, writing the whole body before it looks at the
 * answer (as node:http and Python's http.client do when given a buffer): the client an emulator
 * that closes on unread data would reset. Resolves the answer; rejects with the socket error.
 */
export function postWholeBody(url: string, headers: Record<string, string>, totalBytes: number, fill = " "): Promise<RawReply> {
  const chunk = Buffer.alloc(Math.min(totalBytes, 1024 * 1024), fill);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: "POST", headers: { ...headers, "content-length": String(totalBytes) }, timeout: TIMEOUT_MS },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, text }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("postWholeBody: timed out")));
    req.on("error", reject);
    for (let sent = 0; sent < totalBytes; sent += chunk.length) req.write(chunk.subarray(0, Math.min(chunk.length, totalBytes - sent)));
    req.end();
  });
}

/** A connection opened and left alone; `closed` settles when the server ends it. */
export interface IdleSocket {
  readonly socket: Socket;
  readonly closed: Promise<void>;
  /** Whether the server has closed it so far. */
  isClosed(): boolean;
}

/**
 * Opens `count` connections to `port`, each sending `send(i)` (nothing, or half a request) and
 * then nothing more, and resolves once all are connected (or refused). The caller destroys them.
 */
export async function openIdleSockets(port: number, count: number, send: (i: number) => string): Promise<IdleSocket[]> {
  const sockets = Array.from({ length: count }, (_, i): { idle: IdleSocket; connected: Promise<void> } => {
    const socket = connect(port, "127.0.0.1");
    let closed = false;
    // Reading is what notices the server's FIN: a paused socket would never see it close.
    socket.resume();
    socket.on("error", () => {});
    const closedPromise = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    void closedPromise.then(() => (closed = true));
    const connected = new Promise<void>((resolve) => {
      socket.once("connect", () => {
        const data = send(i);
        if (data !== "") socket.write(data);
        resolve();
      });
      socket.once("close", () => resolve());
    });
    return { idle: { socket, closed: closedPromise, isClosed: () => closed }, connected };
  });
  await withTimeout(Promise.all(sockets.map((s) => s.connected)), TIMEOUT_MS, `opening ${count} sockets`);
  return sockets.map((s) => s.idle);
}

/** `promise`, or a rejection naming `what` after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
