// Reading every page over real HTTP: the in-process client (HwClient + runQuery / fetchAllPages)
// and the CLI bundle against the emulator, with more than 1,000 items. Checks the result against
// the independent list oracle (in order, each item exactly once), that page requests really
// overlap (the emulator's in-flight counter) without exceeding the configured concurrency, and
// that a list that grows mid-read is read again rather than returned torn.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { listAppSubJobs } from "../../src/api/list-app-sub-jobs";
import { HwClient } from "../../src/core/client";
import { resolveConfig } from "../../src/core/config";
import { fetchAllPages } from "../../src/core/pagination";
import { DEMO_CREDENTIALS, parseScenario, startEmulator, type ApiRequestInfo, type RunningEmulator } from "../../src/emulator";
import { parseQuery, runQuery, type ListResult, type QueryOperation } from "../../src/jobs";
import { assertExit, describeResult, emulatorEnv, killLiveChildren, runCli } from "../helpers/cli";
import { canonical, expectedSubJobs, type SubJobQuery } from "../emulator/list-oracle";

const PROJECT = "proj-pagination";
/** A project of its own for the read that sees the list change, so the other reads stay stable. */
const CHANGING_PROJECT = "proj-pagination-changing";
/** How long the emulator holds every API request, so concurrent page requests overlap. */
const HOLD_MS = 15;

/**
 * Explicit jobs: 150 app-server jobs of type CREATE_SERVER with 1 to 15 sub-jobs each (1,200
 * sub-jobs), 40 image-server jobs of type CREATE_SERVER_IMAGE with 26 each (1,040 sub-jobs),
 * created in groups of three at the same instant (so the id tie-break is exercised), in mixed
 * states; plus generated jobs of every type around them.
 */
function paginationScenario() {
  const appJobs = Array.from({ length: 150 }, (_, i) => ({
    kind: "app-job",
    job_type: "CREATE_SERVER",
    sub_jobs: 1 + (i % 15),
    waiting_ms: 1000,
    running_ms: (i % 4) * 3_600_000,
    ...(i % 7 === 0 ? { outcome: "failure" } : {}),
    created_ago_ms: Math.floor(i / 3) * 60_000,
  }));
  const imageJobs = Array.from({ length: 40 }, (_, i) => ({
    kind: "image-job",
    job_type: "CREATE_SERVER_IMAGE",
    sub_jobs: 26,
    waiting_ms: 0,
    running_ms: (i % 3) * 7_200_000,
    created_ago_ms: Math.floor(i / 3) * 90_000,
  }));
  const changing = Array.from({ length: 45 }, (_, i) => ({
    kind: "app-job",
    job_type: "CREATE_SERVER",
    sub_jobs: 10,
    waiting_ms: 0,
    running_ms: 0,
    created_ago_ms: (i + 1) * 30_000,
  }));
  return parseScenario({
    seed: 7,
    projects: [
      { project_id: PROJECT, app_jobs: 60, image_jobs: 60, span_days: 3, jobs: [...appJobs, ...imageJobs] },
      { project_id: CHANGING_PROJECT, jobs: changing },
    ],
  });
}

let emulator: RunningEmulator;
let client: HwClient;
// A frozen clock: statuses cannot move between the reads and the oracle's reading.
const NOW = Date.now();
/** Extra behaviour of the request hook, set by a test. */
let extraHook: ((req: ApiRequestInfo) => void) | undefined;
/** The list requests received (path and paging), in arrival order. */
let pageRequests: Array<{ path: string; offset: number; limit: number | undefined }> = [];
/** Process warnings (e.g. MaxListenersExceededWarning) emitted while the reads run. */
const warnings: Error[] = [];
const onWarning = (warning: Error) => void warnings.push(warning);

before(async () => {
  process.on("warning", onWarning);
  emulator = await startEmulator({
    port: 0,
    now: () => NOW,
    scenario: paginationScenario(),
    onApiRequest: async (req) => {
      pageRequests.push({
        path: req.path,
        offset: Number(req.query.offset ?? "0"),
        limit: req.query.limit === undefined ? undefined : Number(req.query.limit),
      });
      extraHook?.(req);
      await sleep(HOLD_MS);
    },
  });
  const env = { HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey, HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey };
  client = new HwClient(resolveConfig({ endpoint: emulator.url, projectId: PROJECT }, env), { env: {} });
});
after(async () => {
  process.off("warning", onWarning);
  killLiveChildren();
  await client.close();
  await emulator.close();
});
beforeEach(() => {
  extraHook = undefined;
  pageRequests = [];
  emulator.resetStats();
});

type Item = Record<string, unknown>;
const appSubs = (q: SubJobQuery, project = PROJECT) => expectedSubJobs(emulator.store, "app-job", project, NOW, q);
const imageSubs = (q: SubJobQuery) => expectedSubJobs(emulator.store, "image-job", PROJECT, NOW, q);

/** Every item, in the oracle's order, each exactly once. */
function assertSameList(actual: readonly Item[], expected: readonly Item[], what: string): void {
  const ids = actual.map((i) => i.id);
  assert.equal(new Set(ids).size, ids.length, `${what}: no item twice`);
  assert.equal(actual.length, expected.length, `${what}: no item missing`);
  assert.deepEqual(
    ids,
    expected.map((i) => i.id),
    `${what}: ids in order`,
  );
  assert.deepEqual(canonical(actual), canonical(expected), `${what}: items`);
}

async function readAll(op: QueryOperation, raw: Record<string, string>, concurrency: number, c: HwClient = client): Promise<ListResult> {
  const result = await runQuery(c, parseQuery(op, raw, undefined, { all: true }), { all: true, concurrency });
  assert.equal(result.kind, "list");
  return result as ListResult;
}

/** Pages of `size` that overlap by one item: offsets 0, size-1, 2(size-1), ... until the last item is read. */
function overlappingOffsets(total: number, size: number): number[] {
  const offsets = [0];
  for (let offset = size - 1; offset + 1 < total; offset += size - 1) offsets.push(offset);
  return offsets;
}

/** Asserts the page requests of one consistent read: offsets 0, 99, 198, ... once each, limit 100. */
function assertOneRead(total: number, path: string): void {
  const offsets = pageRequests.filter((r) => r.path === path).map((r) => r.offset);
  const expected = overlappingOffsets(total, 100);
  assert.deepEqual(
    [...offsets].sort((a, b) => a - b),
    expected,
    "each page requested once",
  );
  assert.equal(offsets[0], 0, "the first page first");
  assert.ok(
    pageRequests.every((r) => r.limit === 100),
    "pages of the largest size",
  );
}

describe("every page over real HTTP, in-process client", () => {
  it("the scenario has more than 1,000 matches for each list read below", () => {
    assert.ok(appSubs({ jobTypes: ["CREATE_SERVER"] }).length > 1000);
    assert.ok(imageSubs({ jobTypes: ["CREATE_SERVER_IMAGE"] }).length > 1000);
    const statuses = new Set(appSubs({ jobTypes: ["CREATE_SERVER"] }).map((i) => i.status));
    assert.ok(statuses.size >= 3, `mixed states: ${[...statuses]}`);
  });

  it("list-app-sub-jobs, all pages, concurrency 4: the oracle's list; requests overlap, at most 4 at once", async () => {
    const result = await readAll("list-app-sub-jobs", { job_type: "CREATE_SERVER" }, 4);
    const expected = appSubs({ jobTypes: ["CREATE_SERVER"] });
    assert.equal(result.count, expected.length);
    assertSameList(result.items, expected, "app sub-jobs");
    const stats = emulator.stats();
    assert.ok(stats.maxInFlight > 1, `page requests overlapped (max in flight ${stats.maxInFlight})`);
    assert.ok(stats.maxInFlight <= 4, `never more than the concurrency (max in flight ${stats.maxInFlight})`);
    assert.equal(stats.requests, overlappingOffsets(expected.length, 100).length, "one request per page");
    assertOneRead(expected.length, `/v1/${PROJECT}/app-server-sub-jobs`);
  });

  it("list-image-sub-jobs, all pages, concurrency 16: the oracle's list; at most 16 at once", async () => {
    const result = await readAll("list-image-sub-jobs", { job_type: "CREATE_SERVER_IMAGE" }, 16);
    const expected = imageSubs({ jobTypes: ["CREATE_SERVER_IMAGE"] });
    assert.equal(result.count, expected.length);
    assertSameList(result.items, expected, "image sub-jobs");
    const { maxInFlight } = emulator.stats();
    assert.ok(maxInFlight > 1 && maxInFlight <= 16, `max in flight ${maxInFlight}`);
    assertOneRead(expected.length, `/v1/${PROJECT}/image-server-sub-jobs`);
  });

  it("a wide read (concurrency 16, 12 workers) prints no process warning such as MaxListenersExceededWarning", async () => {
    warnings.length = 0;
    const result = await readAll("list-app-sub-jobs", { job_type: "CREATE_SERVER" }, 16);
    assertSameList(result.items, appSubs({ jobTypes: ["CREATE_SERVER"] }), "concurrency 16");
    assert.ok(emulator.stats().maxInFlight > 4, `more than 4 requests in flight (${emulator.stats().maxInFlight})`);
    // Warnings are emitted on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(
      warnings.map((w) => `${w.name}: ${w.message}`),
      [],
    );
  });

  it("concurrency 1 reads the same list one page at a time", async () => {
    const result = await readAll("list-app-sub-jobs", { job_type: "CREATE_SERVER" }, 1);
    assertSameList(result.items, appSubs({ jobTypes: ["CREATE_SERVER"] }), "concurrency 1");
    assert.equal(emulator.stats().maxInFlight, 1);
  });

  it("with a status filter: the oracle's filtered list", async () => {
    const result = await readAll("list-app-sub-jobs", { job_type: "CREATE_SERVER", status: "SUCCESS" }, 3);
    const expected = appSubs({ jobTypes: ["CREATE_SERVER"], status: "SUCCESS" });
    assert.ok(expected.length > 100, "more than one page");
    assert.equal(result.count, expected.length);
    assertSameList(result.items, expected, "SUCCESS");
    assert.ok(emulator.stats().maxInFlight <= 3);
  });

  it("fetchAllPages with an odd page size over listAppSubJobs: the oracle's list", async () => {
    const all = await fetchAllPages(
      (offset, limit, signal) => listAppSubJobs(client, { job_type: "CREATE_SERVER", offset, limit }, signal),
      {
        pageSize: 37,
        concurrency: 5,
        idOf: (item) => item.id ?? undefined,
      },
    );
    const expected = appSubs({ jobTypes: ["CREATE_SERVER"] });
    assert.equal(all.count, expected.length);
    assertSameList(all.items as Item[], expected, "page size 37");
    const offsets = pageRequests.map((r) => r.offset).sort((a, b) => a - b);
    assert.deepEqual(offsets, overlappingOffsets(expected.length, 37));
    const { maxInFlight } = emulator.stats();
    assert.ok(maxInFlight > 1 && maxInFlight <= 5, `max in flight ${maxInFlight}`);
  });
});

describe("a list that grows while it is read", () => {
  it("is read again: the result is the list as it ends up, each item once, in order", async () => {
    const path = `/v1/${CHANGING_PROJECT}/app-server-sub-jobs`;
    const initial = appSubs({ jobTypes: ["CREATE_SERVER"] }, CHANGING_PROJECT);
    assert.ok(initial.length > 300, "several pages");
    const inserted: string[] = [];
    // Right after the first page of the first read has been answered (as the next page request
    // arrives), new jobs appear: they are the newest, so every later page shifts.
    extraHook = (req) => {
      if (req.path !== path || inserted.length > 0) return;
      if (Number(req.query.offset ?? "0") === 0) return;
      for (let i = 0; i < 3; i++) {
        const job = emulator.store.createJob({
          kind: "app-job",
          projectId: CHANGING_PROJECT,
          jobType: "CREATE_SERVER",
          subJobs: 4,
          waitingMs: 0,
          runningMs: 0,
        });
        inserted.push(...job.subJobIds);
      }
    };
    const changingClient = new HwClient(
      resolveConfig(
        { endpoint: emulator.url, projectId: CHANGING_PROJECT },
        { HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey, HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey },
      ),
      { env: {} },
    );
    try {
      const result = await readAll("list-app-sub-jobs", { job_type: "CREATE_SERVER" }, 4, changingClient);
      assert.equal(inserted.length, 12, "the jobs were inserted mid-read");
      const expected = appSubs({ jobTypes: ["CREATE_SERVER"] }, CHANGING_PROJECT);
      assert.equal(expected.length, initial.length + 12);
      assert.equal(result.count, expected.length, "the count of the list as it ends up");
      assertSameList(result.items, expected, "after the change");
      for (const id of inserted)
        assert.ok(
          result.items.some((i) => i.id === id),
          `inserted sub-job ${id} is listed`,
        );
      const firstPages = pageRequests.filter((r) => r.path === path && r.offset === 0).length;
      assert.ok(firstPages > 1, `the first page was requested again (${firstPages} times): the list was re-read`);
    } finally {
      await changingClient.close();
    }
  });
});

describe("the CLI reads every page", () => {
  it("hwjobs list app-sub-jobs --all --concurrency 8: the same 1,000+ ids in order", async () => {
    const r = await runCli(
      ["list", "app-sub-jobs", "--job-type", "CREATE_SERVER", "--all", "--concurrency", "8"],
      emulatorEnv(emulator.url, PROJECT),
    );
    assertExit(r, 0);
    assert.equal(r.stderr, "", describeResult(r));
    const doc = JSON.parse(r.stdout) as { count: number; items: Item[] };
    const expected = appSubs({ jobTypes: ["CREATE_SERVER"] });
    assert.ok(expected.length > 1000);
    assert.equal(doc.count, expected.length);
    assertSameList(doc.items, expected, "CLI");
    const { maxInFlight } = emulator.stats();
    assert.ok(maxInFlight > 1 && maxInFlight <= 8, `max in flight ${maxInFlight}`);
    assertOneRead(expected.length, `/v1/${PROJECT}/app-server-sub-jobs`);
  });

  it("hwjobs list image-sub-jobs --all --concurrency 2 --output none: nothing printed, every page read", async () => {
    const r = await runCli(
      ["list", "image-sub-jobs", "--job-type", "CREATE_SERVER_IMAGE", "--all", "--concurrency", "2", "--output", "none"],
      emulatorEnv(emulator.url, PROJECT),
    );
    assertExit(r, 0);
    assert.equal(r.stdout, "");
    assertOneRead(imageSubs({ jobTypes: ["CREATE_SERVER_IMAGE"] }).length, `/v1/${PROJECT}/image-server-sub-jobs`);
    assert.ok(emulator.stats().maxInFlight <= 2);
  });
});
