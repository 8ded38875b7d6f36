import * as z from "zod";
import { DEFAULT_JOB_TYPES, EMULATOR_JOB_KINDS, familyOf, showsSubJobs, type EmulatorJobFamily, type EmulatorJobKind } from "./kind";
import { EMULATOR_LIMITS } from "../limits";
import type { JobOutcome } from "./timeline";

const MAX_DURATION_MS = 30 * 24 * 3600 * 1000;

const duration = z.int().min(0).max(MAX_DURATION_MS);
const MAX_SUB_JOBS = EMULATOR_LIMITS.subJobsPerJob.value;

/** The input of {@link JobStore.createJob}; everything but `kind` and `projectId` has a default. */
export interface CreateJobInput {
  readonly kind: EmulatorJobKind;
  readonly projectId: string;
  /** Default: 18 digits (Workspace APP) or 32 lowercase hex characters (IMS). */
  readonly id?: string;
  /** Default: per kind, see `DEFAULT_JOB_TYPES`. */
  readonly jobType?: string;
  /** Default 1000. */
  readonly waitingMs?: number;
  /** Default 5000. */
  readonly runningMs?: number;
  /** Default "success". */
  readonly outcome?: JobOutcome;
  /** Default 1; IMS jobs always have exactly one. */
  readonly subJobs?: number;
  /** Failure code; only with outcome "failure". */
  readonly errorCode?: string;
  /** Failure message; only with outcome "failure". */
  readonly errorMessage?: string;
}

/** A validated job specification with every default applied. */
export interface JobSpec {
  readonly kind: EmulatorJobKind;
  readonly projectId: string;
  readonly id?: string;
  readonly jobType: string;
  readonly waitingMs: number;
  readonly runningMs: number;
  readonly outcome: JobOutcome;
  readonly subJobs: number;
  readonly errorCode: string;
  readonly errorMessage: string;
}

/** Default failure of a Workspace APP sub-job (the code the seed examples show in `job_execute_info`). */
export const DEFAULT_WORKSPACE_FAILURE = {
  code: "WKS.00129901",
  message: "The service is now unavailable to process the request.",
} as const;

/**
 * Default failure of an IMS job. UNCONFIRMED: the seed shows only successful jobs, so this code
 * and reason are plausible stand-ins in the IMS `IMG.xxxx` style, not observed values.
 */
export const DEFAULT_IMS_FAILURE = {
  code: "IMG.0033",
  message: "Failed to create the image: the system disk snapshot of the server could not be created.",
} as const;

/** What each field accepts, in camelCase; validation messages quote these. */
export const CREATE_JOB_ACCEPTS: Readonly<Record<string, string>> = {
  kind: `one of ${EMULATOR_JOB_KINDS.join(", ")}`,
  projectId: "a string of 1 to 128 characters",
  id: "a string of 1 to 255 characters",
  jobType: "a string of 1 to 64 characters",
  waitingMs: `an integer from 0 to ${MAX_DURATION_MS}`,
  runningMs: `an integer from 0 to ${MAX_DURATION_MS}`,
  outcome: "one of success, failure, never",
  subJobs: `an integer from 1 to ${MAX_SUB_JOBS}`,
  errorCode: 'a string of 1 to 64 characters, only with outcome "failure"',
  errorMessage: 'a string of 1 to 255 characters, only with outcome "failure"',
};

/** The one validation used by the admin API and the in-process API (camelCase field names). */
export const createJobSchema = z
  .strictObject({
    kind: z.enum(EMULATOR_JOB_KINDS),
    projectId: z.string().min(1).max(128),
    id: z.string().min(1).max(255).optional(),
    jobType: z.string().min(1).max(64).optional(),
    waitingMs: duration.optional(),
    runningMs: duration.optional(),
    outcome: z.enum(["success", "failure", "never"]).optional(),
    subJobs: z.int().min(1).max(MAX_SUB_JOBS).optional(),
    errorCode: z.string().min(1).max(64).optional(),
    errorMessage: z.string().min(1).max(255).optional(),
  })
  .refine((v) => v.outcome === "failure" || v.errorCode === undefined, { path: ["errorCode"] })
  .refine((v) => v.outcome === "failure" || v.errorMessage === undefined, { path: ["errorMessage"] });

const DEFAULT_FAILURES: Readonly<Record<EmulatorJobFamily, { readonly code: string; readonly message: string }>> = {
  workspace: DEFAULT_WORKSPACE_FAILURE,
  ims: DEFAULT_IMS_FAILURE,
};

/** Sub-jobs of a job whose kind shows none (IMS ShowJob has no sub_jobs array): one timeline track is enough. */
export const ONE_TRACK = 1;

/** Applies the defaults to already-validated input. */
export function withDefaults(input: z.infer<typeof createJobSchema>): JobSpec {
  const failure = DEFAULT_FAILURES[familyOf(input.kind)];
  return {
    kind: input.kind,
    projectId: input.projectId,
    id: input.id,
    jobType: input.jobType ?? DEFAULT_JOB_TYPES[input.kind],
    waitingMs: input.waitingMs ?? 1000,
    runningMs: input.runningMs ?? 5000,
    outcome: input.outcome ?? "success",
    subJobs: showsSubJobs(input.kind) ? (input.subJobs ?? 1) : ONE_TRACK,
    errorCode: input.errorCode ?? failure.code,
    errorMessage: input.errorMessage ?? failure.message,
  };
}
