import { IMS_JOB_KIND } from "./ims-job-view";
import type { EmulatedJob } from "./store";
import type { ParentStatus, TimelineSnapshot } from "./timeline";
import { APP_JOB_KIND, IMAGE_JOB_KIND } from "./workspace-job-view";

/**
 * How a kind's jobs look, which decides their ids, sub-jobs and errors (switched on with no
 * default, so a new family must be handled everywhere before it compiles):
 * - `workspace`: Workspace APP: 17-digit ids, listed sub-jobs, WKS error bodies.
 * - `ims`: IMS: 32-hex ids, one internal track and no sub-jobs shown, IMG error bodies.
 */
export type EmulatorJobFamily = "workspace" | "ims";

/**
 * One kind of job the emulator serves. The emulator's own registry, redeclared rather than
 * imported from `jobs/kinds.ts` because the emulator must not import the layers above it
 * (docs/architecture.md §2); each entry sits beside its view (`workspace-job-view.ts`,
 * `ims-job-view.ts`).
 */
export interface EmulatorKindSpec {
  /** Same values as the CLI's `<kind>`. */
  readonly name: string;
  readonly family: EmulatorJobFamily;
  /** The path of the Show operation that serves it. */
  readonly showPath: string;
  /** The Show operation's body for a job as of one moment. */
  readonly render: (job: EmulatedJob, snap: TimelineSnapshot) => unknown;
  /** A timeline status in the kind's own vocabulary (IMS: INIT/RUNNING/SUCCESS/FAIL). */
  readonly statusName: (status: ParentStatus) => string;
  /** `job_type` given to a job created without one. */
  readonly defaultJobType: string;
  /** The scenario field that asks for generated jobs of this kind (`imageJobs`, ...). */
  readonly scenarioField: "imageJobs" | "appJobs" | "imsJobs";
}

/** The emulator's kind registry, keyed by kind. */
export const EMULATOR_KINDS = Object.freeze({
  [IMAGE_JOB_KIND.name]: IMAGE_JOB_KIND,
  [APP_JOB_KIND.name]: APP_JOB_KIND,
  [IMS_JOB_KIND.name]: IMS_JOB_KIND,
}) satisfies Readonly<Record<string, EmulatorKindSpec>>;

/**
 * The job APIs the emulator serves.
 * @useDeclaredType
 */
export type EmulatorJobKind = keyof typeof EMULATOR_KINDS;

/** Every {@link EmulatorJobKind}, for validation and messages. */
export const EMULATOR_JOB_KINDS = Object.keys(EMULATOR_KINDS) as [EmulatorJobKind, ...EmulatorJobKind[]];

/** `job_type` given to a job created without one. */
export const DEFAULT_JOB_TYPES: Readonly<Record<EmulatorJobKind, string>> = Object.freeze(
  Object.fromEntries(EMULATOR_JOB_KINDS.map((kind) => [kind, EMULATOR_KINDS[kind].defaultJobType])) as Record<EmulatorJobKind, string>,
);

const SHOWS_SUB_JOBS: Readonly<Record<EmulatorJobFamily, boolean>> = { workspace: true, ims: false };

/** The family of `kind` (see {@link EmulatorJobFamily}). */
export function familyOf(kind: EmulatorJobKind): EmulatorJobFamily {
  return EMULATOR_KINDS[kind].family;
}

/** False for kinds whose Show body has no sub-jobs (IMS): their jobs run on one timeline track. */
export function showsSubJobs(kind: EmulatorJobKind): boolean {
  return SHOWS_SUB_JOBS[familyOf(kind)];
}
