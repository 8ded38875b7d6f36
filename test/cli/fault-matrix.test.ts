// The fault matrix (issue 7, "a gate that never lies, never hangs and never leaks"): every command
// of the real CLI bundle, as a child process, against a hostile server of its own that stalls,
// dribbles, resets, truncates, floods, redirects, throttles, skews its clock or answers with the
// wrong thing. Each row names the exit code the contract (docs/architecture.md §5) gives and a time bound; the
// rows run four at a time in `before`, then each row is checked on its own and the figures (false
// successes: exit 0 where it must not; hangs: killed at the bound) are reported and must be 0.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { describeResult, emulatorEnv, FAST_POLL, killLiveChildren, REPO_ROOT, startCli, stderrLines, type CliResult } from "../helpers/cli";
import { startHostileServer, type Behaviour, type HostileScript, type HostileServer } from "../helpers/hostile-server";

const PROJECT = "0123456789abcdef0123456789abcdef";
const ID = "job-7";
const OTHER_ID = "job-8";
/** The deadline of get/list/count/external rows and the timeout of wait rows. */
const TIMEOUT_S = 2;
/** Margin of a row's bound over what the contract lets it take: process start, a loaded machine. */
const MARGIN_MS = 8_000;
/** Rows in flight at once, each with its own server. */
const CONCURRENCY = 4;

type Command = "wait" | "get" | "list --all" | "count" | "external";
type Kind = "image-job" | "app-job" | "ims-job";

/** One row: a command, a fault, the exit code(s) the contract allows, and how the run may end. */
interface Row {
  readonly command: Command;
  readonly fault: string;
  readonly script: HostileScript;
  /** The exit code, or the codes, the contract allows (several only where it lets either happen). */
  readonly expect: number | readonly number[];
  /** Job kind of wait/get rows. @default "ims-job" */
  readonly kind?: Kind;
  /** Extra arguments (wait, get, list, count). */
  readonly args?: readonly string[];
  /** The query of an external row (`timeout` is added unless given). */
  readonly query?: Readonly<Record<string, string>>;
  /** The deadline ran out: the last stderr line must name it, the endpoint and the flag/key. */
  readonly deadline?: boolean;
  /** Send SIGINT when stderr matches this, or once the first request has arrived. */
  readonly interrupt?: RegExp | "on-request";
  /** The time limit of the command (`--timeout`, or the query's `timeout`), in seconds. @default TIMEOUT_S */
  readonly timeoutS?: number;
  /** A line stderr must have (e.g. the warning about an unknown status). */
  readonly stderrMatches?: RegExp;
  /** Behaviour another part of issue 7 lands; named when the row fails. */
  readonly awaiting?: string;
}

// --- bodies -------------------------------------------------------------------------------------

const imsJob = (status: unknown, extra: Record<string, unknown> = {}) => ({
  status,
  job_id: ID,
  job_type: "createImageByInstance",
  begin_time: "2024-01-15T08:30:00.000Z",
  entities: status === "SUCCESS" ? { image_id: "img-1" } : {},
  ...extra,
});

const workspaceJob = (status: string, subs: readonly string[], extra: Record<string, unknown> = {}) => ({
  id: ID,
  job_type: "CREATE_SERVER_IMAGE",
  status,
  begin_time: "2024-01-15T08:30:00.000Z",
  sub_jobs_total: subs.length,
  sub_jobs: subs.map((sub, i) => ({
    id: `sub-${i}`,
    job_id: ID,
    job_type: "CREATE_SERVER_IMAGE",
    status: sub,
    job_resource_info: { resource_id: `res-${i}` },
    job_execute_info: sub === "SUCCESS" ? {} : { error_code: "WKS.0001", error_message: "sub-job broke" },
    error_code: sub === "SUCCESS" ? "" : "WKS.0001",
    error_message: sub === "SUCCESS" ? "" : "sub-job broke",
  })),
  ...extra,
});

/** A Workspace SUCCESS parent with sub-jobs SUCCESS and one whose status is `sub` (any JSON value). */
const successWithSub = (sub: unknown) => {
  const body = workspaceJob("SUCCESS", ["SUCCESS", "RUNNING"]);
  return { ...body, sub_jobs: [body.sub_jobs[0], { ...body.sub_jobs[1], status: sub }] };
};

const PAGE = { count: 1, items: [{ id: "listed-1", job_type: "CREATE_SERVER", status: "SUCCESS" }] };
const COUNT = { count: 3 };

const ok = (body: unknown, headers?: Record<string, string>): Behaviour => ({ kind: "respond", status: 200, body, headers });
const status = (
  code: number,
  headers?: Record<string, string>,
  body: unknown = { error_code: "TEST.0001", error_msg: "scripted failure" },
): Behaviour => ({
  kind: "respond",
  status: code,
  headers,
  body,
});
const STALL: Behaviour = { kind: "stall" };
const STALL_BODY: Behaviour = { kind: "stall-body" };
const DRIBBLE: Behaviour = { kind: "dribble", intervalMs: 100 };
const RESET: Behaviour = { kind: "reset" };
const HTML: Behaviour = {
  kind: "respond",
  status: 200,
  headers: { "content-type": "text/html" },
  body: "<!doctype html><html><body>Welcome to nginx!</body></html>",
};
const MALFORMED: Behaviour = { kind: "respond", status: 200, headers: { "content-type": "application/json" }, body: '{"status": "SUCC' };
const EMPTY_200: Behaviour = { kind: "respond", status: 200, headers: { "content-type": "application/json" }, body: "" };
const HUGE: Behaviour = { kind: "huge", bytes: 9 * 1024 * 1024 };
const REDIRECT: Behaviour = { kind: "respond", status: 302, headers: { location: "/somewhere/else" }, body: "" };
const THROTTLED: Behaviour = status(429, { "retry-after": "120" }, { error_code: "APIGW.0308", error_msg: "throttled" });
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toUTCString();
const RETRY_AFTER_DATE: Behaviour = status(503, { "retry-after": hoursFromNow(1) });
const SKEWED = (body: unknown): Behaviour => ok(body, { date: hoursFromNow(5) });

/** A full page of 100 items at `offset` of a list of `count`, ids in order. */
const page = (count: number, offset: number) => ({
  count,
  items: Array.from({ length: Math.max(0, Math.min(100, count - offset)) }, (_, i) => ({
    id: `listed-${offset + i}`,
    job_type: "CREATE_SERVER",
    status: "SUCCESS",
  })),
});
const offsetOf = (url: string) => Number(new URL(url, "http://x").searchParams.get("offset") ?? "0");

// --- the rows -----------------------------------------------------------------------------------

const IDENTITY = "the answer-identity check (a Show answer for another job is exit 4)";
const SUB_JOBS = "the sub-job consistency check (a SUCCESS parent with FAILED/ABNORMAL sub-jobs is exit 1)";
const UNSETTLED = "the sub-job consistency check (a SUCCESS parent with sub-jobs not all SUCCESS, or not all listed, is pending)";
const UNSETTLED_WARNING = /warning: image-job job-7 reported SUCCESS but .*never taken as success/;

const ROWS: readonly Row[] = [
  // wait: the job's own outcome, then faults under which the wait must end by its timeout.
  { command: "wait", fault: "SUCCESS (control)", script: [ok(imsJob("SUCCESS"))], expect: 0 },
  // Rows that succeed on a later poll get a longer timeout, so a loaded machine cannot turn them into timeouts.
  {
    command: "wait",
    fault: "INIT, RUNNING, then SUCCESS",
    script: [ok(imsJob("INIT")), ok(imsJob("RUNNING")), ok(imsJob("SUCCESS"))],
    timeoutS: 10,
    expect: 0,
  },
  { command: "wait", fault: "FAIL", script: [ok(imsJob("FAIL", { error_code: "IMG.0001", fail_reason: "disk full" }))], expect: 1 },
  { command: "wait", fault: "RUNNING forever", script: [ok(imsJob("RUNNING"))], expect: 3 },
  {
    command: "wait",
    fault: "unknown status, then SUCCESS",
    script: [ok(imsJob("PAUSED_BY_OPS")), ok(imsJob("SUCCESS"))],
    timeoutS: 10,
    expect: 0,
    stderrMatches: /warning: unknown status "PAUSED_BY_OPS"/,
  },
  { command: "wait", fault: "status is a number", script: [ok(imsJob(42))], expect: [3, 4] },
  { command: "wait", fault: "status is null", script: [ok(imsJob(null))], expect: [3, 4] },
  {
    command: "wait",
    fault: "answer for another job (IMS job_id)",
    script: [ok(imsJob("SUCCESS", { job_id: OTHER_ID }))],
    expect: 4,
    awaiting: IDENTITY,
  },
  {
    command: "wait",
    kind: "image-job",
    fault: "answer for another job (Workspace id)",
    script: [ok(workspaceJob("SUCCESS", ["SUCCESS"], { id: OTHER_ID }))],
    expect: 4,
    awaiting: IDENTITY,
  },
  {
    command: "wait",
    kind: "image-job",
    fault: "parent SUCCESS, every sub-job FAILED",
    script: [ok(workspaceJob("SUCCESS", ["FAILED", "FAILED"]))],
    expect: 1,
    awaiting: SUB_JOBS,
  },
  {
    command: "wait",
    kind: "app-job",
    fault: "parent SUCCESS, every sub-job ABNORMAL",
    script: [ok(workspaceJob("SUCCESS", ["ABNORMAL"]))],
    expect: 1,
    awaiting: SUB_JOBS,
  },
  {
    command: "wait",
    kind: "image-job",
    fault: "parent SUCCESS, one sub-job FAILED",
    script: [ok(workspaceJob("SUCCESS", ["SUCCESS", "FAILED"]))],
    expect: 1,
    awaiting: SUB_JOBS,
  },
  {
    command: "wait",
    kind: "image-job",
    fault: "parent SUCCESS, every sub-job FAILED, --allow-failed-sub-jobs",
    args: ["--allow-failed-sub-jobs"],
    script: [ok(workspaceJob("SUCCESS", ["FAILED", "FAILED"]))],
    expect: 0,
    awaiting: SUB_JOBS,
  },
  {
    command: "wait",
    kind: "image-job",
    fault: "parent SUCCESS, one sub-job RUNNING",
    script: [ok(successWithSub("RUNNING"))],
    expect: 3,
    stderrMatches: UNSETTLED_WARNING,
    awaiting: UNSETTLED,
  },
  {
    command: "wait",
    kind: "image-job",
    fault: 'parent SUCCESS, one sub-job "failed" (lower case)',
    script: [ok(successWithSub("failed"))],
    expect: [1, 3],
    stderrMatches: UNSETTLED_WARNING,
    awaiting: UNSETTLED,
  },
  {
    command: "wait",
    kind: "image-job",
    fault: "parent SUCCESS, sub_jobs_total 3 and an empty list",
    script: [ok(workspaceJob("SUCCESS", [], { sub_jobs_total: 3 }))],
    expect: [1, 3],
    stderrMatches: UNSETTLED_WARNING,
    awaiting: UNSETTLED,
  },
  {
    command: "wait",
    kind: "image-job",
    fault: "parent SUCCESS, one sub-job status null",
    script: [ok(successWithSub(null))],
    expect: [1, 3],
    stderrMatches: UNSETTLED_WARNING,
    awaiting: UNSETTLED,
  },
  {
    command: "wait",
    kind: "image-job",
    fault: "parent SUCCESS, a sub-job RUNNING, then all SUCCESS",
    script: [ok(successWithSub("RUNNING")), ok(workspaceJob("SUCCESS", ["SUCCESS", "SUCCESS"]))],
    timeoutS: 10,
    expect: 0,
    awaiting: UNSETTLED,
  },
  {
    command: "wait",
    kind: "image-job",
    fault: "parent SUCCESS, sub-jobs SUCCESS (control)",
    script: [ok(workspaceJob("SUCCESS", ["SUCCESS", "SUCCESS"]))],
    expect: 0,
  },
  { command: "wait", fault: "stall", script: [STALL], expect: 3 },
  { command: "wait", fault: "dribbled body", script: [DRIBBLE], expect: 3 },
  { command: "wait", fault: "connection reset", script: [RESET], expect: 3 },
  { command: "wait", fault: "truncated body", script: [{ kind: "truncate", body: JSON.stringify(imsJob("SUCCESS")) }], expect: [3, 4] },
  { command: "wait", fault: "429 with Retry-After 120 s", script: [THROTTLED], expect: 3 },
  { command: "wait", fault: "HTML with 200", script: [HTML], expect: [3, 4] },
  { command: "wait", fault: "body over 8 MiB", script: [HUGE], expect: [3, 4] },
  { command: "wait", fault: "302 redirect", script: [REDIRECT], expect: 4 },
  {
    command: "wait",
    fault: "401",
    script: [status(401, {}, { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information" })],
    expect: 4,
  },
  { command: "wait", fault: "404 with no grace", args: ["--not-found-grace", "0"], script: [status(404)], expect: 4 },
  {
    command: "wait",
    fault: "Date header 5 h ahead, RUNNING then SUCCESS",
    script: [SKEWED(imsJob("RUNNING")), SKEWED(imsJob("SUCCESS"))],
    timeoutS: 10,
    expect: 0,
  },
  {
    command: "wait",
    fault: "SIGINT while RUNNING",
    script: [ok(imsJob("RUNNING"))],
    timeoutS: 60,
    interrupt: /ims-job job-7: RUNNING/,
    expect: 130,
  },
  { command: "wait", fault: "SIGINT during a stall", script: [STALL], timeoutS: 60, interrupt: "on-request", expect: 130 },

  // get: one read, bounded by --timeout.
  { command: "get", fault: "SUCCESS (control)", script: [ok(imsJob("SUCCESS"))], expect: 0 },
  { command: "get", fault: "stall", script: [STALL], expect: 4, deadline: true },
  { command: "get", fault: "headers, then no body", script: [STALL_BODY], expect: 4, deadline: true },
  { command: "get", fault: "dribbled body", script: [DRIBBLE], expect: 4, deadline: true },
  { command: "get", kind: "image-job", fault: "dribbled body (Workspace)", script: [DRIBBLE], expect: 4, deadline: true },
  { command: "get", fault: "429 with Retry-After 120 s", script: [THROTTLED], expect: 4, deadline: true },
  { command: "get", fault: "503 with Retry-After an HTTP date 1 h ahead", script: [RETRY_AFTER_DATE], expect: 4, deadline: true },
  {
    command: "get",
    fault: "503 with Retry-After 1 s, then SUCCESS",
    script: [status(503, { "retry-after": "1" }), ok(imsJob("SUCCESS"))],
    timeoutS: 10,
    expect: 0,
  },
  { command: "get", fault: "connection reset", script: [RESET], expect: 4 },
  { command: "get", fault: "500 every time", script: [status(500)], expect: 4 },
  { command: "get", fault: "truncated body", script: [{ kind: "truncate", body: JSON.stringify(imsJob("SUCCESS")) }], expect: 4 },
  { command: "get", fault: "malformed JSON", script: [MALFORMED], expect: 4 },
  { command: "get", fault: "HTML with 200", script: [HTML], expect: 4 },
  { command: "get", fault: "empty 200", script: [EMPTY_200], expect: 4 },
  { command: "get", fault: "status is a number", script: [ok(imsJob(42))], expect: 4 },
  { command: "get", fault: "status is null", script: [ok(imsJob(null))], expect: 4 },
  { command: "get", fault: "a JSON array", script: [ok([imsJob("SUCCESS")])], expect: 4 },
  { command: "get", fault: "body over 8 MiB", script: [HUGE], expect: 4 },
  { command: "get", fault: "302 redirect", script: [REDIRECT], expect: 4 },
  { command: "get", fault: "404", script: [status(404)], expect: 4 },
  { command: "get", fault: "Date header 5 h ahead", script: [SKEWED(imsJob("SUCCESS"))], expect: 0 },
  {
    command: "get",
    fault: "401 for a clock skew, Date 3 h behind",
    script: [
      status(
        401,
        { date: hoursFromNow(-3) },
        { error_code: "APIGW.0303", error_msg: "Incorrect app authentication information: request expired" },
      ),
    ],
    expect: 4,
  },
  {
    command: "get",
    fault: "answer for another job (IMS job_id)",
    script: [ok(imsJob("SUCCESS", { job_id: OTHER_ID }))],
    expect: 4,
    awaiting: IDENTITY,
  },
  {
    command: "get",
    kind: "app-job",
    fault: "answer for another job (Workspace id)",
    script: [ok(workspaceJob("RUNNING", ["RUNNING"], { id: OTHER_ID }))],
    expect: 4,
    awaiting: IDENTITY,
  },
  {
    command: "get",
    kind: "image-job",
    fault: "parent SUCCESS, one sub-job RUNNING: phase pending, with a warning",
    script: [ok(successWithSub("RUNNING"))],
    expect: 0,
    stderrMatches: UNSETTLED_WARNING,
    awaiting: UNSETTLED,
  },
  { command: "get", fault: "SIGINT during a stall", script: [STALL], interrupt: "on-request", timeoutS: 60, expect: 130 },
  { command: "get", fault: "--timeout 0: refused, nothing sent", script: [ok(imsJob("SUCCESS"))], args: ["--timeout", "0"], expect: 2 },

  // list --all: every page, bounded by --timeout.
  { command: "list --all", fault: "one page (control)", script: [ok(PAGE)], expect: 0 },
  { command: "list --all", fault: "stall", script: [STALL], expect: 4, deadline: true },
  { command: "list --all", fault: "dribbled body", script: [DRIBBLE], expect: 4, deadline: true },
  {
    command: "list --all",
    fault: "first page, then the others stall",
    script: (r) => (r.index === 0 ? ok(page(250, 0)) : STALL),
    expect: 4,
    deadline: true,
  },
  { command: "list --all", fault: "429 with Retry-After 120 s", script: [THROTTLED], expect: 4, deadline: true },
  { command: "list --all", fault: "count changes on every page", script: (r) => ok(page(150 + r.index, offsetOf(r.url))), expect: 4 },
  { command: "list --all", fault: "count is a string", script: [ok({ count: "many", items: [] })], expect: 4 },
  { command: "list --all", fault: "items is an object", script: [ok({ count: 1, items: { id: "x" } })], expect: 4 },
  { command: "list --all", fault: "500 every time", script: [status(500)], expect: 4 },
  { command: "list --all", fault: "HTML with 200", script: [HTML], expect: 4 },
  { command: "list --all", fault: "connection reset", script: [RESET], expect: 4 },
  { command: "list --all", fault: "body over 8 MiB", script: [HUGE], expect: 4 },
  {
    command: "list --all",
    fault: "307 redirect",
    script: [{ kind: "respond", status: 307, headers: { location: "http://127.0.0.1:9/x" }, body: "" }],
    expect: 4,
  },
  { command: "list --all", fault: "SIGINT during a dribble", script: [DRIBBLE], interrupt: "on-request", timeoutS: 60, expect: 130 },
  { command: "list --all", fault: "--timeout abc: refused, nothing sent", script: [ok(PAGE)], args: ["--timeout", "abc"], expect: 2 },

  // count: one request, bounded by --timeout.
  { command: "count", fault: "a count (control)", script: [ok(COUNT)], expect: 0 },
  { command: "count", fault: "stall", script: [STALL], expect: 4, deadline: true },
  { command: "count", fault: "dribbled body", script: [DRIBBLE], expect: 4, deadline: true },
  { command: "count", fault: "headers, then no body", script: [STALL_BODY], expect: 4, deadline: true },
  { command: "count", fault: "503 with Retry-After an HTTP date 1 h ahead", script: [RETRY_AFTER_DATE], expect: 4, deadline: true },
  { command: "count", fault: "negative count", script: [ok({ count: -1 })], expect: 4 },
  { command: "count", fault: "fractional count", script: [ok({ count: 1.5 })], expect: 4 },
  { command: "count", fault: "malformed JSON", script: [MALFORMED], expect: 4 },
  { command: "count", fault: "body over 8 MiB", script: [HUGE], expect: 4 },
  { command: "count", fault: "--timeout -5: refused, nothing sent", script: [ok(COUNT)], args: ["--timeout", "-5"], expect: 2 },

  // external: the Terraform data source program, bounded by the query's timeout.
  {
    command: "external",
    fault: "get-ims-job SUCCESS (control)",
    query: { operation: "get-ims-job", job_id: ID },
    script: [ok(imsJob("SUCCESS"))],
    expect: 0,
  },
  {
    command: "external",
    fault: "get-ims-job stall",
    query: { operation: "get-ims-job", job_id: ID },
    script: [STALL],
    expect: 4,
    deadline: true,
  },
  {
    command: "external",
    fault: "get-image-job dribbled body",
    query: { operation: "get-image-job", job_id: ID },
    script: [DRIBBLE],
    expect: 4,
    deadline: true,
  },
  {
    command: "external",
    fault: "list-image-jobs headers, then no body",
    query: { operation: "list-image-jobs", job_type: "CREATE_SERVER" },
    script: [STALL_BODY],
    expect: 4,
    deadline: true,
  },
  {
    command: "external",
    fault: "count-app-sub-jobs dribbled body",
    query: { operation: "count-app-sub-jobs" },
    script: [DRIBBLE],
    expect: 4,
    deadline: true,
  },
  {
    command: "external",
    fault: "get-ims-job 429 with Retry-After 120 s",
    query: { operation: "get-ims-job", job_id: ID },
    script: [THROTTLED],
    expect: 4,
    deadline: true,
  },
  {
    command: "external",
    fault: "get-ims-job connection reset",
    query: { operation: "get-ims-job", job_id: ID },
    script: [RESET],
    expect: 4,
  },
  {
    command: "external",
    fault: "list-app-sub-jobs 302 redirect",
    query: { operation: "list-app-sub-jobs", job_type: "CREATE_SERVER" },
    script: [REDIRECT],
    expect: 4,
  },
  {
    command: "external",
    fault: "get-ims-job status is a number",
    query: { operation: "get-ims-job", job_id: ID },
    script: [ok(imsJob(42))],
    expect: 4,
  },
  {
    command: "external",
    fault: "get-app-job answer for another job",
    query: { operation: "get-app-job", job_id: ID },
    script: [ok(workspaceJob("SUCCESS", ["SUCCESS"], { id: OTHER_ID }))],
    expect: 4,
    awaiting: IDENTITY,
  },
  {
    command: "external",
    fault: 'timeout "soon": refused, nothing sent',
    query: { operation: "get-ims-job", job_id: ID, timeout: "soon" },
    script: [ok(imsJob("SUCCESS"))],
    expect: 2,
  },
  {
    command: "external",
    fault: 'timeout "0": refused, nothing sent',
    query: { operation: "count-image-sub-jobs", timeout: "0" },
    script: [ok(COUNT)],
    expect: 2,
  },
  // A hostile count must be refused before anything is sized by it (not a heap-limit crash, rc 133).
  {
    command: "list --all",
    fault: "count 3e12 with a full first page",
    script: [ok(page(3e12, 0))],
    expect: 4,
    stderrMatches: /count 3000000000000, above the limit of 100000 items/,
  },
  {
    command: "external",
    fault: "list-image-jobs count 3e12 with a full first page",
    query: { operation: "list-image-jobs", job_type: "CREATE_SERVER" },
    script: [ok(page(3e12, 0))],
    expect: 4,
    stderrMatches: /count 3000000000000, above the limit of 100000 items/,
  },
];

// --- running the rows ---------------------------------------------------------------------------

const nameOf = (row: Row) => `${row.command}${row.kind && row.kind !== "ims-job" ? ` ${row.kind}` : ""}: ${row.fault}`;
const expected = (row: Row): readonly number[] => (typeof row.expect === "number" ? [row.expect] : row.expect);
const timeoutOf = (row: Row) => row.timeoutS ?? TIMEOUT_S;

/** How long a row may run: wait's timeout plus its final poll (at most the timeout again), or the deadline, plus a margin. */
function boundMs(row: Row): number {
  if (row.interrupt !== undefined) return 15_000;
  const limitMs = timeoutOf(row) * 1000;
  return (row.command === "wait" ? 2 * limitMs : limitMs) + MARGIN_MS;
}

function argvOf(row: Row): { args: string[]; stdin?: string } {
  const timeout = ["--timeout", `${timeoutOf(row)}s`];
  const extra = row.args ?? [];
  // A row's own --timeout wins (node's parser keeps the last occurrence).
  switch (row.command) {
    case "wait":
      return { args: ["wait", row.kind ?? "ims-job", ID, ...timeout, ...FAST_POLL, ...extra] };
    case "get":
      return { args: ["get", row.kind ?? "ims-job", ID, ...timeout, ...extra] };
    case "list --all":
      return { args: ["list", "image-jobs", "--job-type", "CREATE_SERVER", "--all", ...timeout, ...extra] };
    case "count":
      return { args: ["count", "image-sub-jobs", ...timeout, ...extra] };
    case "external":
      return { args: ["external"], stdin: JSON.stringify({ timeout: `${timeoutOf(row)}s`, ...row.query }) };
  }
}

interface Outcome {
  readonly row: Row;
  readonly result: CliResult;
  readonly elapsedMs: number;
  readonly requests: number;
  readonly url: string;
}

async function runRow(row: Row): Promise<Outcome> {
  const server: HostileServer = await startHostileServer(row.script);
  try {
    const { args, stdin } = argvOf(row);
    const started = Date.now();
    const cli = startCli(args, emulatorEnv(server.url, PROJECT), {
      timeoutMs: boundMs(row),
      stdin,
      ...(row.interrupt instanceof RegExp ? { signalOnStderr: row.interrupt } : {}),
    });
    if (row.interrupt === "on-request") {
      // Bounded by the row's hard timeout: the CLI exits (or is killed) and the loop ends.
      let exited = false;
      void cli.result.then(() => (exited = true));
      while (!exited && server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      // A moment for the request to be in flight on the client's side too.
      await new Promise((resolve) => setTimeout(resolve, 100));
      cli.kill("SIGINT");
    }
    const result = await cli.result;
    return { row, result, elapsedMs: Date.now() - started, requests: server.requests.length, url: server.url };
  } finally {
    await server.close();
  }
}

async function runAll(rows: readonly Row[], concurrency: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array<Outcome>(rows.length);
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const index = next++;
      outcomes[index] = await runRow(rows[index]!);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcomes;
}

/** Why an outcome breaks its row, or `undefined` when it holds. */
function problemOf(o: Outcome): string | undefined {
  const { row, result } = o;
  if (result.timedOut) return `hung: killed at the ${boundMs(row)} ms bound`;
  if (result.code === null || !expected(row).includes(result.code)) return `exit ${result.code}, expected ${expected(row).join(" or ")}`;
  const lines = stderrLines(result);
  if (lines.some((line) => line.startsWith("hwjobs: unexpected error"))) return "an unexpected error (a bug, not a verdict)";
  if (result.code !== 0 && !/^hwjobs: error: \S/.test(lines.at(-1) ?? "")) return "no one-line error at the end of stderr";
  if (result.code === 2 && o.requests !== 0) return `refused input, yet ${o.requests} request(s) were sent`;
  if (row.stderrMatches && !lines.some((line) => row.stderrMatches!.test(line))) return `stderr has no line matching ${row.stderrMatches}`;
  if (row.deadline) {
    const field = row.command === "external" ? "timeout" : "--timeout";
    const line = `: no answer within the ${timeoutOf(row)}s deadline from ${o.url} (${field})`;
    if (!lines.at(-1)!.endsWith(line)) return `the last line does not name the deadline, the endpoint and ${field}: ${lines.at(-1)}`;
    if (lines.filter((l) => l.startsWith("hwjobs: error:")).length !== 1) return "more than one error line";
    if (result.stdout !== "") return "a result on stdout";
  }
  return undefined;
}

let outcomes: Outcome[] = [];
let runtimeMs = 0;

before(async () => {
  const started = Date.now();
  outcomes = await runAll(ROWS, CONCURRENCY);
  runtimeMs = Date.now() - started;
});
after(killLiveChildren);

describe("fault matrix: every command against a hostile server", () => {
  it(`has at least 40 rows over every command`, () => {
    assert.ok(ROWS.length >= 40, `${ROWS.length} rows`);
    for (const command of ["wait", "get", "list --all", "count", "external"] as const) {
      assert.ok(
        ROWS.some((row) => row.command === command),
        `a row for ${command}`,
      );
    }
    assert.equal(new Set(ROWS.map(nameOf)).size, ROWS.length, "row names are unique");
  });

  for (const [index, row] of ROWS.entries()) {
    it(`${nameOf(row)} → exit ${expected(row).join("|")}`, () => {
      const outcome = outcomes[index];
      assert.ok(outcome, "the row ran");
      const problem = problemOf(outcome);
      const awaiting = row.awaiting ? ` [awaiting ${row.awaiting}]` : "";
      assert.equal(problem, undefined, `${problem}${awaiting}\n${describeResult(outcome.result)}`);
    });
  }

  it("figures: no false success, no hang", (t) => {
    const falseSuccesses = outcomes.filter((o) => o.result.code === 0 && !expected(o.row).includes(0));
    const hangs = outcomes.filter((o) => o.result.timedOut);
    const failing = outcomes.filter((o) => problemOf(o) !== undefined);
    t.diagnostic(
      `rows ${outcomes.length}, false successes ${falseSuccesses.length}, hangs ${hangs.length}, failing ${failing.length}, runtime ${runtimeMs} ms`,
    );
    for (const o of failing)
      t.diagnostic(`failing: ${nameOf(o.row)}: ${problemOf(o)}${o.row.awaiting ? ` [awaiting ${o.row.awaiting}]` : ""}`);
    // Where the contract allows either code, which one the CLI gives today.
    for (const o of outcomes.filter((o) => expected(o.row).length > 1))
      t.diagnostic(`either: ${nameOf(o.row)}: exit ${o.result.code} (allowed ${expected(o.row).join("|")})`);
    const slowest = [...outcomes].sort((a, b) => b.elapsedMs - a.elapsedMs)[0];
    if (slowest) t.diagnostic(`slowest row: ${nameOf(slowest.row)} (${slowest.elapsedMs} ms)`);
    assert.deepEqual(
      falseSuccesses.map((o) => nameOf(o.row)),
      [],
      "false successes",
    );
    assert.deepEqual(
      hangs.map((o) => nameOf(o.row)),
      [],
      "hangs",
    );
    // The README quotes these figures: keep them in step.
    const quoted = `${outcomes.length} rows, 0 false successes, 0 hangs`;
    assert.ok(readFileSync(join(REPO_ROOT, "README.md"), "utf8").includes(quoted), `README.md's reliability table must say "${quoted}"`);
  });
});
