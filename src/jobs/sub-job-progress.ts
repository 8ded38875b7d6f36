import type { JobSnapshot } from "./snapshot";

// How far a job's sub-jobs are, for progress lines and messages.

/** Sub-job counts by phase, for progress lines. */
export interface SubJobProgress {
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Everything neither succeeded nor failed, including sub-jobs not listed yet. */
  readonly pending: number;
}

/** Counts sub-jobs by phase; `total` is the larger of the announced and the listed count. */
export function subJobProgress(snapshot: JobSnapshot): SubJobProgress {
  const total = Math.max(snapshot.subJobsTotal, snapshot.subJobs.length);
  const succeeded = snapshot.subJobs.filter((sub) => sub.phase === "succeeded").length;
  const failed = snapshot.subJobs.filter((sub) => sub.phase === "failed").length;
  return { total, succeeded, failed, pending: total - succeeded - failed };
}
