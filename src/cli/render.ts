import type { OutputFormat } from "./args";
import type { JobResult } from "./job-result";
import { renderTable } from "./table";
import { safeJson } from "../core/safe-json";

/**
 * Renders a `get`/`wait` result for stdout: JSON, two aligned columns for people, or nothing.
 * JSON keeps the API's values exact (safeJson escapes every control, format, bidi and line
 * separator character, so the text itself holds none), with one
 * exception: a credential secret a server echoed reads `***` (the client redacts every answer).
 * The table strips control, escape and bidi characters (see renderTable).
 */
export function renderJobResult(result: JobResult, format: OutputFormat): string {
  if (format === "none") return "";
  if (format === "json") return `${safeJson(result, 2)}\n`;
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
