// A server that echoes the credentials (issue 7): the secret key, the security token and the IAM
// token of the CLI's environment (fresh each run), echoed plain and encoded (percent-encoded in
// both hex cases, form-encoded, JSON \u escapes, escaped slashes, base64) in every field it can
// echo (error bodies, job statuses, fail_reason, sub-job messages, list items, X-Request-Id, and
// the token headers it received), never appear in stdout or stderr in any of those spellings, for
// wait, get, list, count and external. Secrets are the one exception to "JSON values are exact":
// they read "***".
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { assertExit, describeResult, FAST_POLL, killLiveChildren, runCli, type CliEnv, type CliResult } from "../helpers/cli";
import { startScriptedServer, type RecordedRequest, type ScriptedResponse, type ScriptedServer } from "../helpers/scripted-server";
import { findSpelling, jsonUnicode, spellings, splitInvisibly } from "../helpers/secret-spellings";

const PROJECT = "0123456789abcdef0123456789abcdef";
const JOB = "ff8080814dbd65d7014dbe0d84db0013";
// `/`, `+` and `=` make every encoding differ from the plain text (credentials are printable ASCII).
const planted = (name: string) => `${name}/${randomBytes(10).toString("hex")}+${randomBytes(10).toString("hex")}=`;
const SECRET_KEY = planted("sk");
const SECURITY_TOKEN = planted("st");
const AUTH_TOKEN = planted("MIIauth");
const SECRETS = [SECRET_KEY, SECURITY_TOKEN, AUTH_TOKEN];

/** One text with every spelling of every secret, plus the token headers the request carried. */
function echo(label: string, request?: RecordedRequest): string {
  const received = request
    ? [request.headers["x-security-token"], request.headers["x-auth-token"]].filter((v) => typeof v === "string")
    : [];
  return `${label}: ${[...SECRETS.flatMap((s) => Object.values(spellings(s))), ...received].join(" | ")}`;
}

/** Header values must be printable ASCII: the plain and percent spellings. */
const headerEcho = () => `req ${SECRETS.map((s) => `${s} ${encodeURIComponent(s)}`).join(" ")}`;

/** A raw body whose JSON spells the secret with \u escapes, which JSON.parse decodes to the plain secret. */
const rawEscaped = (fields: Record<string, string>, secretField: string) =>
  JSON.stringify({ ...fields, [secretField]: "@@" }).replace('"@@"', `"${SECRETS.map(jsonUnicode).join(" ")}"`);

/** The strings of stdout's JSON, nested JSON text (the external protocol's) decoded too. */
function jsonStrings(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "string") {
      out.push(v);
      if (/^[[{]/.test(v)) out.push(...jsonStrings(v));
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") {
      for (const [k, item] of Object.entries(v)) {
        out.push(k);
        walk(item);
      }
    }
  };
  walk(value);
  return out;
}

function assertNoSecrets(r: CliResult, secrets: readonly string[]): void {
  const texts: Array<[string, string]> = [
    ["stdout", r.stdout],
    ["stderr", r.stderr],
    ...jsonStrings(r.stdout).map((s): [string, string] => ["a stdout JSON value", s]),
  ];
  for (const secret of secrets) {
    const random = secret.split(/[/+=]/).slice(1, 3);
    for (const [where, text] of texts) {
      const form = findSpelling(text, secret);
      assert.equal(form, undefined, `${where} holds ${secret.slice(0, 2)} spelled ${form}: ${describeResult(r)}`);
      for (const part of random)
        assert.ok(!text.toLowerCase().includes(part!), `${where} holds part of ${secret.slice(0, 2)}: ${describeResult(r)}`);
    }
  }
  assert.ok(`${r.stdout}${r.stderr}`.includes("***"), `the echo was redacted, not lost: ${describeResult(r)}`);
}

let server: ScriptedServer;
let respond: (request: RecordedRequest, index: number) => ScriptedResponse = () => ({ status: 418 });
/** Requests answered in the current case. */
let index = 0;
before(async () => {
  server = await startScriptedServer((request) => respond(request, index++));
});
after(async () => {
  killLiveChildren();
  await server.close();
});

/** Temporary AK/SK with the IAM token set too (unused, since AK/SK wins, but just as secret). */
const AKSK_ENV: CliEnv = {
  HW_ACCESS_KEY: "ECHOTESTAK0000000000",
  HW_SECRET_KEY: SECRET_KEY,
  HW_SECURITY_TOKEN: SECURITY_TOKEN,
  HW_AUTH_TOKEN: AUTH_TOKEN,
};
/** IAM token auth under its other name, with a security token beside it (a secret key alone would be half a pair). */
const TOKEN_ENV: CliEnv = { OS_AUTH_TOKEN: AUTH_TOKEN, HUAWEICLOUD_SDK_SECURITY_TOKEN: SECURITY_TOKEN };

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly code: number;
  readonly respond: (request: RecordedRequest, index: number) => ScriptedResponse;
  readonly stdin?: Record<string, string>;
}

const errorBody = (request: RecordedRequest) => ({
  error_code: echo("code", request),
  error_msg: echo("msg", request),
  request_id: echo("rid"),
});
const apiError =
  (status: number) =>
  (request: RecordedRequest): ScriptedResponse => ({
    status,
    headers: { "x-request-id": headerEcho(), "retry-after": "0" },
    body: errorBody(request),
  });
const imsJob = (status: string, request: RecordedRequest) => ({
  status,
  job_id: JOB,
  error_code: echo("code", request),
  fail_reason: echo("reason", request),
  entities: {
    image_id: "img-1",
    image_name: echo("name", request),
    sub_jobs_result: [{ status: "FAIL", job_id: "m1", error_code: echo("m-code"), fail_reason: echo("m-reason", request) }],
  },
});
const subJob = (request: RecordedRequest) => ({
  id: "s1",
  status: "FAILED",
  job_execute_info: { error_code: echo("s-code", request), error_message: echo("s-msg", request) },
  error_code: echo("flat-code"),
  error_message: echo("flat-msg", request),
});
const items = (request: RecordedRequest) => ({
  count: 2,
  items: [{ id: "i1", status: echo("status", request), job_type: "CREATE_SERVER" }, subJob(request)],
});

const CASES: readonly Case[] = [
  {
    name: "wait ims-job: an echoed status (progress and warning lines), then a failure echoing in fail_reason and member jobs",
    args: ["wait", "ims-job", JOB, ...FAST_POLL],
    code: 1,
    respond: (request, i) =>
      i === 0
        ? { headers: { "x-request-id": headerEcho() }, body: { status: `RUNNING ${echo("status", request)}`, job_id: JOB } }
        : { body: imsJob("FAIL", request) },
  },
  {
    name: "wait image-job: a failed job echoing in sub-job messages",
    args: ["wait", "image-job", JOB, ...FAST_POLL],
    code: 1,
    respond: (request) => ({ body: { id: JOB, status: "FAILED", sub_jobs: [subJob(request)] } }),
  },
  {
    name: "wait app-job: success after retried 503s whose codes echo",
    args: ["wait", "app-job", JOB, ...FAST_POLL],
    code: 0,
    respond: (request, i) =>
      i < 2 ? apiError(503)(request) : { body: { id: JOB, status: "SUCCESS", sub_jobs: [{ ...subJob(request), status: "SUCCESS" }] } },
  },
  {
    name: "wait ims-job: a raw body spelling the secrets with JSON \\u escapes",
    args: ["wait", "ims-job", JOB, ...FAST_POLL],
    code: 1,
    respond: () => ({
      headers: { "content-type": "application/json" },
      body: rawEscaped({ status: "FAIL", job_id: JOB, error_code: "IMG.1" }, "fail_reason"),
    }),
  },
  {
    name: "get ims-job: every field echoes",
    args: ["get", "ims-job", JOB],
    code: 0,
    respond: (request) => ({ body: imsJob("SUCCESS", request) }),
  },
  {
    // The table strips escape and format characters: a secret split by them must be redacted before that.
    name: "get ims-job --output table: a fail_reason splitting the secrets with ESC [ 0 m, U+200B and U+00AD",
    args: ["get", "ims-job", JOB, "--output", "table"],
    code: 0,
    respond: () => ({
      body: { status: "FAIL", job_id: JOB, error_code: "IMG.1", fail_reason: `reason ${SECRETS.map(splitInvisibly).join(" | ")}` },
    }),
  },
  {
    name: "get image-job --output table",
    args: ["get", "image-job", JOB, "--output", "table"],
    code: 0,
    respond: (request) => ({ body: { id: JOB, status: "FAILED", sub_jobs: [subJob(request)] } }),
  },
  { name: "get app-job: 401 echoing in the error body and X-Request-Id", args: ["get", "app-job", JOB], code: 4, respond: apiError(401) },
  {
    name: "get ims-job: 400 with a raw \\u-escaped error_msg",
    args: ["get", "ims-job", JOB],
    code: 4,
    respond: () => ({ status: 400, body: rawEscaped({ error_code: "IMG.0400" }, "error_msg") }),
  },
  {
    name: "list image-sub-jobs: items echo",
    args: ["list", "image-sub-jobs", "--job-type", "CREATE_SERVER_IMAGE"],
    code: 0,
    respond: (request) => ({ body: items(request) }),
  },
  {
    name: "list app-sub-jobs --output table",
    args: ["list", "app-sub-jobs", "--job-type", "UPGRADE_ACCESS_AGENT", "--output", "table"],
    code: 0,
    respond: (request) => ({ body: items(request) }),
  },
  {
    name: "list image-jobs --all: a 403 echoing",
    args: ["list", "image-jobs", "--job-type", "CREATE_SERVER", "--all"],
    code: 4,
    respond: apiError(403),
  },
  { name: "count image-sub-jobs: a 400 echoing", args: ["count", "image-sub-jobs"], code: 4, respond: apiError(400) },
  {
    name: "count app-sub-jobs: retried 429s echoing, then a 400",
    args: ["count", "app-sub-jobs"],
    code: 4,
    respond: (request, i) => apiError(i < 1 ? 429 : 400)(request),
  },
  {
    name: "external get-ims-job: every field echoes",
    args: ["external"],
    code: 0,
    stdin: { operation: "get-ims-job", job_id: JOB },
    respond: (request) => ({ body: imsJob("FAIL", request) }),
  },
  {
    name: "external list-app-sub-jobs: items echo",
    args: ["external"],
    code: 0,
    stdin: { operation: "list-app-sub-jobs", job_type: "UPGRADE_ACCESS_AGENT" },
    respond: (request) => ({ body: items(request) }),
  },
  {
    name: "external count-image-sub-jobs: a 401 echoing",
    args: ["external"],
    code: 4,
    stdin: { operation: "count-image-sub-jobs" },
    respond: apiError(401),
  },
];

const AUTHS = [
  ["temporary AK/SK", AKSK_ENV, SECRETS],
  ["IAM token", TOKEN_ENV, [AUTH_TOKEN, SECURITY_TOKEN]],
] as const;

for (const [auth, env, secrets] of AUTHS) {
  describe(`echoed secrets never reach stdout or stderr (${auth})`, { concurrency: 1 }, () => {
    for (const c of CASES) {
      it(`${c.name} (exit ${c.code})`, async () => {
        respond = c.respond;
        index = 0;
        const r = await runCli(
          c.args,
          { HWJOBS_ENDPOINT: server.url, HW_PROJECT_ID: PROJECT, ...env },
          c.stdin ? { stdin: JSON.stringify(c.stdin) } : {},
        );
        assertExit(r, c.code);
        assertNoSecrets(r, secrets);
      });
    }
  });
}
