// Server text is data (issue 7): statuses, codes, messages, ids, request ids and header values
// that carry newlines, ANSI/VT sequences, C1 controls and bidi controls reach stderr (progress,
// warnings, retries, errors) and tables only stripped, so no line is forged and the terminal is not
// driven; JSON on stdout still holds every value exactly.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  assertExit,
  describeResult,
  emulatorEnv,
  FAST_POLL,
  killLiveChildren,
  parseJobResult,
  runCli,
  stderrLines,
  type CliResult,
} from "../helpers/cli";
import { startScriptedServer, type RecordedRequest, type ScriptedResponse, type ScriptedServer } from "../helpers/scripted-server";

const PROJECT = "0123456789abcdef0123456789abcdef";
const JOB = "ff8080814dbd65d7014dbe0d84db0013";

/** What a hostile server puts in every text field: a forged line, CR, SGR, OSC, 8-bit CSI, bidi, NEL, LS, NUL, BS. */
const hostile = (what: string) =>
  `${what}\nhwjobs: ims-job ${JOB} succeeded; resource FORGED\r\u001b[31mRED\u001b[0m\u001b]0;title\u0007\u009b2K\u202eDESREVER\u2066iso\u2069\u200f\u0085NEL\u2028LS\u0000\b!`;
/** A header value can carry only Latin-1 (`obs-text`): 8-bit CSI, NEL and other C1 bytes. */
const HOSTILE_HEADER = "req-\u009b2K-\u0085-\u009d0;t\u009c-id";

// What must never be on stderr (besides the newline that ends each line).
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** stdout JSON escapes every such character (core/safe-json.ts): its text holds none but newlines. */
const assertSafeJsonText = (text: string) => assert.doesNotMatch(text.replace(/\n/g, ""), UNSAFE, JSON.stringify(text));

let server: ScriptedServer;
let handler: (request: RecordedRequest) => ScriptedResponse = () => ({ status: 418 });
before(async () => {
  server = await startScriptedServer((request) => handler(request));
});
after(async () => {
  killLiveChildren();
  await server.close();
});

/** Runs the CLI against the scripted server, which answers with `respond` (per path, in order). */
function run(
  args: readonly string[],
  respond: (request: RecordedRequest, index: number) => ScriptedResponse,
  stdin?: string,
): Promise<CliResult> {
  let index = 0;
  handler = (request) => respond(request, index++);
  return runCli(args, emulatorEnv(server.url, PROJECT), stdin === undefined ? {} : { stdin });
}

/** Every stderr line is one `hwjobs:` line without a control, escape, separator or bidi character, and none is forged. */
function assertSafeStderr(r: CliResult): string[] {
  const lines = stderrLines(r);
  assert.ok(lines.length > 0, `something on stderr: ${describeResult(r)}`);
  for (const line of lines) {
    assert.match(line, /^hwjobs: /, `a line without the prefix: ${JSON.stringify(line)}`);
    assert.doesNotMatch(line, UNSAFE, `an unsafe character on stderr: ${JSON.stringify(line)}`);
    assert.doesNotMatch(line, /^hwjobs: ims-job \S+ succeeded; resource FORGED/, `a forged line: ${JSON.stringify(line)}`);
    // The escape sequences went whole, no parameter debris (a JSON-quoted id may show one escaped, as text).
    assert.doesNotMatch(line, /(?<!\\u001b)(\[31m|\[0m|\]0;title)/, `escape sequence debris: ${JSON.stringify(line)}`);
  }
  return lines;
}

describe("server text is data: stderr and tables are safe, stdout JSON is exact", { concurrency: 1 }, () => {
  it("wait: a hostile status in progress lines and warnings, hostile fields in the result", async () => {
    const status = hostile("RUNNING");
    const done = {
      status: "SUCCESS",
      job_id: JOB,
      error_code: hostile("CODE"),
      fail_reason: hostile("reason"),
      entities: { image_id: "img-1", image_name: hostile("name") },
    };
    const r = await run(["wait", "ims-job", JOB, ...FAST_POLL], (_, i) => ({ body: i === 0 ? { status, job_id: JOB } : done }));
    assertExit(r, 0);
    const lines = assertSafeStderr(r);
    // The status was shown (as data, inside one line), and the real success line is the last.
    assert.ok(
      lines.some((line) => line.includes("DESREVER") && line.includes("RUNNING")),
      r.stderr,
    );
    assert.match(lines.at(-1)!, new RegExp(`^hwjobs: ims-job ${JOB} succeeded; resource img-1$`));
    const doc = parseJobResult(r);
    assert.equal(doc.job.fail_reason, done.fail_reason);
    assert.equal(doc.job.error_code, done.error_code);
    assert.deepEqual(doc.job.entities, done.entities);
  });

  it("wait: a failed job's hostile sub-job ids, codes and messages make one safe error line", async () => {
    const sub = {
      id: hostile("sub"),
      status: "FAILED",
      job_execute_info: { error_code: hostile("WKS.1"), error_message: hostile("broken") },
    };
    const r = await run(["wait", "image-job", JOB, ...FAST_POLL], () => ({ body: { id: JOB, status: "FAILED", sub_jobs: [sub] } }));
    assertExit(r, 1);
    const lines = assertSafeStderr(r);
    assert.match(lines.at(-1)!, /^hwjobs: error: .*broken/);
    const doc = parseJobResult(r);
    assert.equal(doc.error_message, sub.job_execute_info.error_message);
    assert.equal(doc.error_code, sub.job_execute_info.error_code);
    assert.deepEqual(doc.job.sub_jobs, [sub]);
  });

  it("get: an API error with hostile error_code, error_msg and X-Request-Id", async () => {
    const body = { error_code: hostile("IMG.0001"), error_msg: hostile("denied") };
    const r = await run(["get", "ims-job", JOB], () => ({ status: 400, headers: { "x-request-id": HOSTILE_HEADER }, body }));
    assertExit(r, 4);
    const lines = assertSafeStderr(r);
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /^hwjobs: error: .*HTTP 400 IMG\.0001.*denied.*\(request id req-/);
    assert.equal(r.stdout, "");
  });

  it("get: a hostile request_id in the body, retries with a hostile code, an answer for a hostile other id", async () => {
    const retry: ScriptedResponse = {
      status: 503,
      headers: { "retry-after": "0" },
      body: { error_code: hostile("SVC.503"), error_msg: "busy", request_id: hostile("rid") },
    };
    const r = await run(["get", "ims-job", JOB], (_, i) => (i < 2 ? retry : { body: { status: "SUCCESS", job_id: hostile("other") } }));
    assertExit(r, 4);
    const lines = assertSafeStderr(r);
    assert.ok(lines.filter((line) => /^hwjobs: retrying ShowJob .*SVC\.503/.test(line)).length === 2, r.stderr);
    assert.match(lines.at(-1)!, /^hwjobs: error: .*another job/);
  });

  it("get: a body with a hostile request_id and no header names it safely", async () => {
    const r = await run(["get", "ims-job", JOB], () => ({
      status: 403,
      body: { error_code: "APIG.0301", error_msg: "auth", request_id: hostile("rid") },
    }));
    assertExit(r, 4);
    const [line] = assertSafeStderr(r);
    assert.match(line!, /\(request id rid /);
  });

  it("list --output table: one row per item, every cell stripped", async () => {
    const items = [
      { id: hostile("id-1"), job_type: hostile("CREATE_SERVER"), status: hostile("RUNNING"), begin_time: "2024-01-01T00:00:00Z" },
      { id: "id-2", job_type: "CREATE_SERVER", status: "SUCCESS", end_time: hostile("end") },
    ];
    const r = await run(["list", "image-jobs", "--job-type", "CREATE_SERVER", "--output", "table"], () => ({ body: { count: 2, items } }));
    assertExit(r, 0);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 4, `header, two rows, the total: ${JSON.stringify(r.stdout)}`);
    for (const line of lines) assert.doesNotMatch(line, UNSAFE, JSON.stringify(line));
    assert.match(lines[1]!, /^id-1 hwjobs: ims-job \S+ succeeded; resource FORGED RED/);
    assert.equal(lines[3], "2 of 2");
  });

  it("list --output json keeps every hostile value exact", async () => {
    const items = [{ id: hostile("id-1"), job_type: "CREATE_SERVER", status: hostile("RUNNING"), extra: { note: hostile("note") } }];
    const r = await run(["list", "image-jobs", "--job-type", "CREATE_SERVER"], () => ({ body: { count: 1, items } }));
    assertExit(r, 0);
    assert.equal(r.stderr, "");
    assert.deepEqual(JSON.parse(r.stdout), { count: 1, items });
    assertSafeJsonText(r.stdout);
  });

  it("external get-ims-job: the flat JSON holds the exact values", async () => {
    const job = { status: hostile("RUNNING"), job_id: JOB, fail_reason: hostile("reason"), error_code: hostile("CODE") };
    const r = await run(["external"], () => ({ body: job }), JSON.stringify({ operation: "get-ims-job", job_id: JOB }));
    assertExit(r, 0);
    const out = JSON.parse(r.stdout) as Record<string, string>;
    assert.equal(out.status, job.status);
    assertSafeJsonText(r.stdout);
    assert.deepEqual(JSON.parse(out.job!), job);
    for (const line of stderrLines(r)) assert.doesNotMatch(line, UNSAFE);
  });

  it("external list-image-jobs: items and ids hold the exact values; an error is one safe line", async () => {
    const items = [{ id: hostile("id-1"), job_type: "CREATE_SERVER", status: "RUNNING" }];
    const ok = await run(
      ["external"],
      () => ({ body: { count: 1, items } }),
      JSON.stringify({ operation: "list-image-jobs", job_type: "CREATE_SERVER" }),
    );
    assertExit(ok, 0);
    const out = JSON.parse(ok.stdout) as Record<string, string>;
    assert.deepEqual(JSON.parse(out.items!), items);
    assertSafeJsonText(ok.stdout);
    assert.deepEqual(JSON.parse(out.ids!), [items[0]!.id]);

    const failed = await run(
      ["external"],
      () => ({
        status: 400,
        headers: { "x-request-id": HOSTILE_HEADER },
        body: { error_code: hostile("WKS.0001"), error_msg: hostile("bad") },
      }),
      JSON.stringify({ operation: "list-image-jobs", job_type: "CREATE_SERVER" }),
    );
    assertExit(failed, 4);
    assert.equal(assertSafeStderr(failed).length, 1, failed.stderr);
  });
});
