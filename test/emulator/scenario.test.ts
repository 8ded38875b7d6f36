import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  DuplicateJobError,
  EmulatorValidationError,
  JobStore,
  loadScenario,
  parseScenario,
  SCENARIO_LIMITS,
  timelineAt,
  type EmulatedJob,
  type RunningEmulator,
  type Scenario,
} from "../../src/emulator";
import { callAdmin, callApi, FakeClock, obj, startFakeClockEmulator } from "../helpers/emulator-client";

const NOW = Date.parse("2026-03-01T08:00:00.000Z");
const DAY = 24 * 3600 * 1000;
const BASE = { seed: 42, project_id: "p", image_jobs: 400, app_jobs: 300, ims_jobs: 100, span_days: 30 };

function load(scenario: Scenario, now = NOW): { store: JobStore; jobs: readonly EmulatedJob[] } {
  const store = new JobStore(() => now);
  return { store, jobs: loadScenario(store, scenario, now).jobs };
}

function rejects(input: unknown, message: RegExp): void {
  assert.throws(
    () => parseScenario(input),
    (e: unknown) => e instanceof EmulatorValidationError && message.test(e.message),
    String(message),
  );
}

describe("scenario generation", () => {
  it("is deterministic: same seed and time → the same jobs, ids included", () => {
    const a = load(parseScenario(BASE)).jobs;
    const b = load(parseScenario(JSON.stringify(BASE))).jobs;
    assert.equal(a.length, 800);
    assert.deepEqual(a, b);
  });

  it("gives other jobs for another seed, and the same ids and ages at another load time", () => {
    const a = load(parseScenario(BASE)).jobs;
    assert.notDeepEqual(
      load(parseScenario({ ...BASE, seed: 43 })).jobs.map((j) => j.id),
      a.map((j) => j.id),
    );
    const later = load(parseScenario(BASE), NOW + 5 * DAY).jobs;
    assert.deepEqual(
      later.map((j) => j.id),
      a.map((j) => j.id),
    );
    assert.ok(
      later.every((j, i) => j.createdAt - a[i]!.createdAt === 5 * DAY && j.jobType === a[i]!.jobType && j.outcome === a[i]!.outcome),
    );
  });

  it("draws each kind from its own stream: changing one count leaves the other kinds alone", () => {
    const a = load(parseScenario(BASE)).jobs.filter((j) => j.kind === "image-job");
    const b = load(parseScenario({ ...BASE, app_jobs: 5 })).jobs.filter((j) => j.kind === "image-job");
    assert.deepEqual(
      b.map((j) => [j.id, j.jobType, j.createdAt]),
      a.map((j) => [j.id, j.jobType, j.createdAt]),
    );
  });

  it("has the requested size, per kind and project", () => {
    const scenario = parseScenario({
      seed: 1,
      projects: [
        { project_id: "a", image_jobs: 7, app_jobs: 3 },
        { project_id: "b", ims_jobs: 4, jobs: [{ kind: "app-job" }] },
      ],
    });
    const store = new JobStore(() => NOW);
    const result = loadScenario(store, scenario, NOW);
    assert.deepEqual(result.projects, [
      { projectId: "a", imageJobs: 7, appJobs: 3, imsJobs: 0 },
      { projectId: "b", imageJobs: 0, appJobs: 1, imsJobs: 4 },
    ]);
    assert.equal(store.list().length, 15);
    assert.equal(result.jobs.length, 15);
  });

  it("looks like a real history: kinds, types, sub-jobs, ages, outcomes, errors, id formats", () => {
    const { jobs } = load(parseScenario(BASE));
    const byKind = (k: EmulatedJob["kind"]) => jobs.filter((j) => j.kind === k);
    // Every ImageJobType of the current spec, the four newer than the query pattern included.
    assert.deepEqual(
      new Set(byKind("image-job").map((j) => j.jobType)),
      new Set([
        "CREATE_SERVER",
        "CREATE_SERVER_IMAGE",
        "DELETE_SERVER",
        "BUILD_IMAGE",
        "GENERATE_IMAGE",
        "DELETE_IMAGE_BUILD_SERVER",
        "DELETE_IMAGE",
      ]),
    );
    // The ten ListSubJobs types and five JobTypes beyond them.
    const appTypes = new Set(byKind("app-job").map((j) => j.jobType));
    assert.equal(appTypes.size, 15);
    for (const type of ["CREATE_SERVER_IMAGE", "COLLECT_HDA_LOG", "CREATE_SERVER_SNAPSHOT", "RESTORE_SERVER_SNAPSHOT", "BATCH_INSTALL_APP"])
      assert.ok(appTypes.has(type), type);
    assert.ok(byKind("ims-job").every((j) => j.jobType.startsWith("ims") && j.subJobs === 1));
    const subCounts = new Set(byKind("app-job").map((j) => j.subJobs));
    assert.deepEqual([...subCounts].sort(), [1, 2, 3, 4, 5]);
    for (const j of jobs) {
      const ageDays = (NOW - j.createdAt) / DAY;
      assert.ok(ageDays >= 0 && ageDays <= 30 + 1 / 24, `created within the span (${ageDays})`);
      assert.match(j.id, j.kind === "ims-job" ? /^[0-9a-f]{32}$/ : /^[1-9]\d{17}$/);
      for (const r of j.resourceIds) assert.match(r, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(j.subJobIds.length, j.subJobs);
    }
    const allIds = jobs.flatMap((j) => [j.id, ...(j.kind === "ims-job" ? [] : j.subJobIds)]);
    assert.equal(new Set(allIds).size, allIds.length, "ids are unique");
    assert.ok(byKind("app-job").every((j) => j.resourceNames.every((n) => /^APS-\d{14}-[A-Z0-9]{10}$/.test(n))));

    const statuses = jobs.map((j) => timelineAt(j, NOW - j.createdAt).status);
    const share = (s: string) => statuses.filter((x) => x === s).length / jobs.length;
    assert.ok(share("SUCCESS") > 0.68 && share("SUCCESS") < 0.85, `success ${share("SUCCESS")}`);
    assert.ok(share("FAILED") > 0.1 && share("FAILED") < 0.22, `failed ${share("FAILED")}`);
    assert.ok(share("RUNNING") > 0.02 && share("WAITING") > 0, "some running and waiting");
    assert.ok(
      jobs.some((j) => j.outcome === "never"),
      "some stuck",
    );
    const failedCodes = new Set(jobs.filter((_job, i) => statuses[i] === "FAILED").map((j) => j.errorCode));
    assert.ok(failedCodes.has("WKS.00129901"));
    assert.ok(failedCodes.size >= 5, `varied error codes: ${[...failedCodes].join(" ")}`);
    assert.ok(jobs.filter((j) => j.kind === "ims-job" && j.outcome === "failure").every((j) => j.errorCode.startsWith("IMG.")));
  });

  it("adds explicit jobs with their age, defaults and deterministic ids", () => {
    const scenario = parseScenario({
      seed: 3,
      project_id: "p",
      jobs: [
        { kind: "image-job", id: "702364883651395584", job_type: "CREATE_SERVER_IMAGE", created_ago_ms: 60_000, sub_jobs: 2 },
        { kind: "ims-job", project_id: "p", outcome: "failure", error_code: "IMG.9", error_message: "boom" },
      ],
    });
    const [image, ims] = load(scenario).jobs;
    assert.deepEqual(
      [image!.id, image!.createdAt, image!.subJobs, image!.waitingMs, image!.runningMs, image!.outcome],
      ["702364883651395584", NOW - 60_000, 2, 1000, 5000, "success"],
    );
    assert.deepEqual([ims!.createdAt, ims!.jobType, ims!.errorCode, ims!.errorMessage], [NOW, "imsCreateImageByInstance", "IMG.9", "boom"]);
    assert.match(ims!.id, /^[0-9a-f]{32}$/);
    assert.equal(load(scenario).jobs[1]!.id, ims!.id);
  });

  it("is all or nothing: a taken id (e.g. the same scenario twice) adds nothing", () => {
    const scenario = parseScenario({ ...BASE, image_jobs: 5, app_jobs: 0, ims_jobs: 0 });
    const { store } = load(scenario);
    assert.throws(() => loadScenario(store, scenario, NOW), DuplicateJobError);
    assert.equal(store.list().length, 5);
    const dup = parseScenario({
      seed: 1,
      project_id: "q",
      image_jobs: 3,
      jobs: [
        { kind: "app-job", id: "1" },
        { kind: "app-job", id: "1" },
      ],
    });
    assert.throws(() => loadScenario(store, dup, NOW), DuplicateJobError);
    assert.equal(store.list().length, 5);
  });
});

describe("parseScenario", () => {
  it("reads the single-project shorthand as one project", () => {
    const { seed, ...project } = BASE;
    assert.deepEqual(parseScenario(BASE), parseScenario({ seed, projects: [project] }));
  });

  it("names the first bad field, in the file's spelling", () => {
    rejects("{", /^scenario: must be valid JSON$/);
    rejects([], /^scenario: must be a JSON object$/);
    rejects({ project_id: "p" }, /^seed: must be an integer from 0 to 4294967295$/);
    rejects({ ...BASE, seed: -1 }, /^seed: must be/);
    rejects({ ...BASE, image_jobs: 1.5 }, /^image_jobs: must be an integer from 0 to 20000$/);
    rejects({ ...BASE, span_days: 0 }, /^span_days: must be a number greater than 0/);
    rejects({ ...BASE, imageJobs: 3 }, /^imageJobs: is not a known field/);
    rejects({ ...BASE, colour: "red" }, /^colour: is not a known field/);
    rejects({ ...BASE, projects: [] }, /either projects or one project's fields/);
    rejects({ seed: 1 }, /^projects: must be an array of 1 to 100 projects/);
    rejects({ seed: 1, projects: [{ project_id: "a" }, { project_id: "a" }] }, /^projects: project_id "a" appears more than once$/);
    rejects({ seed: 1, projects: [{ project_id: "a" }, 5] }, /^projects\[1\]: must be a JSON object$/);
    rejects(
      { seed: 1, projects: [{ project_id: "a", jobs: [{ kind: "app-job" }, { kind: "vm" }] }] },
      /^projects\[0\]\.jobs\[1\]\.kind: must be one of image-job, app-job, ims-job$/,
    );
    rejects({ ...BASE, jobs: [{ kind: "app-job", waiting_ms: -1 }] }, /^jobs\[0\]\.waiting_ms: must be an integer/);
    rejects({ ...BASE, jobs: [{ kind: "app-job", created_ago_ms: -5 }] }, /^jobs\[0\]\.created_ago_ms: must be an integer from 0/);
    rejects(
      { ...BASE, jobs: [{ kind: "app-job", project_id: "other" }] },
      /^jobs\[0\]\.project_id: must be the enclosing project's id "p", or omitted$/,
    );
    rejects({ ...BASE, jobs: [{ kind: "app-job", error_code: "X" }] }, /^jobs\[0\]\.error_code: must be .*only with outcome "failure"/);
    rejects({ ...BASE, jobs: [{ kind: "app-job", createdAgoMs: 1 }] }, /^jobs\[0\]\.createdAgoMs: is not a known field/);
    const big = SCENARIO_LIMITS.jobsPerKind;
    rejects(
      {
        seed: 1,
        projects: [
          { project_id: "a", image_jobs: big, app_jobs: big },
          { project_id: "b", ims_jobs: 1 },
        ],
      },
      /^projects: at most 20000 jobs in all \(max_jobs; this scenario has 40001\)$/,
    );
  });

  it("parses the shipped scenario files", () => {
    const file = (name: string) => readFileSync(join(__dirname, "../../scenarios", name), "utf8");
    const realistic = loadScenario(new JobStore(() => NOW), parseScenario(file("realistic.json")), NOW);
    const [main, second] = realistic.projects;
    const total = (p: typeof main) => p!.imageJobs + p!.appJobs + p!.imsJobs;
    assert.ok(total(main) >= 1450 && total(main) <= 1550, `≈1,500 jobs in the main project (${total(main)})`);
    assert.ok(total(second) > 0 && total(second) < 100, "a small second project");
    const small = loadScenario(new JobStore(() => NOW), parseScenario(file("small.json")), NOW);
    assert.equal(small.projects.length, 1);
    assert.ok(small.jobs.length < 100);
  });
});

describe("scenarios through the emulator", () => {
  let emulator: RunningEmulator;
  let clock: FakeClock;
  const SMALL = { seed: 9, project_id: "p", image_jobs: 25, app_jobs: 10, ims_jobs: 5, span_days: 1 };

  before(async () => {
    ({ emulator, clock } = await startFakeClockEmulator({ scenario: parseScenario(SMALL) }));
  });
  after(async () => {
    await emulator.close();
  });

  it("seeds EmulatorOptions.scenario at start, relative to the clock, and serves it", async () => {
    assert.deepEqual(emulator.store.list(), load(parseScenario(SMALL), clock.now()).jobs);
    const reply = await callApi(emulator.url, "/v1/p/image-server-sub-jobs/actions/count", { clock });
    // Without job_type, the count covers the three types of the query pattern (docs/reference/huawei-api.md §2.3).
    const counted = ["CREATE_SERVER", "CREATE_SERVER_IMAGE", "DELETE_SERVER"];
    const expected = emulator.store
      .list()
      .filter((j) => j.kind === "image-job" && counted.includes(j.jobType))
      .reduce((s, j) => s + j.subJobs, 0);
    assert.deepEqual(reply.json, { count: expected });
    const ims = emulator.store.list().find((j) => j.kind === "ims-job")!;
    assert.equal((await callApi(emulator.url, `/v1/p/jobs/${ims.id}`, { clock })).status, 200);
  });

  describe("POST /_emulator/scenario", () => {
    beforeEach(() => emulator.reset());

    it("loads a scenario body: 201 with per-project counts; 409 when loaded again; jobs unchanged", async () => {
      const body = {
        seed: 5,
        projects: [
          { project_id: "x", image_jobs: 4, app_jobs: 2 },
          { project_id: "y", ims_jobs: 3, jobs: [{ kind: "image-job", created_ago_ms: 1000 }] },
        ],
      };
      const reply = await callAdmin(emulator.url, "POST", "/_emulator/scenario", body);
      assert.equal(reply.status, 201, reply.text);
      assert.deepEqual(reply.json, {
        loaded: 10,
        projects: [
          { project_id: "x", image_jobs: 4, app_jobs: 2, ims_jobs: 0 },
          { project_id: "y", image_jobs: 1, app_jobs: 0, ims_jobs: 3 },
        ],
      });
      assert.deepEqual(emulator.store.list(), load(parseScenario(body), clock.now()).jobs);
      const again = await callAdmin(emulator.url, "POST", "/_emulator/scenario", body);
      assert.equal(again.status, 409);
      assert.equal(obj(again.json).error_code, "EMULATOR.CONFLICT");
      assert.equal(emulator.store.list().length, 10);
      const listed = await callApi(emulator.url, "/v1/y/image-server-jobs?job_type=CREATE_SERVER_IMAGE", { clock });
      assert.equal(obj(listed.json).count, 1);
    });

    it("answers 400 EMULATOR.INVALID naming the field, and 405 for other methods", async () => {
      const bad = await callAdmin(emulator.url, "POST", "/_emulator/scenario", { seed: 1, project_id: "p", jobs: [{ kind: "nope" }] });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.json, { error_code: "EMULATOR.INVALID", error_msg: "jobs[0].kind: must be one of image-job, app-job, ims-job" });
      const empty = await callAdmin(emulator.url, "POST", "/_emulator/scenario");
      assert.equal(empty.status, 400);
      assert.equal((await callAdmin(emulator.url, "GET", "/_emulator/scenario")).status, 405);
      assert.equal(emulator.store.list().length, 0);
    });
  });
});

describe("the bundled scenarios", () => {
  // The job types beyond the spec's query patterns (docs/reference/huawei-api.md §2.7), which clients must read.
  const NEWER_IMAGE = ["BUILD_IMAGE", "GENERATE_IMAGE", "DELETE_IMAGE_BUILD_SERVER", "DELETE_IMAGE"];
  const NEWER_APP = [
    "CREATE_SERVER_IMAGE",
    "COLLECT_HDA_LOG",
    "COLLECT_APS_LOG",
    "CREATE_SERVER_SNAPSHOT",
    "DELETE_SERVER_SNAPSHOT",
    "RESTORE_SERVER_SNAPSHOT",
    "BATCH_INSTALL_APP",
  ];
  for (const file of ["small.json", "realistic.json"]) {
    it(`${file} has image and app jobs of types newer than the query patterns`, () => {
      const scenario = parseScenario(readFileSync(join(__dirname, "..", "..", "scenarios", file), "utf8"));
      const { jobs } = load(scenario);
      const typesOf = (kind: EmulatedJob["kind"]) => new Set(jobs.filter((j) => j.kind === kind).map((j) => j.jobType));
      assert.ok(
        [...typesOf("image-job")].some((t) => NEWER_IMAGE.includes(t)),
        `${file}: ${[...typesOf("image-job")].join(", ")}`,
      );
      assert.ok(
        [...typesOf("app-job")].some((t) => NEWER_APP.includes(t)),
        `${file}: ${[...typesOf("app-job")].join(", ")}`,
      );
    });
  }
});
