// The list routes render only the requested page from the store's list indexes. Every page, at
// several clock readings and after jobs are added to orders already built, must be what the full
// render-sort-slice of every matching item gives: list-oracle.ts renders and sorts everything,
// independently of the emulator's view code, and the window is cut from that.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { JobStore, loadScenario, parseScenario, type EmulatedJob } from "../../src/emulator";
import { LIST_OPERATIONS } from "../../src/emulator/http/list-routes";
import { canonical, expectedImageJobs, expectedSubJobs } from "./list-oracle";

const P = "p1";
const START = Date.parse("2026-03-01T12:00:00.000Z");
const SUB_STATUSES = ["WAITING", "RUNNING", "ROLLBACK", "SUCCESS", "FAILED", "ABNORMAL", "ABORTING"];
const PARENT_STATUSES = ["WAITING", "RUNNING", "SUCCESS", "FAILED"];
const IMAGE_TYPES = ["CREATE_SERVER", "CREATE_SERVER_IMAGE", "DELETE_SERVER"];
const APP_TYPES = ["CREATE_SERVER", "DELETE_SERVER", "REINSTALL_OS", "CHANGE_SERVER_IMAGE"];
const SUB_JOB_KINDS = [
  { kind: "image-job", list: "ListImageSubJobs", count: "CountImageSubJobs", types: IMAGE_TYPES },
  { kind: "app-job", list: "ListSubJobs", count: "CountSubJobs", types: APP_TYPES },
] as const;

// Jobs at varied times and in every state, many sub-jobs, and ties: jobs created in the same
// millisecond, whose sub-jobs interleave by id.
const SCENARIO = parseScenario({
  seed: 7,
  projects: [
    {
      project_id: P,
      image_jobs: 120,
      app_jobs: 90,
      span_days: 0.02,
      jobs: [
        ...[0, 1, 2].map((i) => ({
          kind: "image-job",
          job_type: "CREATE_SERVER",
          sub_jobs: 40 + i,
          created_ago_ms: 5000,
          running_ms: 60_000,
        })),
        { kind: "image-job", job_type: "CREATE_SERVER", sub_jobs: 100, outcome: "failure", waiting_ms: 0, running_ms: 30_000 },
        { kind: "image-job", job_type: "CREATE_SERVER_IMAGE", sub_jobs: 100, outcome: "never", created_ago_ms: 2000 },
        { kind: "app-job", job_type: "REINSTALL_OS", sub_jobs: 60, outcome: "failure", created_ago_ms: 1000, running_ms: 90_000 },
        { kind: "app-job", job_type: "REINSTALL_OS", sub_jobs: 30, created_ago_ms: 1000 },
      ],
    },
    { project_id: "p2", image_jobs: 10, app_jobs: 10 },
  ],
});

/** Offsets and limits of the windows each query is read with, for a list of `n` matches. */
function windows(n: number): [number, number][] {
  const stride: [number, number][] = [];
  // The CLI's --all: pages of 100 overlapping by one.
  for (let offset = 0; offset < n; offset += 99) stride.push([offset, 100]);
  return [
    ...stride,
    [0, 1],
    [1, 1],
    [Math.max(0, n - 1), 1],
    [Math.floor(n / 2), 7],
    [Math.max(0, n - 3), 10],
    [n, 10],
    [n + 5, 100],
    [2147483647, 100],
  ];
}

type Page = { count: number; items: unknown[] };

function call(store: JobStore, now: number, operation: string, params: Record<string, string | number | undefined>): unknown {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, String(v));
  const reply = LIST_OPERATIONS[operation]!.handler({ params: { project_id: P }, query, body: undefined, requestId: "r", now, store });
  assert.equal(reply.status, 200, `${operation} ${query}`);
  return reply.body;
}

/** Every window of one query against the full list the oracle gives. */
function checkPages(
  store: JobStore,
  now: number,
  operation: string,
  params: Record<string, string | undefined>,
  expected: unknown[],
): void {
  const full = canonical(expected) as unknown[];
  for (const [offset, limit] of windows(expected.length)) {
    const what = `${operation} ${JSON.stringify(params)} offset ${offset} limit ${limit} at +${now - START} ms`;
    const page = call(store, now, operation, { ...params, offset, limit }) as Page;
    assert.equal(page.count, expected.length, what);
    assert.deepEqual(canonical(page.items), full.slice(offset, offset + limit), what);
  }
  // No offset or limit: the first 10.
  const first = call(store, now, operation, params) as Page;
  assert.deepEqual(canonical(first.items), full.slice(0, 10), `${operation} ${JSON.stringify(params)} default window`);
}

function checkEverything(store: JobStore, now: number): void {
  for (const jobType of IMAGE_TYPES) {
    for (const status of [undefined, ...PARENT_STATUSES]) {
      checkPages(store, now, "ListImageJobs", { job_type: jobType, status }, expectedImageJobs(store, P, now, { jobType, status }));
    }
  }
  for (const { kind, list, count, types } of SUB_JOB_KINDS) {
    const some = store.list().filter((j) => j.kind === kind && j.projectId === P);
    const jobIds = [undefined, some[0]!.id, some.find((j) => j.subJobs >= 30)!.id, "no-such-job"];
    for (const jobType of types) {
      for (const status of [undefined, ...SUB_STATUSES]) {
        for (const jobId of jobIds) {
          const expected = expectedSubJobs(store, kind, P, now, { jobTypes: [jobType], status, jobId });
          checkPages(store, now, list, { job_type: jobType, status, job_id: jobId }, expected);
        }
      }
    }
    for (const jobTypes of [undefined, types.slice(0, 2), [types[0]!, "NO_SUCH_TYPE"]]) {
      for (const status of [undefined, ...SUB_STATUSES]) {
        const defaults = kind === "image-job" ? IMAGE_TYPES : undefined;
        const expected = expectedSubJobs(store, kind, P, now, { jobTypes: jobTypes ?? defaults, status, jobId: jobIds[2] });
        const all = expectedSubJobs(store, kind, P, now, { jobTypes: jobTypes ?? defaults, status });
        const joined = jobTypes?.join(",");
        assert.equal((call(store, now, count, { job_type: joined, status }) as Page).count, all.length, `${count} ${joined} ${status}`);
        assert.equal((call(store, now, count, { job_type: joined, status, job_id: jobIds[2] }) as Page).count, expected.length);
      }
    }
    // sub_job_ids: every match, no window.
    const picked = some.flatMap((j) => j.subJobIds.slice(0, 2)).slice(0, 25);
    const expected = expectedSubJobs(store, kind, P, now, { jobTypes: [types[0]!], subJobIds: picked });
    const page = call(store, now, list, { job_type: types[0], sub_job_ids: picked.join(","), offset: 3, limit: 1 }) as Page;
    assert.equal(page.count, expected.length);
    assert.deepEqual(canonical(page.items), canonical(expected));
  }
}

/** A job at `createdAt` with the given sub-job ids, as a scenario would insert it. */
function exactJob(id: string, createdAt: number, subJobIds: string[]): EmulatedJob {
  return {
    kind: "image-job",
    projectId: P,
    id,
    jobType: "DELETE_SERVER",
    waitingMs: 1000,
    runningMs: 4000,
    outcome: "success",
    subJobs: subJobIds.length,
    errorCode: "",
    errorMessage: "",
    createdAt,
    subJobIds,
    resourceIds: subJobIds.map((s) => `r-${id}-${s}`),
    resourceNames: subJobIds.map((s) => `n-${id}-${s}`),
  };
}

describe("list pages rendered from the list indexes", () => {
  it("equal the full render-sort-slice at every window, filter and clock reading", () => {
    let now = START;
    const store = new JobStore(() => now);
    loadScenario(store, SCENARIO, START);
    for (const later of [0, 1500, 20_000, 3_600_000]) checkEverything(store, (now = START + later));
  });

  it("stay equal after jobs are added to orders already built, ties included", () => {
    let now = START;
    const store = new JobStore(() => now);
    loadScenario(store, SCENARIO, START);
    checkEverything(store, now);
    // Newer, older and tying jobs (created in the same millisecond as others, with the same
    // sub-job ids: the order of exact ties is insertion order, as a stable sort gives it).
    const tie = store.list().find((j) => j.kind === "image-job" && j.projectId === P)!.createdAt;
    store.insertAll([exactJob("1", tie, ["9", "10", "9"]), exactJob("2", tie, ["9", "8"]), exactJob("3", START - 10, ["5"])]);
    for (let i = 0; i < 5; i++) store.createJob({ kind: "image-job", projectId: P, jobType: "CREATE_SERVER", subJobs: 3 + i });
    store.createJob({ kind: "app-job", projectId: P, jobType: "REINSTALL_OS", subJobs: 100, waitingMs: 0, outcome: "failure" });
    store.insertAll([exactJob("4", tie, ["9"])]);
    for (const later of [0, 2000, 3_600_000]) checkEverything(store, (now = START + later));
  });

  it("are empty after the store is cleared, and rebuilt from the jobs added since", () => {
    let now = START;
    const store = new JobStore(() => now);
    loadScenario(store, SCENARIO, START);
    checkEverything(store, now);
    store.clear();
    assert.deepEqual(call(store, now, "ListImageSubJobs", { job_type: "CREATE_SERVER" }), { count: 0, items: [] });
    assert.deepEqual(call(store, now, "ListImageJobs", { job_type: "CREATE_SERVER" }), { count: 0, items: [] });
    loadScenario(store, SCENARIO, START);
    checkEverything(store, (now = START + 5000));
  });
});
