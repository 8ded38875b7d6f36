// Bad input ends with exit 2, one line on stderr naming the field (and what it accepts), nothing on
// stdout, and no request sent: every case below would otherwise reach the emulator.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertExit, assertUsageError, emulatorEnv, FAST_POLL, parseJobResult, runCli, type CliEnv, useCliEmulator } from "../helpers/cli";
import { createJob, requestLog } from "../helpers/emulator-admin";

const PROJECT = "proj-bad-input";
const KINDS = "image-job, app-job, ims-job";
const DURATIONS = "90s, 15m, 2h, 1h30m";

const emulator = useCliEmulator();

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  /** Overrides of the valid emulator environment; `undefined` removes a variable. */
  readonly env?: CliEnv;
  /** Texts the one error line must contain: the field, and what it accepts. */
  readonly expect: readonly string[];
}

const id = (n: number) => "9".repeat(n);
const wait = (...rest: string[]) => ["wait", "image-job", "123", ...FAST_POLL, ...rest];

const CASES: readonly Case[] = [
  { name: "unknown kind", args: ["get", "image-jobs", "123"], expect: ["kind", '"image-jobs"', KINDS] },
  { name: "kind in the wrong case", args: ["wait", "IMS-JOB", "123"], expect: ["kind", '"IMS-JOB"', KINDS] },
  {
    name: "unknown kind in HWJOBS_KIND",
    args: ["wait"],
    env: { HWJOBS_KIND: "image", HWJOBS_JOB_ID: "1" },
    expect: ["HWJOBS_KIND", KINDS],
  },
  { name: "missing kind", args: ["get"], expect: ["kind", "missing", "image-job|app-job|ims-job"] },
  { name: "missing job id", args: ["get", "ims-job"], expect: ["job-id", "missing"] },
  { name: "empty job id", args: ["get", "image-job", ""], expect: ["job-id", "empty", "1 to 128"] },
  {
    name: "empty HWJOBS_JOB_ID",
    args: ["wait"],
    env: { HWJOBS_KIND: "app-job", HWJOBS_JOB_ID: "" },
    expect: ["HWJOBS_JOB_ID", "empty", "1 to 255"],
  },
  { name: "129-character image-job id", args: ["get", "image-job", id(129)], expect: ["job-id", "129 characters", "at most 128"] },
  { name: "129-character ims-job id", args: ["wait", "ims-job", id(129)], expect: ["job-id", "129 characters", "at most 128"] },
  { name: "256-character app-job id", args: ["get", "app-job", id(256)], expect: ["job-id", "256 characters", "at most 255"] },
  {
    name: "control character (BEL) in the id",
    args: ["get", "image-job", "12\u00073"],
    expect: ["job-id", "U+0007", "control characters"],
  },
  {
    name: "newline in the id (log forging)",
    args: ["get", "ims-job", "12\nhwjobs: SUCCESS"],
    expect: ["job-id", "U+000A", "control characters"],
  },
  {
    name: "terminal escape in HWJOBS_JOB_ID",
    args: ["wait"],
    env: { HWJOBS_KIND: "image-job", HWJOBS_JOB_ID: "1\u001b[31m" },
    expect: ["HWJOBS_JOB_ID", "U+001B"],
  },
  { name: "DEL in the id", args: ["get", "app-job", "1\u007f"], expect: ["job-id", "U+007F"] },
  { name: "--timeout 5x", args: wait("--timeout", "5x"), expect: ["--timeout", '"5x"', DURATIONS] },
  { name: "--timeout 0", args: wait("--timeout", "0"), expect: ["--timeout", '"0"', "greater than zero"] },
  { name: "--timeout=-1", args: wait("--timeout=-1"), expect: ["--timeout", '"-1"', DURATIONS] },
  { name: "--timeout -1 (looks like a flag)", args: wait("--timeout", "-1"), expect: ["--timeout"] },
  { name: "--timeout 1.5m", args: wait("--timeout", "1.5m"), expect: ["--timeout", DURATIONS] },
  { name: "--not-found-grace 5x", args: wait("--not-found-grace", "5x"), expect: ["--not-found-grace", DURATIONS] },
  { name: "--not-found-grace 1d", args: wait("--not-found-grace", "1d"), expect: ["--not-found-grace", '"1d"', DURATIONS] },
  { name: "job id .. (a path segment)", args: ["get", "ims-job", ".."], expect: ["job-id", '".."', "other than"] },
  {
    name: "job id . in HWJOBS_JOB_ID",
    args: ["wait"],
    env: { HWJOBS_KIND: "image-job", HWJOBS_JOB_ID: "." },
    expect: ["HWJOBS_JOB_ID", '"."', "other than"],
  },
  { name: "--not-found-grace=-1", args: wait("--not-found-grace=-1"), expect: ["--not-found-grace", DURATIONS] },
  {
    name: "--min-poll-interval 5x",
    args: ["wait", "image-job", "1", "--min-poll-interval", "5x"],
    expect: ["--min-poll-interval", DURATIONS],
  },
  {
    name: "--min-poll-interval 0",
    args: ["wait", "image-job", "1", "--min-poll-interval", "0"],
    expect: ["--min-poll-interval", "greater than zero"],
  },
  {
    name: "--min-poll-interval=-1",
    args: ["wait", "image-job", "1", "--min-poll-interval=-1"],
    expect: ["--min-poll-interval", DURATIONS],
  },
  {
    name: "--max-poll-interval 0",
    args: ["wait", "image-job", "1", "--max-poll-interval", "0"],
    expect: ["--max-poll-interval", DURATIONS],
  },
  { name: "HWJOBS_TIMEOUT=5x", args: ["wait", "image-job", "1"], env: { HWJOBS_TIMEOUT: "5x" }, expect: ["HWJOBS_TIMEOUT", DURATIONS] },
  {
    name: "HWJOBS_NOT_FOUND_GRACE=5x",
    args: ["wait", "image-job", "1"],
    env: { HWJOBS_NOT_FOUND_GRACE: "5x" },
    expect: ["HWJOBS_NOT_FOUND_GRACE", DURATIONS],
  },
  {
    name: "HWJOBS_MIN_POLL_INTERVAL=-1",
    args: ["wait", "image-job", "1"],
    env: { HWJOBS_MIN_POLL_INTERVAL: "-1" },
    expect: ["HWJOBS_MIN_POLL_INTERVAL", DURATIONS],
  },
  {
    name: "min poll interval above the max",
    args: ["wait", "image-job", "1", "--min-poll-interval", "10s", "--max-poll-interval", "5s"],
    expect: ["--min-poll-interval", "--max-poll-interval"],
  },
  {
    name: "missing region without an endpoint",
    args: ["get", "image-job", "1"],
    env: { HWJOBS_ENDPOINT: undefined },
    expect: ["region", "--region", "HW_REGION_NAME", "HWJOBS_ENDPOINT"],
  },
  {
    name: "invalid region",
    args: ["get", "image-job", "1", "--region", "CN_NORTH_4"],
    env: { HWJOBS_ENDPOINT: undefined },
    expect: ["--region", "cn-north-4"],
  },
  {
    name: "missing project id",
    args: ["get", "image-job", "1"],
    env: { HW_PROJECT_ID: undefined },
    expect: ["project id", "--project-id", "HW_PROJECT_ID"],
  },
  { name: "invalid project id", args: ["wait", "image-job", "1", "--project-id", "../admin"], expect: ["--project-id", "letters, digits"] },
  {
    name: "missing credentials",
    args: ["get", "image-job", "1"],
    env: { HW_ACCESS_KEY: undefined, HW_SECRET_KEY: undefined },
    expect: ["credentials", "HW_ACCESS_KEY", "HW_SECRET_KEY", "HW_AUTH_TOKEN"],
  },
  {
    name: "access key without secret key",
    args: ["wait", "image-job", "1"],
    env: { HW_SECRET_KEY: undefined },
    expect: ["HW_ACCESS_KEY", "HW_SECRET_KEY"],
  },
  {
    name: "secret key without access key",
    args: ["get", "image-job", "1"],
    env: { HW_ACCESS_KEY: undefined },
    expect: ["HW_ACCESS_KEY", "HW_SECRET_KEY"],
  },
  {
    name: "http:// endpoint on a non-loopback host (flag)",
    args: ["get", "image-job", "1", "--endpoint", "http://example.com"],
    expect: ["--endpoint", "http://", "https://"],
  },
  {
    name: "http:// endpoint on a non-loopback host (HWJOBS_ENDPOINT)",
    args: ["wait", "ims-job", "1"],
    env: { HWJOBS_ENDPOINT: "http://example.com" },
    expect: ["HWJOBS_ENDPOINT", "https://"],
  },
  {
    name: "http:// IMS endpoint on a non-loopback host",
    args: ["get", "ims-job", "1", "--ims-endpoint", "http://10.0.0.1:8080"],
    expect: ["--ims-endpoint", "https://"],
  },
  {
    name: "endpoint with a path",
    args: ["get", "image-job", "1", "--endpoint", "http://127.0.0.1:9/v1"],
    expect: ["--endpoint", "no path"],
  },
  { name: "--output xml", args: ["get", "image-job", "1", "--output", "xml"], expect: ["--output", '"xml"', "json, jsonl, table, none"] },
  {
    name: "HWJOBS_OUTPUT=xml",
    args: ["wait", "image-job", "1"],
    env: { HWJOBS_OUTPUT: "xml" },
    expect: ["HWJOBS_OUTPUT", '"xml"', "json, jsonl, table, none"],
  },
  {
    name: "get --not-found-grace (a wait flag)",
    args: ["get", "image-job", "1", "--not-found-grace", "1m"],
    expect: ["--not-found-grace", "hwjobs get"],
  },
  {
    name: "get --min-poll-interval (a wait flag)",
    args: ["get", "ims-job", "1", "--min-poll-interval", "1s"],
    expect: ["--min-poll-interval", "hwjobs get"],
  },
  { name: "wait --port (an emulator flag)", args: ["wait", "ims-job", "1", "--port", "1"], expect: ["--port", "hwjobs wait"] },
  { name: "extra positional on get", args: ["get", "image-job", "1", "extra"], expect: ['"extra"', "usage"] },
  // `wait` takes several ids (test/cli/wait-many.test.ts); a bad one among them is refused.
  { name: "a bad second id on wait", args: ["wait", "ims-job", "1", "2\u0007"], expect: ["job-id", "U+0007"] },
  {
    name: "101 ids on wait",
    args: ["wait", "ims-job", ...Array.from({ length: 101 }, (_, i) => String(i + 1))],
    expect: ["job-id", "101 job ids", "at most 100", "--all-pending"],
  },
  {
    name: "--all-pending for ims-job",
    args: ["wait", "ims-job", "--job-type", "X", "--all-pending"],
    expect: ["kind", "ims-job has no list API", "image-job or app-job"],
  },
  {
    name: "--all-pending with ids",
    args: ["wait", "image-job", "1", "--job-type", "CREATE_SERVER", "--all-pending"],
    expect: ["--all-pending", "not with job ids"],
  },
  {
    name: "--all-pending with HWJOBS_JOB_IDS",
    args: ["wait", "image-job", "--job-type", "CREATE_SERVER", "--all-pending"],
    env: { HWJOBS_JOB_IDS: '["1"]' },
    expect: ["--all-pending", "HWJOBS_JOB_IDS"],
  },
  {
    name: "--all-pending without --job-type",
    args: ["wait", "app-job", "--all-pending"],
    expect: ["--job-type", "required with --all-pending"],
  },
  {
    name: "--all-pending with an unknown job type",
    args: ["wait", "image-job", "--job-type", "BUILD_IMAGES", "--all-pending"],
    expect: ["--job-type", '"BUILD_IMAGES"', "CREATE_SERVER_IMAGE"],
  },
  {
    name: "--job-type without --all-pending",
    args: ["wait", "image-job", "1", "--job-type", "CREATE_SERVER"],
    expect: ["--job-type", "only with --all-pending"],
  },
  {
    name: "HWJOBS_ALL_PENDING=yes",
    args: ["wait", "image-job", "--job-type", "CREATE_SERVER"],
    env: { HWJOBS_ALL_PENDING: "yes" },
    expect: ["HWJOBS_ALL_PENDING", '"yes"', "true or 1"],
  },
  {
    name: "HWJOBS_ALL_PENDING=false with a job id: only the variable, no spurious --all-pending problem",
    args: ["wait", "image-job", "j1"],
    env: { HWJOBS_ALL_PENDING: "false" },
    expect: ["HWJOBS_ALL_PENDING", '"false"', "true or 1"],
  },
  { name: "HWJOBS_JOB_IDS not JSON", args: ["wait", "image-job"], env: { HWJOBS_JOB_IDS: "1,2" }, expect: ["HWJOBS_JOB_IDS", "not JSON"] },
  {
    name: "HWJOBS_JOB_IDS with a null",
    args: ["wait", "image-job"],
    env: { HWJOBS_JOB_IDS: '["1",null]' },
    expect: ["HWJOBS_JOB_IDS[1]", "must be a string"],
  },
  {
    name: "HWJOBS_JOB_ID and HWJOBS_JOB_IDS both set",
    args: ["wait", "image-job"],
    env: { HWJOBS_JOB_ID: "1", HWJOBS_JOB_IDS: '["2"]' },
    expect: ["HWJOBS_JOB_IDS", "not with HWJOBS_JOB_ID"],
  },
  {
    name: "--all-pending for ims-job without --job-type",
    args: ["wait", "ims-job", "--all-pending"],
    expect: ["kind", "ims-job has no list API"],
  },
  {
    name: "HWJOBS_JOB_IDS empty array",
    args: ["wait", "image-job"],
    env: { HWJOBS_JOB_IDS: "[]" },
    expect: ["HWJOBS_JOB_IDS", "non-empty"],
  },
];

describe("bad input: exit 2, one line naming the field, nothing sent", { concurrency: 8 }, () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const before = (await requestLog(emulator.url)).length;
      const r = await runCli(c.args, emulatorEnv(emulator.url, PROJECT, c.env), { timeoutMs: 20_000 });
      assertUsageError(r, ...c.expect);
      assert.equal((await requestLog(emulator.url)).length, before, "no request may reach the emulator");
    });
  }
});

describe("after the bad-input table", () => {
  it("the emulator has seen no API request at all", async () => {
    assert.deepEqual(await requestLog(emulator.url), []);
  });
});

describe("job id limits accept the longest valid id", { concurrency: true }, () => {
  it("a 255-character app-job id is accepted", async () => {
    const longId = id(255);
    await createJob(emulator.url, { kind: "app-job", project_id: PROJECT, id: longId, waiting_ms: 0, running_ms: 0 });
    const r = await runCli(["get", "app-job", longId], emulatorEnv(emulator.url, PROJECT));
    assertExit(r, 0);
    const result = parseJobResult(r);
    assert.equal(result.job_id, longId);
    assert.equal(result.phase, "succeeded");
  });

  it("a 128-character image-job id is accepted", async () => {
    const longId = id(128);
    await createJob(emulator.url, { kind: "image-job", project_id: PROJECT, id: longId, waiting_ms: 0, running_ms: 0 });
    const r = await runCli(["get", "image-job", longId], emulatorEnv(emulator.url, PROJECT));
    assertExit(r, 0);
    assert.equal(parseJobResult(r).job_id, longId);
  });
});
