// A tiny HTTP server for client tests: answers a scripted sequence of responses and records
// every request (and every CONNECT, so it doubles as a "proxy" that must not be used).
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One scripted answer. */
export interface ScriptedResponse {
  /** @default 200 */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string is sent as is; anything else as JSON with `content-type: application/json`. */
  readonly body?: unknown;
  /** Wait this long before answering (the timer is cleared on close). */
  readonly delayMs?: number;
  /** Destroy the socket instead of answering (a dropped connection). */
  readonly destroy?: boolean;
}

/** What the server saw of one request. */
export interface RecordedRequest {
  readonly method: string;
  /** The raw request target, e.g. `/v1/p/jobs/j?a=b%20c`. */
  readonly url: string;
  /** Node's lowercased request headers. */
  readonly headers: IncomingHttpHeaders;
  /** 1-based number of the TCP connection the request arrived on. */
  readonly connection: number;
}

export interface ScriptedServer {
  /** Base URL, e.g. `http://127.0.0.1:40123` or `http://[::1]:40123`. */
  readonly url: string;
  readonly port: number;
  /** Requests in arrival order (CONNECT included). */
  readonly requests: RecordedRequest[];
  /** TCP connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

/** Sent once the script is used up: a non-retryable status that makes a test fail visibly. */
export const EXHAUSTED: ScriptedResponse = {
  status: 418,
  body: { error_code: "TEST.EXHAUSTED", error_msg: "scripted server: no response left" },
};

/**
 * Starts a server on `host` (default 127.0.0.1), port 0. `script` is either the list of answers
 * in order (then {@link EXHAUSTED}) or a function of the request and its 0-based index.
 */
export async function startScriptedServer(
  script: readonly ScriptedResponse[] | ((request: RecordedRequest, index: number) => ScriptedResponse),
  host = "127.0.0.1",
): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const socketIds = new WeakMap<Socket, number>();
  let connections = 0;

  const next = (recorded: RecordedRequest): ScriptedResponse => {
    const index = requests.length - 1;
    if (typeof script === "function") return script(recorded, index);
    return script[index] ?? EXHAUSTED;
  };

  const record = (method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders, socket: Socket): RecordedRequest => {
    const recorded = { method: method ?? "", url: url ?? "", headers, connection: socketIds.get(socket) ?? 0 };
    requests.push(recorded);
    return recorded;
  };

  const answer = (res: ServerResponse, step: ScriptedResponse) => {
    if (res.destroyed) return;
    if (step.destroy) {
      res.socket?.destroy();
      return;
    }
    const isText = typeof step.body === "string";
    const body = step.body === undefined ? "" : isText ? (step.body as string) : JSON.stringify(step.body);
    const headers: Record<string, string> = {
      ...(isText || step.body === undefined ? {} : { "content-type": "application/json" }),
      ...step.headers,
    };
    res.writeHead(step.status ?? 200, headers);
    res.end(body);
  };

  const server = createServer((req, res) => {
    const step = next(record(req.method, req.url, req.headers, req.socket));
    // Drain the (empty) request body so keep-alive works.
    req.resume();
    if (step.delayMs) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer(res, step);
      }, step.delayMs);
      timers.add(timer);
    } else {
      answer(res, step);
    }
  });
  server.on("connection", (socket: Socket) => {
    connections++;
    socketIds.set(socket, connections);
  });
  // A client that tunnels through this server as a proxy: record it and refuse the tunnel with a
  // proper HTTP answer (undici retries a tunnel that is just hung up on, without end).
  server.on("connect", (req, socket: Socket) => {
    record(req.method, req.url, req.headers, socket);
    socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    requests,
    get connections() {
      return connections;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
