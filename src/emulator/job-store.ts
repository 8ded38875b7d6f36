import { isWorkspaceKind, type EmulatorJobKind } from "./job-kind";
import { CREATE_JOB_ACCEPTS, createJobSchema, withDefaults, type CreateJobInput, type JobSpec } from "./job-spec";
import { imsJobId, uuid, workspaceId } from "./ids";
import { validate } from "./validation";

/** A job held by the emulator. Its status is not stored: it is derived from the clock on every read. */
export interface EmulatedJob extends JobSpec {
  readonly id: string;
  /** Creation time (ms since the epoch, from the emulator clock); the job's `begin_time`. */
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
  constructor(readonly kind: EmulatorJobKind, readonly projectId: string, readonly id: string) {
    super(`id: a ${kind} with id ${JSON.stringify(id)} already exists in project ${JSON.stringify(projectId)}`);
    this.name = "DuplicateJobError";
  }
}

function key(kind: EmulatorJobKind, projectId: string, id: string): string {
  return JSON.stringify([kind, projectId, id]);
}

/** The emulator's jobs, keyed by kind, project and id, in creation order. */
export class JobStore {
  private readonly jobs = new Map<string, EmulatedJob>();

  /** @param now the emulator clock (ms since the epoch); job timelines are measured with it. */
  constructor(private readonly now: () => number) {}

  /**
   * Validates `input`, applies defaults and adds the job, which starts its timeline now.
   * @throws EmulatorValidationError for bad input; DuplicateJobError for a taken id
   */
  createJob(input: CreateJobInput): EmulatedJob {
    return this.add(withDefaults(validate(createJobSchema, input, CREATE_JOB_ACCEPTS)));
  }

  /** Adds a job from an already-validated spec. @throws DuplicateJobError for a taken id */
  add(spec: JobSpec): EmulatedJob {
    const workspace = isWorkspaceKind(spec.kind);
    const id = spec.id ?? (workspace ? workspaceId() : imsJobId());
    const k = key(spec.kind, spec.projectId, id);
    if (this.jobs.has(k)) throw new DuplicateJobError(spec.kind, spec.projectId, id);
    const resourceIds = Array.from({ length: spec.subJobs }, () => uuid());
    const job: EmulatedJob = {
      ...spec,
      id,
      createdAt: this.now(),
      subJobIds: resourceIds.map(() => (workspace ? workspaceId() : imsJobId())),
      resourceIds,
      resourceNames: resourceIds.map((r) => `hwjobs-${r.slice(0, 8)}`),
    };
    this.jobs.set(k, job);
    return job;
  }

  /** The job, or `undefined` when there is none with this kind, project and id. */
  get(kind: EmulatorJobKind, projectId: string, id: string): EmulatedJob | undefined {
    return this.jobs.get(key(kind, projectId, id));
  }

  /** Every job, oldest first. */
  list(): EmulatedJob[] {
    return [...this.jobs.values()];
  }

  /** Removes every job. */
  clear(): void {
    this.jobs.clear();
  }
}
