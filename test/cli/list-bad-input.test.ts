// Bad input to `hwjobs list` and `hwjobs count`, per operation: exit 2, exactly one line on stderr
// naming the flag and what it accepts, nothing on stdout, and no request sent (the emulator's
// request log stays unchanged). Every case would otherwise reach the emulator: the environment is
// complete and valid.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { assertUsageError, emulatorEnv, killLiveChildren, runCli } from "../helpers/cli";
import { createJob, requestLog } from "../helpers/emulator-admin";

const PROJECT = "proj-list-bad-input";

const IMAGE_TYPES = "CREATE_SERVER, CREATE_SERVER_IMAGE, DELETE_SERVER";
const APP_TYPES =
  "CREATE_SERVER, DELETE_SERVER, REJOIN_DOMAIN, CHANGE_SERVER_IMAGE, REINSTALL_OS, MIGRATE_SERVER, UPDATE_SERVER_TSVI, UPGRADE_ACCESS_AGENT, SCHEDULED_TASK, UPDATE_FREEZE_STATUS";
// The counts take every type of the service's enums (docs/reference/huawei-api.md §2.7), and newer-looking ones.
const IMAGE_COUNT_TYPES = `${IMAGE_TYPES}, BUILD_IMAGE, GENERATE_IMAGE, DELETE_IMAGE_BUILD_SERVER, DELETE_IMAGE`;
const APP_COUNT_TYPES =
  "CREATE_SERVER, DELETE_SERVER, UPDATE_FREEZE_STATUS, CREATE_SERVER_IMAGE, REINSTALL_OS, CHANGE_SERVER_IMAGE, REJOIN_DOMAIN, MIGRATE_SERVER, UPGRADE_ACCESS_AGENT, UPDATE_SERVER_TSVI, SCHEDULED_TASK, COLLECT_HDA_LOG, COLLECT_APS_LOG, CREATE_SERVER_SNAPSHOT, DELETE_SERVER_SNAPSHOT, RESTORE_SERVER_SNAPSHOT, BATCH_INSTALL_APP, INSTALL_CES_AGENT, UNINSTALL_CES_AGENT";
const PARENT_STATUSES = "WAITING, RUNNING, SUCCESS, FAILED";
const SUB_STATUSES = "WAITING, RUNNING, SUCCESS, FAILED, ABNORMAL, ROLLBACK, ABORTING";
const LIMIT_RANGE = "from 1 to 100";
const CONCURRENCY_RANGE = "from 1 to 16";
const LIST_TARGETS = "image-jobs, image-sub-jobs, app-sub-jobs";
const COUNT_TARGETS = "image-sub-jobs, app-sub-jobs";

let emulator: RunningEmulator;
before(async () => {
  emulator = await startEmulator({ port: 0 });
  // Something to find, so a request that slipped through would be answered (and logged).
  await createJob(emulator.url, { kind: "image-job", project_id: PROJECT, job_type: "CREATE_SERVER", waiting_ms: 0, running_ms: 0 });
  await createJob(emulator.url, { kind: "app-job", project_id: PROJECT, job_type: "CREATE_SERVER", waiting_ms: 0, running_ms: 0 });
});
after(async () => {
  killLiveChildren();
  await emulator.close();
});

interface Case {
  readonly name: string;
  /** Arguments after `hwjobs list|count <target>`. */
  readonly args: readonly string[];
  /** Texts the one error line must contain: the flag, and what it accepts. */
  readonly expect: readonly string[];
}

const long = (n: number) => "j".repeat(n);

/** Cases every list operation shares; `types`/`statuses` are what its flags accept. */
function listCases(types: string, statuses: string, firstType: string): Case[] {
  const valid = ["--job-type", firstType];
  return [
    { name: "missing --job-type", args: [], expect: ["--job-type", "required", types] },
    { name: "empty --job-type", args: ["--job-type="], expect: ["--job-type", "required", types] },
    { name: "unknown --job-type", args: ["--job-type", "BUILD_IMAGE"], expect: ["--job-type", '"BUILD_IMAGE"', types] },
    {
      name: "--job-type in the wrong case",
      args: ["--job-type", firstType.toLowerCase()],
      expect: ["--job-type", JSON.stringify(firstType.toLowerCase()), types],
    },
    {
      name: "a comma list where one --job-type is taken",
      args: ["--job-type", `${firstType},DELETE_SERVER`],
      expect: ["--job-type", types],
    },
    { name: "--limit 0", args: [...valid, "--limit", "0"], expect: ["--limit", '"0"', LIMIT_RANGE] },
    { name: "--limit 101", args: [...valid, "--limit", "101"], expect: ["--limit", '"101"', LIMIT_RANGE] },
    { name: "--limit abc", args: [...valid, "--limit", "abc"], expect: ["--limit", '"abc"', LIMIT_RANGE] },
    { name: "--limit 1e2", args: [...valid, "--limit", "1e2"], expect: ["--limit", '"1e2"', LIMIT_RANGE] },
    { name: "--limit=-5", args: [...valid, "--limit=-5"], expect: ["--limit", '"-5"', LIMIT_RANGE] },
    { name: "--offset=-1", args: [...valid, "--offset=-1"], expect: ["--offset", '"-1"', ">= 0"] },
    // A separate "-1" looks like a flag to the argument parser, which names the flag only.
    { name: "--offset -1 (looks like a flag)", args: [...valid, "--offset", "-1"], expect: ["--offset"] },
    { name: "--offset abc", args: [...valid, "--offset", "abc"], expect: ["--offset", '"abc"', ">= 0"] },
    { name: "--offset 2147483648", args: [...valid, "--offset", "2147483648"], expect: ["--offset", "from 0 to 2147483647"] },
    { name: "unknown --status", args: [...valid, "--status", "DONE"], expect: ["--status", '"DONE"', statuses] },
    { name: "--status in the wrong case", args: [...valid, "--status", "success"], expect: ["--status", '"success"', statuses] },
    { name: "--all with --offset", args: [...valid, "--all", "--offset", "0"], expect: ["--offset", "every page"] },
    { name: "--all with --limit", args: [...valid, "--all", "--limit", "100"], expect: ["--limit", "every page"] },
    { name: "--concurrency 0", args: [...valid, "--all", "--concurrency", "0"], expect: ["--concurrency", CONCURRENCY_RANGE] },
    { name: "--concurrency 17", args: [...valid, "--all", "--concurrency", "17"], expect: ["--concurrency", "17", CONCURRENCY_RANGE] },
    { name: "--concurrency x", args: [...valid, "--all", "--concurrency", "x"], expect: ["--concurrency", '"x"', CONCURRENCY_RANGE] },
    { name: "--concurrency without --all", args: [...valid, "--concurrency", "2"], expect: ["--concurrency", "only with --all"] },
    { name: "--output xml", args: [...valid, "--output", "xml"], expect: ["--output", '"xml"', "json, jsonl, table, none"] },
    { name: "an extra argument", args: ["extra", ...valid], expect: ['"extra"'] },
  ];
}

/** Cases of the sub-job lists, which take a `--job-id` filter. */
function jobIdCases(firstType: string): Case[] {
  const valid = ["--job-type", firstType];
  return [
    { name: "over-long --job-id (129)", args: [...valid, "--job-id", long(129)], expect: ["--job-id", "at most 128", "129"] },
    { name: "control character in --job-id", args: [...valid, "--job-id", "12\u00073"], expect: ["--job-id", "U+0007"] },
  ];
}

/** Cases every count operation shares. */
function countCases(types: string, maxLength: number): Case[] {
  const tooLong = Array.from({ length: Math.ceil(maxLength / 14) + 1 }, () => "CREATE_SERVER").join(",");
  return [
    { name: "unknown --job-type", args: ["--job-type", "BUILD-IMAGE"], expect: ["--job-type", '"BUILD-IMAGE"', types] },
    {
      name: "--job-type in the wrong case",
      args: ["--job-type", "create_server"],
      expect: ["--job-type", '"create_server"', types, 'did you mean "CREATE_SERVER"?'],
    },
    { name: "an unknown value in a comma list", args: ["--job-type", "CREATE_SERVER,NOPE"], expect: ["--job-type", '"NOPE"', types] },
    {
      name: "an empty value inside a comma list",
      args: ["--job-type", "CREATE_SERVER,,DELETE_SERVER"],
      expect: ["--job-type", "empty value", types],
    },
    { name: "a trailing comma", args: ["--job-type", "CREATE_SERVER,"], expect: ["--job-type", "empty value", types] },
    { name: "a leading comma", args: ["--job-type", ",CREATE_SERVER"], expect: ["--job-type", "empty value", types] },
    { name: "only a comma", args: ["--job-type", ","], expect: ["--job-type", "empty value", types] },
    {
      name: "a space after a comma",
      args: ["--job-type", "CREATE_SERVER, DELETE_SERVER"],
      expect: ["--job-type", '" DELETE_SERVER"', types],
    },
    {
      name: `a comma list longer than ${maxLength}`,
      args: ["--job-type", tooLong],
      expect: ["--job-type", `at most ${maxLength}`, String(tooLong.length)],
    },
    { name: "unknown --status", args: ["--status", "DONE"], expect: ["--status", '"DONE"', SUB_STATUSES] },
    { name: "a comma list as --status", args: ["--status", "FAILED,SUCCESS"], expect: ["--status", SUB_STATUSES] },
    { name: "over-long --job-id (129)", args: ["--job-id", long(129)], expect: ["--job-id", "at most 128", "129"] },
    { name: "control character in --job-id", args: ["--job-id", "a\nb"], expect: ["--job-id", "U+000A"] },
    { name: "--limit (counts have no pages)", args: ["--limit", "10"], expect: ["--limit", "hwjobs count"] },
    { name: "--offset (counts have no pages)", args: ["--offset", "0"], expect: ["--offset", "hwjobs count"] },
    { name: "--all (counts have no pages)", args: ["--all"], expect: ["--all", "hwjobs count"] },
    { name: "--concurrency 0", args: ["--concurrency", "0"], expect: ["--concurrency", "hwjobs count"] },
    { name: "--concurrency 17", args: ["--concurrency", "17"], expect: ["--concurrency", "hwjobs count"] },
    { name: "--concurrency x", args: ["--concurrency", "x"], expect: ["--concurrency", "hwjobs count"] },
    { name: "--output xml", args: ["--output", "xml"], expect: ["--output", '"xml"', "json, jsonl, table, none"] },
    { name: "an extra argument", args: ["image-jobs"], expect: ['"image-jobs"'] },
  ];
}

const OPERATIONS: ReadonlyArray<{ readonly command: "list" | "count"; readonly target: string; readonly cases: readonly Case[] }> = [
  {
    command: "list",
    target: "image-jobs",
    cases: [
      ...listCases(IMAGE_TYPES, PARENT_STATUSES, "CREATE_SERVER"),
      // Parent jobs have no sub-job statuses, and no job id filter.
      {
        name: "a sub-job --status",
        args: ["--job-type", "CREATE_SERVER", "--status", "ROLLBACK"],
        expect: ["--status", '"ROLLBACK"', PARENT_STATUSES],
      },
      {
        name: "--job-id (not a parameter of this list)",
        args: ["--job-type", "CREATE_SERVER", "--job-id", "1"],
        expect: ["--job-id", "unknown parameter", "--job-type, --status, --offset, --limit"],
      },
    ],
  },
  {
    command: "list",
    target: "image-sub-jobs",
    cases: [...listCases(IMAGE_TYPES, SUB_STATUSES, "CREATE_SERVER_IMAGE"), ...jobIdCases("CREATE_SERVER_IMAGE")],
  },
  {
    command: "list",
    target: "app-sub-jobs",
    cases: [
      ...listCases(APP_TYPES, SUB_STATUSES, "REINSTALL_OS"),
      ...jobIdCases("REINSTALL_OS"),
      // CREATE_SERVER_IMAGE is a count-only type of the app-server sub-jobs.
      {
        name: "the count-only type CREATE_SERVER_IMAGE",
        args: ["--job-type", "CREATE_SERVER_IMAGE"],
        expect: ["--job-type", '"CREATE_SERVER_IMAGE"', APP_TYPES],
      },
    ],
  },
  { command: "count", target: "image-sub-jobs", cases: countCases(IMAGE_COUNT_TYPES, 128) },
  {
    command: "count",
    target: "app-sub-jobs",
    cases: [
      ...countCases(APP_COUNT_TYPES, 256),
      // A list of 128 characters is fine here (256 is the limit): only the unknown value is wrong.
      {
        name: "a long list with one unknown value",
        args: ["--job-type", `${"CREATE_SERVER,".repeat(10)}X`],
        expect: ["--job-type", '"X"', APP_COUNT_TYPES],
      },
    ],
  },
];

/** Bad `<target>`s, run as `hwjobs <command> ...args`. */
const TARGET_CASES: ReadonlyArray<Case & { readonly command: "list" | "count" }> = [
  {
    command: "list",
    name: "unknown list target",
    args: ["images", "--job-type", "CREATE_SERVER"],
    expect: ["list", '"images"', LIST_TARGETS],
  },
  {
    command: "list",
    name: "a job kind as list target",
    args: ["image-job", "--job-type", "CREATE_SERVER"],
    expect: ['"image-job"', LIST_TARGETS],
  },
  { command: "list", name: "ims-jobs (no such list)", args: ["ims-jobs"], expect: ['"ims-jobs"', LIST_TARGETS] },
  {
    command: "list",
    name: "a target in the wrong case",
    args: ["Image-Jobs", "--job-type", "CREATE_SERVER"],
    expect: ['"Image-Jobs"', LIST_TARGETS],
  },
  {
    command: "list",
    name: "missing list target",
    args: ["--job-type", "CREATE_SERVER"],
    expect: ["image-jobs|image-sub-jobs|app-sub-jobs"],
  },
  { command: "count", name: "image-jobs cannot be counted", args: ["image-jobs"], expect: ["count", '"image-jobs"', COUNT_TARGETS] },
  { command: "count", name: "unknown count target", args: ["jobs"], expect: ['"jobs"', COUNT_TARGETS] },
  { command: "count", name: "missing count target", args: [], expect: ["image-sub-jobs|app-sub-jobs"] },
];

/** Runs one case and checks it: exit 2, one line with every expected text, nothing sent. */
async function check(args: readonly string[], expect: readonly string[]): Promise<void> {
  const before = await requestLog(emulator.url);
  const r = await runCli(args, emulatorEnv(emulator.url, PROJECT), { timeoutMs: 20_000 });
  assertUsageError(r, ...expect);
  assert.deepEqual(await requestLog(emulator.url), before, "no request may reach the emulator");
}

for (const op of OPERATIONS) {
  describe(`hwjobs ${op.command} ${op.target}: bad input is refused before sending`, { concurrency: 8 }, () => {
    for (const c of op.cases) {
      it(c.name, () => check([op.command, op.target, ...c.args], c.expect));
    }
  });
}

describe("hwjobs list|count <target>: unknown or missing targets", { concurrency: 8 }, () => {
  for (const c of TARGET_CASES) {
    it(`${c.command}: ${c.name}`, () => check([c.command, ...c.args], c.expect));
  }
});

describe("after the bad-input tables", () => {
  it("the emulator has seen no API request at all", async () => {
    assert.deepEqual(await requestLog(emulator.url), []);
    assert.equal(emulator.stats().requests, 0);
  });

  it("while the same flags, made valid, do send (the cases would have reached the emulator)", async () => {
    for (const args of [
      ["list", "image-jobs", "--job-type", "CREATE_SERVER", "--limit", "100", "--offset", "0", "--status", "SUCCESS"],
      ["list", "app-sub-jobs", "--job-type", "CREATE_SERVER", "--all", "--concurrency", "16", "--job-id", long(128)],
      ["count", "app-sub-jobs", "--job-type", `${"CREATE_SERVER,".repeat(17)}CREATE_SERVER`],
    ]) {
      const r = await runCli(args, emulatorEnv(emulator.url, PROJECT));
      assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
    }
    assert.equal((await requestLog(emulator.url)).length, 3);
  });
});
