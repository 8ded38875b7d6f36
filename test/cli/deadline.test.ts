// The overall deadline of `get`, `list`, `count` (`--timeout`) and `external` (the query's
// `timeout`): a server that stalls or dribbles its body under the transport's timeouts ends the
// command at the deadline with exit 4 and one line naming the deadline, the endpoint and the flag;
// a bad value is exit 2 before any request. Plus the deadline helper itself, in process.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { DEFAULT_COMMAND_TIMEOUT, parseCommandDeadline, withDeadline } from "../../src/cli/deadline";
import { DeadlineExceededError } from "../../src/core/deadline-error";
import { InvalidInputError } from "../../src/core/errors";
import { ExitCode } from "../../src/core/exit-codes";
import {
  assertExit,
  assertUsageError,
  describeResult,
  emulatorEnv,
  killLiveChildren,
  runCli,
  stderrLines,
  type CliResult,
} from "../helpers/cli";
import { startHostileServer, type Behaviour } from "../helpers/hostile-server";
import { startScriptedServer } from "../helpers/scripted-server";

after(killLiveChildren);

const PROJECT = "0123456789abcdef0123456789abcdef";
const DEADLINE_S = 2;
/**
 * What a run may take past its deadline: starting node, closing the connection, a loaded machine.
 * Still far under what it would take without the deadline (the 30 s transport timeouts, or forever).
 */
const MARGIN_MS = 6_000;
/** The hard limit of a child: far past the deadline, so a hang is told apart from a slow exit. */
const HARD_TIMEOUT_MS = 20_000;

interface Command {
  readonly name: string;
  readonly args: readonly string[];
  /** `external` reads its query, and its deadline, on stdin. */
  readonly query?: Readonly<Record<string, string>>;
  /** The flag or query key the message names. */
  readonly field: string;
}

const COMMANDS: readonly Command[] = [
  { name: "get ims-job job-7", args: ["get", "ims-job", "job-7", "--timeout", `${DEADLINE_S}s`], field: "--timeout" },
  {
    name: "list image-jobs",
    args: ["list", "image-jobs", "--job-type", "CREATE_SERVER", "--all", "--timeout", `${DEADLINE_S}s`],
    field: "--timeout",
  },
  { name: "count app-sub-jobs", args: ["count", "app-sub-jobs", "--timeout", `${DEADLINE_S}s`], field: "--timeout" },
  {
    name: "external get-image-job job-7",
    args: ["external"],
    query: { operation: "get-image-job", job_id: "job-7", timeout: `${DEADLINE_S}s` },
    field: "timeout",
  },
  {
    name: "external list-app-sub-jobs",
    args: ["external"],
    query: { operation: "list-app-sub-jobs", job_type: "CREATE_SERVER", timeout: `${DEADLINE_S}s` },
    field: "timeout",
  },
];

const FAULTS: ReadonlyArray<[string, Behaviour]> = [
  ["stalls before its headers", { kind: "stall" }],
  // A byte every 200 ms stays far under the transport's 30 s body timeout: only the deadline ends it.
  ["dribbles its body a byte at a time", { kind: "dribble", intervalMs: 200 }],
];

function run(command: Command, url: string): Promise<CliResult> {
  return runCli(command.args, emulatorEnv(url, PROJECT), {
    timeoutMs: HARD_TIMEOUT_MS,
    ...(command.query ? { stdin: JSON.stringify(command.query) } : {}),
  });
}

describe("the deadline ends a read that the server holds", { concurrency: 4 }, () => {
  for (const command of COMMANDS) {
    for (const [fault, behaviour] of FAULTS) {
      it(`${command.name}: a server that ${fault} → exit 4 at the ${DEADLINE_S}s deadline, one line naming it and the endpoint`, async () => {
        const server = await startHostileServer([behaviour]);
        try {
          const started = Date.now();
          const r = await run(command, server.url);
          const elapsedMs = Date.now() - started;
          assertExit(r, 4);
          assert.ok(
            elapsedMs < DEADLINE_S * 1000 + MARGIN_MS,
            `ended ${elapsedMs} ms after the start, past the deadline plus ${MARGIN_MS} ms`,
          );
          assert.equal(r.stdout, "", describeResult(r));
          assert.deepEqual(stderrLines(r), [
            `hwjobs: error: ${command.name}: no answer within the ${DEADLINE_S}s deadline from ${server.url} (${command.field})`,
          ]);
          assert.ok(server.requests.length >= 1, "the request reached the server");
        } finally {
          await server.close();
        }
      });
    }
  }

  it("the deadline also cuts short the client's retries and their Retry-After sleeps", async () => {
    const server = await startHostileServer([
      { kind: "respond", status: 503, headers: { "retry-after": "120" }, body: { error_code: "SYS.0503", error_msg: "busy" } },
    ]);
    try {
      const started = Date.now();
      const r = await run(COMMANDS[0]!, server.url);
      assertExit(r, 4);
      assert.ok(Date.now() - started < DEADLINE_S * 1000 + MARGIN_MS, describeResult(r));
      const lines = stderrLines(r);
      assert.match(lines[0]!, /^hwjobs: retrying ShowJob in 60\.0s after HTTP 503 SYS\.0503 \(attempt 1\/5\)$/);
      assert.equal(
        lines.at(-1),
        `hwjobs: error: get ims-job job-7: no answer within the ${DEADLINE_S}s deadline from ${server.url} (--timeout)`,
      );
      assert.equal(server.requests.length, 1, "no second attempt after the deadline");
    } finally {
      await server.close();
    }
  });

  it("an answer within the deadline is the result, whatever the deadline", async () => {
    const server = await startHostileServer([{ kind: "respond", body: { status: "RUNNING", job_id: "job-7" } }]);
    try {
      const r = await run(COMMANDS[0]!, server.url);
      assertExit(r, 0);
      assert.equal(r.stderr, "", describeResult(r));
      assert.equal((JSON.parse(r.stdout) as { status: string }).status, "RUNNING");
    } finally {
      await server.close();
    }
  });
});

describe("a bad deadline is exit 2 before any request", { concurrency: 4 }, () => {
  const BAD = ["0", "abc", "-1", "1.5m", "5x", ""];
  const cases: ReadonlyArray<[string, string[]]> = [
    ["get", ["get", "ims-job", "job-7"]],
    ["list", ["list", "image-jobs", "--job-type", "CREATE_SERVER"]],
    ["count", ["count", "image-sub-jobs"]],
  ];
  for (const [name, base] of cases) {
    it(`${name} --timeout ${BAD.map((b) => JSON.stringify(b)).join(", ")}: one line naming --timeout, nothing sent`, async () => {
      const server = await startScriptedServer(() => ({ body: { status: "SUCCESS", count: 0, items: [] } }));
      try {
        for (const bad of BAD) {
          const r = await runCli([...base, `--timeout=${bad}`], emulatorEnv(server.url, PROJECT));
          assertUsageError(r, "--timeout", "invalid duration", JSON.stringify(bad));
        }
        assert.deepEqual(server.requests, [], "no request was sent");
      } finally {
        await server.close();
      }
    });
  }

  it('external with a bad "timeout": one line naming the key, nothing sent', async () => {
    const server = await startScriptedServer(() => ({ body: { status: "SUCCESS", count: 0, items: [] } }));
    try {
      for (const [operation, extra] of [
        ["get-ims-job", { job_id: "job-7" }],
        ["list-image-jobs", { job_type: "CREATE_SERVER" }],
        ["count-image-sub-jobs", {}],
      ] as const) {
        for (const bad of ["0", "soon", "-5", "10 m"]) {
          const r = await runCli(["external"], emulatorEnv(server.url, PROJECT), {
            stdin: JSON.stringify({ operation, ...extra, timeout: bad }),
          });
          assertUsageError(r, "timeout: invalid duration", JSON.stringify(bad));
        }
      }
      // Terraform passes every query value as a string; a number is refused by the protocol check.
      const r = await runCli(["external"], emulatorEnv(server.url, PROJECT), {
        stdin: JSON.stringify({ operation: "get-ims-job", job_id: "job-7", timeout: 60 }),
      });
      assertUsageError(r, "timeout: must be a string");
      assert.deepEqual(server.requests, [], "no request was sent");
    } finally {
      await server.close();
    }
  });

  it('external with an empty "timeout" (an unset Terraform value) reads with the default deadline', async () => {
    const server = await startScriptedServer([{ body: { status: "SUCCESS", job_id: "job-7" } }]);
    try {
      const r = await runCli(["external"], emulatorEnv(server.url, PROJECT), {
        stdin: JSON.stringify({ operation: "get-ims-job", job_id: "job-7", timeout: "" }),
      });
      assertExit(r, 0);
      assert.equal((JSON.parse(r.stdout) as { status: string }).status, "SUCCESS");
      assert.equal(server.requests.length, 1);
    } finally {
      await server.close();
    }
  });

  it("HWJOBS_TIMEOUT is the wait's: get neither reads nor refuses it", async () => {
    const server = await startScriptedServer([{ body: { status: "SUCCESS", job_id: "job-7" } }]);
    try {
      const r = await runCli(["get", "ims-job", "job-7"], emulatorEnv(server.url, PROJECT, { HWJOBS_TIMEOUT: "not a duration" }));
      assertExit(r, 0);
      assert.equal(server.requests.length, 1);
    } finally {
      await server.close();
    }
  });
});

describe("withDeadline and parseCommandDeadline (in process)", () => {
  const scope = { operation: "get ims-job 1", endpoint: "https://ims.cn-north-4.myhuaweicloud.com" };

  it("defaults to 5 minutes when the value is absent, and names the field when it is bad", () => {
    assert.equal(DEFAULT_COMMAND_TIMEOUT, "5m");
    assert.deepEqual(parseCommandDeadline(undefined, "--timeout"), { ms: 300_000, field: "--timeout" });
    assert.throws(
      () => parseCommandDeadline("", "--timeout"),
      (e: unknown) => e instanceof InvalidInputError && e.field === "--timeout",
    );
    assert.deepEqual(parseCommandDeadline("1h30m", "timeout"), { ms: 5_400_000, field: "timeout" });
    assert.throws(
      () => parseCommandDeadline("0", "timeout"),
      (e: unknown) => e instanceof InvalidInputError && e.field === "timeout",
    );
  });

  it("settles at the deadline even when the work ignores its signal, with a typed exit-4 error", { timeout: 10_000 }, async () => {
    const never = new Promise<never>(() => {});
    const error = await withDeadline({ ms: 1_000, field: "--timeout" }, scope, new AbortController().signal, () => never).then(
      () => assert.fail("resolved"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof DeadlineExceededError, String(error));
    assert.equal(error.exitCode, ExitCode.API);
    assert.equal(error.deadlineMs, 1_000);
    assert.equal(error.endpoint, scope.endpoint);
    assert.equal(error.field, "--timeout");
    assert.equal(
      error.message,
      "get ims-job 1: no answer within the 1s deadline from https://ims.cn-north-4.myhuaweicloud.com (--timeout)",
    );
  });

  it("passes the work's signal on, and reports a cancel as the cancel, not as the deadline", async () => {
    const cancel = new AbortController();
    let seen: AbortSignal | undefined;
    const pending = withDeadline({ ms: 60_000, field: "--timeout" }, scope, cancel.signal, (signal) => {
      seen = signal;
      return new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
    });
    cancel.abort();
    await assert.rejects(pending, (e: unknown) => !(e instanceof DeadlineExceededError) && e instanceof Error && e.name === "AbortError");
    assert.equal(seen?.aborted, true, "the work's signal aborted with the cancel");
  });

  it("keeps the work's own error, and its result", async () => {
    const own = new InvalidInputError("x", "x: bad");
    await assert.rejects(
      withDeadline({ ms: 60_000, field: "--timeout" }, scope, new AbortController().signal, () => Promise.reject(own)),
      (e: unknown) => e === own,
    );
    assert.equal(await withDeadline({ ms: 60_000, field: "--timeout" }, scope, new AbortController().signal, async () => 42), 42);
  });
});
