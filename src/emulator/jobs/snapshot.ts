import type { EmulatedJob } from "./store";
import { jobStateAt, subJobAt, timelineAt, type JobState, type TimelineSnapshot, type TimelineSubJob } from "./timeline";

/** The state of `job` at `nowMs` on the emulator clock. */
export function snapshotAt(job: EmulatedJob, nowMs: number): TimelineSnapshot {
  return timelineAt(job, nowMs - job.createdAt);
}

/** The parent's state of `job` at `nowMs`, without building its sub-jobs. */
export function jobStateOf(job: EmulatedJob, nowMs: number): JobState {
  return jobStateAt(job, nowMs - job.createdAt);
}

/** Sub-job `index` of `job` at `nowMs`, without building the others. */
export function subJobOf(job: EmulatedJob, index: number, nowMs: number): TimelineSubJob {
  return subJobAt(job, index, nowMs - job.createdAt);
}

/** ISO-8601 UTC with milliseconds and `Z`, the time format of the job APIs. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
