import { InvalidInputError } from "../../core/errors";
import { ExitCode, type ExitCodeValue } from "../../core/exit-codes";
import { parseQuery, runQuery, summarizeItem, type ListOperation, type QueryItem } from "../../jobs";
import { parseOutputFormat, type Flags, type OutputFormat, type ParsedArgs } from "../args";
import { createClient } from "../client-factory";
import { parseConcurrency } from "../concurrency";
import { parseCommandDeadline, withDeadline } from "../deadline";
import type { CliIo } from "../io";
import { renderTable } from "../table";
import { safeJson } from "../../core/safe-json";

/** `hwjobs list <what>` → the operation it runs. */
const LIST_TARGETS: Readonly<Record<string, ListOperation>> = {
  "image-jobs": "list-image-jobs",
  "image-sub-jobs": "list-image-sub-jobs",
  "app-sub-jobs": "list-app-sub-jobs",
};

/** Labels an API parameter with the flag that sets it, for error messages. */
export const flagLabel = (param: string): string => `--${param.replace(/_/g, "-")}`;

/** The query parameters as the flags give them (strings; validation is the operation's). */
export function rawQueryFromFlags(flags: Flags): Record<string, string | undefined> {
  return { job_type: flags["job-type"], status: flags.status, job_id: flags["job-id"], offset: flags.offset, limit: flags.limit };
}

/** Picks the operation for `<what>` from a target table, or explains the choices. */
export function resolveTarget<T>(command: string, positionals: readonly string[], targets: Readonly<Record<string, T>>): T {
  const [what, extra] = positionals;
  const accepted = Object.keys(targets).join(", ");
  if (what === undefined) throw new InvalidInputError("arguments", `usage: hwjobs ${command} <${Object.keys(targets).join("|")}> [flags]`);
  const op = targets[what];
  if (op === undefined) throw new InvalidInputError(command, `${command}: unknown list ${JSON.stringify(what)}; accepted: ${accepted}`);
  if (extra !== undefined) throw new InvalidInputError("arguments", `unexpected argument ${JSON.stringify(extra)}`);
  return op;
}

function renderItems(count: number, items: readonly QueryItem[], format: OutputFormat): string {
  if (format === "none") return "";
  if (format === "json") return `${safeJson({ count, items }, 2)}\n`;
  const rows = items.map((item) => {
    const s = summarizeItem(item);
    return [s.id, s.type, s.status, s.begin, s.end, s.resource, s.error];
  });
  return `${renderTable([["ID", "TYPE", "STATUS", "BEGIN", "END", "RESOURCE", "ERROR"], ...rows])}\n${items.length} of ${count}\n`;
}

/**
 * `hwjobs list image-jobs|image-sub-jobs|app-sub-jobs`: one page (`--offset`, `--limit`), or every
 * page with `--all` (read concurrently, in API order), all within `--timeout`. Prints `{"count", "items"}`.
 */
export async function runList(args: ParsedArgs, io: CliIo): Promise<ExitCodeValue> {
  const op = resolveTarget("list", args.positionals, LIST_TARGETS);
  const all = args.flags.all === true;
  const parsed = parseQuery(op, rawQueryFromFlags(args.flags), flagLabel, { all });
  if (!all && args.flags.concurrency !== undefined) {
    throw new InvalidInputError("--concurrency", "--concurrency: only with --all (one page is one request)");
  }
  const concurrency = parseConcurrency(args.flags.concurrency, "--concurrency");
  const deadline = parseCommandDeadline(args.flags.timeout, "--timeout");
  const format = parseOutputFormat(args.flags.output, io.env);
  const client = createClient(args.flags, io);
  try {
    // Every list operation is a Workspace APP one.
    const scope = { operation: `list ${args.positionals[0]}`, endpoint: client.config.endpoints.appstream };
    const result = await withDeadline(deadline, scope, io.signal, (signal) => runQuery(client, parsed, { all, concurrency, signal }));
    if (result.kind !== "list") throw new Error(`${op} returned no items`);
    io.stdout(renderItems(result.count, result.items, format));
    return ExitCode.OK;
  } finally {
    await client.close();
  }
}
