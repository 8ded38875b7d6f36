import { ExitCode, type ExitCodeValue } from "../../core/exit-codes";
import { parseQuery, queryService, queryTargets, queryWarnings, runQuery } from "../../jobs/queries";
import type { ParsedArgs } from "../args";
import { prepareClient } from "../client-factory";
import { parseCommandDeadline, withDeadline } from "../deadline";
import { gatherInputs } from "../gather-inputs";
import type { CliIo } from "../io";
import { progressLine } from "../progress";
import { parseOutputFormat, renderCount } from "../output";
import { flagLabel, rawQueryFromFlags, resolveTarget } from "../query-flags";

/** `hwjobs count <what>` → the operation it runs, from the operation registry. */
const COUNT_TARGETS = queryTargets("count");

/** `hwjobs count image-sub-jobs|app-sub-jobs [--job-type T1,T2] [--status S] [--job-id J] [--timeout 5m]`: prints `{"count": N}`. */
export async function runCount(args: ParsedArgs, io: CliIo): Promise<ExitCodeValue> {
  const [[op, parsed], deadline, format, prepared] = gatherInputs(
    () => {
      const target = resolveTarget("count", args.positionals, COUNT_TARGETS);
      return [target, parseQuery(target, rawQueryFromFlags(args.flags), flagLabel)] as const;
    },
    () => parseCommandDeadline(args.flags.timeout, "--timeout"),
    () => parseOutputFormat(args.flags.output, io.env),
    () => prepareClient(args.flags, io),
  );
  const client = prepared.create();
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
