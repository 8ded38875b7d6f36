import { IMS_JOB_STATUSES, JOB_STATUSES, SUB_JOB_STATUSES } from "../api/enums";
import { JOB_KIND_SPECS, type JobKindName } from "./kinds";

/** Where a job stands, whatever its API calls the status. */
export type Phase = "pending" | "succeeded" | "failed";

/** A status mapped to its phase; `known: false` marks a status the docs do not list. */
export interface Classification {
  readonly phase: Phase;
  readonly known: boolean;
}

/** Which status table applies: Workspace parent jobs, Workspace sub-jobs, or IMS jobs and member jobs. */
export type StatusTable = "job" | "sub-job" | "ims";

// A status table; `satisfies` makes the compiler reject one that misses a documented status.
type PhaseTable<S extends readonly string[]> = Record<S[number], Phase>;

const PARENT = { WAITING: "pending", RUNNING: "pending", SUCCESS: "succeeded", FAILED: "failed" } satisfies PhaseTable<typeof JOB_STATUSES>;

const SUB_JOB = {
  WAITING: "pending",
  RUNNING: "pending",
  ROLLBACK: "pending",
  ABORTING: "pending",
  SUCCESS: "succeeded",
  FAILED: "failed",
  ABNORMAL: "failed",
} satisfies PhaseTable<typeof SUB_JOB_STATUSES>;

const IMS = { INIT: "pending", RUNNING: "pending", SUCCESS: "succeeded", FAIL: "failed" } satisfies PhaseTable<typeof IMS_JOB_STATUSES>;

// Maps, not object lookups, so a status such as "constructor" cannot hit Object.prototype.
const TABLES: Readonly<Record<StatusTable, ReadonlyMap<string, Phase>>> = {
  job: new Map(Object.entries(PARENT)),
  "sub-job": new Map(Object.entries(SUB_JOB)),
  ims: new Map(Object.entries(IMS)),
};

/**
 * Classifies a status with one table (docs/architecture.md §5). An undocumented status, or none at all, is
 * `pending` with `known: false`: a new status must never be mistaken for success, and waiting
 * on it is safer than failing a deploy the service may still finish.
 */
export function classifyStatus(table: StatusTable, status: string | null | undefined): Classification {
  const phase = status ? TABLES[table].get(status) : undefined;
  return phase ? { phase, known: true } : { phase: "pending", known: false };
}

/** Classifies the top-level status of a job of `kind`, with its table in the job-kind registry. */
export function classifyJobStatus(kind: JobKindName, status: string | null | undefined): Classification {
  return classifyStatus(JOB_KIND_SPECS[kind].statusTables.job, status);
}

/** Classifies the status of a sub-job (Workspace) or member job (IMS `sub_jobs_result`) of `kind`. */
export function classifySubJobStatus(kind: JobKindName, status: string | null | undefined): Classification {
  return classifyStatus(JOB_KIND_SPECS[kind].statusTables.subJob, status);
}

/** The statuses of `table` that are pending, in its order (what `--all-pending` asks the list APIs for). */
export function pendingStatuses(table: StatusTable): string[] {
  return [...TABLES[table]].filter(([, phase]) => phase === "pending").map(([status]) => status);
}
