import type { JobSnapshot } from "../jobs";

/** The result of `get` and `wait` on stdout (docs/architecture.md §5), with the API's job object as is. */
export interface JobResult {
  readonly kind: string;
  readonly job_id: string;
  readonly status: string;
  readonly phase: string;
  readonly resource_id: string;
  readonly resource_ids: string[];
  readonly error_code: string;
  readonly error_message: string;
  readonly job: unknown;
}

/** Maps a snapshot to the documented result shape. */
export function jobResult(snapshot: JobSnapshot): JobResult {
  return {
    kind: snapshot.kind,
    job_id: snapshot.jobId,
    status: snapshot.status,
    phase: snapshot.phase,
    resource_id: snapshot.resourceId,
    resource_ids: [...snapshot.resourceIds],
    error_code: snapshot.errorCode,
    error_message: snapshot.errorMessage,
    job: snapshot.job,
  };
}
