import { ExitCode, type ExitCodeValue } from "../../core/exit-codes";
import { fetchJob } from "../../jobs/fetch-job";
import type { ParsedArgs } from "../args";
import { prepareClient } from "../client-factory";
import { jobEndpoint, parseCommandDeadline, withDeadline } from "../deadline";
import { gatherInputs } from "../gather-inputs";
import type { CliIo } from "../io";
import { resolveJobTarget } from "../job-target";
import { progressLine } from "../progress";
import { jobResult, parseOutputFormat, renderJobResult } from "../output";
import { stdoutTable } from "../table";

/** `hwjobs get <kind> <job-id> [--timeout 5m]`: one read of a job; exit 0 whatever its phase. */
export async function runGet(args: ParsedArgs, io: CliIo): Promise<ExitCodeValue> {
  const [target, deadline, format, prepared] = gatherInputs(
    () => resolveJobTarget(args, io.env),
    // The flag only: HWJOBS_TIMEOUT is the wait's timeout, which Terraform sets for `wait`.
    () => parseCommandDeadline(args.flags.timeout, "--timeout"),
    () => parseOutputFormat(args.flags.output, io.env),
    () => prepareClient(args.flags, io),
  );
  const client = prepared.create();
  try {
    const scope = { operation: `get ${target.kind} ${target.jobId}`, endpoint: jobEndpoint(client, target.kind) };
    const snapshot = await withDeadline(deadline, scope, io.signal, (signal) => fetchJob(client, target.kind, target.jobId, signal));
    // What is off in the answer (e.g. a SUCCESS kept pending by its sub-jobs) goes to stderr, as in `wait`.
    for (const warning of snapshot.warnings ?? []) io.stderr(progressLine(`warning: ${warning.message}`));
    io.stdout(renderJobResult(jobResult(snapshot), format, stdoutTable(io)));
    return ExitCode.OK;
  } finally {
    await client.close();
  }
}
