// The hostile-input corpus (issue 7): careless or malicious input through every door of the CLI
// (arguments, environment variables, the Terraform external protocol) must end with exit 2, exactly
// one line on stderr, no stack trace, nothing on stdout, and no request reaching the server, which
// would otherwise answer every request. Construct props are the fourth door: test/constructs/hostile-props.test.ts.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { describeResult, emulatorEnv, FAST_POLL, killLiveChildren, REPO_ROOT, runCli, stderrLines, type CliEnv } from "../helpers/cli";
import { startScriptedServer, type ScriptedServer } from "../helpers/scripted-server";

const PROJECT = "0123456789abcdef0123456789abcdef";

/** One hostile input: the command line, the environment changes, and for `external` the stdin. */
interface HostileInput {
  readonly name: string;
  readonly args: readonly string[];
  /** Changes to a valid environment; `undefined` removes a variable. */
  readonly env?: CliEnv;
  readonly stdin?: string;
}

const long = (n: number) => "7".repeat(n);
const wait = (...rest: string[]) => ["wait", "ims-job", "123", ...FAST_POLL, ...rest];
const external = (name: string, stdin: string, env?: CliEnv): HostileInput => ({
  name: `external: ${name}`,
  args: ["external"],
  stdin,
  env,
});
const query = (fields: Record<string, unknown>) => JSON.stringify(fields);

// Characters that must never get from an input into a request or a terminal.
// (No NUL: a process argument or environment value cannot hold one; the external protocol's JSON can.)
const DANGEROUS: ReadonlyArray<[string, string]> = [
  ["BEL", "\u0007"],
  ["backspace", "\b"],
  ["carriage return", "\r"],
  ["newline", "\n"],
  ["ESC (ANSI)", "\u001b[31m"],
  ["DEL", "\u007f"],
  ["C1 CSI U+009B", "\u009b31m"],
  ["C1 NEL U+0085", "\u0085"],
  ["bidi override U+202E", "\u202e"],
  ["bidi isolate U+2066", "\u2066"],
  ["right-to-left mark U+200F", "\u200f"],
];

const ARGS: readonly HostileInput[] = [
  { name: "unknown command", args: ["lsit"] },
  { name: "unknown flag", args: ["list", "image-jobs", "--job-typ", "CREATE_SERVER"] },
  { name: "unknown kind", args: ["get", "image-jobs", "123"] },
  { name: "kind in upper case", args: ["wait", "IMS-JOB", "123"] },
  { name: "missing kind", args: ["get"] },
  { name: "missing job id", args: ["get", "ims-job"] },
  { name: "extra positional", args: ["get", "ims-job", "1", "2", "3"] },
  { name: "empty job id", args: ["get", "ims-job", ""] },
  { name: "job id .", args: ["get", "ims-job", "."] },
  { name: "job id ..", args: ["wait", "image-job", ".."] },
  { name: "129-character image-job id", args: ["get", "image-job", long(129)] },
  { name: "256-character app-job id", args: ["get", "app-job", long(256)] },
  ...DANGEROUS.map(([what, ch]): HostileInput => ({ name: `job id with ${what}`, args: ["get", "ims-job", `12${ch}3`] })),
  ...DANGEROUS.slice(4).map(([what, ch]): HostileInput => ({
    name: `wait job id with ${what}`,
    args: wait().map((a) => (a === "123" ? `1${ch}` : a)),
  })),
  { name: "--timeout 5x", args: wait("--timeout", "5x") },
  { name: "--timeout 0", args: wait("--timeout", "0") },
  { name: "--timeout -1", args: wait("--timeout=-1") },
  { name: "--timeout 1.5m", args: wait("--timeout", "1.5m") },
  { name: "--timeout with a newline", args: wait("--timeout", "5m\nhwjobs: forged") },
  { name: "--not-found-grace 1d", args: wait("--not-found-grace", "1d") },
  {
    name: "--min-poll-interval above --max-poll-interval",
    args: ["wait", "ims-job", "1", "--min-poll-interval", "10s", "--max-poll-interval", "5s"],
  },
  { name: "--max-poll-interval 0", args: ["wait", "ims-job", "1", "--max-poll-interval", "0"] },
  { name: "--output yaml", args: ["get", "ims-job", "1", "--output", "yaml"] },
  { name: "list without --job-type", args: ["list", "image-jobs"] },
  { name: "list --job-type unknown", args: ["list", "image-jobs", "--job-type", "MAKE_COFFEE"] },
  { name: "list --job-type lower case", args: ["list", "image-sub-jobs", "--job-type", "create_server"] },
  { name: "list --status unknown", args: ["list", "app-sub-jobs", "--job-type", "CREATE_SERVER", "--status", "DONE"] },
  { name: "list --limit 0", args: ["list", "image-jobs", "--job-type", "CREATE_SERVER", "--limit", "0"] },
  { name: "list --limit 101", args: ["list", "image-jobs", "--job-type", "CREATE_SERVER", "--limit", "101"] },
  { name: "list --limit abc", args: ["list", "image-jobs", "--job-type", "CREATE_SERVER", "--limit", "abc"] },
  { name: "list --offset -1", args: ["list", "image-jobs", "--job-type", "CREATE_SERVER", "--offset=-1"] },
  { name: "list --offset 1e3", args: ["list", "image-jobs", "--job-type", "CREATE_SERVER", "--offset", "1e3"] },
  { name: "list --job-id too long", args: ["list", "image-sub-jobs", "--job-type", "CREATE_SERVER", "--job-id", long(129)] },
  { name: "list --job-id with ESC", args: ["list", "app-sub-jobs", "--job-type", "CREATE_SERVER", "--job-id", "1\u001b]0;x\u0007"] },
  { name: "list --concurrency without --all", args: ["list", "image-jobs", "--job-type", "CREATE_SERVER", "--concurrency", "4"] },
  { name: "list --all --concurrency 0", args: ["list", "image-jobs", "--job-type", "CREATE_SERVER", "--all", "--concurrency", "0"] },
  { name: "list --all --concurrency 17", args: ["list", "image-jobs", "--job-type", "CREATE_SERVER", "--all", "--concurrency", "17"] },
  { name: "list --all with --offset", args: ["list", "image-jobs", "--job-type", "CREATE_SERVER", "--all", "--offset", "5"] },
  { name: "unknown list operation", args: ["list", "jobs", "--job-type", "CREATE_SERVER"] },
  { name: "count --job-type unknown in a list", args: ["count", "image-sub-jobs", "--job-type", "CREATE_SERVER,NOPE"] },
  { name: "count --job-type with an empty element", args: ["count", "app-sub-jobs", "--job-type", "CREATE_SERVER,,DELETE_SERVER"] },
  { name: "count --status unknown", args: ["count", "image-sub-jobs", "--status", "PENDING"] },
  { name: "--endpoint ftp://", args: ["get", "ims-job", "1", "--endpoint", "ftp://127.0.0.1:1"] },
  { name: "--endpoint plain http to a public host", args: ["get", "ims-job", "1", "--endpoint", "http://example.com"] },
  { name: "--endpoint with a path", args: ["get", "ims-job", "1", "--endpoint", "https://example.com/v1"] },
  { name: "--endpoint with credentials", args: ["get", "ims-job", "1", "--endpoint", "https://user:pw@example.com"] },
  { name: "--endpoint not a URL", args: ["get", "ims-job", "1", "--endpoint", "not a url"] },
  { name: "--ims-endpoint with a query", args: ["get", "ims-job", "1", "--ims-endpoint", "https://ims.example.com?x=1"] },
  { name: "--region with a slash", args: ["get", "ims-job", "1", "--region", "cn-north-4/../x"] },
  { name: "--region upper case", args: ["get", "ims-job", "1", "--region", "CN-NORTH-4"] },
  { name: "--project-id with a space", args: ["get", "ims-job", "1", "--project-id", "abc def"] },
  { name: "--project-id with a newline", args: ["get", "ims-job", "1", "--project-id", "abc\ndef"] },
  { name: "emulator --port 70000", args: ["emulator", "--port", "70000"] },
  { name: "emulator unknown scenario", args: ["emulator", "--port", "0", "--scenario", "huge"] },
];

const ENV: readonly HostileInput[] = [
  { name: "HWJOBS_KIND unknown", args: ["wait"], env: { HWJOBS_KIND: "image", HWJOBS_JOB_ID: "1" } },
  { name: "HWJOBS_JOB_ID empty", args: ["wait"], env: { HWJOBS_KIND: "ims-job", HWJOBS_JOB_ID: "" } },
  ...DANGEROUS.slice(3).map(([what, ch]): HostileInput => ({
    name: `HWJOBS_JOB_ID with ${what}`,
    args: ["wait"],
    env: { HWJOBS_KIND: "ims-job", HWJOBS_JOB_ID: `9${ch}9` },
  })),
  { name: "HWJOBS_TIMEOUT 5x", args: ["wait", "ims-job", "1"], env: { HWJOBS_TIMEOUT: "5x" } },
  { name: "HWJOBS_NOT_FOUND_GRACE -1", args: ["wait", "ims-job", "1"], env: { HWJOBS_NOT_FOUND_GRACE: "-1" } },
  { name: "HWJOBS_OUTPUT xml", args: ["get", "ims-job", "1"], env: { HWJOBS_OUTPUT: "xml" } },
  { name: "HW_REGION_NAME bad", args: ["get", "ims-job", "1"], env: { HWJOBS_ENDPOINT: undefined, HW_REGION_NAME: "mars 1" } },
  { name: "HW_PROJECT_ID bad", args: ["get", "ims-job", "1"], env: { HW_PROJECT_ID: "../../etc" } },
  { name: "no project id anywhere", args: ["get", "ims-job", "1"], env: { HW_PROJECT_ID: undefined } },
  { name: "HWJOBS_ENDPOINT http to a public host", args: ["get", "ims-job", "1"], env: { HWJOBS_ENDPOINT: "http://203.0.113.7" } },
  { name: "HWJOBS_ENDPOINT not a URL", args: ["get", "ims-job", "1"], env: { HWJOBS_ENDPOINT: "localhost:8080" } },
  { name: "HWJOBS_IMS_ENDPOINT with a path", args: ["get", "ims-job", "1"], env: { HWJOBS_IMS_ENDPOINT: "https://ims.example.com/x" } },
  { name: "no credentials", args: ["get", "ims-job", "1"], env: { HW_ACCESS_KEY: undefined, HW_SECRET_KEY: undefined } },
  { name: "access key without its secret key", args: ["get", "ims-job", "1"], env: { HW_SECRET_KEY: undefined } },
  { name: "secret key without its access key", args: ["get", "ims-job", "1"], env: { HW_ACCESS_KEY: undefined } },
  { name: "half a pair beside a token", args: ["get", "ims-job", "1"], env: { HW_SECRET_KEY: undefined, HW_AUTH_TOKEN: "tok" } },
  { name: "secret key with a trailing newline", args: ["get", "ims-job", "1"], env: { HW_SECRET_KEY: "secret\n" } },
  { name: "access key with a space", args: ["get", "ims-job", "1"], env: { HW_ACCESS_KEY: "AK 1" } },
  {
    name: "IAM token with non-ASCII",
    args: ["get", "ims-job", "1"],
    env: { HW_ACCESS_KEY: undefined, HW_SECRET_KEY: undefined, HW_AUTH_TOKEN: "tökén" },
  },
  { name: "HTTPS_PROXY without a scheme", args: ["get", "ims-job", "1"], env: { HTTPS_PROXY: "proxy.example:8080" } },
  { name: "HTTPS_PROXY not a URL", args: ["get", "ims-job", "1"], env: { HTTPS_PROXY: "::::" } },
  { name: "HTTP_PROXY ftp://", args: ["get", "ims-job", "1"], env: { HTTP_PROXY: "ftp://proxy.example:21" } },
  { name: "http_proxy empty host", args: ["get", "ims-job", "1"], env: { http_proxy: "http://" } },
  {
    name: "HTTPS_PROXY with credentials, malformed",
    args: ["list", "image-jobs", "--job-type", "CREATE_SERVER"],
    env: { HTTPS_PROXY: "http://user:hunter2@[bad" },
  },
];

const EXTERNAL: readonly HostileInput[] = [
  external("empty stdin", ""),
  external("not JSON", "operation=get-ims-job"),
  external("a JSON array", "[]"),
  external("a JSON string", '"get-ims-job"'),
  external("null", "null"),
  external("missing operation", query({ job_id: "1" })),
  external("unknown operation", query({ operation: "delete-everything" })),
  external("operation not a string", query({ operation: 1 })),
  external("a number value", query({ operation: "get-ims-job", job_id: 1 })),
  external("a nested object", query({ operation: "get-ims-job", job_id: { id: "1" } })),
  external("a null value", query({ operation: "get-ims-job", job_id: null })),
  external("unknown key", query({ operation: "get-ims-job", job_id: "1", jobid: "2" })),
  external("get without job_id", query({ operation: "get-ims-job" })),
  external("job_id ..", query({ operation: "get-image-job", job_id: ".." })),
  external("job_id with ESC", query({ operation: "get-ims-job", job_id: "1\u001b[2J" })),
  external("job_id with NUL", query({ operation: "get-ims-job", job_id: "1\u00002" })),
  external("job_id with U+009B", query({ operation: "get-app-job", job_id: "1\u009b2J" })),
  external("job_id with U+202E", query({ operation: "get-ims-job", job_id: "1\u202e2" })),
  external("list without job_type", query({ operation: "list-image-jobs" })),
  external("list job_type unknown", query({ operation: "list-image-sub-jobs", job_type: "NOPE" })),
  external("list status unknown", query({ operation: "list-app-sub-jobs", job_type: "CREATE_SERVER", status: "DONE" })),
  external("list concurrency 0", query({ operation: "list-image-jobs", job_type: "CREATE_SERVER", concurrency: "0" })),
  external("list concurrency abc", query({ operation: "list-image-jobs", job_type: "CREATE_SERVER", concurrency: "abc" })),
  external("count job_type list with an unknown type", query({ operation: "count-app-sub-jobs", job_type: "CREATE_SERVER,NOPE" })),
  external("region bad", query({ operation: "get-ims-job", job_id: "1", region: "north pole" })),
  external("project_id bad", query({ operation: "get-ims-job", job_id: "1", project_id: "a/b" })),
  external("endpoint http to a public host", query({ operation: "get-ims-job", job_id: "1", endpoint: "http://198.51.100.1" })),
  external("ims_endpoint not a URL", query({ operation: "get-ims-job", job_id: "1", ims_endpoint: "ims" })),
  external("a proxy variable malformed", query({ operation: "get-ims-job", job_id: "1" }), { HTTPS_PROXY: "proxy:3128" }),
  external("no credentials", query({ operation: "get-ims-job", job_id: "1" }), { HW_ACCESS_KEY: undefined, HW_SECRET_KEY: undefined }),
];

const CORPUS: readonly HostileInput[] = [...ARGS, ...ENV, ...EXTERNAL];

describe("hostile-input corpus", () => {
  let server: ScriptedServer;
  before(async () => {
    // Answers anything with a success, so a request that got through would not fail by itself.
    server = await startScriptedServer(() => ({
      status: 200,
      body: { id: "1", status: "SUCCESS", job_type: "CREATE_SERVER", sub_jobs: [] },
    }));
  });
  after(async () => {
    killLiveChildren();
    await server?.close();
  });

  test(`has at least 100 inputs across arguments, environment and the external protocol (${CORPUS.length})`, (t) => {
    t.diagnostic(`arguments ${ARGS.length}, environment ${ENV.length}, external protocol ${EXTERNAL.length}`);
    assert.ok(CORPUS.length >= 100);
    assert.equal(new Set(CORPUS.map((c) => c.name)).size, CORPUS.length, "names are unique");
    // The README quotes the size: keep it in step.
    assert.ok(
      readFileSync(join(REPO_ROOT, "README.md"), "utf8").includes(`${CORPUS.length} CLI inputs`),
      `README.md's reliability table must say "${CORPUS.length} CLI inputs"`,
    );
  });

  // A few at a time: each input is a child process of its own.
  const BATCH = 6;
  for (let start = 0; start < CORPUS.length; start += BATCH) {
    const batch = CORPUS.slice(start, start + BATCH);
    test(`inputs ${start + 1}-${start + batch.length}: exit 2, one line, no stack, no request`, async () => {
      const requestsBefore = server.requests.length;
      const results = await Promise.all(
        batch.map(async (input) => {
          const env = { ...emulatorEnv(server.url, PROJECT), HW_REGION_NAME: "cn-north-4", ...input.env };
          return { input, result: await runCli(input.args, env, { stdin: input.stdin, timeoutMs: 20_000 }) };
        }),
      );
      for (const { input, result } of results) {
        const shown = `${input.name}: ${describeResult(result)}`;
        assert.equal(result.code, 2, shown);
        assert.equal(result.stdout, "", shown);
        const lines = stderrLines(result);
        assert.equal(lines.length, 1, shown);
        assert.match(lines[0]!, /^hwjobs: error: \S/, shown);
        assert.doesNotMatch(result.stderr, /\n\s+at |TypeError|unexpected error/, shown);
        assert.doesNotMatch(
          lines[0]!,
          /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/,
          `${shown}\n(the error line carries a control character)`,
        );
      }
      assert.deepEqual(
        server.requests.slice(requestsBefore).map((r) => `${r.method} ${r.url}`),
        [],
        "no request may reach the server",
      );
    });
  }
});
