// The transport's socket timeouts, pinned by behaviour against local servers on 127.0.0.1 (no
// traffic leaves the machine): a silent TLS peer (connect), a server that never answers
// (headers), one that stalls mid-body (body), and idle keep-alive sockets (keep-alive).
import assert from "node:assert/strict";
import { createServer as createHttpServer, type Server as HttpServer, type ServerResponse } from "node:http";
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from "node:net";
import { describe, test, type TestContext } from "node:test";
import { z } from "zod";
import { HwClient } from "../../src/core/client";
import { NetworkError } from "../../src/core/errors";
import { createTransport, DEFAULT_TIMEOUTS, type TransportTimeouts } from "../../src/core/transport";
import { startScriptedServer } from "../helpers/scripted-server";

const PROJECT = "0123456789abcdef0123456789abcdef";
const JOB_PATH = `/v1/${PROJECT}/jobs/job-1`;
const okSchema = z.looseObject({ status: z.string() });
/** Short enough to keep the tests fast, long enough for a loopback round trip on a busy CI machine. */
const SHORT: TransportTimeouts = { connectMs: 200, headersMs: 200, bodyMs: 200, keepAliveMs: 30_000 };
/** A stalled server holds its answer this long: far past every short timeout, well under the test timeout. */
const STALL_MS = 20_000;
/**
 * undici runs its socket timers on a coarse (~0.5 s tick) clock, so a 200 ms timeout fires after
 * 0.2-1.5 s; anything far longer would mean a different (e.g. default 30 s) timeout was applied.
 */
const MAX_ELAPSED_MS = 5_000;

/** A client on `baseUrl` over a transport with `timeouts`, one attempt only; closed when the test ends. */
function clientFor(t: TestContext, baseUrl: string, timeouts: TransportTimeouts): HwClient {
  const dispatcher = createTransport({}, timeouts);
  const client = new HwClient(
    { projectId: PROJECT, credentials: { type: "token", token: "test-token" }, endpoints: { appstream: baseUrl, ims: baseUrl } },
    { dispatcher, retry: { maxAttempts: 1 }, env: {} },
  );
  t.after(() => dispatcher.destroy());
  return client;
}

function getJob(client: HwClient): Promise<z.infer<typeof okSchema>> {
  return client.get({
    operation: "ShowJob",
    service: "ims",
    path: "/v1/{project_id}/jobs/{job_id}",
    pathParams: { job_id: "job-1" },
    schema: okSchema,
  });
}

/** Awaits `promise`, expecting a one-attempt NetworkError with `code`; returns the elapsed milliseconds. */
async function expectNetworkError(promise: Promise<unknown>, code: string): Promise<number> {
  const started = performance.now();
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof NetworkError, `expected NetworkError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.attempts, 1);
    assert.equal(error.operation, "ShowJob");
    assert.equal(error.path, JOB_PATH);
    return true;
  });
  return performance.now() - started;
}

/** Listens on 127.0.0.1:0; the server and every socket it accepted are destroyed when the test ends. */
async function listen<S extends NetServer | HttpServer>(
  t: TestContext,
  server: S,
): Promise<{ server: S; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  t.after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

describe("transport timeouts", () => {
  test("DEFAULT_TIMEOUTS: connect 10 s, headers 30 s, body 30 s, keep-alive 30 s", () => {
    assert.deepEqual({ ...DEFAULT_TIMEOUTS }, { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000, keepAliveMs: 30_000 });
  });

  test("a server that never sends headers: NetworkError UND_ERR_HEADERS_TIMEOUT after headersMs", async (t) => {
    const server = await startScriptedServer([{ delayMs: STALL_MS, body: { status: "SUCCESS" } }]);
    t.after(() => server.close());
    const elapsed = await expectNetworkError(getJob(clientFor(t, server.url, SHORT)), "UND_ERR_HEADERS_TIMEOUT");
    assert.equal(server.requests.length, 1);
    assert.ok(
      elapsed >= 150 && elapsed < MAX_ELAPSED_MS,
      `timed out after ${Math.round(elapsed)} ms, expected 200 ms plus undici timer granularity`,
    );
  });

  test("a server that sends headers, then stalls the body: NetworkError UND_ERR_BODY_TIMEOUT after bodyMs", async (t) => {
    let requests = 0;
    const stalled = new Set<ServerResponse>();
    const { server, port } = await listen(
      t,
      createHttpServer((req, res) => {
        requests++;
        req.resume();
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        res.write('{"status":');
        stalled.add(res);
      }),
    );
    assert.ok(server.listening);
    const elapsed = await expectNetworkError(getJob(clientFor(t, `http://127.0.0.1:${port}`, SHORT)), "UND_ERR_BODY_TIMEOUT");
    assert.equal(requests, 1);
    assert.equal(stalled.size, 1);
    assert.ok(
      elapsed >= 150 && elapsed < MAX_ELAPSED_MS,
      `timed out after ${Math.round(elapsed)} ms, expected 200 ms plus undici timer granularity`,
    );
  });

  test("headers and body within the timeouts: the call succeeds", async (t) => {
    const server = await startScriptedServer([{ delayMs: 20, body: { status: "SUCCESS" } }]);
    t.after(() => server.close());
    assert.deepEqual(await getJob(clientFor(t, server.url, SHORT)), { status: "SUCCESS" });
  });

  // Connect covers TCP and TLS. A local peer that accepts TCP but never answers the TLS
  // ClientHello hangs the connect phase without any traffic off the machine.
  test("a peer that never completes the TLS handshake: NetworkError UND_ERR_CONNECT_TIMEOUT after connectMs", async (t) => {
    let accepted = 0;
    const { port } = await listen(
      t,
      createNetServer((socket) => {
        accepted++;
        socket.resume();
      }),
    );
    const timeouts = { ...SHORT, headersMs: STALL_MS, bodyMs: STALL_MS };
    const elapsed = await expectNetworkError(getJob(clientFor(t, `https://127.0.0.1:${port}`, timeouts)), "UND_ERR_CONNECT_TIMEOUT");
    assert.equal(accepted, 1);
    assert.ok(
      elapsed >= 150 && elapsed < MAX_ELAPSED_MS,
      `timed out after ${Math.round(elapsed)} ms, expected 200 ms plus undici timer granularity`,
    );
  });

  // Node's server sends no Keep-Alive hint when its keepAliveTimeout is 0, so undici's idle timeout
  // is keepAliveMs alone.
  for (const [keepAliveMs, connections] of [
    [100, 2],
    [30_000, 1],
  ] as const) {
    test(`keepAliveMs ${keepAliveMs}: two calls 500 ms apart use ${connections} connection(s)`, async (t) => {
      const server = createHttpServer((req, res) => {
        req.resume();
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"status":"SUCCESS"}');
      });
      server.keepAliveTimeout = 0;
      let accepted = 0;
      server.on("connection", () => accepted++);
      await listen(t, server);
      const client = clientFor(t, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, { ...SHORT, keepAliveMs });
      assert.deepEqual(await getJob(client), { status: "SUCCESS" });
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(await getJob(client), { status: "SUCCESS" });
      assert.equal(accepted, connections);
    });
  }
});
