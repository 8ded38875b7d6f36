import { ExitCode, type ExitCodeValue } from "../../core/exit-codes";
import { parseQuery, queryService, queryTargets, queryWarnings, runQuery } from "../../jobs/queries";
import type { ParsedArgs } from "../args";
import { createClient } from "../client-factory";
import { parseCommandDeadline, withDeadline } from "../deadline";
import type { CliIo } from "../io";
import { progressLine } from "../progress";
import { parseOutputFormat, renderCount } from "../output";
import { flagLabel, rawQueryFromFlags, resolveTarget } from "../query-flags";

/** `hwjobs count <what>` → the operation it runs, from the operation registry. */
const COUNT_TARGETS = queryTargets("count");

/** `hwjobs count image-sub-jobs|app-sub-jobs [--job-type T1,T2] [--status S] [--job-id J] [--timeout 5m]`: prints `{"count": N}`. */
export async function runCount(args: ParsedArgs, io: CliIo): Promise<ExitCodeValue> {
  const op = resolveTarget("count", args.positionals, COUNT_TARGETS);
  const parsed = parseQuery(op, rawQueryFromFlags(args.flags), flagLabel);
  const deadline = parseCommandDeadline(args.flags.timeout, "--timeout");
  const format = parseOutputFormat(args.flags.output, io.env);
  const client = createClient(args.flags, io);
  // After every check, so that a refused command prints its error alone.
  for (const warning of queryWarnings(parsed, flagLabel)) io.stderr(progressLine(`warning: ${warning}`));
  try {
    const scope = { operation: `count ${args.positionals[0]}`, endpoint: client.config.endpoints[queryService(op)] };
    const { count } = await withDeadline(deadline, scope, io.signal, (signal) => runQuery(client, parsed, { signal }));
    io.stdout(renderCount(count, format));
    return ExitCode.OK;
  } finally {
    await client.close();
  }
}
