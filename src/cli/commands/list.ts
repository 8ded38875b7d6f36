import { InvalidInputError } from "../../core/errors";
import { ExitCode, type ExitCodeValue } from "../../core/exit-codes";
import { parseQuery, queryService, queryTargets, runQuery } from "../../jobs/queries";
import type { ParsedArgs } from "../args";
import { createClient } from "../client-factory";
import { parseConcurrency } from "../concurrency";
import { parseCommandDeadline, withDeadline } from "../deadline";
import type { CliIo } from "../io";
import { parseOutputFormat, renderItems } from "../output";
import { stdoutTable } from "../table";
import { flagLabel, rawQueryFromFlags, resolveTarget } from "../query-flags";

/** `hwjobs list <what>` → the operation it runs, from the operation registry. */
const LIST_TARGETS = queryTargets("list");

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
    const scope = { operation: `list ${args.positionals[0]}`, endpoint: client.config.endpoints[queryService(op)] };
    const result = await withDeadline(deadline, scope, io.signal, (signal) => runQuery(client, parsed, { all, concurrency, signal }));
    if (result.kind !== "list") throw new Error(`${op} returned no items`);
    io.stdout(renderItems(op, result.count, result.items, format, stdoutTable(io)));
    return ExitCode.OK;
  } finally {
    await client.close();
  }
}
