import type { EmulatedJob } from "./store";
import { timelineAt, type TimelineSnapshot } from "./timeline";

/** The state of `job` at `nowMs` on the emulator clock. */
export function snapshotAt(job: EmulatedJob, nowMs: number): TimelineSnapshot {
  return timelineAt(job, nowMs - job.createdAt);
}

/** ISO-8601 UTC with milliseconds and `Z`, the time format of the job APIs. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
