import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadScenario, parseScenario, type EmulatedJob, type RunningEmulator } from "../../src/emulator";
import { callApi, FakeClock, obj, startFakeClockEmulator, type Reply } from "../helpers/emulator-client";
import { canonical, expectedImageJobs, expectedSubJobs, type SubJobQuery } from "./list-oracle";

// One scenario for the whole file; read-only tests list it, the timing test uses its own project.
let emulator: RunningEmulator;
let clock: FakeClock;

const IMAGE_TYPES = ["CREATE_SERVER", "CREATE_SERVER_IMAGE", "DELETE_SERVER"];
const APP_TYPES = [
  "CREATE_SERVER",
  "DELETE_SERVER",
  "REJOIN_DOMAIN",
  "CHANGE_SERVER_IMAGE",
  "REINSTALL_OS",
  "MIGRATE_SERVER",
  "UPDATE_SERVER_TSVI",
  "UPGRADE_ACCESS_AGENT",
  "SCHEDULED_TASK",
  "UPDATE_FREEZE_STATUS",
];
const SUB_STATUSES = ["WAITING", "RUNNING", "SUCCESS", "FAILED", "ABNORMAL", "ROLLBACK", "ABORTING"];

const SCENARIO = parseScenario({
  seed: 42,
  projects: [
    {
      project_id: "p1",
      image_jobs: 150,
      app_jobs: 120,
      ims_jobs: 10,
      // Short span: more jobs still in progress at load time.
      span_days: 0.05,
      jobs: [
        // Same creation instant: ordered by id descending, numerically.
        { kind: "image-job", id: "5", job_type: "DELETE_SERVER", created_ago_ms: 1234 },
        { kind: "image-job", id: "300", job_type: "DELETE_SERVER", created_ago_ms: 1234 },
        { kind: "image-job", id: "40", job_type: "DELETE_SERVER", created_ago_ms: 1234 },
        // A type outside the query enum: never listed, not in the default count.
        { kind: "image-job", id: "777", job_type: "BUILD_IMAGE", sub_jobs: 2, created_ago_ms: 0 },
        // A long-running one with many sub-jobs for job_id tests.
        {
          kind: "app-job",
          id: "575768277444198400",
          job_type: "REINSTALL_OS",
          sub_jobs: 5,
          waiting_ms: 0,
          running_ms: 3_600_000,
          outcome: "failure",
          created_ago_ms: 3_000_000,
        },
      ],
    },
    { project_id: "p2", image_jobs: 12, app_jobs: 9, span_days: 1 },
  ],
});

before(async () => {
  ({ emulator, clock } = await startFakeClockEmulator());
  loadScenario(emulator.store, SCENARIO, clock.now());
});
after(async () => {
  await emulator.close();
});

type Params = Record<string, string | number | undefined>;
function get(path: string, params: Params = {}): Promise<Reply> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) qs.append(k, String(v));
  const query = qs.toString();
  return callApi(emulator.url, query ? `${path}?${query}` : path, { clock });
}
async function ok(path: string, params: Params = {}): Promise<{ count: number; items: unknown[] }> {
  const reply = await get(path, params);
  assert.equal(reply.status, 200, `${path} ${JSON.stringify(params)}: ${reply.text}`);
  const body = obj(reply.json);
  assert.deepEqual(Object.keys(body).sort(), ["count", "items"]);
  return { count: body.count as number, items: body.items as unknown[] };
}
async function count(path: string, params: Params = {}): Promise<number> {
  const reply = await get(path, params);
  assert.equal(reply.status, 200, reply.text);
  assert.deepEqual(Object.keys(obj(reply.json)), ["count"]);
  return obj(reply.json).count as number;
}
/** Checks a response window against the expected full list. */
function assertWindow(actual: { count: number; items: unknown[] }, expected: unknown[], offset: number, limit: number, what: string): void {
  assert.equal(actual.count, expected.length, `${what}: count is the total number of matches`);
  assert.deepEqual(canonical(actual.items), canonical(expected.slice(offset, offset + limit)), what);
}

const IMAGE_JOBS = "/v1/p1/image-server-jobs";
const IMAGE_SUB_JOBS = "/v1/p1/image-server-sub-jobs";
const IMAGE_COUNT = "/v1/p1/image-server-sub-jobs/actions/count";
const APP_SUB_JOBS = "/v1/p1/app-server-sub-jobs";
const APP_COUNT = "/v1/p1/app-server-sub-jobs/actions/count";
const now = () => clock.now();
const imageSubs = (q: SubJobQuery) => expectedSubJobs(emulator.store, "image-job", "p1", now(), q);
const appSubs = (q: SubJobQuery) => expectedSubJobs(emulator.store, "app-job", "p1", now(), q);

describe("the scenario under test", () => {
  it("has jobs in every parent status and several sub-job statuses, so the filters are exercised", () => {
    const statuses = new Set(
      IMAGE_TYPES.flatMap((t) => expectedImageJobs(emulator.store, "p1", now(), { jobType: t }).map((i) => i.status)),
    );
    assert.deepEqual([...statuses].sort(), ["FAILED", "RUNNING", "SUCCESS", "WAITING"]);
    const subStatuses = new Set(appSubs({ jobTypes: APP_TYPES }).map((i) => i.status));
    for (const s of ["RUNNING", "SUCCESS", "FAILED"]) assert.ok(subStatuses.has(s), s);
  });
});

describe("ListImageJobs GET /v1/{project_id}/image-server-jobs", () => {
  it("filters by every job_type × status, with count = total matches and the first 10 items by default", async () => {
    for (const jobType of IMAGE_TYPES) {
      for (const status of [undefined, "WAITING", "RUNNING", "SUCCESS", "FAILED"]) {
        const expected = expectedImageJobs(emulator.store, "p1", now(), { jobType, status });
        assertWindow(await ok(IMAGE_JOBS, { job_type: jobType, status }), expected, 0, 10, `${jobType}/${status}`);
      }
    }
  });

  it("windows with offset/limit: first, middle, last, beyond the end", async () => {
    const expected = expectedImageJobs(emulator.store, "p1", now(), { jobType: "CREATE_SERVER" });
    assert.ok(expected.length > 40, `enough jobs (${expected.length})`);
    const n = expected.length;
    for (const [offset, limit] of [
      [0, 1],
      [0, 100],
      [17, 7],
      [n - 3, 10],
      [n - 1, 1],
      [n, 10],
      [n + 5, 100],
      [2147483647, 100],
    ] as const) {
      assertWindow(
        await ok(IMAGE_JOBS, { job_type: "CREATE_SERVER", offset, limit }),
        expected,
        offset,
        limit,
        `offset ${offset} limit ${limit}`,
      );
    }
  });

  it("pages through everything exactly once, newest first", async () => {
    const expected = expectedImageJobs(emulator.store, "p1", now(), { jobType: "CREATE_SERVER_IMAGE" });
    const seen: unknown[] = [];
    for (let offset = 0; offset < expected.length; offset += 13)
      seen.push(...(await ok(IMAGE_JOBS, { job_type: "CREATE_SERVER_IMAGE", offset, limit: 13 })).items);
    assert.deepEqual(canonical(seen), canonical(expected));
    const times = seen.map((i) => Date.parse(obj(i).begin_time as string));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
  });

  it("breaks begin_time ties by id descending (numeric for numeric ids)", async () => {
    const { items } = await ok(IMAGE_JOBS, { job_type: "DELETE_SERVER", limit: 100 });
    const ids = items.map((i) => obj(i).id);
    const tied = ids.filter((id) => ["5", "40", "300"].includes(id as string));
    assert.deepEqual(tied, ["300", "40", "5"]);
    assert.equal(ids.indexOf("40"), ids.indexOf("300") + 1, "the tied jobs are adjacent");
  });

  it("shows the ImageJobInfo shape: no sub_jobs, end_time only once finished", async () => {
    const { items } = await ok(IMAGE_JOBS, { job_type: "CREATE_SERVER", limit: 100 });
    for (const item of items.map(obj)) {
      const finished = item.status === "SUCCESS" || item.status === "FAILED";
      const keys = ["begin_time", "id", "job_type", "status", "sub_jobs_total", ...(finished ? ["end_time"] : [])].sort();
      assert.deepEqual(Object.keys(item).sort(), keys, JSON.stringify(item));
      assert.ok((item.sub_jobs_total as number) >= 1 && (item.sub_jobs_total as number) <= 5);
      assert.match(item.id as string, /^[1-9]\d{17}$/);
    }
  });

  it("keeps projects apart, lists nothing for an unknown project, and never lists unlisted job types", async () => {
    const p2 = await ok("/v1/p2/image-server-jobs", { job_type: "CREATE_SERVER", limit: 100 });
    assert.equal(p2.count, expectedImageJobs(emulator.store, "p2", now(), { jobType: "CREATE_SERVER" }).length);
    assert.ok(p2.items.every((i) => emulator.store.get("image-job", "p2", obj(i).id as string)));
    assert.deepEqual(await ok("/v1/nobody/image-server-jobs", { job_type: "CREATE_SERVER" }), { count: 0, items: [] });
    for (const t of IMAGE_TYPES) assert.ok(!(await ok(IMAGE_JOBS, { job_type: t, limit: 100 })).items.some((i) => obj(i).id === "777"));
  });

  it("ignores unknown query parameters", async () => {
    const expected = expectedImageJobs(emulator.store, "p1", now(), { jobType: "DELETE_SERVER" });
    assertWindow(await ok(IMAGE_JOBS, { job_type: "DELETE_SERVER", page: 3, foo: "bar", job_id: "x" }), expected, 0, 10, "unknown params");
  });
});

describe("ListImageSubJobs GET /v1/{project_id}/image-server-sub-jobs", () => {
  it("filters by every job_type × status", async () => {
    for (const jobType of IMAGE_TYPES) {
      for (const status of [undefined, ...SUB_STATUSES]) {
        assertWindow(
          await ok(IMAGE_SUB_JOBS, { job_type: jobType, status, limit: 100 }),
          imageSubs({ jobTypes: [jobType], status }),
          0,
          100,
          `${jobType}/${status}`,
        );
      }
    }
  });

  it("windows with offset/limit", async () => {
    const expected = imageSubs({ jobTypes: ["CREATE_SERVER"] });
    const n = expected.length;
    for (const [offset, limit] of [
      [0, 10],
      [31, 9],
      [n - 2, 10],
      [n, 5],
      [n + 100, 1],
    ] as const) {
      assertWindow(await ok(IMAGE_SUB_JOBS, { job_type: "CREATE_SERVER", offset, limit }), expected, offset, limit, `offset ${offset}`);
    }
  });

  it("filters to one parent with job_id, matching ShowImageJob's sub_jobs", async () => {
    const parent = emulator.store
      .list()
      .find((j) => j.kind === "image-job" && j.projectId === "p1" && j.subJobs >= 3 && j.jobType === "CREATE_SERVER_IMAGE")!;
    const listed = await ok(IMAGE_SUB_JOBS, { job_type: parent.jobType, job_id: parent.id });
    assertWindow(listed, imageSubs({ jobTypes: [parent.jobType], jobId: parent.id }), 0, 10, "job_id");
    assert.equal(listed.count, parent.subJobs);
    const shown = obj((await get(`/v1/p1/image-server-jobs/${parent.id}`)).json);
    const byId = (a: unknown, b: unknown) => ((obj(a).id as string) < (obj(b).id as string) ? -1 : 1);
    assert.deepEqual(
      canonical([...listed.items].sort(byId)),
      canonical([...(shown.sub_jobs as unknown[])].sort(byId)),
      "one source of truth for a sub-job's body",
    );
    assert.deepEqual(
      await ok(IMAGE_SUB_JOBS, { job_type: "DELETE_SERVER", job_id: parent.id }),
      { count: 0, items: [] },
      "job_type still applies",
    );
    assert.deepEqual(await ok(IMAGE_SUB_JOBS, { job_type: parent.jobType, job_id: "nope" }), { count: 0, items: [] });
    assertWindow(
      await ok(IMAGE_SUB_JOBS, { job_type: "CREATE_SERVER", job_id: "" }),
      imageSubs({ jobTypes: ["CREATE_SERVER"] }),
      0,
      10,
      "empty job_id = absent",
    );
  });

  it("nests errors in job_execute_info: the job's error on FAILED sub-jobs, empty strings otherwise", async () => {
    const { items } = await ok(IMAGE_SUB_JOBS, { job_type: "CREATE_SERVER_IMAGE", limit: 100 });
    let failed = 0;
    for (const item of items.map(obj)) {
      assert.equal(item.error_code, undefined);
      const job = emulator.store.get("image-job", "p1", item.job_id as string)!;
      const info = item.job_execute_info;
      if (item.status === "FAILED") {
        failed += 1;
        assert.deepEqual(info, { error_code: job.errorCode, error_message: job.errorMessage });
      } else assert.deepEqual(info, { error_code: "", error_message: "" });
      assert.equal("end_time" in item, item.status === "SUCCESS" || item.status === "FAILED", JSON.stringify(item));
      assert.equal(item.project_id, "p1");
    }
    assert.ok(failed > 0, "some failed sub-jobs on the page");
  });
});

describe("ListSubJobs GET /v1/{project_id}/app-server-sub-jobs", () => {
  it("filters by every job_type × status", async () => {
    for (const jobType of APP_TYPES) {
      for (const status of [undefined, "RUNNING", "SUCCESS", "FAILED", "ROLLBACK", "WAITING"]) {
        assertWindow(
          await ok(APP_SUB_JOBS, { job_type: jobType, status, limit: 100 }),
          appSubs({ jobTypes: [jobType], status }),
          0,
          100,
          `${jobType}/${status}`,
        );
      }
    }
  });

  it("windows, job_id and ordering of one parent's sub-jobs (id descending)", async () => {
    const expected = appSubs({ jobTypes: ["CREATE_SERVER"] });
    for (const [offset, limit] of [
      [0, 10],
      [5, 5],
      [expected.length - 1, 10],
      [expected.length, 10],
    ] as const) {
      assertWindow(await ok(APP_SUB_JOBS, { job_type: "CREATE_SERVER", offset, limit }), expected, offset, limit, `offset ${offset}`);
    }
    const job = emulator.store.get("app-job", "p1", "575768277444198400")!;
    const { items } = await ok(APP_SUB_JOBS, { job_type: "REINSTALL_OS", job_id: job.id });
    const ids = items.map((i) => BigInt(obj(i).id as string));
    assert.deepEqual(
      ids,
      [...job.subJobIds].map(BigInt).sort((a, b) => (a < b ? 1 : -1)),
    );
  });

  it("puts errors flat on the item (no job_execute_info)", async () => {
    const job = emulator.store.get("app-job", "p1", "575768277444198400")!;
    clock.advance(3_600_000);
    try {
      const { items } = await ok(APP_SUB_JOBS, { job_type: "REINSTALL_OS", job_id: job.id, status: "FAILED" });
      assert.equal(items.length, 1);
      const item = obj(items[0]);
      assert.deepEqual([item.error_code, item.error_message], [job.errorCode, job.errorMessage]);
      assert.equal(item.job_execute_info, undefined);
      assert.deepEqual(Object.keys(item).sort(), [
        "begin_time",
        "end_time",
        "error_code",
        "error_message",
        "id",
        "job_id",
        "job_resource_info",
        "job_type",
        "project_id",
        "status",
      ]);
    } finally {
      clock.advance(-3_600_000);
    }
  });
});

describe("CountImageSubJobs and CountSubJobs", () => {
  it("counts the three image types by default (not other types), and any comma list", async () => {
    const all = imageSubs({ jobTypes: IMAGE_TYPES }).length;
    assert.equal(await count(IMAGE_COUNT), all);
    assert.equal(await count(IMAGE_COUNT, { job_type: "" }), all, "empty job_type = default");
    const newer = emulator.store.list().filter((j) => j.kind === "image-job" && j.projectId === "p1" && !IMAGE_TYPES.includes(j.jobType));
    assert.ok(newer.some((j) => j.id === "777") && newer.length > 1, "the scenario has BUILD_IMAGE and other newer image jobs");
    const newerSubJobs = newer.reduce((s, j) => s + j.subJobs, 0);
    assert.equal(imageSubs({ jobTypes: undefined }).length - all, newerSubJobs, "the newer types' sub-jobs are outside the default");
    const newerTypes = [...new Set(newer.map((j) => j.jobType))];
    assert.equal(await count(IMAGE_COUNT, { job_type: newerTypes.join(",") }), newerSubJobs, newerTypes.join(","));
    for (const types of [["CREATE_SERVER"], ["DELETE_SERVER", "CREATE_SERVER"], IMAGE_TYPES, ["CREATE_SERVER", "CREATE_SERVER"]]) {
      assert.equal(await count(IMAGE_COUNT, { job_type: types.join(",") }), imageSubs({ jobTypes: types }).length, types.join(","));
    }
  });

  it("counts every app type by default, and filters by comma list, status and job_id", async () => {
    assert.equal(await count(APP_COUNT), appSubs({ jobTypes: undefined }).length);
    assert.ok(
      appSubs({ jobTypes: undefined }).length > appSubs({ jobTypes: APP_TYPES }).length,
      "the scenario has app types beyond ListSubJobs'",
    );
    assert.equal(await count(APP_COUNT, { job_type: APP_TYPES.join(",") }), appSubs({ jobTypes: APP_TYPES }).length);
    for (const status of SUB_STATUSES) {
      assert.equal(await count(APP_COUNT, { status }), appSubs({ jobTypes: undefined, status }).length, status);
      assert.equal(
        await count(IMAGE_COUNT, { status, job_type: "CREATE_SERVER,DELETE_SERVER" }),
        imageSubs({ jobTypes: ["CREATE_SERVER", "DELETE_SERVER"], status }).length,
        status,
      );
    }
    assert.equal(await count(APP_COUNT, { job_id: "575768277444198400" }), 5);
    assert.equal(await count(APP_COUNT, { job_id: "575768277444198400", job_type: "CREATE_SERVER" }), 0);
    assert.equal(
      await count("/v1/p2/app-server-sub-jobs/actions/count"),
      expectedSubJobs(emulator.store, "app-job", "p2", now(), { jobTypes: undefined }).length,
    );
  });

  it("agrees with the list's count for the same filter and ignores offset/limit", async () => {
    for (const jobType of APP_TYPES.slice(0, 4)) {
      const listed = await ok(APP_SUB_JOBS, { job_type: jobType, status: "SUCCESS", limit: 1 });
      assert.equal(await count(APP_COUNT, { job_type: jobType, status: "SUCCESS", offset: 5, limit: 1 }), listed.count);
    }
  });
});

describe("sub_job_ids (emulator-only)", () => {
  const pick = (kind: "image-job" | "app-job") => {
    const jobs = emulator.store
      .list()
      .filter((j): j is EmulatedJob => j.kind === kind && j.projectId === "p1" && j.jobType === "CREATE_SERVER");
    return [jobs[0]!.subJobIds[0]!, jobs[5]!.subJobIds.at(-1)!, jobs[9]!.subJobIds[0]!];
  };

  it("returns exactly those sub-jobs, ordered, and ignores offset and limit", async () => {
    for (const [path, kind] of [
      [IMAGE_SUB_JOBS, "image-job"],
      [APP_SUB_JOBS, "app-job"],
    ] as const) {
      const ids = pick(kind);
      const expected = expectedSubJobs(emulator.store, kind, "p1", now(), { jobTypes: ["CREATE_SERVER"], subJobIds: ids });
      assert.equal(expected.length, 3);
      const params = { job_type: "CREATE_SERVER", sub_job_ids: [...ids, "123456789012345678"].join(",") };
      assertWindow(await ok(path, params), expected, 0, 100, `${kind} sub_job_ids`);
      assertWindow(await ok(path, { ...params, offset: 2, limit: 1 }), expected, 0, 100, `${kind} offset/limit ignored`);
      const status = expected[0]!.status as string;
      assertWindow(
        await ok(path, { ...params, status }),
        expected.filter((i) => i.status === status),
        0,
        100,
        "with status",
      );
      assert.equal((await ok(path, { ...params, job_type: "DELETE_SERVER" })).count, 0, "job_type still applies");
      assertWindow(
        await ok(path, { job_type: "CREATE_SERVER", sub_job_ids: "" }),
        expectedSubJobs(emulator.store, kind, "p1", now(), { jobTypes: ["CREATE_SERVER"] }),
        0,
        10,
        "empty = absent",
      );
      assert.equal((await get(path, { ...params, limit: 0 })).status, 400, "offset/limit are still validated");
    }
  });

  it("rejects empty elements and over-long ids; counts ignore it", async () => {
    for (const bad of ["a,,b", "a,", ",a", "x".repeat(129)])
      assert.equal((await get(IMAGE_SUB_JOBS, { job_type: "CREATE_SERVER", sub_job_ids: bad })).status, 400, bad);
    assert.equal((await ok(APP_SUB_JOBS, { job_type: "CREATE_SERVER", sub_job_ids: "x".repeat(128) })).count, 0);
    assert.equal(await count(APP_COUNT, { sub_job_ids: "1" }), appSubs({ jobTypes: undefined }).length);
  });
});

describe("statuses move with the clock in lists", () => {
  it("shows a job WAITING → RUNNING (1/3, 2/3) → ROLLBACK → FAILED in every list and count", async () => {
    const job = emulator.store.createJob({
      kind: "image-job",
      projectId: "moving",
      id: "900000000000000001",
      jobType: "CREATE_SERVER",
      waitingMs: 1000,
      runningMs: 3000,
      subJobs: 3,
      outcome: "failure",
    });
    const app = emulator.store.createJob({
      kind: "app-job",
      projectId: "moving",
      id: "900000000000000002",
      jobType: "SCHEDULED_TASK",
      waitingMs: 1000,
      runningMs: 3000,
      subJobs: 3,
    });
    const start = clock.now();
    const parentStatus = async () => obj((await ok("/v1/moving/image-server-jobs", { job_type: "CREATE_SERVER" })).items[0]).status;
    const subStatuses = async (path: string, jobType: string) => (await ok(path, { job_type: jobType })).items.map((i) => obj(i).status);
    const steps: [number, string, string[], string[]][] = [
      [0, "WAITING", ["WAITING", "WAITING", "WAITING"], ["WAITING", "WAITING", "WAITING"]],
      [2000, "RUNNING", ["SUCCESS", "RUNNING", "RUNNING"], ["SUCCESS", "RUNNING", "RUNNING"]],
      [3500, "RUNNING", ["SUCCESS", "SUCCESS", "ROLLBACK"], ["SUCCESS", "SUCCESS", "RUNNING"]],
      [4000, "FAILED", ["SUCCESS", "SUCCESS", "FAILED"], ["SUCCESS", "SUCCESS", "SUCCESS"]],
    ];
    try {
      for (const [at, parent, imageSubsAt, appSubsAt] of steps) {
        clock.ms = start + at;
        assert.equal(await parentStatus(), parent, `t=${at}`);
        // Ordered by sub-job id descending; compare as multisets, then against the oracle in order.
        assert.deepEqual(
          (await subStatuses("/v1/moving/image-server-sub-jobs", "CREATE_SERVER")).sort(),
          [...imageSubsAt].sort(),
          `image t=${at}`,
        );
        assert.deepEqual(
          (await subStatuses("/v1/moving/app-server-sub-jobs", "SCHEDULED_TASK")).sort(),
          [...appSubsAt].sort(),
          `app t=${at}`,
        );
        const expected = expectedSubJobs(emulator.store, "image-job", "moving", clock.now(), { jobTypes: ["CREATE_SERVER"] });
        assertWindow(await ok("/v1/moving/image-server-sub-jobs", { job_type: "CREATE_SERVER" }), expected, 0, 10, `oracle t=${at}`);
        assert.equal(await count("/v1/moving/image-server-sub-jobs/actions/count", { status: "FAILED" }), at >= 4000 ? 1 : 0);
        const filtered = await ok("/v1/moving/image-server-jobs", { job_type: "CREATE_SERVER", status: "RUNNING" });
        assert.equal(filtered.count, parent === "RUNNING" ? 1 : 0, `status filter t=${at}`);
      }
      assert.equal(
        obj((await ok("/v1/moving/image-server-jobs", { job_type: "CREATE_SERVER" })).items[0]).end_time,
        new Date(job.createdAt + 4000).toISOString(),
      );
      assert.ok(app);
    } finally {
      clock.ms = start;
    }
  });
});
