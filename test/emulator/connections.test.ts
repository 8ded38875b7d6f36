// Connections: a burst of idle or half-open sockets must neither lock new clients out nor cut
// requests in progress, and the emulator closes idle ones within seconds (headers, request and
// keep-alive timeouts) instead of holding them for Node's default minute.
import assert from "node:assert/strict";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { ConnectionGuard } from "../../src/emulator/http/connection-guard";
import { EMULATOR_LIMITS } from "../../src/emulator/limits";
import { callAdmin, callApi } from "../helpers/emulator-client";
import { openIdleSockets, withTimeout, type IdleSocket } from "../helpers/raw-http";

const { connections, headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = EMULATOR_LIMITS;
/** Generous bound for "closed by a timeout": the longest timeout, Node's 1 s check, and slack for a loaded machine. */
const CLOSED_WITHIN_MS = Math.max(headersTimeoutMs.value, requestTimeoutMs.value, keepAliveTimeoutMs.value) + 10_000;
const IDLE_SOCKETS = 1000;

// Concurrent, each with its own emulator: both mostly wait for the server's timeouts.
describe("idle connections against the emulator", { concurrency: true }, () => {
  let emulator: RunningEmulator;
  let other: RunningEmulator;
  before(async () => {
    [emulator, other] = await Promise.all([startEmulator(), startEmulator()]);
  });
  after(async () => {
    await Promise.all([emulator.close(), other.close()]);
  });

  it(
    "after 1,000 idle and half-open sockets, a new client is served, a busy request completes, and every idle socket is closed",
    { timeout: 60_000 },
    async () => {
      emulator.store.createJob({ kind: "ims-job", projectId: "p", id: "busy" });
      emulator.faults.add({ pathPrefix: "/v1/p/jobs/busy", delayMs: 2000 });
      // In progress (held by the delay) while the burst arrives: busy connections are never evicted.
      const busy = callApi(emulator.url, "/v1/p/jobs/busy", { auth: { kind: "token" } });
      let sockets: IdleSocket[] = [];
      try {
        // Half send nothing, half stop in the middle of their headers (slowloris).
        sockets = await openIdleSockets(emulator.port, IDLE_SOCKETS, (i) =>
          i % 2 === 0 ? "" : `GET /_emulator/jobs HTTP/1.1\r\nHost: 127.0.0.1:${emulator.port}\r\n`,
        );
        const reply = await withTimeout(callAdmin(emulator.url, "GET", "/_emulator/jobs"), 5000, "a new client's request");
        assert.equal(reply.status, 200);
        // Well before the headers timeout could have: these are the cap's doing.
        const byCap = IDLE_SOCKETS - connections.value;
        await poll(
          () => sockets.filter((s) => s.isClosed()).length >= byCap,
          headersTimeoutMs.value / 2,
          `the cap closing ${byCap} idle sockets`,
        );
        assert.equal((await withTimeout(busy, 10_000, "the busy request")).status, 200, "the busy request was not cut");
        await withTimeout(Promise.all(sockets.map((s) => s.closed)), CLOSED_WITHIN_MS, "the headers timeout closing the rest");
      } finally {
        for (const s of sockets) s.socket.destroy();
      }
    },
  );

  it("closes an idle keep-alive connection and a request whose body never completes", { timeout: 60_000 }, async () => {
    const port = other.port;
    const [keepAlive, stalled] = await openIdleSockets(port, 2, (i) =>
      i === 0
        ? `GET /_emulator/jobs HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`
        : `POST /_emulator/jobs HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{`,
    );
    try {
      let answers = "";
      keepAlive!.socket.on("data", (chunk: Buffer) => (answers += chunk.toString("latin1")));
      let stalledAnswer = "";
      stalled!.socket.on("data", (chunk: Buffer) => (stalledAnswer += chunk.toString("latin1")));
      await withTimeout(Promise.all([keepAlive!.closed, stalled!.closed]), CLOSED_WITHIN_MS, "the keep-alive and request timeouts");
      assert.match(answers, /^HTTP\/1\.1 200 OK\r\n/);
      assert.match(answers, new RegExp(`keep-alive: timeout=${keepAliveTimeoutMs.value / 1000}`, "i"));
      assert.match(stalledAnswer, /^HTTP\/1\.1 408 Request Timeout\r\n/);
    } finally {
      keepAlive!.socket.destroy();
      stalled!.socket.destroy();
    }
  });
});

describe("ConnectionGuard", () => {
  // A server whose responses wait until the test releases them: busy connections on demand.
  let server: Server;
  let port: number;
  const held: ServerResponse[] = [];
  const guard = new ConnectionGuard(2);

  before(async () => {
    server = createServer((req, res) => {
      guard.track(req.socket, res);
      if (req.url === "/hold") held.push(res);
      else res.end("ok");
    });
    server.on("connection", (socket) => guard.admit(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    for (const res of held) res.end();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("over the cap, closes the least recently active idle connection, then the newcomer when all are busy", async () => {
    const sockets: IdleSocket[] = [];
    try {
      const hold = `GET /hold HTTP/1.1\r\nHost: x\r\n\r\n`;
      sockets.push(...(await openIdleSockets(port, 1, () => "")));
      sockets.push(...(await openIdleSockets(port, 1, () => hold)));
      await poll(() => held.length === 1, 5000, "the held request");
      // Over the cap: the idle first socket goes, not the busy second one.
      sockets.push(...(await openIdleSockets(port, 1, () => hold)));
      await withTimeout(sockets[0]!.closed, 5000, "the idle socket closing");
      await poll(() => held.length === 2 && guard.size === 2, 5000, "the second held request");
      // Both busy now: the newcomer is the one refused.
      const [late] = await openIdleSockets(port, 1, () => "");
      sockets.push(late!);
      await withTimeout(late!.closed, 5000, "the newcomer closing");
      assert.deepEqual(
        sockets.map((s) => s.isClosed()),
        [true, false, false, true],
      );
    } finally {
      for (const s of sockets) s.socket.destroy();
    }
  });
});

/** Resolves once `condition` holds, checking every 10 ms; rejects naming `what` after `ms`. */
async function poll(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
