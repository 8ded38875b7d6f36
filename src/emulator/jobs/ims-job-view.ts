import type { EmulatorKindSpec } from "./kind";
import type { EmulatedJob } from "./store";
import { isoTime } from "./snapshot";
import type { ParentStatus, TimelineSnapshot } from "./timeline";

/** IMS job status vocabulary. */
export type ImsJobStatus = "INIT" | "RUNNING" | "SUCCESS" | "FAIL";

/** The IMS ShowJob (`GET /v1/{project_id}/jobs/{job_id}`) body. */
export interface ImsJobBody {
  job_id: string;
  job_type: string;
  begin_time: string;
  /**
   * `""` until the job finishes. UNCONFIRMED: the spec marks the field required and an older
   * (OTC) IMS doc example shows `"end_time": ""`, so an empty string rather than omission or null.
   */
  end_time: string;
  status: ImsJobStatus;
  error_code: string | null;
  fail_reason: string | null;
  /**
   * `{image_id, image_name}` on success; while RUNNING `{process_percent}`, the share of the
   * running window passed (UNCONFIRMED: the spec gives a double without its scale; a percentage
   * with one decimal is assumed, as docs/architecture.md §5.2 reads it); `{}` otherwise.
   */
  entities: { image_id?: string; image_name?: string; process_percent?: number };
}

/** Workspace-style parent status → IMS status. */
export const IMS_STATUS: Readonly<Record<ParentStatus, ImsJobStatus>> = {
  WAITING: "INIT",
  RUNNING: "RUNNING",
  SUCCESS: "SUCCESS",
  FAILED: "FAIL",
};

/** Renders an IMS job as ShowJob returns it; a failure sets `error_code`/`fail_reason` at the top level. */
export function imsJobBody(job: EmulatedJob, snap: TimelineSnapshot): ImsJobBody {
  const failed = snap.status === "FAILED";
  return {
    job_id: job.id,
    job_type: job.jobType,
    begin_time: isoTime(job.createdAt),
    end_time: snap.endOffsetMs === undefined ? "" : isoTime(job.createdAt + snap.endOffsetMs),
    status: IMS_STATUS[snap.status],
    error_code: failed ? job.errorCode : null,
    fail_reason: failed ? job.errorMessage : null,
    entities:
      snap.status === "SUCCESS"
        ? { image_name: job.resourceNames[0]!, image_id: job.resourceIds[0]! }
        : snap.runningShare !== undefined
          ? { process_percent: Math.floor(snap.runningShare * 1000) / 10 }
          : {},
  };
}

/** The IMS kind of the emulator's kind registry (`kind.ts`). */
export const IMS_JOB_KIND = {
  name: "ims-job",
  family: "ims",
  showPath: "/v1/{project_id}/jobs/{job_id}",
  render: imsJobBody,
  statusName: (status) => IMS_STATUS[status],
  defaultJobType: "imsCreateImageByInstance",
  scenarioField: "imsJobs",
} as const satisfies EmulatorKindSpec;
