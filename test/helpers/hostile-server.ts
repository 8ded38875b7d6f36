// An HTTP server that misbehaves on purpose, for fault tests of the CLI: each request gets a
// scripted behaviour (a status with headers, a connection reset, a stall, a dribbled or truncated
// or huge body), and every request and every socket close is recorded. Loopback, port 0; every
// timer is bounded and cleared on close.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One scripted behaviour of the server for one request. */
export type Behaviour =
  /** An answer: a string body is sent as is, anything else as JSON with `content-type: application/json`. */
  | { readonly kind: "respond"; readonly status?: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: unknown }
  /** Destroys the socket as soon as the request arrives (a connection reset). */
  | { readonly kind: "reset" }
  /** Reads the request and never answers. */
  | { readonly kind: "stall" }
  /** Sends the status line and headers, then nothing: the body never comes. */
  | { readonly kind: "stall-body"; readonly status?: number }
  /**
   * Sends the headers, then one byte (a space, which JSON allows before a value) every
   * `intervalMs`, at most {@link MAX_DRIBBLE_BYTES} of them: the body never ends in a test's time.
   */
  | { readonly kind: "dribble"; readonly intervalMs: number; readonly status?: number }
  /** Announces `body` with its Content-Length, sends only its first half and destroys the socket. */
  | { readonly kind: "truncate"; readonly body: string }
  /** A 200 JSON body of `bytes` bytes (a valid document, just too big), sent as fast as the client reads. */
  | { readonly kind: "huge"; readonly bytes: number };

/** What the server saw of one request. */
export interface HostileRequest {
  readonly method: string;
  /** The raw request target, e.g. `/v1/p/jobs/j?a=b`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** 0-based index of the request. */
  readonly index: number;
}

/** The script: behaviours in order (the last one repeats), or a function of each request. */
export type HostileScript = readonly Behaviour[] | ((request: HostileRequest) => Behaviour);

/** A running hostile server. */
export interface HostileServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Requests in arrival order. */
  readonly requests: readonly HostileRequest[];
  /** Sockets accepted so far. */
  readonly connections: number;
  /** Sockets closed so far (by either side). */
  readonly closedConnections: number;
  close(): Promise<void>;
}

/** Most bytes one dribbled body sends: at any test's interval, far longer than any deadline. */
export const MAX_DRIBBLE_BYTES = 100_000;

const HUGE_CHUNK_BYTES = 64 * 1024;

/** Starts a hostile server on 127.0.0.1, port 0. */
export async function startHostileServer(script: HostileScript): Promise<HostileServer> {
  const requests: HostileRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let connections = 0;
  let closedConnections = 0;
  // Responses whose connection is gone: nothing more is written to them.
  const gone = new WeakSet<ServerResponse>();
  const isGone = (res: ServerResponse) => gone.has(res) || res.destroyed;

  const behaviourFor = (request: HostileRequest): Behaviour => {
    if (typeof script === "function") return script(request);
    const last = script.at(-1);
    if (last === undefined) throw new Error("hostile server: empty script");
    return script[request.index] ?? last;
  };

  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const dribble = (res: ServerResponse, intervalMs: number, sent = 0): void => {
    if (isGone(res) || sent >= MAX_DRIBBLE_BYTES) return;
    res.write(" ");
    later(intervalMs, () => dribble(res, intervalMs, sent + 1));
  };

  const sendHuge = (res: ServerResponse, bytes: number): void => {
    const head = '{"status":"SUCCESS","count":0,"items":[],"padding":"';
    const tail = '"}';
    let remaining = Math.max(0, bytes - head.length - tail.length);
    res.writeHead(200, { "content-type": "application/json" });
    res.write(head);
    const chunk = "x".repeat(HUGE_CHUNK_BYTES);
    // Bounded by `bytes`; pauses on backpressure and stops once the client hangs up.
    const pump = (): void => {
      while (remaining > 0 && !isGone(res)) {
        const piece = remaining >= chunk.length ? chunk : chunk.slice(0, remaining);
        remaining -= piece.length;
        if (!res.write(piece)) {
          res.once("drain", pump);
          return;
        }
      }
      if (!isGone(res)) res.end(tail);
    };
    pump();
  };

  const act = (res: ServerResponse, socket: Socket, behaviour: Behaviour): void => {
    switch (behaviour.kind) {
      case "respond": {
        const isText = typeof behaviour.body === "string";
        const body = behaviour.body === undefined ? "" : isText ? (behaviour.body as string) : JSON.stringify(behaviour.body);
        const type = isText || behaviour.body === undefined ? {} : { "content-type": "application/json" };
        res.writeHead(behaviour.status ?? 200, { ...type, ...behaviour.headers });
        res.end(body);
        return;
      }
      case "reset":
        socket.destroy();
        return;
      case "stall":
        return;
      case "stall-body":
        res.writeHead(behaviour.status ?? 200, { "content-type": "application/json" });
        res.flushHeaders();
        return;
      case "dribble":
        res.writeHead(behaviour.status ?? 200, { "content-type": "application/json" });
        dribble(res, behaviour.intervalMs);
        return;
      case "truncate": {
        const bytes = Buffer.from(behaviour.body, "utf8");
        res.writeHead(200, { "content-type": "application/json", "content-length": String(bytes.length) });
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
        // A moment for the half to leave, then the connection dies mid-body.
        later(20, () => socket.destroy());
        return;
      }
      case "huge":
        sendHuge(res, behaviour.bytes);
        return;
    }
  };

  const server = createServer((req, res) => {
    const request: HostileRequest = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, index: requests.length };
    requests.push(request);
    req.resume();
    res.once("close", () => gone.add(res));
    act(res, req.socket, behaviourFor(request));
  });
  server.on("connection", (socket: Socket) => {
    connections++;
    socket.once("close", () => closedConnections++);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get connections() {
      return connections;
    },
    get closedConnections() {
      return closedConnections;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
