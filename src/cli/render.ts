import type { OutputFormat } from "./args";
import type { JobResult } from "./job-result";
import { renderTable } from "./table";

/**
 * Renders a `get`/`wait` result for stdout: JSON, two aligned columns for people, or nothing.
 * JSON keeps the API's values exact (its escaping neutralizes control characters), with one
 * exception: a credential secret a server echoed reads `***` (the client redacts every answer).
 * The table strips control, escape and bidi characters (see renderTable).
 */
export function renderJobResult(result: JobResult, format: OutputFormat): string {
  if (format === "none") return "";
  if (format === "json") return `${JSON.stringify(result, null, 2)}\n`;
  const rows: string[][] = [
    ["FIELD", "VALUE"],
    ["kind", result.kind],
    ["job_id", result.job_id],
    ["status", result.status],
    ["phase", result.phase],
    ["resource_ids", result.resource_ids.join(", ")],
    ["error_code", result.error_code],
    ["error_message", result.error_message],
  ];
  return `${renderTable(rows)}\n`;
}
