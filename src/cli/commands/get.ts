import { ExitCode, type ExitCodeValue } from "../../core/exit-codes";
import { fetchJob } from "../../jobs/fetch-job";
import type { ParsedArgs } from "../args";
import { createClient } from "../client-factory";
import { jobEndpoint, parseCommandDeadline, withDeadline } from "../deadline";
import type { CliIo } from "../io";
import { resolveJobTarget } from "../job-target";
import { progressLine } from "../progress";
import { jobResult, parseOutputFormat, renderJobResult } from "../output";
import { stdoutTable } from "../table";

/** `hwjobs get <kind> <job-id> [--timeout 5m]`: one read of a job; exit 0 whatever its phase. */
export async function runGet(args: ParsedArgs, io: CliIo): Promise<ExitCodeValue> {
  const target = resolveJobTarget(args, io.env);
  // The flag only: HWJOBS_TIMEOUT is the wait's timeout, which Terraform sets for `wait`.
  const deadline = parseCommandDeadline(args.flags.timeout, "--timeout");
  const format = parseOutputFormat(args.flags.output, io.env);
  const client = createClient(args.flags, io);
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
