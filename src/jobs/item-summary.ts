import type { QueryItem } from "./queries";

/** One listed item reduced to text columns for table output; absent values are `""`. */
export interface ItemSummary {
  readonly id: string;
  /** `job_id`: the parent job of a sub-job. */
  readonly parent: string;
  readonly type: string;
  readonly status: string;
  /** `sub_jobs_total` of a parent job, in decimal. */
  readonly subJobs: string;
  readonly begin: string;
  readonly end: string;
  /** `job_resource_info.resource_id`. */
  readonly resource: string;
  /** `"CODE message"` from the flat `error_code`/`error_message` or from `job_execute_info`. */
  readonly error: string;
}

/**
 * Summarizes an item of any list operation. Items are read defensively, field by field, because
 * the three item shapes differ and the APIs send nulls, empty strings and unknown fields.
 */
export function summarizeItem(item: QueryItem): ItemSummary {
  const record: Readonly<Record<string, unknown>> = item;
  const resource = objectOf(record.job_resource_info);
  const execute = objectOf(record.job_execute_info);
  // The flat fields win when they say anything: they are what the newest docs and SDKs send.
  const flat = joinError(textOf(record.error_code), textOf(record.error_message));
  return {
    id: textOf(record.id),
    parent: textOf(record.job_id),
    type: textOf(record.job_type),
    status: textOf(record.status),
    subJobs: typeof record.sub_jobs_total === "number" ? String(record.sub_jobs_total) : "",
    begin: textOf(record.begin_time),
    end: textOf(record.end_time),
    resource: textOf(resource?.resource_id),
    error: flat !== "" ? flat : joinError(textOf(execute?.error_code), textOf(execute?.error_message)),
  };
}

function joinError(code: string, message: string): string {
  return [code, message].filter((part) => part !== "").join(" ");
}

function textOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function objectOf(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
