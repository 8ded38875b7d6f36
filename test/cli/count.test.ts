// `hwjobs count image-sub-jobs|app-sub-jobs` as the real bundle, against an emulator seeded with
// scenarios/realistic.json, compared with the independent list oracle (count = total matches):
// single types, comma lists, the default type set, --status, --job-id, and the output formats.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SCENARIO_JOBS, SCENARIO_PROJECT, SCENARIO_SMALL_PROJECT, startScenarioEmulator } from "../helpers/scenario";
import { APP_QUERY_JOB_TYPES, IMAGE_QUERY_JOB_TYPES, type RunningEmulator } from "../../src/emulator";
import { assertExit, describeResult, emulatorEnv, killLiveChildren, runCli, type CliResult } from "../helpers/cli";
import { requestLog } from "../helpers/emulator-admin";
import { expectedSubJobs, type SubJobQuery } from "../emulator/list-oracle";

const PROJECT = SCENARIO_PROJECT;
const SMALL_PROJECT = SCENARIO_SMALL_PROJECT;
const SUB_STATUSES = ["WAITING", "RUNNING", "SUCCESS", "FAILED", "ABNORMAL", "ROLLBACK", "ABORTING"] as const;
/** The emulator's CountSubJobs without `job_type` counts sub-jobs of every type (its spec names no default). */
const APP_COUNT_DEFAULT_TYPES = undefined;
const IMAGE_JOB_3_SUBS = SCENARIO_JOBS.imageJobWithThreeSubJobs;
const IMAGE_JOB_FAILED = SCENARIO_JOBS.failedImageJob;
const APP_JOB_FAILED = SCENARIO_JOBS.failedAppJob;

let emulator: RunningEmulator;
// Frozen clock: statuses cannot change between the CLI's request and the oracle's reading.
const NOW = Date.now();

before(async () => {
  emulator = await startScenarioEmulator(NOW);
});
after(async () => {
  killLiveChildren();
  await emulator.close();
});

function run(args: readonly string[], project = PROJECT): Promise<CliResult> {
  return runCli(args, emulatorEnv(emulator.url, project));
}

/** Exit 0, nothing on stderr, stdout exactly `{"count":N}` and a newline; returns N. */
function parseCount(r: CliResult): number {
  assertExit(r, 0);
  assert.equal(r.stderr, "", describeResult(r));
  assert.match(r.stdout, /^\{"count":\d+\}\n$/, describeResult(r));
  return (JSON.parse(r.stdout) as { count: number }).count;
}

const imageCount = (q: SubJobQuery, project = PROJECT) => expectedSubJobs(emulator.store, "image-job", project, NOW, q).length;
const appCount = (q: SubJobQuery, project = PROJECT) => expectedSubJobs(emulator.store, "app-job", project, NOW, q).length;
const opt = (flag: string, value: string | undefined): string[] => (value === undefined ? [] : [flag, value]);

interface CountCase {
  readonly name: string;
  readonly flags: { jobType?: string; status?: string; jobId?: string };
  readonly expected: () => number;
}

function countCases(kind: "image" | "app"): CountCase[] {
  const types = kind === "image" ? [...IMAGE_QUERY_JOB_TYPES] : [...APP_QUERY_JOB_TYPES];
  const defaults = kind === "image" ? [...IMAGE_QUERY_JOB_TYPES] : APP_COUNT_DEFAULT_TYPES;
  const oracle = kind === "image" ? imageCount : appCount;
  const newer =
    kind === "image"
      ? ["BUILD_IMAGE", "GENERATE_IMAGE", "DELETE_IMAGE_BUILD_SERVER", "DELETE_IMAGE"]
      : ["CREATE_SERVER_IMAGE", "COLLECT_HDA_LOG", "CREATE_SERVER_SNAPSHOT"];
  const failedJob = kind === "image" ? IMAGE_JOB_FAILED : APP_JOB_FAILED;
  const pair = kind === "image" ? ["CREATE_SERVER", "DELETE_SERVER"] : ["CREATE_SERVER", "UPGRADE_ACCESS_AGENT"];
  const cases: CountCase[] = [
    { name: "no --job-type: the API's default type set", flags: {}, expected: () => oracle({ jobTypes: defaults }) },
    ...types.map((t) => ({ name: `--job-type ${t}`, flags: { jobType: t }, expected: () => oracle({ jobTypes: [t] }) })),
    { name: `comma list ${pair.join(",")}`, flags: { jobType: pair.join(",") }, expected: () => oracle({ jobTypes: pair }) },
    { name: "comma list in another order", flags: { jobType: [...pair].reverse().join(",") }, expected: () => oracle({ jobTypes: pair }) },
    { name: "comma list of every listable type", flags: { jobType: types.join(",") }, expected: () => oracle({ jobTypes: types }) },
    {
      name: "comma list of types beyond the list query pattern",
      flags: { jobType: newer.join(",") },
      expected: () => oracle({ jobTypes: newer }),
    },
    ...SUB_STATUSES.map((s) => ({
      name: `--status ${s} (default types)`,
      flags: { status: s },
      expected: () => oracle({ jobTypes: defaults, status: s }),
    })),
    {
      name: "comma list with --status SUCCESS",
      flags: { jobType: pair.join(","), status: "SUCCESS" },
      expected: () => oracle({ jobTypes: pair, status: "SUCCESS" }),
    },
    { name: "--job-id of a failed job", flags: { jobId: failedJob }, expected: () => oracle({ jobTypes: defaults, jobId: failedJob }) },
    {
      name: "--job-id with --status FAILED",
      flags: { jobId: failedJob, status: "FAILED" },
      expected: () => oracle({ jobTypes: defaults, jobId: failedJob, status: "FAILED" }),
    },
    { name: "--job-id of no job", flags: { jobId: "no-such-job" }, expected: () => 0 },
  ];
  if (kind === "app") {
    cases.push({
      name: "--job-type CREATE_SERVER_IMAGE (count-only type)",
      flags: { jobType: "CREATE_SERVER_IMAGE" },
      expected: () => appCount({ jobTypes: ["CREATE_SERVER_IMAGE"] }),
    });
  } else {
    cases.push({
      name: "--job-id with the job's own type",
      flags: { jobId: IMAGE_JOB_3_SUBS, jobType: "CREATE_SERVER" },
      expected: () => 3,
    });
    cases.push({ name: "--job-id with another type", flags: { jobId: IMAGE_JOB_3_SUBS, jobType: "DELETE_SERVER" }, expected: () => 0 });
  }
  return cases;
}

describe("the scenario under test", () => {
  it("has sub-jobs of several types and statuses, so the counts differ by filter", () => {
    const perType = IMAGE_QUERY_JOB_TYPES.map((t) => imageCount({ jobTypes: [t] }));
    assert.ok(
      perType.every((n) => n > 0),
      `every image type has sub-jobs: ${perType}`,
    );
    assert.ok(imageCount({ jobTypes: ["BUILD_IMAGE"] }) > 0 && appCount({ jobTypes: ["COLLECT_HDA_LOG"] }) > 0, "and so do newer types");
    assert.ok(appCount({ jobTypes: APP_COUNT_DEFAULT_TYPES }) > 1000);
    assert.ok(appCount({ jobTypes: APP_COUNT_DEFAULT_TYPES, status: "FAILED" }) > 0);
    assert.equal(appCount({ jobTypes: APP_COUNT_DEFAULT_TYPES, jobId: APP_JOB_FAILED, status: "FAILED" }), 1);
  });
});

for (const kind of ["image", "app"] as const) {
  const target = `${kind}-sub-jobs`;
  describe(`hwjobs count ${target}`, { concurrency: 8 }, () => {
    for (const c of countCases(kind)) {
      it(`${c.name}: the oracle's number of matches`, async () => {
        const args = [
          "count",
          target,
          ...opt("--job-type", c.flags.jobType),
          ...opt("--status", c.flags.status),
          ...opt("--job-id", c.flags.jobId),
        ];
        assert.equal(parseCount(await run(args)), c.expected(), args.join(" "));
      });
    }

    it("counts the configured project only", async () => {
      const oracle = kind === "image" ? imageCount : appCount;
      const defaults = kind === "image" ? [...IMAGE_QUERY_JOB_TYPES] : APP_COUNT_DEFAULT_TYPES;
      const n = parseCount(await run(["count", target], SMALL_PROJECT));
      assert.equal(n, oracle({ jobTypes: defaults }, SMALL_PROJECT));
      assert.notEqual(n, oracle({ jobTypes: defaults }));
    });

    it("sends the comma list as one job_type value, exactly as given", async () => {
      const list = kind === "image" ? "DELETE_SERVER,CREATE_SERVER_IMAGE" : "REINSTALL_OS,MIGRATE_SERVER,SCHEDULED_TASK";
      parseCount(await run(["count", target, "--job-type", list, "--status", "RUNNING"]));
      const sent = (await requestLog(emulator.url)).filter(
        (q) =>
          q.path === `/v1/${PROJECT}/${kind === "image" ? "image-server-sub-jobs" : "app-server-sub-jobs"}/actions/count` &&
          q.query.job_type === list,
      );
      assert.equal(sent.length, 1);
      assert.deepEqual(sent[0]!.query, { job_type: list, status: "RUNNING" });
    });

    it("equals the count of the matching list", async () => {
      const jobType = kind === "image" ? "CREATE_SERVER" : "REINSTALL_OS";
      const count = parseCount(await run(["count", target, "--job-type", jobType, "--status", "SUCCESS"]));
      const r = await run(["list", target, "--job-type", jobType, "--status", "SUCCESS", "--limit", "1"]);
      assertExit(r, 0);
      assert.equal((JSON.parse(r.stdout) as { count: number }).count, count);
    });
  });
}

describe("hwjobs count --output", { concurrency: 8 }, () => {
  it("table: a COUNT header and the number", async () => {
    const r = await run(["count", "image-sub-jobs", "--job-type", "CREATE_SERVER,DELETE_SERVER", "--output", "table"]);
    assertExit(r, 0);
    assert.equal(r.stderr, "", describeResult(r));
    assert.equal(r.stdout, `COUNT\n${imageCount({ jobTypes: ["CREATE_SERVER", "DELETE_SERVER"] })}\n`);
  });

  it("HWJOBS_OUTPUT=table applies when --output is absent", async () => {
    const r = await runCli(["count", "app-sub-jobs", "--status", "FAILED"], emulatorEnv(emulator.url, PROJECT, { HWJOBS_OUTPUT: "table" }));
    assertExit(r, 0);
    assert.equal(r.stdout, `COUNT\n${appCount({ jobTypes: APP_COUNT_DEFAULT_TYPES, status: "FAILED" })}\n`);
  });

  it("json (explicit) is the same document as the default", async () => {
    const r = await run(["count", "app-sub-jobs", "--job-type", "CREATE_SERVER", "--output", "json"]);
    assert.equal(parseCount(r), appCount({ jobTypes: ["CREATE_SERVER"] }));
  });

  it("none: nothing on stdout, exit 0, and the count was still requested", async () => {
    const r = await run(["count", "app-sub-jobs", "--job-type", "UPDATE_FREEZE_STATUS,REJOIN_DOMAIN", "--output", "none"]);
    assertExit(r, 0);
    assert.equal(r.stdout, "", describeResult(r));
    assert.equal(r.stderr, "", describeResult(r));
    const sent = (await requestLog(emulator.url)).filter((q) => q.query.job_type === "UPDATE_FREEZE_STATUS,REJOIN_DOMAIN");
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.status, 200);
  });
});
