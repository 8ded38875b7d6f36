import { oneLine } from "../core/sanitize";
import type { JobSnapshot, SubJobSnapshot } from "./snapshot";

// How far a job's sub-jobs are: counts for progress lines, and what keeps a parent's SUCCESS
// from being taken.

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

/** How many unsettled sub-jobs a warning names (as `sub-job <id> <status>`) before "N more". */
const MAX_LISTED_UNSETTLED = 5;

/**
 * Why a Workspace parent's SUCCESS cannot be taken yet, or `undefined` when it can: every listed
 * sub-job must be exactly SUCCESS (FAILED/ABNORMAL are handled by the caller) and at least
 * `sub_jobs_total` of them must be listed.
 */
export function unsettledReason(subJobs: readonly SubJobSnapshot[], announcedTotal: number | null | undefined): string | undefined {
  const reasons: string[] = [];
  const unsettled = subJobs.filter((sub) => sub.phase === "pending");
  if (unsettled.length > 0) {
    const listed = unsettled
      .slice(0, MAX_LISTED_UNSETTLED)
      .map(
        (sub) => `sub-job ${oneLine(sub.id) || "(no id)"} ${sub.knownStatus ? sub.status : `unknown status ${JSON.stringify(sub.status)}`}`,
      );
    const more = unsettled.length > MAX_LISTED_UNSETTLED ? [`${unsettled.length - MAX_LISTED_UNSETTLED} more`] : [];
    reasons.push(`${unsettled.length} of ${subJobs.length} listed sub-jobs not finished (${[...listed, ...more].join("; ")})`);
  }
  const total = typeof announcedTotal === "number" && Number.isFinite(announcedTotal) ? announcedTotal : 0;
  if (subJobs.length < total) reasons.push(`sub_jobs_total is ${total} while ${subJobs.length} sub-jobs are listed`);
  return reasons.length > 0 ? reasons.join("; ") : undefined;
}
