import { apiParamName, type ParamLabel } from "../api/raw-query";
import type { HwClient } from "../core/client";
import { InvalidInputError } from "../core/errors";
import { JOB_KIND_SPECS, JOB_KINDS, type JobKindName } from "./kinds";
import { pendingStatuses } from "./phase";
import { parseQuery, runQuery, type ParsedQuery } from "./queries";

/** The reads that find the pending jobs of one kind and type: one list, every page, per pending status. */
export interface PendingSelection {
  readonly kind: JobKindName;
  readonly jobType: string;
  readonly queries: readonly ParsedQuery[];
  /** The item field holding the id of the job to wait for. */
  readonly jobIdField: "id" | "job_id";
}

/** The kinds whose pending jobs a list API can find (see `pending` in jobs/kinds.ts). */
export function selectableKinds(): JobKindName[] {
  return JOB_KINDS.filter((kind) => JOB_KIND_SPECS[kind].pending !== undefined);
}

/**
 * Checks a selector before any request: a kind with a list API, and a job type that list accepts.
 * @param label spells the parameters in messages (`--job-type` on the command line)
 * @throws InvalidInputError naming the field and the accepted values
 */
export function parsePendingSelection(kind: JobKindName, jobType: string, label: ParamLabel = apiParamName): PendingSelection {
  const pending = JOB_KIND_SPECS[kind].pending;
  if (pending === undefined) {
    throw new InvalidInputError(
      "kind",
      `kind: ${kind} has no list API to find pending jobs with; --all-pending takes ${selectableKinds().join(" or ")} (wait for ${kind} jobs by id)`,
    );
  }
  const queries = pendingStatuses(pending.statusTable).map((status) =>
    parseQuery(pending.list, { job_type: jobType, status }, label, { all: true }),
  );
  return { kind, jobType, queries, jobIdField: pending.jobIdField };
}

/**
 * The ids of the jobs pending now (each pending status read whole, one after another), in the
 * order the API lists them, each once; an item without the id is skipped.
 * @throws ApiError, NetworkError, ResponseValidationError or ListChangedError from the reads
 */
export async function selectPendingJobs(client: HwClient, selection: PendingSelection, signal?: AbortSignal): Promise<string[]> {
  const ids = new Set<string>();
  for (const parsed of selection.queries) {
    const result = await runQuery(client, parsed, { all: true, signal });
    if (result.kind !== "list") continue;
    for (const item of result.items) {
      const id = (item as Record<string, unknown>)[selection.jobIdField];
      if (typeof id === "string" && id !== "") ids.add(id);
    }
  }
  return [...ids];
}
