import { familyOf, type EmulatorJobFamily, type EmulatorJobKind } from "./kind";
import { CREATE_JOB_ACCEPTS, createJobSchema, withDefaults, type CreateJobInput, type JobSpec } from "./spec";
import { imsJobId, uuid, workspaceId } from "./ids";
import { ListIndex, type ListedJob, type ListedSubJob } from "./list-index";
import { EMULATOR_LIMITS, LimitExceededError, limitLabel } from "../limits";
import { validate } from "../validation";

// Ids in each family's format: Workspace APP's 17 digits, IMS's 32 hex characters.
const NEW_ID: Readonly<Record<EmulatorJobFamily, () => string>> = { workspace: workspaceId, ims: imsJobId };

/** A job held by the emulator. Its status is not stored: it is derived from the clock on every read. */
export interface EmulatedJob extends JobSpec {
  readonly id: string;
  /** Creation time (ms since the epoch, from the emulator clock); the job's `begin_time`. May lie in the past. */
  readonly createdAt: number;
  /** One id per sub-job (IMS: one internal track, never shown as a sub-job). */
  readonly subJobIds: readonly string[];
  /** One resource id (UUID) per sub-job; for image builds and IMS jobs, the image id. */
  readonly resourceIds: readonly string[];
  /** One resource name per sub-job; for IMS jobs, `entities.image_name`. */
  readonly resourceNames: readonly string[];
}

/** A job with the same kind, project and id already exists. */
export class DuplicateJobError extends Error {
  constructor(
    readonly kind: EmulatorJobKind,
    readonly projectId: string,
    readonly id: string,
  ) {
    super(`id: a ${kind} with id ${JSON.stringify(id)} already exists in project ${JSON.stringify(projectId)}`);
    this.name = "DuplicateJobError";
  }
}

function key(kind: EmulatorJobKind, projectId: string, id: string): string {
  return JSON.stringify([kind, projectId, id]);
}

function indexKey(kind: EmulatorJobKind, projectId: string): string {
  return JSON.stringify([kind, projectId]);
}

/** A complete job must have one sub-job id, resource id and resource name per sub-job. */
function checkShape(job: EmulatedJob): void {
  const n = job.subJobs;
  if (job.subJobIds.length !== n || job.resourceIds.length !== n || job.resourceNames.length !== n) {
    throw new Error(`job ${job.id}: subJobIds, resourceIds and resourceNames must each have ${n} entries`);
  }
}

const NO_JOBS = new ListIndex();

/**
 * The emulator's jobs, keyed by kind, project and id, in insertion order; at most `max_jobs` of
 * them. The jobs of each kind in each project also keep their list orders (newest first), so a
 * list page renders only its own items.
 */
export class JobStore {
  private readonly jobs = new Map<string, EmulatedJob>();
  private readonly indexes = new Map<string, ListIndex>();

  /**
   * @param now the emulator clock (ms since the epoch); job timelines are measured with it.
   * @param maxJobs how many jobs it holds at most (tests pass a small one).
   */
  constructor(
    private readonly now: () => number,
    private readonly maxJobs: number = EMULATOR_LIMITS.jobs.value,
  ) {}

  /**
   * Validates `input`, applies defaults and adds the job, which starts its timeline now.
   * @throws EmulatorValidationError for bad input; DuplicateJobError for a taken id; LimitExceededError when the store is full
   */
  createJob(input: CreateJobInput): EmulatedJob {
    return this.add(withDefaults(validate(createJobSchema, input, CREATE_JOB_ACCEPTS)));
  }

  /** Adds a job from an already-validated spec, created now, with random ids. @throws DuplicateJobError for a taken id; LimitExceededError when the store is full */
  add(spec: JobSpec): EmulatedJob {
    const newId = NEW_ID[familyOf(spec.kind)];
    const resourceIds = Array.from({ length: spec.subJobs }, () => uuid());
    const job: EmulatedJob = {
      ...spec,
      id: spec.id ?? newId(),
      createdAt: this.now(),
      subJobIds: resourceIds.map(() => newId()),
      resourceIds,
      resourceNames: resourceIds.map((r) => `hwjobs-${r.slice(0, 8)}`),
    };
    return this.insertAll([job])[0]!;
  }

  /**
   * Adds complete jobs (ids and creation times chosen by the caller, e.g. backdated scenario
   * jobs). All or nothing: a taken id, in the store or twice in `jobs`, or more jobs than the
   * store has room for, adds none of them.
   * @throws DuplicateJobError for a taken id; LimitExceededError when they do not fit; Error for a job whose per-sub-job arrays do not match `subJobs`
   */
  insertAll(jobs: readonly EmulatedJob[]): EmulatedJob[] {
    if (this.jobs.size + jobs.length > this.maxJobs) {
      const limit = { ...EMULATOR_LIMITS.jobs, value: this.maxJobs };
      throw new LimitExceededError(
        limit,
        `jobs: the emulator holds at most ${limitLabel(limit)}; it has ${this.jobs.size} and this request adds ${jobs.length} (POST /_emulator/reset clears them)`,
      );
    }
    const batch = new Set<string>();
    for (const job of jobs) {
      checkShape(job);
      const k = key(job.kind, job.projectId, job.id);
      if (this.jobs.has(k) || batch.has(k)) throw new DuplicateJobError(job.kind, job.projectId, job.id);
      batch.add(k);
    }
    for (const job of jobs) this.jobs.set(key(job.kind, job.projectId, job.id), job);
    const groups = new Map<string, EmulatedJob[]>();
    for (const job of jobs) {
      const k = indexKey(job.kind, job.projectId);
      const group = groups.get(k);
      if (group) group.push(job);
      else groups.set(k, [job]);
    }
    for (const [k, group] of groups) {
      const index = this.indexes.get(k) ?? new ListIndex();
      this.indexes.set(k, index);
      index.add(group);
    }
    return [...jobs];
  }

  /** The job, or `undefined` when there is none with this kind, project and id. */
  get(kind: EmulatorJobKind, projectId: string, id: string): EmulatedJob | undefined {
    return this.jobs.get(key(kind, projectId, id));
  }

  /** Every job, in insertion order (which is not `createdAt` order once jobs are backdated). */
  list(): EmulatedJob[] {
    return [...this.jobs.values()];
  }

  /** The jobs of one kind in one project, in insertion order. */
  listOf(kind: EmulatorJobKind, projectId: string): EmulatedJob[] {
    return [...this.indexOf(kind, projectId).jobs()];
  }

  /**
   * The jobs of one kind and type in one project in list order (jobs/list-order.ts: newest first,
   * ties by id descending), kept between requests. For the list routes.
   * @internal
   */
  jobsNewestFirst(kind: EmulatorJobKind, projectId: string, jobType: string): readonly ListedJob[] {
    return this.indexOf(kind, projectId).jobsNewestFirst(jobType);
  }

  /**
   * The sub-jobs of the jobs of one kind and type in one project in list order (their parent's
   * creation time, then their own id), kept between requests. For the list routes.
   * @internal
   */
  subJobsNewestFirst(kind: EmulatorJobKind, projectId: string, jobType: string): readonly ListedSubJob[] {
    return this.indexOf(kind, projectId).subJobsNewestFirst(jobType);
  }

  /** Removes every job. */
  clear(): void {
    this.jobs.clear();
    this.indexes.clear();
  }

  private indexOf(kind: EmulatorJobKind, projectId: string): ListIndex {
    return this.indexes.get(indexKey(kind, projectId)) ?? NO_JOBS;
  }
}
