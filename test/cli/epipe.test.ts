// A closed stdout or stderr is not an error (issue 7): when the reader goes away (`| head -n 3`,
// `| true`), hwjobs prints no stack and exits with the code the command would have had, promptly.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import {
  assertExit,
  childEnv,
  CLI_BUNDLE,
  describeResult,
  emulatorEnv,
  FAST_POLL,
  killLiveChildren,
  startCli,
  stderrLines,
  type CliResult,
} from "../helpers/cli";
import { startScriptedServer, type RecordedRequest, type ScriptedResponse, type ScriptedServer } from "../helpers/scripted-server";

const PROJECT = "0123456789abcdef0123456789abcdef";
const JOB = "ff8080814dbd65d7014dbe0d84db0013";
// Far more than a pipe buffer (64 KiB), so the writer is still writing when the reader leaves.
const ITEMS = Array.from({ length: 600 }, (_, i) => ({
  id: `job-${i}`,
  job_type: "CREATE_SERVER",
  status: "SUCCESS",
  note: "x".repeat(1000),
}));

/** ShowJob by id: "failing-job" failed, "missing-job" is a 404, any other succeeded. */
function job(request: RecordedRequest): ScriptedResponse {
  if (request.url.includes("/failing-job"))
    return { body: { status: "FAIL", job_id: "failing-job", error_code: "IMG.0001", fail_reason: "broken" } };
  if (request.url.includes("/missing-job")) return { status: 404, body: { error: { code: "IMG.0404", message: "no such job" } } };
  return { body: { status: "SUCCESS", job_id: JOB, entities: { image_id: "img-1" } } };
}

/** ListImageJobs over {@link ITEMS}, honouring offset and limit; ShowJob by {@link job}. */
function answer(request: RecordedRequest): ScriptedResponse {
  const url = new URL(request.url, "http://x");
  if (!url.pathname.endsWith("/image-server-jobs")) return job(request);
  const offset = Number(url.searchParams.get("offset") ?? 0);
  const limit = Number(url.searchParams.get("limit") ?? 10);
  return { body: { count: ITEMS.length, items: ITEMS.slice(offset, offset + limit) } };
}

let server: ScriptedServer;
before(async () => {
  server = await startScriptedServer(answer);
});
after(async () => {
  killLiveChildren();
  await server.close();
});

const env = () => emulatorEnv(server.url, PROJECT);
const LIST_ALL = ["list", "image-jobs", "--job-type", "CREATE_SERVER", "--all"];

/** No stack, no unhandled error: every stderr line is an hwjobs line. */
function assertNoStack(r: CliResult): void {
  for (const line of stderrLines(r)) assert.match(line, /^hwjobs: /, `not an hwjobs line: ${describeResult(r)}`);
  assert.doesNotMatch(r.stderr, /EPIPE|Error:|\n\s+at /, describeResult(r));
}

/** Runs the CLI with `stream` closed by the reader after its first chunk, or at once. */
async function runClosing(
  args: readonly string[],
  stream: "stdout" | "stderr",
  when: "first-chunk" | "at-once",
): Promise<CliResult & { readonly ms: number }> {
  const started = Date.now();
  const cli = startCli(args, env());
  const pipe = cli.child[stream]!;
  if (when === "at-once") pipe.destroy();
  else pipe.once("data", () => pipe.destroy());
  const r = await cli.result;
  return { ...r, ms: Date.now() - started };
}

describe("a reader that goes away is not an error", { concurrency: 2 }, () => {
  it("list --all whose reader closes after the first chunk: exit 0, no stack, promptly", async () => {
    const r = await runClosing(LIST_ALL, "stdout", "first-chunk");
    assert.ok(
      r.stdout.length > 0 && r.stdout.length < JSON.stringify(ITEMS).length,
      `the reader saw only part of the output (${r.stdout.length} chars)`,
    );
    assertExit(r, 0);
    assertNoStack(r);
    assert.equal(r.stderr, "");
    assert.ok(r.ms < 15_000, `exited after ${r.ms} ms`);
  });

  it("list --all | head -n 3 in a shell with pipefail: hwjobs exits 0 and prints no stack", async () => {
    const command = `set -o pipefail; "${process.execPath}" "${CLI_BUNDLE}" ${LIST_ALL.join(" ")} | head -n 3`;
    const child = spawn("bash", ["-c", command], { env: childEnv(env()), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearTimeout(timer);
    assert.equal(code, 0, `pipeline exit ${code}\n${stderr}`);
    assert.equal(stdout.split("\n").length, 4, `head printed 3 lines: ${JSON.stringify(stdout.slice(0, 200))}`);
    assert.equal(stderr, "");
  });

  it("wait whose stdout is closed before it prints: exit 0 after success", async () => {
    const r = await runClosing(["wait", "ims-job", JOB, ...FAST_POLL], "stdout", "at-once");
    assertExit(r, 0);
    assertNoStack(r);
    assert.match(r.stderr, /succeeded; resource img-1/);
  });

  it("wait whose stdout is closed before it prints: exit 1 after failure, the error still on stderr", async () => {
    const r = await runClosing(["wait", "ims-job", "failing-job", ...FAST_POLL], "stdout", "at-once");
    assertExit(r, 1);
    assertNoStack(r);
    assert.match(stderrLines(r).at(-1)!, /^hwjobs: error: ims-job failing-job ended FAIL/);
  });

  it("get whose stderr is closed: the result on stdout, exit 0; an API error still exits 4", async () => {
    const ok = await runClosing(["get", "ims-job", JOB], "stderr", "at-once");
    assertExit(ok, 0);
    assert.equal((JSON.parse(ok.stdout) as { status: string }).status, "SUCCESS");
    const failed = await runClosing(["get", "ims-job", "missing-job"], "stderr", "at-once");
    assertExit(failed, 4);
    assert.equal(failed.stdout, "");
  });

  it(
    "a result that cannot be written (a full disk, not a reader that left) is an error: exit 4, one line",
    { skip: existsSync("/dev/full") ? false : "no /dev/full" },
    async () => {
      const full = openSync("/dev/full", "w");
      try {
        const child = spawn(process.execPath, [CLI_BUNDLE, "get", "ims-job", JOB], {
          env: childEnv(env()),
          stdio: ["ignore", full, "pipe"],
        });
        let stderr = "";
        child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
        const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
        clearTimeout(timer);
        assert.equal(code, 4, stderr);
        assert.equal(stderr, "hwjobs: error: cannot write the result to stdout (ENOSPC)\n");
      } finally {
        closeSync(full);
      }
    },
  );

  it("wait whose stdout and stderr are both closed: exit 0", async () => {
    const cli = startCli(["wait", "ims-job", JOB, ...FAST_POLL], env());
    cli.child.stdout!.destroy();
    cli.child.stderr!.destroy();
    assertExit(await cli.result, 0);
  });
});
