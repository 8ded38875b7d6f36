import type { AppJob, AppSubJob } from "../api/app-job";
import type { ImageJob, ImageSubJob } from "../api/image-job";
import type { ImsJob } from "../api/ims-job";
import type { JobKindName } from "./kinds";
import { classifyJobStatus, classifySubJobStatus, type Phase } from "./phase";

/** One sub-job (Workspace) or member job (IMS `entities.sub_jobs_result`) as seen in one poll. */
export interface SubJobSnapshot {
  readonly id: string;
  readonly status: string;
  readonly phase: Phase;
  /** False when the status is not documented (then `phase` is `pending`). */
  readonly knownStatus: boolean;
  /** `""` when none. */
  readonly errorCode: string;
  /** `""` when none. */
  readonly errorMessage: string;
  /** The resource the sub-job created or changed; `""` when none. */
  readonly resourceId: string;
}

/** One poll of a job, normalized across the three APIs. Text fields are `""` rather than null. */
export interface JobSnapshot {
  readonly kind: JobKindName;
  readonly jobId: string;
  readonly status: string;
  readonly phase: Phase;
  /** False when the status is not documented (then `phase` is `pending`). */
  readonly knownStatus: boolean;
  /** Ids of what the job produced (design §5), in order, without blanks or duplicates. */
  readonly resourceIds: readonly string[];
  /** The first of {@link resourceIds}, or `""`. */
  readonly resourceId: string;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly subJobs: readonly SubJobSnapshot[];
  /** Sub-jobs the API says exist; may exceed `subJobs.length` while they are being created. */
  readonly subJobsTotal: number;
  /** The API's job object, unchanged. */
  readonly job: ImageJob | AppJob | ImsJob;
}

/** Sub-job counts by phase, for progress lines. */
export interface SubJobProgress {
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Everything neither succeeded nor failed, including sub-jobs not listed yet. */
  readonly pending: number;
}

const text = (value: string | null | undefined): string => value ?? "";

function uniqueNonEmpty(values: readonly string[]): string[] {
  return [...new Set(values.filter((value) => value !== ""))];
}

/** The first failed sub-job that says why, so a parent without error fields can report a cause. */
function firstFailure(subJobs: readonly SubJobSnapshot[]): { errorCode: string; errorMessage: string } {
  const failed = subJobs.find((sub) => sub.phase === "failed" && (sub.errorCode !== "" || sub.errorMessage !== ""));
  return { errorCode: failed?.errorCode ?? "", errorMessage: failed?.errorMessage ?? "" };
}

function workspaceSnapshot(
  kind: "image-job" | "app-job",
  jobId: string,
  job: ImageJob | AppJob,
  subJobs: SubJobSnapshot[],
): JobSnapshot {
  const { phase, known } = classifyJobStatus(kind, job.status);
  const resourceIds = uniqueNonEmpty(subJobs.filter((sub) => sub.phase === "succeeded").map((sub) => sub.resourceId));
  return {
    kind,
    jobId,
    status: job.status,
    phase,
    knownStatus: known,
    resourceIds,
    resourceId: resourceIds[0] ?? "",
    // Workspace parents carry no error fields; their sub-jobs do.
    ...firstFailure(subJobs),
    subJobs,
    subJobsTotal: Math.max(job.sub_jobs_total ?? 0, subJobs.length),
    job,
  };
}

/** Normalizes an image-server sub-job (errors in `job_execute_info`). */
export function imageSubJobSnapshot(sub: ImageSubJob): SubJobSnapshot {
  const { phase, known } = classifySubJobStatus("image-job", sub.status);
  return {
    id: text(sub.id),
    status: text(sub.status),
    phase,
    knownStatus: known,
    errorCode: text(sub.job_execute_info?.error_code),
    errorMessage: text(sub.job_execute_info?.error_message),
    resourceId: text(sub.job_resource_info?.resource_id),
  };
}

/**
 * Normalizes an app-server sub-job. Its error is flat (`error_code`/`error_message`) in the docs
 * and newer SDKs but nested in `job_execute_info` in an older spec; the flat pair wins when it
 * says anything, and code and message are kept from the same pair so they match.
 */
export function appSubJobSnapshot(sub: AppSubJob): SubJobSnapshot {
  const { phase, known } = classifySubJobStatus("app-job", sub.status);
  const flat = { errorCode: text(sub.error_code), errorMessage: text(sub.error_message) };
  const nested = { errorCode: text(sub.job_execute_info?.error_code), errorMessage: text(sub.job_execute_info?.error_message) };
  const error = flat.errorCode !== "" || flat.errorMessage !== "" ? flat : nested;
  return { id: text(sub.id), status: text(sub.status), phase, knownStatus: known, ...error, resourceId: text(sub.job_resource_info?.resource_id) };
}

/** Snapshot of a ShowImageJob body; `jobId` is the id that was asked for. */
export function imageJobSnapshot(jobId: string, job: ImageJob): JobSnapshot {
  return workspaceSnapshot("image-job", jobId, job, (job.sub_jobs ?? []).map(imageSubJobSnapshot));
}

/** Snapshot of a ShowJobDetail body; `jobId` is the id that was asked for. */
export function appJobSnapshot(jobId: string, job: AppJob): JobSnapshot {
  return workspaceSnapshot("app-job", jobId, job, (job.sub_jobs ?? []).map(appSubJobSnapshot));
}

/**
 * Snapshot of an IMS ShowJob body; `jobId` is the id that was asked for. Member jobs
 * (`entities.sub_jobs_result`, e.g. OVA imports) become sub-jobs, and the images of those that
 * succeeded follow `entities.image_id` in `resourceIds`.
 */
export function imsJobSnapshot(jobId: string, job: ImsJob): JobSnapshot {
  const { phase, known } = classifyJobStatus("ims-job", job.status);
  const entities = job.entities ?? {};
  const subJobs = (entities.sub_jobs_result ?? []).map((member): SubJobSnapshot => {
    const sub = classifySubJobStatus("ims-job", member.status);
    return {
      id: text(member.job_id),
      status: text(member.status),
      phase: sub.phase,
      knownStatus: sub.known,
      errorCode: text(member.error_code),
      errorMessage: text(member.fail_reason),
      resourceId: text(member.entities?.image_id),
    };
  });
  const resourceIds = uniqueNonEmpty([
    text(entities.image_id),
    ...subJobs.filter((sub) => sub.phase === "succeeded").map((sub) => sub.resourceId),
  ]);
  const own = { errorCode: text(job.error_code), errorMessage: text(job.fail_reason) };
  return {
    kind: "ims-job",
    jobId,
    status: job.status,
    phase,
    knownStatus: known,
    resourceIds,
    resourceId: resourceIds[0] ?? "",
    // A parent that failed without saying why still has the cause on a member job.
    ...(own.errorCode !== "" || own.errorMessage !== "" ? own : firstFailure(subJobs)),
    subJobs,
    subJobsTotal: Math.max(entities.sub_jobs_list?.length ?? 0, subJobs.length),
    job,
  };
}

/** Counts sub-jobs by phase; `total` is the larger of the announced and the listed count. */
export function subJobProgress(snapshot: JobSnapshot): SubJobProgress {
  const total = Math.max(snapshot.subJobsTotal, snapshot.subJobs.length);
  const succeeded = snapshot.subJobs.filter((sub) => sub.phase === "succeeded").length;
  const failed = snapshot.subJobs.filter((sub) => sub.phase === "failed").length;
  return { total, succeeded, failed, pending: total - succeeded - failed };
}
