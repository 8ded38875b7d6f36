import { EMULATOR_JOB_KINDS, EMULATOR_KINDS } from "../jobs/kind";
import { withDefaults } from "../jobs/spec";
import type { EmulatedJob, JobStore } from "../jobs/store";
import { hashSeed, Prng } from "./prng";
import { generateJob, IdPool, subJobParts } from "./generate";
import { checkScenario, type Scenario, type ScenarioProject } from "./schema";

const DAY_MS = 24 * 3600 * 1000;
const DEFAULT_SPAN_DAYS = 30;

/** How many jobs a load added to one project, per kind (generated and explicit together). */
export interface ScenarioProjectCounts {
  readonly projectId: string;
  readonly imageJobs: number;
  readonly appJobs: number;
  readonly imsJobs: number;
}

/** What {@link loadScenario} added. */
export interface ScenarioLoadResult {
  /** Every job added, in insertion order. */
  readonly jobs: readonly EmulatedJob[];
  readonly projects: readonly ScenarioProjectCounts[];
}


/**
 * A project's jobs. Each kind, and the explicit jobs, draw from their own PRNG stream (seeded
 * from the seed, the project id and the kind), so changing one count leaves the other jobs as
 * they were. One id pool per project keeps every id in it distinct.
 */
function projectJobs(seed: number, project: ScenarioProject, now: number): EmulatedJob[] {
  const stream = (name: string) => new Prng(hashSeed(`${seed}\u0000${project.projectId}\u0000${name}`));
  const ids = new IdPool(stream("ids"));
  // Explicit ids first, so no generated id can take one of them.
  for (const job of project.jobs ?? []) if (job.id !== undefined) ids.reserve(job.id);
  const spanMs = (project.spanDays ?? DEFAULT_SPAN_DAYS) * DAY_MS;
  const jobs: EmulatedJob[] = [];
  for (const kind of EMULATOR_JOB_KINDS) {
    const rng = stream(kind);
    for (let i = 0; i < (project[EMULATOR_KINDS[kind].scenarioField] ?? 0); i++) jobs.push(generateJob(rng, ids, kind, project.projectId, spanMs, now));
  }
  const rng = stream("explicit");
  for (const job of project.jobs ?? []) {
    const { createdAgoMs, ...input } = job;
    const spec = withDefaults({ ...input, projectId: project.projectId });
    const createdAt = now - (createdAgoMs ?? 0);
    jobs.push({ ...spec, id: spec.id ?? ids.next(spec.kind), createdAt, ...subJobParts(rng, ids, spec, createdAt) });
  }
  return jobs;
}

function countsOf(projectId: string, jobs: readonly EmulatedJob[]): ScenarioProjectCounts {
  const counts = { projectId, imageJobs: 0, appJobs: 0, imsJobs: 0 };
  for (const job of jobs) counts[EMULATOR_KINDS[job.kind].scenarioField]++;
  return counts;
}

/**
 * Adds a scenario's jobs to `store`, created relative to `now` (ms since the epoch). The same
 * scenario and `now` always give the same jobs, ids included. All or nothing: if any id is
 * already in the store (for example the same scenario loaded twice), nothing is added.
 * @throws EmulatorValidationError for an invalid scenario; DuplicateJobError for a taken id
 */
export function loadScenario(store: JobStore, scenario: Scenario, now: number): ScenarioLoadResult {
  const checked = checkScenario(scenario);
  const perProject = checked.projects.map((p) => ({ projectId: p.projectId, jobs: projectJobs(checked.seed, p, now) }));
  const jobs = store.insertAll(perProject.flatMap((p) => p.jobs));
  return { jobs, projects: perProject.map((p) => countsOf(p.projectId, p.jobs)) };
}
