import type { ApiError, HwJobsError } from "../core/errors";
import type { JobSnapshot, SnapshotWarningCode } from "./snapshot";
import { subJobProgress, type SubJobProgress } from "./sub-job-progress";
import type { SuccessWarningCode } from "./success-warnings";

/** The first snapshot, and every later one whose status or sub-job counts changed. */
export interface StatusEvent {
  readonly type: "status";
  readonly elapsedMs: number;
  readonly snapshot: JobSnapshot;
  readonly progress: SubJobProgress;
  /** The snapshot reported before this one; absent for the first. */
  readonly previous?: JobSnapshot;
}

/** Nothing changed for `heartbeatMs`: proof of life for CI logs that kill silent jobs. */
export interface HeartbeatEvent {
  readonly type: "heartbeat";
  readonly elapsedMs: number;
  readonly snapshot: JobSnapshot;
  readonly progress: SubJobProgress;
}

/** A status the docs do not list, treated as pending; reported once per value (a warning). */
export interface UnknownStatusEvent {
  readonly type: "unknown-status";
  readonly elapsedMs: number;
  readonly status: string;
  /** Set when a sub-job, not the job itself, has the status. */
  readonly subJobId?: string;
  readonly snapshot: JobSnapshot;
}

/** A poll answered 404 within the not-found grace period; polling goes on. */
export interface NotFoundEvent {
  readonly type: "not-found";
  readonly elapsedMs: number;
  readonly graceMs: number;
  readonly error: ApiError;
}

/** A poll failed in a way that may clear up; polling goes on until the timeout. */
export interface TransientErrorEvent {
  readonly type: "transient-error";
  readonly elapsedMs: number;
  readonly error: HwJobsError;
}

/**
 * Something to know about: a job that succeeded with something off (see `successWarnings`; sent
 * before the wait returns), or an answer that is off itself (see `JobSnapshot.warnings`, e.g. a
 * SUCCESS kept pending because its sub-jobs are not all SUCCESS; sent once per message).
 */
export interface WarningEvent {
  readonly type: "warning";
  readonly elapsedMs: number;
  readonly code: SuccessWarningCode | SnapshotWarningCode;
  /** One line naming the job and what is off. */
  readonly message: string;
  readonly snapshot: JobSnapshot;
}

/** Progress reported by `waitForJob` through `onEvent`. */
export type WaitEvent = StatusEvent | HeartbeatEvent | UnknownStatusEvent | NotFoundEvent | TransientErrorEvent | WarningEvent;

/** Turns successive snapshots into status, heartbeat and unknown-status events. */
export interface StatusTracker {
  /** Events due for a snapshot received `elapsedMs` into the wait. */
  observe(snapshot: JobSnapshot, elapsedMs: number): WaitEvent[];
}

function changeKey(snapshot: JobSnapshot, progress: SubJobProgress): string {
  return JSON.stringify([snapshot.status, progress.total, progress.succeeded, progress.failed, progress.pending]);
}

/**
 * Creates the state behind status reporting: a status event on every change of status or
 * sub-job counts, a heartbeat after `heartbeatMs` without one, one warning per unknown status, and
 * one warning event per distinct snapshot warning.
 */
export function createStatusTracker(heartbeatMs: number): StatusTracker {
  let previous: { snapshot: JobSnapshot; key: string } | undefined;
  let lastReportMs = 0;
  const warned = new Set<string>();

  return {
    observe(snapshot, elapsedMs) {
      const events: WaitEvent[] = [];
      const progress = subJobProgress(snapshot);
      const key = changeKey(snapshot, progress);
      if (previous === undefined || previous.key !== key) {
        events.push({ type: "status", elapsedMs, snapshot, progress, ...(previous && { previous: previous.snapshot }) });
        lastReportMs = elapsedMs;
      } else if (elapsedMs - lastReportMs >= heartbeatMs) {
        events.push({ type: "heartbeat", elapsedMs, snapshot, progress });
        lastReportMs = elapsedMs;
      }
      previous = { snapshot, key };

      const warn = (scope: string, status: string, subJobId?: string) => {
        const id = `${scope}\u0000${status}`;
        if (warned.has(id)) return;
        warned.add(id);
        events.push({ type: "unknown-status", elapsedMs, status, ...(subJobId !== undefined && { subJobId }), snapshot });
      };
      if (!snapshot.knownStatus) warn("job", snapshot.status);
      for (const sub of snapshot.subJobs) if (!sub.knownStatus) warn("sub-job", sub.status, sub.id);
      for (const { code, message } of snapshot.warnings ?? []) {
        const id = `warning\u0000${code}\u0000${message}`;
        if (warned.has(id)) continue;
        warned.add(id);
        events.push({ type: "warning", elapsedMs, code, message, snapshot });
      }
      return events;
    },
  };
}
