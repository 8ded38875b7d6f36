import { InvalidInputError } from "../core/errors";
import { safeJson } from "../core/safe-json";
import type { JobResult } from "./output";

// The answer of the single-job operations of `hwjobs external` (get-<kind>), docs/architecture.md §5.1.

/** The query key of the single-job operations that makes a 404 an empty answer (docs/architecture.md §5.1). */
export const MISSING_OK = "missing_ok";

/** `missing_ok`: `true` (a 404 answers empty), or empty/absent (a 404 is exit 4). */
export function parseMissingOk(value: string | undefined): boolean {
  if (value === undefined || value === "") return false;
  if (value === "true") return true;
  throw new InvalidInputError(
    MISSING_OK,
    `${MISSING_OK}: ${JSON.stringify(value)} is not accepted; accepted: "true", or empty (a missing job is an error)`,
  );
}

/** The answer of a single-job operation: the result's fields, lists and objects as JSON text. */
export type ExternalJobResult = Readonly<
  Record<"status" | "phase" | "resource_id" | "resource_ids" | "error_code" | "error_message" | "job", string>
>;

/** A `get`/`wait` result as the external protocol answers it (one flat object of strings). */
export function externalJobResult(result: JobResult): ExternalJobResult {
  return {
    status: result.status,
    phase: result.phase,
    resource_id: result.resource_id,
    resource_ids: safeJson(result.resource_ids),
    error_code: result.error_code,
    error_message: result.error_message,
    job: safeJson(result.job),
  };
}

/** The answer for a job that is not found, with `missing_ok`: every field empty. */
export const MISSING_JOB_RESULT: ExternalJobResult = {
  status: "",
  phase: "",
  resource_id: "",
  resource_ids: "[]",
  error_code: "",
  error_message: "",
  job: "null",
};
