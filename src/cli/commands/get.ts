import { ExitCode, type ExitCodeValue } from "../../core/exit-codes";
import { fetchJob } from "../../jobs";
import { parseOutputFormat, type ParsedArgs } from "../args";
import { createClient } from "../client-factory";
import type { CliIo } from "../io";
import { jobResult } from "../job-result";
import { resolveJobTarget } from "../job-target";
import { renderJobResult } from "../render";

/** `hwjobs get <kind> <job-id>`: one read of a job; exit 0 whatever its phase. */
export async function runGet(args: ParsedArgs, io: CliIo): Promise<ExitCodeValue> {
  const target = resolveJobTarget(args, io.env);
  const format = parseOutputFormat(args.flags.output, io.env);
  const client = createClient(args.flags, io);
  try {
    const snapshot = await fetchJob(client, target.kind, target.jobId, io.signal);
    io.stdout(renderJobResult(jobResult(snapshot), format));
    return ExitCode.OK;
  } finally {
    await client.close();
  }
}
