// Independent expectations for the list and count operations, computed from the store's raw jobs
// and the pure timeline function only: nothing here calls the emulator's route or view code.
import { timelineAt, type EmulatedJob, type JobStore } from "../../src/emulator";

/** The documented order: newest begin_time first, ties by id descending, ids compared shortlex. */
function byNewest(a: { t: number; id: string }, b: { t: number; id: string }): number {
  if (a.t !== b.t) return b.t - a.t;
  if (a.id.length !== b.id.length) return b.id.length - a.id.length;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

const iso = (ms: number) => new Date(ms).toISOString();

function jobsOf(store: JobStore, kind: EmulatedJob["kind"], projectId: string): EmulatedJob[] {
  return store.list().filter((j) => j.kind === kind && j.projectId === projectId);
}

/** Expected ListImageJobs items (all of them, ordered). */
export function expectedImageJobs(
  store: JobStore,
  projectId: string,
  now: number,
  q: { jobType: string; status?: string },
): Record<string, unknown>[] {
  const rows: { t: number; id: string; item: Record<string, unknown> }[] = [];
  for (const job of jobsOf(store, "image-job", projectId)) {
    if (job.jobType !== q.jobType) continue;
    const snap = timelineAt(job, now - job.createdAt);
    if (q.status !== undefined && snap.status !== q.status) continue;
    const item: Record<string, unknown> = {
      id: job.id,
      job_type: job.jobType,
      begin_time: iso(job.createdAt),
      status: snap.status,
      sub_jobs_total: job.subJobs,
    };
    if (snap.endOffsetMs !== undefined) item.end_time = iso(job.createdAt + snap.endOffsetMs);
    rows.push({ t: job.createdAt, id: job.id, item });
  }
  return rows.sort(byNewest).map((r) => r.item);
}

/** Which sub-jobs to expect. */
export interface SubJobQuery {
  /** The types to match, or `undefined` for every type (CountSubJobs without `job_type`). */
  readonly jobTypes: readonly string[] | undefined;
  readonly status?: string;
  readonly jobId?: string;
  readonly subJobIds?: readonly string[];
}

/** Expected sub-job items (all of them, ordered); image sub-jobs nest their errors, app ones do not. */
export function expectedSubJobs(
  store: JobStore,
  kind: "image-job" | "app-job",
  projectId: string,
  now: number,
  q: SubJobQuery,
): Record<string, unknown>[] {
  const rows: { t: number; id: string; item: Record<string, unknown> }[] = [];
  for (const job of jobsOf(store, kind, projectId)) {
    if ((q.jobTypes !== undefined && !q.jobTypes.includes(job.jobType)) || (q.jobId !== undefined && job.id !== q.jobId)) continue;
    const snap = timelineAt(job, now - job.createdAt);
    snap.subJobs.forEach((sub, i) => {
      const id = job.subJobIds[i]!;
      if (q.status !== undefined && sub.status !== q.status) return;
      if (q.subJobIds !== undefined && !q.subJobIds.includes(id)) return;
      const failed = sub.status === "FAILED";
      const code = failed ? job.errorCode : "";
      const message = failed ? job.errorMessage : "";
      const item: Record<string, unknown> = {
        id,
        job_id: job.id,
        job_type: job.jobType,
        status: sub.status,
        begin_time: iso(job.createdAt),
        job_resource_info: { resource_id: job.resourceIds[i], resource_name: job.resourceNames[i] },
        project_id: job.projectId,
      };
      if (sub.endOffsetMs !== undefined) item.end_time = iso(job.createdAt + sub.endOffsetMs);
      if (kind === "image-job") item.job_execute_info = { error_code: code, error_message: message };
      else Object.assign(item, { error_code: code, error_message: message });
      rows.push({ t: job.createdAt, id, item });
    });
  }
  return rows.sort(byNewest).map((r) => r.item);
}

/** Sorts an object's keys, so deepEqual ignores key order (JSON key order is not part of the API). */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => [k, canonical(v)]),
  );
}
