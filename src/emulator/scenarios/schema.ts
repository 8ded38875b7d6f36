import * as z from "zod";
import { CREATE_JOB_ACCEPTS, createJobSchema, type CreateJobInput } from "../jobs/spec";
import { EMULATOR_LIMITS } from "../limits";
import { EmulatorValidationError, validate, type FieldNamer } from "../validation";

const DAY_MS = 24 * 3600 * 1000;

/**
 * Size limits of a scenario: large enough for realistic reports, small enough to stay in memory.
 * Its jobs must fit in an empty emulator, so their number is bounded by the store's `max_jobs`.
 */
export const SCENARIO_LIMITS = Object.freeze({
  jobsPerKind: EMULATOR_LIMITS.jobs.value,
  totalJobs: EMULATOR_LIMITS.jobs.value,
  projects: 100,
  explicitJobsPerProject: 10_000,
  maxSpanDays: 365,
  maxCreatedAgoMs: 365 * DAY_MS,
});

/** An explicit scenario job: the admin API's job fields (`projectId` defaults to the project's) plus its age. */
export interface ScenarioJob extends Omit<CreateJobInput, "projectId"> {
  /** Default: the enclosing project; if given, it must be that project. */
  readonly projectId?: string;
  /** How long before the load the job was created; default 0 (created at load time). */
  readonly createdAgoMs?: number;
}

/** One project of a scenario: how many jobs of each kind to generate, plus explicit ones. */
export interface ScenarioProject {
  readonly projectId: string;
  /** Generated image-server jobs; default 0. */
  readonly imageJobs?: number;
  /** Generated app-server jobs; default 0. */
  readonly appJobs?: number;
  /** Generated IMS jobs; default 0. */
  readonly imsJobs?: number;
  /** Generated jobs are created over this many days before the load; default 30. */
  readonly spanDays?: number;
  readonly jobs?: readonly ScenarioJob[];
}

/** A scenario: jobs generated deterministically from `seed`, per project. */
export interface Scenario {
  /** 0..4294967295; the same seed (and load time) always gives the same jobs. */
  readonly seed: number;
  readonly description?: string;
  readonly projects: readonly ScenarioProject[];
}

/** What each top-level field accepts (camelCase); messages quote these. */
const SCENARIO_ACCEPTS: Readonly<Record<string, string>> = {
  seed: "an integer from 0 to 4294967295",
  description: "a string of at most 1000 characters",
  projects: `an array of 1 to ${SCENARIO_LIMITS.projects} projects with distinct project_id values`,
};

/** What each project field accepts (camelCase). */
const PROJECT_ACCEPTS: Readonly<Record<string, string>> = {
  projectId: "a string of 1 to 128 characters",
  imageJobs: `an integer from 0 to ${SCENARIO_LIMITS.jobsPerKind}`,
  appJobs: `an integer from 0 to ${SCENARIO_LIMITS.jobsPerKind}`,
  imsJobs: `an integer from 0 to ${SCENARIO_LIMITS.jobsPerKind}`,
  spanDays: `a number greater than 0 and at most ${SCENARIO_LIMITS.maxSpanDays}`,
  jobs: `an array of at most ${SCENARIO_LIMITS.explicitJobsPerProject} jobs`,
};

const jobCount = z.int().min(0).max(SCENARIO_LIMITS.jobsPerKind).optional();

const projectSchema = z.strictObject({
  projectId: z.string().min(1).max(128),
  imageJobs: jobCount,
  appJobs: jobCount,
  imsJobs: jobCount,
  spanDays: z.number().gt(0).max(SCENARIO_LIMITS.maxSpanDays).optional(),
  // Each job is checked on its own with the admin API's schema, for the same messages.
  jobs: z.array(z.unknown()).max(SCENARIO_LIMITS.explicitJobsPerProject).optional(),
});

const scenarioSchema = z.strictObject({
  seed: z.int().min(0).max(4294967295),
  description: z.string().max(1000).optional(),
  projects: z.array(z.unknown()).min(1).max(SCENARIO_LIMITS.projects),
});

const JOB_ACCEPTS: Readonly<Record<string, string>> = {
  ...CREATE_JOB_ACCEPTS,
  createdAgoMs: `an integer from 0 to ${SCENARIO_LIMITS.maxCreatedAgoMs}`,
};

const createdAgo = z.int().min(0).max(SCENARIO_LIMITS.maxCreatedAgoMs);

/**
 * Runs `check`, prefixing a validation error with where in the scenario it happened. Messages
 * are `<field>: <problem>`, or `: <problem>` (empty field) for the element itself.
 */
function within<T>(where: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof EmulatorValidationError)) throw error;
    const field = error.field === "" ? where : `${where}.${error.field}`;
    throw new EmulatorValidationError(field, error.field === "" ? `${where}${error.message}` : `${where}.${error.message}`);
  }
}

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new EmulatorValidationError("", ": must be a JSON object");
  return value as Record<string, unknown>;
}

function checkJob(value: unknown, projectId: string, name: FieldNamer): ScenarioJob {
  const { createdAgoMs, ...rest } = asObject(value);
  if (createdAgoMs !== undefined && !createdAgo.safeParse(createdAgoMs).success) {
    throw new EmulatorValidationError(name("createdAgoMs"), `${name("createdAgoMs")}: must be ${JOB_ACCEPTS.createdAgoMs}`);
  }
  if (rest.projectId !== undefined && rest.projectId !== projectId) {
    throw new EmulatorValidationError(
      name("projectId"),
      `${name("projectId")}: must be the enclosing project's id ${JSON.stringify(projectId)}, or omitted`,
    );
  }
  const input = validate(createJobSchema, { ...rest, projectId }, JOB_ACCEPTS, name);
  return { ...input, ...(createdAgoMs === undefined ? {} : { createdAgoMs: createdAgoMs as number }) };
}

function checkProject(value: unknown, name: FieldNamer): ScenarioProject {
  const project = validate(projectSchema, asObject(value), PROJECT_ACCEPTS, name);
  const jobs = (project.jobs ?? []).map((job, j) => within(`${name("jobs")}[${j}]`, () => checkJob(job, project.projectId, name)));
  return { ...project, jobs };
}

/**
 * Validates a scenario given in-process (camelCase fields) and returns it with every project and
 * job checked. `name` spells field names in messages (parseScenario passes snake_case).
 * @throws EmulatorValidationError naming the first bad field, e.g. `projects[1].jobs[0].kind: must be …`
 */
export function checkScenario(value: unknown, name: FieldNamer = (f) => f): Scenario {
  const scenario = validate(scenarioSchema, asObject(value), SCENARIO_ACCEPTS, name);
  const projects = scenario.projects.map((p, i) => within(`projects[${i}]`, () => checkProject(p, name)));
  const ids = projects.map((p) => p.projectId);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined)
    throw new EmulatorValidationError("projects", `projects: ${name("projectId")} ${JSON.stringify(dup)} appears more than once`);
  const total = projects.reduce((sum, p) => sum + (p.imageJobs ?? 0) + (p.appJobs ?? 0) + (p.imsJobs ?? 0) + (p.jobs?.length ?? 0), 0);
  if (total > SCENARIO_LIMITS.totalJobs) {
    throw new EmulatorValidationError(
      "projects",
      `projects: at most ${SCENARIO_LIMITS.totalJobs} jobs in all (${EMULATOR_LIMITS.jobs.name}; this scenario has ${total})`,
    );
  }
  return { seed: scenario.seed, ...(scenario.description === undefined ? {} : { description: scenario.description }), projects };
}
