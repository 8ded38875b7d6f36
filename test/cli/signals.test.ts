// SIGINT/SIGTERM: a wait or a get stops at once with exit 130; `hwjobs emulator` serves until a
// signal and then exits 0 with its port closed.
import assert from "node:assert/strict";
import { connect, type AddressInfo } from "node:net";
import { createServer } from "node:http";
import { describe, it } from "node:test";
import { assertExit, describeResult, emulatorEnv, parseJobResult, runCli, startCli, stderrLines, useCliEmulator } from "../helpers/cli";
import { createJob, injectFault, requestLog } from "../helpers/emulator-admin";

const emulator = useCliEmulator();

// Long poll intervals: exit 130 before the hard timeout proves the sleep itself is interrupted.
const SLOW_POLL = ["--min-poll-interval", "30s", "--max-poll-interval", "60s"] as const;
const HARD_TIMEOUT_MS = 15_000;

/** Resolves with the error code of a TCP connection attempt ("" when it connected). */
function probePort(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.setTimeout(5_000, () => {
      socket.destroy();
      resolve("ETIMEDOUT");
    });
    socket.once("connect", () => {
      socket.destroy();
      resolve("");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
  });
}

describe("signals interrupt a wait", { concurrency: true }, () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} during the sleep between polls: exit 130 at once, nothing on stdout`, async () => {
      const project = `signal-sleep-${signal}`;
      const id = await createJob(emulator.url, { kind: "ims-job", project_id: project, waiting_ms: 0, outcome: "never" });
      const r = await runCli(["wait", "ims-job", id, "--timeout", "10m", ...SLOW_POLL], emulatorEnv(emulator.url, project), {
        timeoutMs: HARD_TIMEOUT_MS,
        signal,
        signalOnStderr: new RegExp(`ims-job ${id}: RUNNING`),
      });
      assertExit(r, 130);
      assert.equal(r.stdout, "");
      assert.match(
        stderrLines(r).at(-1)!,
        new RegExp(`^hwjobs: error: wait for ims-job ${id} interrupted after \\S+; last status RUNNING$`),
      );
      assert.equal((await requestLog(emulator.url)).filter((q) => q.path.includes(`/${project}/`)).length, 1);
    });

    it(`${signal} during an HTTP request: exit 130 without waiting for the response`, async () => {
      const project = `signal-request-${signal}`;
      const id = await createJob(emulator.url, { kind: "image-job", project_id: project, outcome: "never" });
      // The answer would take 30 s, longer than the hard timeout of the child.
      await injectFault(emulator.url, { path_prefix: `/v1/${project}/`, delay_ms: 30_000 });
      const r = await runCli(["wait", "image-job", id, ...SLOW_POLL], emulatorEnv(emulator.url, project), {
        timeoutMs: HARD_TIMEOUT_MS,
        signal,
        signalOnStderr: /hwjobs: waiting for image-job/,
      });
      assertExit(r, 130);
      assert.equal(r.stdout, "");
      assert.match(stderrLines(r).at(-1)!, new RegExp(`^hwjobs: error: wait for image-job ${id} interrupted`));
    });
  }
});

/** A server that accepts requests and never answers them; `arrived` settles on the first one. */
async function holdingServer(): Promise<{ url: string; arrived: Promise<void>; close: () => Promise<void> }> {
  let onArrival!: () => void;
  const arrived = new Promise<void>((resolve) => (onArrival = resolve));
  const server = createServer(() => onArrival());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrived,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("signals interrupt a get", { concurrency: true }, () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} while the request is in flight: exit 130 with one line, nothing on stdout`, async () => {
      const server = await holdingServer();
      try {
        const cli = startCli(["get", "app-job", "123"], emulatorEnv(server.url, "signal-get"), { timeoutMs: HARD_TIMEOUT_MS });
        await Promise.race([
          server.arrived,
          cli.result.then(() => assert.fail(`hwjobs exited before its request arrived: ${cli.stderr()}`)),
        ]);
        cli.kill(signal);
        const r = await cli.result;
        assertExit(r, 130);
        assert.equal(r.stdout, "");
        assert.deepEqual(stderrLines(r), ["hwjobs: error: interrupted"]);
      } finally {
        await server.close();
      }
    });
  }
});

describe("hwjobs emulator", { concurrency: true }, () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`serves signed requests on a free port and exits 0 with the port closed on ${signal}`, async () => {
      const cli = startCli(["emulator", "--port", "0"], {}, { timeoutMs: 30_000 });
      const match = await cli.waitFor("stdout", /^listening on (http:\/\/127\.0\.0\.1:(\d+))\n/, 15_000);
      const url = match[1]!;
      const port = Number(match[2]);
      assert.ok(port > 0);

      const project = "emulator-command";
      const id = await createJob(url, { kind: "ims-job", project_id: project, waiting_ms: 0, running_ms: 0 });
      const got = await runCli(["get", "ims-job", id], emulatorEnv(url, project));
      assertExit(got, 0);
      assert.equal(parseJobResult(got).phase, "succeeded");
      assert.deepEqual(
        (await requestLog(url)).map((q) => [q.auth, q.status]),
        [["aksk", 200]],
      );

      cli.kill(signal);
      const r = await cli.result;
      assertExit(r, 0);
      assert.equal(r.stdout, `listening on ${url}\n`, describeResult(r));
      assert.match(r.stderr, /hwjobs: emulator stopped/);
      assert.equal(await probePort(port), "ECONNREFUSED");
    });
  }

  it("rejects a bad --port with exit 2", async () => {
    const r = await runCli(["emulator", "--port", "http"], {});
    assertExit(r, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^hwjobs: error: --port: .*0-65535.*\n$/);
  });
});
