// Secrets set in the CLI's environment (secret key, security token, IAM token) never appear in
// its stdout or stderr: on success, job failure, timeout, API errors, retries and bad input.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { assertExit, describeResult, FAST_POLL, killLiveChildren, runCli, type CliEnv, type CliResult } from "../helpers/cli";
import { createJob, injectFault } from "../helpers/emulator-admin";

const marker = (name: string) => `${name}-${randomBytes(12).toString("hex")}`;
const ACCESS_KEY = "SECRETSTESTAK0000000";
const SECRET_KEY = marker("secret-key-marker");
const SECURITY_TOKEN = marker("security-token-marker");
const AUTH_TOKEN = marker("auth-token-marker");
const WRONG_SECRET_KEY = marker("wrong-secret-key-marker");
const WRONG_SECURITY_TOKEN = marker("wrong-security-token-marker");
const WRONG_AUTH_TOKEN = marker("wrong-auth-token-marker");
const MARKERS = [SECRET_KEY, SECURITY_TOKEN, AUTH_TOKEN, WRONG_SECRET_KEY, WRONG_SECURITY_TOKEN, WRONG_AUTH_TOKEN];
const PROJECT = "secrets-project";

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

/** Temporary AK/SK, with the IAM token set too (unused, since AK/SK wins, but just as secret). */
function akskEnv(extra: CliEnv = {}): CliEnv {
  return {
    HWJOBS_ENDPOINT: emulator.url,
    HW_PROJECT_ID: PROJECT,
    HW_ACCESS_KEY: ACCESS_KEY,
    HW_SECRET_KEY: SECRET_KEY,
    HW_SECURITY_TOKEN: SECURITY_TOKEN,
    HW_AUTH_TOKEN: AUTH_TOKEN,
    ...extra,
  };
}

function tokenEnv(extra: CliEnv = {}): CliEnv {
  return { HWJOBS_ENDPOINT: emulator.url, HW_PROJECT_ID: PROJECT, HW_AUTH_TOKEN: AUTH_TOKEN, HW_SECURITY_TOKEN: SECURITY_TOKEN, ...extra };
}

function assertNoSecrets(r: CliResult): void {
  for (const secret of MARKERS) {
    // The random part alone too, in case a secret is truncated or re-cased rather than printed whole.
    const random = secret.slice(secret.lastIndexOf("-") + 1);
    for (const [name, text] of [
      ["stdout", r.stdout],
      ["stderr", r.stderr],
    ] as const) {
      assert.ok(
        !text.toLowerCase().includes(random),
        `${name} contains a secret (${secret.slice(0, secret.lastIndexOf("-"))}): ${describeResult(r)}`,
      );
    }
  }
}

interface Case {
  readonly name: string;
  readonly code: number;
  readonly run: () => Promise<CliResult>;
}

const newJob = (kind: "image-job" | "app-job" | "ims-job", extra: Record<string, unknown> = {}) =>
  createJob(emulator.url, { kind, project_id: PROJECT, waiting_ms: 0, running_ms: 0, ...extra });

const CASES: readonly Case[] = [
  {
    name: "get succeeds with temporary AK/SK",
    code: 0,
    run: async () => runCli(["get", "image-job", await newJob("image-job")], akskEnv()),
  },
  { name: "get succeeds with the IAM token", code: 0, run: async () => runCli(["get", "ims-job", await newJob("ims-job")], tokenEnv()) },
  {
    name: "wait succeeds",
    code: 0,
    run: async () => runCli(["wait", "app-job", await newJob("app-job", { running_ms: 1500, sub_jobs: 2 }), ...FAST_POLL], akskEnv()),
  },
  {
    name: "wait on a failed job",
    code: 1,
    run: async () =>
      runCli(["wait", "image-job", await newJob("image-job", { running_ms: 1000, outcome: "failure" }), ...FAST_POLL], akskEnv()),
  },
  {
    name: "wait times out",
    code: 3,
    run: async () => runCli(["wait", "ims-job", await newJob("ims-job", { outcome: "never" }), "--timeout", "2s", ...FAST_POLL], akskEnv()),
  },
  { name: "get of an unknown job (404)", code: 4, run: () => runCli(["get", "app-job", "404404"], akskEnv()) },
  {
    name: "401: wrong secret key",
    code: 4,
    run: async () => runCli(["wait", "image-job", await newJob("image-job"), ...FAST_POLL], akskEnv({ HW_SECRET_KEY: WRONG_SECRET_KEY })),
  },
  {
    name: "401: wrong security token",
    code: 4,
    run: async () => runCli(["get", "image-job", await newJob("image-job")], akskEnv({ HW_SECURITY_TOKEN: WRONG_SECURITY_TOKEN })),
  },
  {
    name: "401: wrong IAM token",
    code: 4,
    run: async () => runCli(["wait", "ims-job", await newJob("ims-job"), ...FAST_POLL], tokenEnv({ HW_AUTH_TOKEN: WRONG_AUTH_TOKEN })),
  },
  {
    name: "retried 503 and 429 answers",
    code: 0,
    run: async () => {
      const id = await newJob("ims-job");
      await injectFault(emulator.url, { path_prefix: `/v1/${PROJECT}/jobs/${id}`, status: 503 });
      await injectFault(emulator.url, { path_prefix: `/v1/${PROJECT}/jobs/${id}`, status: 429 });
      return runCli(["wait", "ims-job", id, ...FAST_POLL], akskEnv());
    },
  },
  { name: "bad input: --output xml", code: 2, run: () => runCli(["get", "image-job", "1", "--output", "xml"], akskEnv()) },
  { name: "bad input: missing project id", code: 2, run: () => runCli(["wait", "image-job", "1"], akskEnv({ HW_PROJECT_ID: undefined })) },
  {
    name: "bad input: secret key without access key",
    code: 2,
    run: () => runCli(["get", "image-job", "1"], akskEnv({ HW_ACCESS_KEY: undefined })),
  },
  { name: "bad input: bad duration", code: 2, run: () => runCli(["wait", "image-job", "1", "--timeout", "soon"], akskEnv()) },
  {
    name: "bad input: an endpoint with the secret in its userinfo",
    code: 2,
    run: () => runCli(["get", "image-job", "1", "--endpoint", `https://user:${SECRET_KEY}@example.com/path`], akskEnv()),
  },
];

describe("secrets never reach stdout or stderr", { concurrency: true }, () => {
  for (const c of CASES) {
    it(`${c.name} (exit ${c.code})`, async () => {
      const r = await c.run();
      assertExit(r, c.code);
      assert.ok(r.stdout !== "" || r.stderr !== "", "the run printed something to check");
      assertNoSecrets(r);
    });
  }
});
