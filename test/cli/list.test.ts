// `hwjobs list image-jobs|image-sub-jobs|app-sub-jobs` as the real bundle, against an emulator
// seeded with scenarios/realistic.json, compared with the independent list oracle: every target,
// every filter, --offset/--limit windows, --all, and the table and none output formats.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SCENARIO_JOBS, SCENARIO_PROJECT, SCENARIO_SMALL_PROJECT, startScenarioEmulator } from "../helpers/scenario";
import { APP_QUERY_JOB_TYPES, IMAGE_QUERY_JOB_TYPES, type RunningEmulator } from "../../src/emulator";
import { assertExit, describeResult, emulatorEnv, killLiveChildren, runCli, type CliResult } from "../helpers/cli";
import { requestLog } from "../helpers/emulator-admin";
import { canonical, expectedImageJobs, expectedSubJobs, type SubJobQuery } from "../emulator/list-oracle";

const PROJECT = SCENARIO_PROJECT;
const SMALL_PROJECT = SCENARIO_SMALL_PROJECT;
const PARENT_STATUSES = ["WAITING", "RUNNING", "SUCCESS", "FAILED"] as const;
const SUB_STATUSES = ["WAITING", "RUNNING", "SUCCESS", "FAILED", "ABNORMAL", "ROLLBACK", "ABORTING"] as const;
const IMAGE_JOB_3_SUBS = SCENARIO_JOBS.imageJobWithThreeSubJobs;
const IMAGE_JOB_FAILED = SCENARIO_JOBS.failedImageJob;
const APP_JOB_FAILED = SCENARIO_JOBS.failedAppJob;

let emulator: RunningEmulator;
// A frozen clock: job statuses cannot move between the CLI's requests and the oracle's reading.
// (Real time stays within the emulator's 15-minute signature window for the whole file.)
const NOW = Date.now();

before(async () => {
  emulator = await startScenarioEmulator(NOW);
});
after(async () => {
  killLiveChildren();
  await emulator.close();
});

type Item = Record<string, unknown>;
interface ListDoc {
  count: number;
  items: Item[];
}

function run(args: readonly string[], project = PROJECT): Promise<CliResult> {
  return runCli(args, emulatorEnv(emulator.url, project));
}

/** Exit 0, nothing on stderr, stdout exactly one `{"count", "items"}` JSON document. */
function parseList(r: CliResult): ListDoc {
  assertExit(r, 0);
  assert.equal(r.stderr, "", describeResult(r));
  assert.ok(r.stdout.endsWith("\n"), describeResult(r));
  const doc = JSON.parse(r.stdout) as ListDoc;
  assert.deepEqual(Object.keys(doc), ["count", "items"], describeResult(r));
  assert.equal(typeof doc.count, "number");
  assert.ok(Array.isArray(doc.items));
  return doc;
}

const ids = (items: readonly Item[]): unknown[] => items.map((i) => i.id);

/** The CLI's page equals `expected.slice(offset, offset + limit)`, with count = every match. */
function assertWindow(doc: ListDoc, expected: readonly Item[], offset: number, limit: number, what: string): void {
  assert.equal(doc.count, expected.length, `${what}: count is the total number of matches`);
  const window = expected.slice(offset, offset + limit);
  assert.deepEqual(ids(doc.items), ids(window), `${what}: ids in order`);
  assert.deepEqual(canonical(doc.items), canonical(window), `${what}: items as the API returns them`);
}

/** `--all`: every match exactly once, in the documented order. */
function assertAll(doc: ListDoc, expected: readonly Item[], what: string): void {
  assert.equal(doc.count, expected.length, `${what}: count`);
  assert.equal(doc.items.length, expected.length, `${what}: every item read`);
  assert.equal(new Set(ids(doc.items)).size, doc.items.length, `${what}: no item twice`);
  assert.deepEqual(ids(doc.items), ids(expected), `${what}: ids in order`);
  assert.deepEqual(canonical(doc.items), canonical(expected), `${what}: items`);
}

const imageJobs = (jobType: string, status?: string, project = PROJECT) =>
  expectedImageJobs(emulator.store, project, NOW, { jobType, status });
const imageSubs = (q: SubJobQuery, project = PROJECT) => expectedSubJobs(emulator.store, "image-job", project, NOW, q);
const appSubs = (q: SubJobQuery, project = PROJECT) => expectedSubJobs(emulator.store, "app-job", project, NOW, q);
const opt = (flag: string, value: string | undefined): string[] => (value === undefined ? [] : [flag, value]);

describe("the scenario under test", () => {
  it("has enough jobs in enough states for every filter and window to mean something", () => {
    const parentStatuses = new Set(IMAGE_QUERY_JOB_TYPES.flatMap((t) => imageJobs(t).map((i) => i.status)));
    for (const s of ["RUNNING", "SUCCESS", "FAILED"]) assert.ok(parentStatuses.has(s), `an image job is ${s}`);
    const subStatuses = new Set(appSubs({ jobTypes: APP_QUERY_JOB_TYPES }).map((i) => i.status));
    for (const s of ["SUCCESS", "FAILED"]) assert.ok(subStatuses.has(s), `an app sub-job is ${s}`);
    assert.ok(imageSubs({ jobTypes: ["CREATE_SERVER"] }).length > 300, "several pages of image sub-jobs");
    assert.ok(imageJobs("CREATE_SERVER").length > 100, "more than one page of image jobs");
    assert.equal(imageSubs({ jobTypes: IMAGE_QUERY_JOB_TYPES, jobId: IMAGE_JOB_3_SUBS }).length, 3);
    assert.equal(appSubs({ jobTypes: APP_QUERY_JOB_TYPES, jobId: APP_JOB_FAILED }).length, 4);
  });
});

describe("hwjobs list image-jobs", { concurrency: 8 }, () => {
  for (const jobType of IMAGE_QUERY_JOB_TYPES) {
    for (const status of [undefined, ...PARENT_STATUSES]) {
      it(`--job-type ${jobType}${status ? ` --status ${status}` : ""}: the API's first page (limit 10) and the total`, async () => {
        const doc = parseList(await run(["list", "image-jobs", "--job-type", jobType, ...opt("--status", status)]));
        assertWindow(doc, imageJobs(jobType, status), 0, 10, `${jobType}/${status}`);
      });
    }
  }

  it("--offset/--limit windows: first, middle, last, past the end, the largest offset", async () => {
    const expected = imageJobs("CREATE_SERVER");
    const n = expected.length;
    const windows = [
      [0, 1],
      [0, 100],
      [17, 7],
      [n - 3, 10],
      [n - 1, 1],
      [n, 10],
      [2147483647, 100],
    ] as const;
    await Promise.all(
      windows.map(async ([offset, limit]) => {
        const doc = parseList(
          await run(["list", "image-jobs", "--job-type", "CREATE_SERVER", "--offset", String(offset), "--limit", String(limit)]),
        );
        assertWindow(doc, expected, offset, limit, `offset ${offset} limit ${limit}`);
      }),
    );
  });

  it("--offset alone keeps the API's default limit of 10; --limit alone starts at 0", async () => {
    const expected = imageJobs("CREATE_SERVER_IMAGE");
    assertWindow(
      parseList(await run(["list", "image-jobs", "--job-type", "CREATE_SERVER_IMAGE", "--offset", "5"])),
      expected,
      5,
      10,
      "--offset 5",
    );
    assertWindow(
      parseList(await run(["list", "image-jobs", "--job-type", "CREATE_SERVER_IMAGE", "--limit", "3"])),
      expected,
      0,
      3,
      "--limit 3",
    );
  });

  for (const jobType of IMAGE_QUERY_JOB_TYPES) {
    it(`--all --job-type ${jobType}: every match, newest first, each once`, async () => {
      assertAll(parseList(await run(["list", "image-jobs", "--job-type", jobType, "--all"])), imageJobs(jobType), jobType);
    });
  }

  it("--all with --status and --concurrency 1 and 16", async () => {
    assertAll(
      parseList(await run(["list", "image-jobs", "--job-type", "CREATE_SERVER", "--status", "SUCCESS", "--all", "--concurrency", "1"])),
      imageJobs("CREATE_SERVER", "SUCCESS"),
      "SUCCESS c1",
    );
    assertAll(
      parseList(await run(["list", "image-jobs", "--job-type", "CREATE_SERVER", "--status", "FAILED", "--all", "--concurrency", "16"])),
      imageJobs("CREATE_SERVER", "FAILED"),
      "FAILED c16",
    );
  });

  it("reads the project it is configured for", async () => {
    const doc = parseList(await run(["list", "image-jobs", "--job-type", "CREATE_SERVER", "--all"], SMALL_PROJECT));
    assertAll(doc, imageJobs("CREATE_SERVER", undefined, SMALL_PROJECT), "second project");
    const viaFlag = parseList(await run(["list", "image-jobs", "--job-type", "CREATE_SERVER", "--all", "--project-id", SMALL_PROJECT]));
    assert.deepEqual(ids(viaFlag.items), ids(doc.items), "--project-id wins over HW_PROJECT_ID");
  });
});

describe("hwjobs list image-sub-jobs", { concurrency: 8 }, () => {
  for (const jobType of IMAGE_QUERY_JOB_TYPES) {
    it(`--job-type ${jobType}: first page and total; --all: every sub-job`, async () => {
      const expected = imageSubs({ jobTypes: [jobType] });
      assertWindow(parseList(await run(["list", "image-sub-jobs", "--job-type", jobType])), expected, 0, 10, jobType);
      assertAll(parseList(await run(["list", "image-sub-jobs", "--job-type", jobType, "--all"])), expected, `${jobType} --all`);
    });
  }

  for (const status of SUB_STATUSES) {
    it(`--status ${status}, with a window`, async () => {
      const expected = imageSubs({ jobTypes: ["CREATE_SERVER"], status });
      const doc = parseList(
        await run(["list", "image-sub-jobs", "--job-type", "CREATE_SERVER", "--status", status, "--offset", "2", "--limit", "25"]),
      );
      assertWindow(doc, expected, 2, 25, status);
    });
  }

  it("--job-id: the sub-jobs of one job, alone and with --status", async () => {
    const expected = imageSubs({ jobTypes: ["CREATE_SERVER"], jobId: IMAGE_JOB_3_SUBS });
    assert.equal(expected.length, 3);
    assertAll(
      parseList(await run(["list", "image-sub-jobs", "--job-type", "CREATE_SERVER", "--job-id", IMAGE_JOB_3_SUBS, "--all"])),
      expected,
      "--job-id --all",
    );
    assertWindow(
      parseList(
        await run(["list", "image-sub-jobs", "--job-type", "CREATE_SERVER", "--job-id", IMAGE_JOB_3_SUBS, "--limit", "2", "--offset", "1"]),
      ),
      expected,
      1,
      2,
      "--job-id window",
    );
    const failed = imageSubs({ jobTypes: ["CREATE_SERVER_IMAGE"], jobId: IMAGE_JOB_FAILED, status: "FAILED" });
    assert.equal(failed.length, 1);
    const doc = parseList(
      await run(["list", "image-sub-jobs", "--job-type", "CREATE_SERVER_IMAGE", "--job-id", IMAGE_JOB_FAILED, "--status", "FAILED"]),
    );
    assertWindow(doc, failed, 0, 10, "--job-id --status FAILED");
    assert.deepEqual(doc.items[0]!.job_execute_info, {
      error_code: "WKS.00129901",
      error_message: "The service is now unavailable to process the request.",
    });
  });

  it("--job-id of a job of another type, or of no job: count 0, no items", async () => {
    for (const jobId of [IMAGE_JOB_3_SUBS, "does-not-exist"]) {
      const doc = parseList(await run(["list", "image-sub-jobs", "--job-type", "DELETE_SERVER", "--job-id", jobId, "--all"]));
      assert.deepEqual(doc, { count: 0, items: [] }, jobId);
    }
  });

  it("windows across page boundaries, and --all with several concurrencies", async () => {
    const expected = imageSubs({ jobTypes: ["CREATE_SERVER_IMAGE"] });
    const n = expected.length;
    for (const [offset, limit] of [
      [95, 10],
      [n - 5, 100],
      [n, 1],
    ] as const) {
      const doc = parseList(
        await run(["list", "image-sub-jobs", "--job-type", "CREATE_SERVER_IMAGE", "--offset", String(offset), "--limit", String(limit)]),
      );
      assertWindow(doc, expected, offset, limit, `offset ${offset} limit ${limit}`);
    }
    for (const concurrency of ["1", "3", "16"]) {
      assertAll(
        parseList(await run(["list", "image-sub-jobs", "--job-type", "CREATE_SERVER_IMAGE", "--all", "--concurrency", concurrency])),
        expected,
        `--concurrency ${concurrency}`,
      );
    }
  });
});

describe("hwjobs list app-sub-jobs", { concurrency: 8 }, () => {
  for (const jobType of APP_QUERY_JOB_TYPES) {
    it(`--job-type ${jobType} --all: every sub-job of that type, in order`, async () => {
      assertAll(parseList(await run(["list", "app-sub-jobs", "--job-type", jobType, "--all"])), appSubs({ jobTypes: [jobType] }), jobType);
    });
  }

  for (const status of SUB_STATUSES) {
    it(`--status ${status}: first page and total`, async () => {
      const doc = parseList(await run(["list", "app-sub-jobs", "--job-type", "CREATE_SERVER", "--status", status]));
      assertWindow(doc, appSubs({ jobTypes: ["CREATE_SERVER"], status }), 0, 10, status);
    });
  }

  it("--offset/--limit windows", async () => {
    const expected = appSubs({ jobTypes: ["CREATE_SERVER"] });
    const n = expected.length;
    await Promise.all(
      (
        [
          [0, 100],
          [33, 4],
          [n - 2, 5],
        ] as const
      ).map(async ([offset, limit]) => {
        const doc = parseList(
          await run(["list", "app-sub-jobs", "--job-type", "CREATE_SERVER", "--offset", String(offset), "--limit", String(limit)]),
        );
        assertWindow(doc, expected, offset, limit, `offset ${offset} limit ${limit}`);
      }),
    );
  });

  it("--job-id of a failed job: its sub-jobs with the flat error fields; --status narrows them", async () => {
    const all = appSubs({ jobTypes: ["UPGRADE_ACCESS_AGENT"], jobId: APP_JOB_FAILED });
    assert.equal(all.length, 4);
    assertAll(
      parseList(await run(["list", "app-sub-jobs", "--job-type", "UPGRADE_ACCESS_AGENT", "--job-id", APP_JOB_FAILED, "--all"])),
      all,
      "--job-id",
    );
    const failed = parseList(
      await run(["list", "app-sub-jobs", "--job-type", "UPGRADE_ACCESS_AGENT", "--job-id", APP_JOB_FAILED, "--status", "FAILED"]),
    );
    assertWindow(failed, appSubs({ jobTypes: ["UPGRADE_ACCESS_AGENT"], jobId: APP_JOB_FAILED, status: "FAILED" }), 0, 10, "FAILED");
    assert.equal(failed.items.length, 1);
    assert.equal(failed.items[0]!.error_code, "WKS.00129901");
    assert.equal(failed.items[0]!.error_message, "The service is now unavailable to process the request.");
  });
});

/** The cells of a table line, cut at the header's column starts. */
function cells(line: string, starts: readonly number[]): string[] {
  return starts.map((start, i) => line.slice(start, i + 1 < starts.length ? starts[i + 1] : undefined).trimEnd());
}

/** The columns of each list's table, and the cell each shows of an item. */
const TABLES = {
  "image-jobs": {
    ID: (item: Item) => item.id,
    TYPE: (item: Item) => item.job_type,
    STATUS: (item: Item) => item.status,
    SUB_JOBS: (item: Item) => item.sub_jobs_total ?? "",
    BEGIN: (item: Item) => item.begin_time,
    END: (item: Item) => item.end_time ?? "",
  },
  "sub-jobs": {
    ID: (item: Item) => item.id,
    PARENT_ID: (item: Item) => item.job_id,
    TYPE: (item: Item) => item.job_type,
    STATUS: (item: Item) => item.status,
    BEGIN: (item: Item) => item.begin_time,
    END: (item: Item) => item.end_time ?? "",
    RESOURCE: (item: Item) => (item.job_resource_info as { resource_id?: string } | undefined)?.resource_id ?? "",
    ERROR: (item: Item) => {
      const exec = item.job_execute_info as { error_code?: string; error_message?: string } | undefined;
      const code = (item.error_code as string | undefined) || exec?.error_code || "";
      const message = (item.error_message as string | undefined) || exec?.error_message || "";
      return [code, message].filter((s) => s !== "").join(" ");
    },
  },
} as const;

/** Checks a `--output table` rendering against the items it should show, and returns its lines. */
function assertTable(stdout: string, table: keyof typeof TABLES, expected: readonly Item[], total: number): void {
  assert.ok(stdout.endsWith("\n"), "ends with a newline");
  const lines = stdout.slice(0, -1).split("\n");
  assert.equal(lines.length, expected.length + 2, `header, ${expected.length} rows, footer:\n${stdout}`);
  const header = lines[0]!;
  const columns = Object.entries(TABLES[table]) as [string, (item: Item) => unknown][];
  const names = columns.map(([name]) => name);
  assert.deepEqual(header.split(/\s+/), names, "the header");
  const starts = names.map((name) => header.search(new RegExp(`(?<=^|\\s)${name}(?=\\s|$)`)));
  assert.deepEqual(
    [...starts].sort((a, b) => a - b),
    starts,
    "columns left to right",
  );
  for (let i = 1; i < starts.length; i++)
    assert.ok(header.slice(starts[i]! - 2, starts[i]).trim() === "", "at least two spaces between columns");
  expected.forEach((item, r) => {
    const line = lines[r + 1]!;
    assert.equal(line, line.trimEnd(), "no trailing spaces");
    for (const start of starts.slice(1))
      assert.ok(
        start <= line.length ? line[start - 1] === " " : true,
        `row ${r}: a column boundary at ${start} falls between cells:\n${line}`,
      );
    const want = columns.map(([, cell]) => String(cell(item)));
    assert.deepEqual(cells(line, starts), want, `row ${r} is aligned under the header and shows the item`);
  });
  assert.equal(lines.at(-1), `${expected.length} of ${total}`, "footer: shown of total");
}

describe("hwjobs list --output table|none", { concurrency: 8 }, () => {
  it("image-jobs window: header, aligned columns, N of M footer", async () => {
    const expected = imageJobs("CREATE_SERVER");
    const r = await run(["list", "image-jobs", "--job-type", "CREATE_SERVER", "--offset", "3", "--limit", "12", "--output", "table"]);
    assertExit(r, 0);
    assert.equal(r.stderr, "", describeResult(r));
    assertTable(r.stdout, "image-jobs", expected.slice(3, 15), expected.length);
  });

  it("image-sub-jobs of a failed job: resource and nested error columns", async () => {
    const expected = imageSubs({ jobTypes: ["CREATE_SERVER_IMAGE"], jobId: IMAGE_JOB_FAILED });
    const r = await run(["list", "image-sub-jobs", "--job-type", "CREATE_SERVER_IMAGE", "--job-id", IMAGE_JOB_FAILED, "--output", "table"]);
    assertExit(r, 0);
    assertTable(r.stdout, "sub-jobs", expected, expected.length);
    assert.ok(r.stdout.includes("WKS.00129901 The service is now unavailable to process the request."), r.stdout);
  });

  it("app-sub-jobs --all: flat error column, footer counts every item", async () => {
    const expected = appSubs({ jobTypes: ["UPGRADE_ACCESS_AGENT"] });
    const r = await run(["list", "app-sub-jobs", "--job-type", "UPGRADE_ACCESS_AGENT", "--all", "--output", "table"]);
    assertExit(r, 0);
    assertTable(r.stdout, "sub-jobs", expected, expected.length);
    assert.equal(r.stdout.trimEnd().split("\n").at(-1), `${expected.length} of ${expected.length}`);
  });

  it("an empty result: the header and 0 of 0", async () => {
    const r = await run(["list", "image-sub-jobs", "--job-type", "DELETE_SERVER", "--job-id", "nothing-here", "--output", "table"]);
    assertExit(r, 0);
    assertTable(r.stdout, "sub-jobs", [], 0);
  });

  it("HWJOBS_OUTPUT=table is the default format when --output is absent; --output wins", async () => {
    const env = emulatorEnv(emulator.url, PROJECT, { HWJOBS_OUTPUT: "table" });
    const expected = imageJobs("DELETE_SERVER");
    const table = await runCli(["list", "image-jobs", "--job-type", "DELETE_SERVER", "--limit", "4"], env);
    assertExit(table, 0);
    assertTable(table.stdout, "image-jobs", expected.slice(0, 4), expected.length);
    const json = await runCli(["list", "image-jobs", "--job-type", "DELETE_SERVER", "--limit", "4", "--output", "json"], env);
    assertWindow(parseList(json), expected, 0, 4, "--output json");
  });

  it("--output none prints nothing, exits 0, and still reads the list", async () => {
    const before = (await requestLog(emulator.url)).filter(
      (q) => q.path.endsWith("/app-server-sub-jobs") && q.query.job_type === "SCHEDULED_TASK",
    ).length;
    const r = await run(["list", "app-sub-jobs", "--job-type", "SCHEDULED_TASK", "--all", "--output", "none"]);
    assertExit(r, 0);
    assert.equal(r.stdout, "", describeResult(r));
    assert.equal(r.stderr, "", describeResult(r));
    const after = (await requestLog(emulator.url)).filter(
      (q) => q.path.endsWith("/app-server-sub-jobs") && q.query.job_type === "SCHEDULED_TASK",
    );
    assert.ok(after.length > before, "the pages were requested");
    assert.ok(after.every((q) => q.status === 200));
  });
});
