import type { AppJob, AppSubJob } from "../api/app-job";
import type { ImageJob, ImageSubJob } from "../api/image-job";
import type { ImsJob } from "../api/ims-job";
import { checkAnswerIdentity } from "./answer-identity";
import { APP_JOB_KIND, IMAGE_JOB_KIND, IMS_JOB_KIND, type JobKindName } from "./kinds";
import { oneLine } from "../core/sanitize";
import { unsettledReason } from "./sub-job-progress";
import { classifyJobStatus, classifySubJobStatus, type Phase } from "./phase";

/** Why a snapshot deserves a warning of its own, whatever its phase. */
export type SnapshotWarningCode =
  /** A Workspace parent said SUCCESS while sub-jobs are unsettled, unknown or not listed: kept pending. */
  | "unsettled-sub-jobs"
  /** An IMS answer without the `job_id` it always carries: its identity could not be checked. */
  | "missing-job-id";

/** Something off in one answer, reported by the wait as a `warning` event (once per message). */
export interface SnapshotWarning {
  readonly code: SnapshotWarningCode;
  /** One line naming the job and what is off. */
  readonly message: string;
}

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
  /** Ids of what the job produced (docs/architecture.md §5), in order, without blanks or duplicates. */
  readonly resourceIds: readonly string[];
  /** The first of {@link resourceIds}, or `""`. */
  readonly resourceId: string;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly subJobs: readonly SubJobSnapshot[];
  /** Sub-jobs the API says exist; may exceed `subJobs.length` while they are being created. */
  readonly subJobsTotal: number;
  /**
   * How far the job is, in [0, 1], when the answer says: IMS `entities.process_percent` ÷ 100, else
   * the share of sub-jobs (or member jobs) that have finished, succeeded or failed. Absent when
   * the answer carries neither (a percentage outside [0, 100] counts as none). The waiter places
   * its polls by it (jobs/poll-schedule.ts); it never decides the outcome.
   */
  readonly progress?: number;
  /** The job's `begin_time` in ms since the epoch; absent when the answer has none that parses. */
  readonly beginMs?: number;
  /** The API's job object, unchanged. */
  readonly job: ImageJob | AppJob | ImsJob;
  /** What is off in this answer (see {@link SnapshotWarningCode}); absent or empty when nothing is. */
  readonly warnings?: readonly SnapshotWarning[];
}

/** How answers become snapshots. */
export interface SnapshotOptions {
  /**
   * Take a Workspace APP parent `SUCCESS` with `FAILED` or `ABNORMAL` sub-jobs as succeeded (the
   * wait then warns, naming them). By default such a job is failed (docs/architecture.md §5): a pipeline whose
   * image server or image was not built must not go on as if it had been.
   * @default false
   */
  readonly allowFailedSubJobs?: boolean;
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

/** An ISO 8601 date-time with its zone (`Z` or an offset), as the APIs send (docs/reference/huawei-api.md). */
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** `begin_time` in ms since the epoch, when it is an instant that parses. */
function beginMsOf(job: ImageJob | AppJob | ImsJob): { beginMs?: number } {
  // Only an instant: Date.parse reads a time without a zone as the local time of this machine.
  const ms = job.begin_time && ZONED_TIME.test(job.begin_time) ? Date.parse(job.begin_time) : NaN;
  return Number.isFinite(ms) ? { beginMs: ms } : {};
}

/** The share of `subJobs` out of `total` that have finished, when there are any. */
function subJobShare(subJobs: readonly SubJobSnapshot[], total: number): { progress?: number } {
  if (!(total > 0)) return {};
  return { progress: Math.min(1, subJobs.filter((sub) => sub.phase !== "pending").length / total) };
}

/** IMS `process_percent` as a fraction, when it is a percentage. UNCONFIRMED scale (docs/architecture.md §5.2). */
function percentShare(percent: number | null | undefined): { progress?: number } {
  return typeof percent === "number" && percent >= 0 && percent <= 100 ? { progress: percent / 100 } : {};
}

/** The fields every snapshot opens with: the job, its status and phase, and what it produced. */
function verdict(kind: JobKindName, jobId: string, status: string, phase: Phase, known: boolean, resourceIds: readonly string[]) {
  return { kind, jobId, status, phase, knownStatus: known, resourceIds, resourceId: resourceIds[0] ?? "" };
}

function workspaceSnapshot(
  kind: (typeof IMAGE_JOB_KIND)["name"] | (typeof APP_JOB_KIND)["name"],
  jobId: string,
  job: ImageJob | AppJob,
  subJobs: SubJobSnapshot[],
  options: SnapshotOptions,
): JobSnapshot {
  checkAnswerIdentity(kind, jobId, job);
  const { phase: statusPhase, known } = classifyJobStatus(kind, job.status);
  // A SUCCESS counts only when every sub-job it announced is listed and exactly SUCCESS
  // (docs/architecture.md §5). Known failures fail it (unless allowed); anything else keeps it pending, with a warning.
  let phase: Phase = statusPhase;
  const warnings: SnapshotWarning[] = [];
  if (statusPhase === "succeeded") {
    const anySubJobFailed = subJobs.some((sub) => sub.phase === "failed");
    const unsettled = unsettledReason(subJobs, job.sub_jobs_total);
    if (anySubJobFailed && !options.allowFailedSubJobs) phase = "failed";
    else if (unsettled !== undefined) {
      phase = "pending";
      warnings.push({
        code: "unsettled-sub-jobs",
        message: `${kind} ${oneLine(jobId)} reported ${oneLine(job.status)} but ${unsettled}; still waiting (never taken as success)`,
      });
    }
  }
  const resourceIds = uniqueNonEmpty(subJobs.filter((sub) => sub.phase === "succeeded").map((sub) => sub.resourceId));
  const subJobsTotal = Math.max(job.sub_jobs_total ?? 0, subJobs.length);
  return {
    ...verdict(kind, jobId, job.status, phase, known, resourceIds),
    // Workspace parents carry no error fields; their sub-jobs do.
    ...firstFailure(subJobs),
    subJobs,
    subJobsTotal,
    ...subJobShare(subJobs, subJobsTotal),
    ...beginMsOf(job),
    job,
    ...(warnings.length > 0 && { warnings }),
  };
}

/** Normalizes an image-server sub-job (errors in `job_execute_info`). */
export function imageSubJobSnapshot(sub: ImageSubJob): SubJobSnapshot {
  const { phase, known } = classifySubJobStatus(IMAGE_JOB_KIND.name, sub.status);
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
  const { phase, known } = classifySubJobStatus(APP_JOB_KIND.name, sub.status);
  const flat = { errorCode: text(sub.error_code), errorMessage: text(sub.error_message) };
  const nested = { errorCode: text(sub.job_execute_info?.error_code), errorMessage: text(sub.job_execute_info?.error_message) };
  const error = flat.errorCode !== "" || flat.errorMessage !== "" ? flat : nested;
  return {
    id: text(sub.id),
    status: text(sub.status),
    phase,
    knownStatus: known,
    ...error,
    resourceId: text(sub.job_resource_info?.resource_id),
  };
}

/**
 * Snapshot of a ShowImageJob body; `jobId` is the id that was asked for. A `SUCCESS` with failed
 * sub-jobs is `failed` unless {@link SnapshotOptions.allowFailedSubJobs}; one with sub-jobs not
 * all SUCCESS, or fewer listed than `sub_jobs_total`, is `pending` with a warning.
 * @throws JobMismatchError when the body is about another job
 */
export function imageJobSnapshot(jobId: string, job: ImageJob, options: SnapshotOptions = {}): JobSnapshot {
  return workspaceSnapshot(IMAGE_JOB_KIND.name, jobId, job, (job.sub_jobs ?? []).map(imageSubJobSnapshot), options);
}

/**
 * Snapshot of a ShowJobDetail body; `jobId` is the id that was asked for. A `SUCCESS` with failed
 * sub-jobs is `failed` unless {@link SnapshotOptions.allowFailedSubJobs}; one with sub-jobs not
 * all SUCCESS, or fewer listed than `sub_jobs_total`, is `pending` with a warning.
 * @throws JobMismatchError when the body is about another job
 */
export function appJobSnapshot(jobId: string, job: AppJob, options: SnapshotOptions = {}): JobSnapshot {
  return workspaceSnapshot(APP_JOB_KIND.name, jobId, job, (job.sub_jobs ?? []).map(appSubJobSnapshot), options);
}

/**
 * Snapshot of an IMS ShowJob body; `jobId` is the id that was asked for. Member jobs
 * (`entities.sub_jobs_result`, e.g. OVA imports) become sub-jobs, and the images of those that
 * succeeded follow `entities.image_id` in `resourceIds`. The sub-job rule of
 * {@link SnapshotOptions.allowFailedSubJobs} is the Workspace APP parents' (docs/architecture.md §5); an IMS
 * `SUCCESS` with a failed member job stays succeeded, and the wait warns about it.
 * @throws JobMismatchError when the body is about another job
 */
export function imsJobSnapshot(jobId: string, job: ImsJob): JobSnapshot {
  const kind = IMS_JOB_KIND.name;
  const warnings: SnapshotWarning[] = [];
  // IMS always sends job_id (the spec marks it required), so its absence is worth a word; it is
  // not an error, since an answer without it names no other job either.
  if (!checkAnswerIdentity(kind, jobId, job)) {
    warnings.push({
      code: "missing-job-id",
      message: `${kind} ${oneLine(jobId)}: the answer has no job_id, so it could not be checked to be about this job`,
    });
  }
  const { phase, known } = classifyJobStatus(kind, job.status);
  const entities = job.entities ?? {};
  const subJobs = (entities.sub_jobs_result ?? []).map((member): SubJobSnapshot => {
    const sub = classifySubJobStatus(kind, member.status);
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
  const subJobsTotal = Math.max(entities.sub_jobs_list?.length ?? 0, subJobs.length);
  const percent = percentShare(entities.process_percent);
  return {
    ...verdict(kind, jobId, job.status, phase, known, resourceIds),
    // A parent that failed without saying why still has the cause on a member job.
    ...(own.errorCode !== "" || own.errorMessage !== "" ? own : firstFailure(subJobs)),
    subJobs,
    subJobsTotal,
    ...("progress" in percent ? percent : subJobShare(subJobs, subJobsTotal)),
    ...beginMsOf(job),
    job,
    ...(warnings.length > 0 && { warnings }),
  };
}
