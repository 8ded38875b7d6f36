// The client's signal really cancels what is in flight: a stalled request, a body dribbled under
// the transport's body timeout, and the sleep before a retry (a Retry-After of minutes). The
// server must see the connection close, and close() must not wait for the abandoned request:
// the CLI's deadline (src/cli/deadline.ts) relies on all three.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { HwClient } from "../../src/core/client";
import { startHostileServer, type Behaviour, type HostileServer } from "../helpers/hostile-server";

const PROJECT = "0123456789abcdef0123456789abcdef";
const ABORT_AFTER_MS = 300;
/** How long after the abort everything must have settled: generous, yet far under the 30 s transport timeouts. */
const BOUND_MS = 3_000;

function clientFor(server: HostileServer): HwClient {
  return new HwClient(
    { projectId: PROJECT, credentials: { type: "token", token: "t" }, endpoints: { appstream: server.url, ims: server.url } },
    { env: {} },
  );
}

/** Resolves once `condition` holds, polling every 20 ms; rejects after `ms`. */
async function eventually(condition: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) assert.fail(`${what} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const CASES: ReadonlyArray<[string, Behaviour]> = [
  ["a request the server never answers", { kind: "stall" }],
  ["a body the server never finishes", { kind: "stall-body" }],
  ["a body dribbled a byte every 100 ms", { kind: "dribble", intervalMs: 100 }],
  [
    "the sleep of a Retry-After of 120 s",
    { kind: "respond", status: 503, headers: { "retry-after": "120" }, body: { error_code: "SYS.0503" } },
  ],
];

describe("HwClient: an aborted signal cancels the work in flight", { concurrency: true }, () => {
  for (const [what, behaviour] of CASES) {
    // The test's own timeout fails a client that ignores its signal fast, not after 30 s or minutes.
    it(`${what}: rejects promptly, the connection closes, close() returns`, { timeout: 15_000 }, async () => {
      const server = await startHostileServer([behaviour]);
      const client = clientFor(server);
      let closing: Promise<void> | undefined;
      try {
        const started = Date.now();
        const signal = AbortSignal.timeout(ABORT_AFTER_MS);
        await assert.rejects(
          client.get({ operation: "ShowJob", service: "ims", path: "/v1/{project_id}/jobs/j", schema: z.unknown(), signal }),
          (e: unknown) => e instanceof Error && ["TimeoutError", "AbortError"].includes(e.name),
        );
        assert.ok(Date.now() - started < ABORT_AFTER_MS + BOUND_MS, "rejected soon after the abort");
        assert.equal(server.requests.length, 1, "no retry after the abort");
        closing = client.close();
        await Promise.race([
          closing,
          new Promise((_, reject) => setTimeout(() => reject(new Error(`close() still pending after ${BOUND_MS} ms`)), BOUND_MS).unref()),
        ]);
        await eventually(() => server.closedConnections === server.connections, BOUND_MS, "the server sees the connection closed");
      } finally {
        // The server first: it ends whatever the client still holds, so close() cannot hang here.
        await server.close();
        await (closing ?? client.close());
      }
    });
  }
});
