import type { EmulatorKindSpec } from "./kind";
import type { EmulatedJob } from "./store";
import { isoTime } from "./snapshot";
import type { JobState, ParentStatus, TimelineSubJob, SubJobStatus, TimelineSnapshot } from "./timeline";

/** `job_resource_info` of a Workspace APP sub-job. */
export interface ResourceInfoBody {
  resource_id: string;
  resource_name: string;
}

/** Fields shared by image-server and app-server sub-jobs. */
interface SubJobBodyBase {
  id: string;
  job_id: string;
  job_type: string;
  status: SubJobStatus;
  begin_time: string;
  end_time?: string;
  job_resource_info: ResourceInfoBody;
  project_id: string;
}

/** A sub-job of ShowImageJob: errors nested in `job_execute_info`. */
export interface ImageSubJobBody extends SubJobBodyBase {
  job_execute_info: { error_code: string; error_message: string };
}

/** A sub-job of ShowJobDetail: errors flat. */
export interface AppSubJobBody extends SubJobBodyBase {
  error_code: string;
  error_message: string;
}

/**
 * A parent job without its sub-jobs: the ListImageJobs item (`ImageJobInfo`), and the head of
 * the ShowImageJob / ShowJobDetail bodies.
 */
export interface WorkspaceJobInfo {
  id: string;
  job_type: string;
  begin_time: string;
  /**
   * Omitted until the job finishes. UNCONFIRMED: the real value while running is unknown; the
   * SDK models mark it optional, so omission is the choice least likely to break a client.
   */
  end_time?: string;
  status: ParentStatus;
  sub_jobs_total: number;
}

/** The ShowImageJob (`GET /v1/{project_id}/image-server-jobs/{job_id}`) or ShowJobDetail body. */
export interface WorkspaceJobBody<S> extends WorkspaceJobInfo {
  sub_jobs: S[];
}

/** The error a sub-job shows: empty strings unless it FAILED (as in the spec examples). */
function subJobError(job: EmulatedJob, sub: TimelineSubJob): { code: string; message: string } {
  return sub.status === "FAILED" ? { code: job.errorCode, message: job.errorMessage } : { code: "", message: "" };
}

function endTime(job: EmulatedJob, endOffsetMs: number | undefined): { end_time?: string } {
  return endOffsetMs === undefined ? {} : { end_time: isoTime(job.createdAt + endOffsetMs) };
}

function subJobBase(job: EmulatedJob, sub: TimelineSubJob, i: number): SubJobBodyBase {
  return {
    id: job.subJobIds[i]!,
    job_id: job.id,
    job_type: job.jobType,
    status: sub.status,
    begin_time: isoTime(job.createdAt),
    ...endTime(job, sub.endOffsetMs),
    job_resource_info: { resource_id: job.resourceIds[i]!, resource_name: job.resourceNames[i]! },
    project_id: job.projectId,
  };
}

/** Renders a parent job without sub-jobs, as ListImageJobs lists it. */
export function workspaceJobInfo(job: EmulatedJob, state: JobState): WorkspaceJobInfo {
  return {
    id: job.id,
    job_type: job.jobType,
    begin_time: isoTime(job.createdAt),
    ...endTime(job, state.endOffsetMs),
    status: state.status,
    sub_jobs_total: job.subJobs,
  };
}

/** Renders sub-job `i` of an image-server job, as ShowImageJob and ListImageSubJobs show it. */
export function imageSubJobBody(job: EmulatedJob, sub: TimelineSubJob, i: number): ImageSubJobBody {
  const error = subJobError(job, sub);
  return { ...subJobBase(job, sub, i), job_execute_info: { error_code: error.code, error_message: error.message } };
}

/** Renders sub-job `i` of an app-server job, as ShowJobDetail and ListSubJobs show it. */
export function appSubJobBody(job: EmulatedJob, sub: TimelineSubJob, i: number): AppSubJobBody {
  const error = subJobError(job, sub);
  return { ...subJobBase(job, sub, i), error_code: error.code, error_message: error.message };
}

/** Renders an image-server job as ShowImageJob returns it. */
export function imageJobBody(job: EmulatedJob, snap: TimelineSnapshot): WorkspaceJobBody<ImageSubJobBody> {
  return { ...workspaceJobInfo(job, snap), sub_jobs: snap.subJobs.map((sub, i) => imageSubJobBody(job, sub, i)) };
}

/** Renders an app-server job as ShowJobDetail (`GET /v2/{project_id}/job/{job_id}`) returns it. */
export function appJobBody(job: EmulatedJob, snap: TimelineSnapshot): WorkspaceJobBody<AppSubJobBody> {
  return { ...workspaceJobInfo(job, snap), sub_jobs: snap.subJobs.map((sub, i) => appSubJobBody(job, sub, i)) };
}

function workspaceKind<N extends string, F extends EmulatorKindSpec["scenarioField"]>(
  name: N,
  showPath: string,
  render: EmulatorKindSpec["render"],
  defaultJobType: string,
  scenarioField: F,
) {
  // Workspace APP statuses are the timeline's own.
  return {
    name,
    family: "workspace",
    showPath,
    render,
    statusName: (status) => status,
    defaultJobType,
    scenarioField,
  } as const satisfies EmulatorKindSpec;
}

/** The image-server job kind of the emulator's kind registry (`kind.ts`). */
export const IMAGE_JOB_KIND = workspaceKind(
  "image-job",
  "/v1/{project_id}/image-server-jobs/{job_id}",
  imageJobBody,
  "CREATE_SERVER_IMAGE",
  "imageJobs",
);

/** The app-server job kind of the emulator's kind registry (`kind.ts`). */
export const APP_JOB_KIND = workspaceKind("app-job", "/v2/{project_id}/job/{job_id}", appJobBody, "CREATE_SERVER", "appJobs");
