/** How a job ends: success, failure (of its last sub-job), or never (stays RUNNING forever). */
export type JobOutcome = "success" | "failure" | "never";

/** Parent status in the Workspace APP vocabulary; IMS names are mapped at render time. */
export type ParentStatus = "WAITING" | "RUNNING" | "SUCCESS" | "FAILED";

/** Sub-job status: the subset of the seven documented values that the emulator produces. */
export type SubJobStatus = "WAITING" | "RUNNING" | "ROLLBACK" | "SUCCESS" | "FAILED";

/** The timing parameters a job's whole life is derived from. */
export interface TimelineSpec {
  /** Time spent WAITING (IMS: INIT) after creation. */
  readonly waitingMs: number;
  /** Time from the end of waiting until the last sub-job finishes. */
  readonly runningMs: number;
  readonly outcome: JobOutcome;
  /** Number of sub-jobs, at least 1. */
  readonly subJobs: number;
}

/** One sub-job at a point in time. */
export interface TimelineSubJob {
  readonly status: SubJobStatus;
  /** Offset from creation at which it finished; absent while unfinished. */
  readonly endOffsetMs?: number;
}

/** The whole job at a point in time. */
export interface TimelineSnapshot {
  readonly status: ParentStatus;
  /** Offset from creation at which the job finished; absent while unfinished. */
  readonly endOffsetMs?: number;
  /** While RUNNING, the share of the running window passed, in [0, 1); absent otherwise. */
  readonly runningShare?: number;
  readonly subJobs: readonly TimelineSubJob[];
}

/** The parent's part of a {@link TimelineSnapshot}, without its sub-jobs. */
export type JobState = Omit<TimelineSnapshot, "subJobs">;

/** Share of a failing sub-job's running window spent in ROLLBACK before it turns FAILED. */
export const ROLLBACK_SHARE = 0.2;

/**
 * Offset from creation at which sub-job `index` of `count` finishes: sub-jobs all start when
 * waiting ends and finish one after another, so progress (1/3, 2/3, …) is visible while running.
 */
export function subJobFinishOffset(spec: TimelineSpec, index: number): number {
  const { waitingMs, runningMs, subJobs } = spec;
  // The last one ends exactly at waitingMs + runningMs, whatever the rounding of the others.
  if (index === subJobs - 1) return waitingMs + runningMs;
  return waitingMs + Math.round((runningMs * (index + 1)) / subJobs);
}

/** Sub-job `index` of a job `elapsedMs` after its creation: one entry of {@link timelineAt}'s `subJobs`. */
export function subJobAt(spec: TimelineSpec, index: number, elapsedMs: number): TimelineSubJob {
  if (elapsedMs < spec.waitingMs) return { status: "WAITING" };
  const isLast = index === spec.subJobs - 1;
  if (isLast && spec.outcome === "never") return { status: "RUNNING" };
  const finish = subJobFinishOffset(spec, index);
  if (isLast && spec.outcome === "failure") {
    if (elapsedMs >= finish) return { status: "FAILED", endOffsetMs: finish };
    const rollbackFrom = finish - (finish - spec.waitingMs) * ROLLBACK_SHARE;
    return { status: elapsedMs >= rollbackFrom ? "ROLLBACK" : "RUNNING" };
  }
  return elapsedMs >= finish ? { status: "SUCCESS", endOffsetMs: finish } : { status: "RUNNING" };
}

/**
 * The parent's state `elapsedMs` after creation, as {@link timelineAt} gives it, from its last
 * sub-job alone: a list's status filter reads it for every job without building every sub-job.
 */
export function jobStateAt(spec: TimelineSpec, elapsedMs: number): JobState {
  if (elapsedMs < spec.waitingMs) return { status: "WAITING" };
  const last = spec.subJobs > 0 ? subJobAt(spec, spec.subJobs - 1, elapsedMs) : undefined;
  if (last?.status === "SUCCESS" || last?.status === "FAILED") return { status: last.status, endOffsetMs: last.endOffsetMs };
  // A job that never ends creeps towards the end of its window without reaching it.
  const share = spec.runningMs > 0 ? (elapsedMs - spec.waitingMs) / spec.runningMs : 0;
  return { status: "RUNNING", runningShare: Math.min(0.999, Math.max(0, share)) };
}

/**
 * The state of a job `elapsedMs` after its creation. Pure: the same inputs always give the
 * same snapshot, which is what lets tests drive jobs with a fake clock.
 */
export function timelineAt(spec: TimelineSpec, elapsedMs: number): TimelineSnapshot {
  const subJobs = Array.from({ length: spec.subJobs }, (_, i) => subJobAt(spec, i, elapsedMs));
  return { ...jobStateAt(spec, elapsedMs), subJobs };
}
