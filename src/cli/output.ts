import { InvalidInputError } from "../core/errors";
import { safeJson } from "../core/safe-json";
import { summarizeItem, type ItemSummary } from "../jobs/item-summary";
import type { ListOperation, QueryItem } from "../jobs/queries";
import type { JobSnapshot } from "../jobs/snapshot";
import type { WaitOutcome } from "../jobs/wait-many";
import { WAIT_ENV } from "../jobs/wait-timings";
import { renderTable, type TableColumn, type TableOptions } from "./table";

// Everything the CLI prints as a result on stdout, in one place: the formats, the JSON documents
// and the tables of `get`, `wait`, `list` and `count` (docs/architecture.md §5). Progress,
// warnings and errors go to stderr through progress.ts instead.

/** Output formats of results on stdout; `none` prints no result (the exit code and stderr tell). */
export const OUTPUT_FORMATS = ["json", "jsonl", "table", "none"] as const;
/** One of {@link OUTPUT_FORMATS}. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Validates `--output`, else `HWJOBS_OUTPUT` (which WaitForJob sets to `none` to keep Terraform's log short). */
export function parseOutputFormat(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): OutputFormat {
  const [value, field] = flag !== undefined ? [flag, "--output"] : [env[WAIT_ENV.output] || "json", WAIT_ENV.output];
  if ((OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw new InvalidInputError(field, `${field}: unknown format ${JSON.stringify(value)}; accepted: ${OUTPUT_FORMATS.join(", ")}`);
}

/** The result of `get` and `wait` on stdout (docs/architecture.md §5), with the API's job object as is. */
export interface JobResult {
  readonly kind: string;
  readonly job_id: string;
  readonly status: string;
  readonly phase: string;
  readonly resource_id: string;
  readonly resource_ids: string[];
  readonly error_code: string;
  readonly error_message: string;
  readonly job: unknown;
}

/** Maps a snapshot to the documented result shape. */
export function jobResult(snapshot: JobSnapshot): JobResult {
  return {
    kind: snapshot.kind,
    job_id: snapshot.jobId,
    status: snapshot.status,
    phase: snapshot.phase,
    resource_id: snapshot.resourceId,
    resource_ids: [...snapshot.resourceIds],
    error_code: snapshot.errorCode,
    error_message: snapshot.errorMessage,
    job: snapshot.job,
  };
}

/**
 * The result of one job of a `wait` on several: its last snapshot's, or for a job never read (a
 * timeout or an error before any answer) its kind and id with an empty `status` and `job` null.
 */
export function outcomeResult(outcome: WaitOutcome): JobResult {
  if (outcome.snapshot) return jobResult(outcome.snapshot);
  const { kind, jobId } = outcome.ref;
  return {
    kind,
    job_id: jobId,
    status: "",
    phase: "pending",
    resource_id: "",
    resource_ids: [],
    error_code: "",
    error_message: "",
    job: null,
  };
}

/** `values` as JSON Lines: one compact object a line (safeJson leaves no line break inside one). */
function jsonLines(values: readonly unknown[]): string {
  return values.map((value) => `${safeJson(value)}\n`).join("");
}

/**
 * Renders the results of a `wait` on several jobs: a JSON array in the order given, one object a
 * line (jsonl), one table row per job, or nothing.
 */
export function renderJobResults(results: readonly JobResult[], format: OutputFormat, table: TableOptions = {}): string {
  if (format === "none") return "";
  if (format === "json") return `${safeJson(results, 2)}\n`;
  if (format === "jsonl") return jsonLines(results);
  const rows = results.map((r) => [
    r.kind,
    r.job_id,
    r.status,
    r.phase,
    r.resource_ids.join(", "),
    [r.error_code, r.error_message].filter(Boolean).join(" "),
  ]);
  return `${renderTable(JOB_RESULTS_COLUMNS, rows, table)}\n`;
}

/**
 * Renders a `get`/`wait` result for stdout: JSON (indented, or on one line for jsonl), two
 * aligned columns for people, or nothing.
 * JSON keeps the API's values exact (safeJson escapes every control, format, bidi and line
 * separator character, so the text itself holds none), with one exception: a credential secret
 * a server echoed reads `***` (the client redacts every answer). The table strips control, escape
 * and bidi characters (see renderTable).
 */
export function renderJobResult(result: JobResult, format: OutputFormat, table: TableOptions = {}): string {
  if (format === "none") return "";
  if (format === "json") return `${safeJson(result, 2)}\n`;
  if (format === "jsonl") return jsonLines([result]);
  const rows: string[][] = [
    ["kind", result.kind],
    ["job_id", result.job_id],
    ["status", result.status],
    ["phase", result.phase],
    ["resource_ids", result.resource_ids.join(", ")],
    ["error_code", result.error_code],
    ["error_message", result.error_message],
  ];
  return `${renderTable([{ header: "FIELD" }, { header: "VALUE" }], rows, table)}\n`;
}

/** The columns of a list table, one per {@link ItemSummary} field; only the error text may be cut to fit a terminal. */
const ITEM_COLUMNS = {
  id: { header: "ID" },
  parent: { header: "PARENT_ID" },
  type: { header: "TYPE" },
  status: { header: "STATUS" },
  subJobs: { header: "SUB_JOBS" },
  begin: { header: "BEGIN" },
  end: { header: "END" },
  resource: { header: "RESOURCE" },
  error: { header: "ERROR", shrink: true },
} as const satisfies Record<keyof ItemSummary, TableColumn>;

/** The item fields a list table shows: parent jobs their sub-job count, sub-jobs their parent (docs/architecture.md, section 5). */
export const LIST_TABLE_FIELDS: Readonly<Record<ListOperation, readonly (keyof ItemSummary)[]>> = {
  "list-image-jobs": ["id", "type", "status", "subJobs", "begin", "end"],
  "list-image-sub-jobs": ["id", "parent", "type", "status", "begin", "end", "resource", "error"],
  "list-app-sub-jobs": ["id", "parent", "type", "status", "begin", "end", "resource", "error"],
};

/** The columns of the table of several jobs' results. */
const JOB_RESULTS_COLUMNS: readonly TableColumn[] = [
  { header: "KIND" },
  { header: "JOB_ID" },
  { header: "STATUS" },
  { header: "PHASE" },
  { header: "RESOURCE_IDS" },
  { header: "ERROR", shrink: true },
];

/**
 * Renders a `list` result: `{"count", "items"}`, the items one a line (jsonl, for `jq -c` and
 * line tools; the count is left out), a table of item summaries with "N of COUNT", or nothing.
 * @param table where the table must fit (the terminal), if anywhere
 */
export function renderItems(
  op: ListOperation,
  count: number,
  items: readonly QueryItem[],
  format: OutputFormat,
  table: TableOptions = {},
): string {
  if (format === "none") return "";
  if (format === "json") return `${safeJson({ count, items }, 2)}\n`;
  if (format === "jsonl") return jsonLines(items);
  const fields = LIST_TABLE_FIELDS[op];
  const rows = items.map((item) => {
    const summary = summarizeItem(item);
    return fields.map((field) => summary[field]);
  });
  return `${renderTable(
    fields.map((field) => ITEM_COLUMNS[field]),
    rows,
    table,
  )}\n${items.length} of ${count}\n`;
}

/** Renders a `count` result: `{"count": N}` on one line (json and jsonl alike), a COUNT table, or nothing. */
export function renderCount(count: number, format: OutputFormat): string {
  if (format === "none") return "";
  if (format === "json" || format === "jsonl") return `${safeJson({ count })}\n`;
  return `${renderTable([{ header: "COUNT" }], [[String(count)]])}\n`;
}
