// `--debug` and HWJOBS_DEBUG (docs/architecture.md, section 5): one stderr line per HTTP attempt
// with method, full URL, status, duration, attempt and X-Request-Id, retries under the same
// prefix, and never a secret, a signature or an Authorization header; without them, no debug line.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import {
  assertExit,
  assertUsageError,
  describeResult,
  killLiveChildren,
  runCli,
  stderrLines,
  type CliEnv,
  type CliResult,
} from "../helpers/cli";
import { createJob, injectFault } from "../helpers/emulator-admin";
import { findSpelling } from "../helpers/secret-spellings";

const marker = (name: string) => `${name}-${randomBytes(12).toString("hex")}`;
const ACCESS_KEY = "DEBUGTESTAK000000000";
const SECRET_KEY = marker("debug-secret-key");
const SECURITY_TOKEN = marker("debug-security-token");
const AUTH_TOKEN = marker("debug-auth-token");
const SECRETS = [SECRET_KEY, SECURITY_TOKEN, AUTH_TOKEN];
const PROJECT = "debug-project";
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

let emulator: RunningEmulator;
before(async () => {
  emulator = await startEmulator({
    port: 0,
    credentials: [{ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, securityToken: SECURITY_TOKEN }],
    tokens: [AUTH_TOKEN],
  });
});
after(async () => {
  killLiveChildren();
  await emulator.close();
});

const akskEnv = (extra: CliEnv = {}): CliEnv => ({
  HWJOBS_ENDPOINT: emulator.url,
  HW_PROJECT_ID: PROJECT,
  HW_ACCESS_KEY: ACCESS_KEY,
  HW_SECRET_KEY: SECRET_KEY,
  HW_SECURITY_TOKEN: SECURITY_TOKEN,
  ...extra,
});
const tokenEnv = (extra: CliEnv = {}): CliEnv => ({
  HWJOBS_ENDPOINT: emulator.url,
  HW_PROJECT_ID: PROJECT,
  HW_AUTH_TOKEN: AUTH_TOKEN,
  ...extra,
});

const newJob = () => createJob(emulator.url, { kind: "image-job", project_id: PROJECT, waiting_ms: 0, running_ms: 0 });
const debugLines = (r: CliResult) => stderrLines(r).filter((line) => line.startsWith("hwjobs: debug: "));
const attemptLines = (r: CliResult) => debugLines(r).filter((line) => line.startsWith("hwjobs: debug: GET "));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** One attempt line: GET, the URL, the status, a duration, the attempt and the emulator's X-Request-Id. */
function assertAttempt(line: string, url: string, status: number, attempt: number): void {
  assert.match(
    line,
    new RegExp(`^hwjobs: debug: GET ${escape(url)} -> ${status} in \\d+ms \\(attempt ${attempt}/\\d+, X-Request-Id ${UUID}\\)$`),
  );
}

/** No planted secret in any spelling, and no signature or Authorization header, on stdout or stderr. */
function assertNothingSecret(r: CliResult): void {
  for (const [name, text] of [
    ["stdout", r.stdout],
    ["stderr", r.stderr],
  ] as const) {
    for (const secret of SECRETS) {
      const spelled = findSpelling(text, secret);
      assert.equal(spelled, undefined, `${name} holds a secret (${spelled}): ${describeResult(r)}`);
      const hex = Buffer.from(secret).toString("hex");
      assert.ok(!text.toLowerCase().includes(hex), `${name} holds a secret in hex: ${describeResult(r)}`);
    }
    for (const word of ["Signature=", "Authorization", "X-Security-Token", "X-Auth-Token"]) {
      assert.ok(!text.toLowerCase().includes(word.toLowerCase()), `${name} mentions ${word}: ${describeResult(r)}`);
    }
  }
}

describe("hwjobs --debug", { concurrency: true }, () => {
  it("get prints one attempt line with GET, the URL, 200, a duration, the attempt and the X-Request-Id; no secret", async () => {
    const id = await newJob();
    const r = await runCli(["get", "image-job", id, "--debug"], akskEnv());
    assertExit(r, 0);
    const lines = debugLines(r);
    assert.equal(lines.length, 1, describeResult(r));
    assertAttempt(lines[0]!, `${emulator.url}/v1/${PROJECT}/image-server-jobs/${id}`, 200, 1);
    assertNothingSecret(r);
  });

  it("list shows the query of the URL", async () => {
    const r = await runCli(["list", "image-jobs", "--job-type", "CREATE_SERVER_IMAGE", "--limit", "5", "--debug", "-o", "none"], akskEnv());
    assertExit(r, 0);
    const lines = attemptLines(r);
    assert.equal(lines.length, 1, describeResult(r));
    assertAttempt(lines[0]!, `${emulator.url}/v1/${PROJECT}/image-server-jobs?job_type=CREATE_SERVER_IMAGE&limit=5`, 200, 1);
    assertNothingSecret(r);
  });

  it("a retry shows two attempt lines and the retry line between them, all with the debug prefix", async () => {
    const id = await newJob();
    await injectFault(emulator.url, { path_prefix: `/v1/${PROJECT}/image-server-jobs/${id}`, status: 503, retry_after: 0 });
    const r = await runCli(["get", "image-job", id, "--debug"], akskEnv());
    assertExit(r, 0);
    const url = `${emulator.url}/v1/${PROJECT}/image-server-jobs/${id}`;
    const lines = debugLines(r);
    assert.equal(lines.length, 3, describeResult(r));
    assertAttempt(lines[0]!, url, 503, 1);
    assert.match(lines[1]!, /^hwjobs: debug: retrying ShowImageJob in \d+\.\ds after HTTP 503 \S+ \(attempt 1\/\d+\)$/);
    assertAttempt(lines[2]!, url, 200, 2);
    assertNothingSecret(r);
  });

  it("HWJOBS_DEBUG=1 does the same without the flag, also with an IAM token", async () => {
    const id = await newJob();
    await injectFault(emulator.url, { path_prefix: `/v1/${PROJECT}/image-server-jobs/${id}`, status: 503, retry_after: 0 });
    const r = await runCli(["get", "image-job", id], tokenEnv({ HWJOBS_DEBUG: "1" }));
    assertExit(r, 0);
    assert.equal(attemptLines(r).length, 2, describeResult(r));
    assert.ok(
      debugLines(r).some((line) => line.startsWith("hwjobs: debug: retrying ")),
      describeResult(r),
    );
    assertNothingSecret(r);
  });

  it("HWJOBS_DEBUG=true reaches hwjobs external", async () => {
    const id = await newJob();
    const r = await runCli(["external"], akskEnv({ HWJOBS_DEBUG: "true" }), {
      stdin: JSON.stringify({ operation: "get-image-job", job_id: id }),
    });
    assertExit(r, 0);
    assert.equal(attemptLines(r).length, 1, describeResult(r));
    assertNothingSecret(r);
  });

  it("a network failure names its code instead of a status", async () => {
    const r = await runCli(["get", "image-job", "job-1", "--debug", "--timeout", "2s"], akskEnv({ HWJOBS_ENDPOINT: "http://127.0.0.1:1" }));
    assertExit(r, 4);
    assert.match(attemptLines(r)[0] ?? "", /^hwjobs: debug: GET http:\/\/127\.0\.0\.1:1\/\S+ -> ECONNREFUSED in \d+ms \(attempt 1\/\d+\)$/);
    assertNothingSecret(r);
  });

  it("without --debug or HWJOBS_DEBUG there is no debug line, even with a retry; external's stderr stays clean", async () => {
    const id = await newJob();
    await injectFault(emulator.url, { path_prefix: `/v1/${PROJECT}/image-server-jobs/${id}`, status: 503, retry_after: 0 });
    const r = await runCli(["get", "image-job", id], akskEnv());
    assertExit(r, 0);
    assert.deepEqual(debugLines(r), [], describeResult(r));
    assert.ok(
      stderrLines(r).some((line) => line.startsWith("hwjobs: retrying ")),
      describeResult(r),
    );
    const e = await runCli(["external"], akskEnv(), { stdin: JSON.stringify({ operation: "get-image-job", job_id: id }) });
    assertExit(e, 0);
    assert.equal(e.stderr, "", describeResult(e));
  });

  it("another HWJOBS_DEBUG value is exit 2 naming the variable and what it accepts", async () => {
    const r = await runCli(["get", "image-job", "job-1"], akskEnv({ HWJOBS_DEBUG: "yes" }));
    assertUsageError(r, "HWJOBS_DEBUG", "true or 1");
  });
});
