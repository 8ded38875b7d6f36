// Bounded state: jobs, queued faults and scenarios have ceilings; a request past one gets a 4xx
// naming the limit and its value and changes nothing. The request log is a ring buffer.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  FaultQueue,
  JobStore,
  RequestLog,
  SCENARIO_LIMITS,
  startEmulator,
  type RequestLogEntry,
  type RunningEmulator,
} from "../../src/emulator";
import { EMULATOR_LIMITS, LimitExceededError, limitsTable } from "../../src/emulator/limits";
import { callAdmin, obj } from "../helpers/emulator-client";

const { jobs: maxJobs, faults: maxFaults, requestLog, subJobsPerJob } = EMULATOR_LIMITS;

describe("limits through the admin API", () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  const admin = (method: string, path: string, body?: unknown) => callAdmin(emulator.url, method, path, body);

  function assertLimit(reply: { status: number; json: unknown; text: string }, name: string, max: number): void {
    assert.equal(reply.status, 409, reply.text);
    const body = obj(reply.json);
    assert.deepEqual([body.error_code, body.limit, body.max], ["EMULATOR.LIMIT_EXCEEDED", name, max]);
    assert.match(body.error_msg as string, new RegExp(`at most ${name} \\(${max} `));
  }

  it("holds at most max_jobs jobs, scenario-seeded ones included: 409, nothing added, reset frees them", async () => {
    const half = maxJobs.value / 2;
    const full = await admin("POST", "/_emulator/scenario", { seed: 1, project_id: "p", image_jobs: half, app_jobs: half });
    assert.equal(full.status, 201, full.text);
    assert.equal(emulator.store.list().length, maxJobs.value);
    assertLimit(await admin("POST", "/_emulator/jobs", { kind: "ims-job", project_id: "p" }), "max_jobs", maxJobs.value);
    const more = await admin("POST", "/_emulator/scenario", { seed: 2, project_id: "q", ims_jobs: 1 });
    assertLimit(more, "max_jobs", maxJobs.value);
    assert.match(obj(more.json).error_msg as string, /it has 20000 and this request adds 1/);
    assert.equal(emulator.store.list().length, maxJobs.value, "nothing was added");
    assert.equal((await admin("POST", "/_emulator/reset")).status, 200);
    assert.equal((await admin("POST", "/_emulator/jobs", { kind: "ims-job", project_id: "p" })).status, 201);
  });

  it("refuses a scenario larger than max_jobs with 400 before generating anything", async () => {
    const reply = await admin("POST", "/_emulator/scenario", { seed: 1, project_id: "p", image_jobs: maxJobs.value, ims_jobs: 1 });
    assert.deepEqual(
      [reply.status, obj(reply.json).error_msg],
      [400, `projects: at most ${maxJobs.value} jobs in all (max_jobs; this scenario has ${maxJobs.value + 1})`],
    );
    assert.equal(emulator.store.list().length, 0);
    assert.equal(SCENARIO_LIMITS.totalJobs, maxJobs.value, "a valid scenario always fits an empty emulator");
  });

  it("queues at most max_faults faults: 409, nothing queued, clearing frees them", async () => {
    for (let i = 0; i < maxFaults.value; i++) emulator.faults.add({ status: 500 });
    assertLimit(
      await admin("POST", "/_emulator/faults", { status: 200, times: -1, body: { status: "SUCCESS" } }),
      "max_faults",
      maxFaults.value,
    );
    assert.equal(emulator.faults.list().length, maxFaults.value);
    assert.equal(
      emulator.faults.list().some((f) => f.status === 200),
      false,
    );
    assert.equal((await admin("DELETE", "/_emulator/faults")).status, 200);
    assert.equal((await admin("POST", "/_emulator/faults", { status: 503 })).status, 201);
  });

  it("takes at most max_sub_jobs sub-jobs per job, from the admin API and in scenarios", async () => {
    assert.equal((await admin("POST", "/_emulator/jobs", { kind: "app-job", project_id: "p", sub_jobs: subJobsPerJob.value })).status, 201);
    const over = await admin("POST", "/_emulator/jobs", { kind: "app-job", project_id: "p", sub_jobs: subJobsPerJob.value + 1 });
    assert.deepEqual([over.status, obj(over.json).error_msg], [400, `sub_jobs: must be an integer from 1 to ${subJobsPerJob.value}`]);
    const scenario = await admin("POST", "/_emulator/scenario", {
      seed: 1,
      project_id: "q",
      jobs: [{ kind: "image-job", sub_jobs: subJobsPerJob.value + 1 }],
    });
    assert.deepEqual(
      [scenario.status, obj(scenario.json).error_msg],
      [400, `jobs[0].sub_jobs: must be an integer from 1 to ${subJobsPerJob.value}`],
    );
    assert.equal(emulator.store.list().length, 1);
  });
});

describe("JobStore and FaultQueue capacity", () => {
  it("JobStore.insertAll is all or nothing at the cap; createJob throws LimitExceededError when full", () => {
    const store = new JobStore(() => 0, 3);
    store.createJob({ kind: "ims-job", projectId: "p", id: "a" });
    store.createJob({ kind: "ims-job", projectId: "p", id: "b" });
    const two = [store.get("ims-job", "p", "a")!, store.get("ims-job", "p", "b")!].map((j) => ({ ...j, projectId: "q" }));
    assert.throws(
      () => store.insertAll(two),
      (e: unknown) => e instanceof LimitExceededError && e.limit.name === "max_jobs" && e.limit.value === 3,
    );
    assert.equal(store.list().length, 2, "neither was added");
    store.createJob({ kind: "ims-job", projectId: "p", id: "c" });
    assert.throws(() => store.createJob({ kind: "ims-job", projectId: "p", id: "d" }), LimitExceededError);
    assert.deepEqual(
      store.list().map((j) => j.id),
      ["a", "b", "c"],
    );
  });

  it("FaultQueue.add throws LimitExceededError when full, and has room again after a fault is used up", () => {
    const faults = new FaultQueue(2);
    faults.add({ status: 500, pathPrefix: "/a" });
    faults.add({ status: 500, pathPrefix: "/b" });
    assert.throws(
      () => faults.add({ status: 500 }),
      (e: unknown) => e instanceof LimitExceededError && e.limit.name === "max_faults" && e.limit.value === 2,
    );
    assert.ok(faults.take("GET", "/a/x"));
    faults.add({ status: 503 });
    assert.deepEqual(
      faults.list().map((f) => f.status),
      [500, 503],
    );
  });
});

describe("RequestLog ring buffer", () => {
  const entry = (n: number): RequestLogEntry => ({ method: "GET", path: `/${n}`, query: {}, status: 200, auth: "none", at: String(n) });
  const paths = (log: RequestLog) => log.list().map((e) => e.path);

  it("keeps the newest `capacity` entries, oldest first, across many wrap-arounds", () => {
    const log = new RequestLog(3);
    assert.deepEqual(paths(log), []);
    log.record(entry(1));
    log.record(entry(2));
    assert.deepEqual(paths(log), ["/1", "/2"]);
    for (let n = 3; n <= 10; n++) log.record(entry(n));
    assert.deepEqual(paths(log), ["/8", "/9", "/10"]);
    log.clear();
    log.record(entry(11));
    assert.deepEqual(paths(log), ["/11"]);
  });

  it("holds request_log_entries by default", () => {
    const log = new RequestLog();
    for (let n = 1; n <= requestLog.value + 5; n++) log.record(entry(n));
    const all = paths(log);
    assert.equal(all.length, requestLog.value);
    assert.deepEqual([all[0], all.at(-1)], ["/6", `/${requestLog.value + 5}`]);
  });

  it("records in O(1): once full, no array is shifted, spliced or copied", () => {
    const log = new RequestLog(1000);
    for (let n = 0; n < 1000; n++) log.record(entry(n));
    const methods = ["splice", "shift", "unshift", "slice", "concat", "copyWithin", "filter", "push"] as const;
    // A plain object, not an array: counting must not call the methods being counted.
    const calls: Record<string, number> = {};
    const originals = methods.map((m) => [m, Array.prototype[m]] as const);
    for (const [m, original] of originals) {
      // Counted only for arrays as large as the log, so the test's own bookkeeping is not counted.
      Object.defineProperty(Array.prototype, m, {
        configurable: true,
        writable: true,
        value: function (this: unknown[], ...args: unknown[]) {
          if (this.length >= 1000) calls[m] = (calls[m] ?? 0) + 1;
          return (original as (...a: unknown[]) => unknown).apply(this, args);
        },
      });
    }
    try {
      for (let n = 0; n < 5000; n++) log.record(entry(n));
    } finally {
      for (const [m, original] of originals)
        Object.defineProperty(Array.prototype, m, { configurable: true, writable: true, value: original });
    }
    assert.deepEqual(calls, {});
    assert.deepEqual(paths(log).slice(0, 2), ["/4000", "/4001"]);
  });

  it("refuses a capacity below 1", () => {
    assert.throws(() => new RequestLog(0), RangeError);
  });
});

describe("EMULATOR_LIMITS", () => {
  it("renders the README table from the registry, one row per limit", () => {
    const table = limitsTable().split("\n");
    assert.equal(table.length, 2 + Object.keys(EMULATOR_LIMITS).length);
    assert.ok(
      table.includes(
        "| `max_jobs` | 20,000 jobs | jobs held, created or scenario-seeded (one scenario may have as many) | 409 `EMULATOR.LIMIT_EXCEEDED`, nothing added; `POST /_emulator/reset` frees them |",
      ),
    );
    assert.equal(new Set(Object.values(EMULATOR_LIMITS).map((l) => l.name)).size, Object.keys(EMULATOR_LIMITS).length, "names are unique");
  });
});
