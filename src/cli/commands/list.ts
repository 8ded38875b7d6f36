import { InvalidInputError } from "../../core/errors";
import { ExitCode, type ExitCodeValue } from "../../core/exit-codes";
import { parseQuery, queryService, queryTargets, runQuery } from "../../jobs/queries";
import type { ParsedArgs } from "../args";
import { prepareClient } from "../client-factory";
import { parseConcurrency } from "../concurrency";
import { parseCommandDeadline, withDeadline } from "../deadline";
import { gatherInputs } from "../gather-inputs";
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
  const all = args.flags.all === true;
  const [[op, parsed], concurrency, deadline, format, prepared] = gatherInputs(
    () => {
      const target = resolveTarget("list", args.positionals, LIST_TARGETS);
      return [target, parseQuery(target, rawQueryFromFlags(args.flags), flagLabel, { all })] as const;
    },
    () => {
      if (!all && args.flags.concurrency !== undefined) {
        throw new InvalidInputError("--concurrency", "--concurrency: only with --all (one page is one request)");
      }
      return parseConcurrency(args.flags.concurrency, "--concurrency");
    },
    () => parseCommandDeadline(args.flags.timeout, "--timeout"),
    () => parseOutputFormat(args.flags.output, io.env),
    () => prepareClient(args.flags, io),
  );
  const client = prepared.create();
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
