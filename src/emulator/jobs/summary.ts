import { EMULATOR_KINDS, type EmulatorJobKind } from "./kind";
import type { EmulatedJob } from "./store";
import { isoTime, snapshotAt } from "./snapshot";

/** How the admin API describes a job (snake_case, like the APIs it emulates). */
export interface JobSummary {
  id: string;
  kind: EmulatorJobKind;
  project_id: string;
  job_type: string;
  outcome: EmulatedJob["outcome"];
  waiting_ms: number;
  running_ms: number;
  sub_jobs: number;
  /** Present for outcome "failure". */
  error_code?: string;
  error_message?: string;
  created_at: string;
  /** Current status, in the kind's own vocabulary (IMS: INIT/RUNNING/SUCCESS/FAIL). */
  status: string;
  sub_job_ids: string[];
  /** Resource ids per sub-job; for image builds and IMS jobs these are the image ids. */
  resource_ids: string[];
  /** Path of the API operation that shows the job, percent-encoded. */
  path: string;
}

/** The percent-encoded path that shows a job of `kind`. */
export function jobPath(kind: EmulatorJobKind, projectId: string, id: string): string {
  return EMULATOR_KINDS[kind].showPath.replace("{project_id}", encodeURIComponent(projectId)).replace("{job_id}", encodeURIComponent(id));
}

/** Summarises `job` as of `nowMs`. */
export function jobSummary(job: EmulatedJob, nowMs: number): JobSummary {
  const status = snapshotAt(job, nowMs).status;
  return {
    id: job.id,
    kind: job.kind,
    project_id: job.projectId,
    job_type: job.jobType,
    outcome: job.outcome,
    waiting_ms: job.waitingMs,
    running_ms: job.runningMs,
    sub_jobs: job.subJobs,
    ...(job.outcome === "failure" ? { error_code: job.errorCode, error_message: job.errorMessage } : {}),
    created_at: isoTime(job.createdAt),
    status: EMULATOR_KINDS[job.kind].statusName(status),
    sub_job_ids: [...job.subJobIds],
    resource_ids: [...job.resourceIds],
    path: jobPath(job.kind, job.projectId, job.id),
  };
}
