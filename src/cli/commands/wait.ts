import { ExitCode, type ExitCodeValue } from "../../core/exit-codes";
import { JobFailedError } from "../../jobs/errors";
import { jobPoller } from "../../jobs/fetch-job";
import type { JobRef } from "../../jobs/kinds";
import { classifyJobStatus } from "../../jobs/phase";
import { WAIT_ENV } from "../../jobs/wait-timings";
import { waitForJob } from "../../jobs/waiter";
import type { HwClient } from "../../core/client";
import type { ParsedArgs } from "../args";
import { prepareClient } from "../client-factory";
import { jobEndpoint } from "../deadline";
import { gatherInputs } from "../gather-inputs";
import { insideTerraform } from "../inside-terraform";
import type { CliIo } from "../io";
import { resolveWaitRequest } from "../job-target";
import { startWaitLiveLine } from "../live-line";
import { describeWaitEvent, isProgressEvent, progressLine } from "../progress";
import { jobResult, renderJobResult } from "../output";
import { stderrLines, type StderrLines } from "../stderr-lines";
import { stdoutTable } from "../table";
import { resolveAllPending, resolveWaitSettings, type WaitSettings } from "../wait-settings";
import { waitForIds, waitForSelection } from "./wait-many";

/**
 * `hwjobs wait <kind> <job-id> [<job-id> ...]`, or `hwjobs wait <kind> --job-type T --all-pending`:
 * polls until the jobs end. Exit 0 when every one succeeded, 1 when any failed (its error on
 * stderr), 3 on timeout, 4 on API errors, 130 when interrupted.
 */
export async function runWait(args: ParsedArgs, io: CliIo): Promise<ExitCodeValue> {
  const lines = stderrLines(io);
  // Only the wait constructs run `wait` inside Terraform, where the remedy is a construct prop.
  const audience = insideTerraform(io.env) ? "terraform" : "cli";
  const [settings, request, prepared] = gatherInputs(
    () => resolveWaitSettings(args.flags, io.env),
    () => resolveWaitRequest(args, io.env, allPendingMeant(args, io.env)),
    () => prepareClient(args.flags, io, { audience, lines: lines.write }),
  );
  const client = prepared.create();
  try {
    if (request.by === "selector") return await waitForSelection(request.kind, request.selection, settings, client, io, lines);
    for (const id of request.duplicates)
      io.stderr(progressLine(`warning: ${request.kind} ${id} is given more than once; waiting for it once`));
    if (request.jobIds.length > 1) return await waitForIds(request.kind, request.jobIds, settings, client, io, lines);
    return await waitForOne({ kind: request.kind, jobId: request.jobIds[0]! }, settings, client, io, lines);
  } finally {
    await client.close();
  }
}

/**
 * Whether the wait is for every pending job (which decides what its arguments must be): the
 * switch, or, when its variable is refused (a problem the settings report), what the rest of the
 * command line says was meant, so that the refusal does not bring a second, spurious problem.
 */
function allPendingMeant(args: ParsedArgs, env: Readonly<Record<string, string | undefined>>): boolean {
  try {
    return resolveAllPending(args.flags, env);
  } catch {
    return args.flags["job-type"] !== undefined || Boolean(env[WAIT_ENV.jobType]);
  }
}

/** One job: its progress on stderr and its result on stdout, for a failed job too. */
async function waitForOne(target: JobRef, settings: WaitSettings, client: HwClient, io: CliIo, lines: StderrLines): Promise<ExitCodeValue> {
  const live = startWaitLiveLine(io, lines, {
    label: `${target.kind} ${target.jobId}`,
    timeoutMs: settings.timings.timeoutMs,
    quiet: settings.quiet,
  });
  // Above the live line while it is drawn (it routes `lines`), plain lines otherwise.
  const say = lines.write;
  const progress = settings.quiet ? () => undefined : say;
  progress(`waiting for ${target.kind} ${target.jobId} (timeout ${settings.timeout}) at ${jobEndpoint(client, target.kind)}`);
  try {
    const snapshot = await waitForJob(jobPoller(client, target.kind, target.jobId, { allowFailedSubJobs: settings.allowFailedSubJobs }), {
      ...settings.timings,
      target,
      signal: io.signal,
      onEvent: (event) => {
        if (event.type === "status" || event.type === "heartbeat")
          live?.update({ status: event.snapshot.status, progress: event.progress });
        // The live line is the heartbeat at a terminal.
        if (live && event.type === "heartbeat") return;
        (isProgressEvent(event) ? progress : say)(describeWaitEvent(event));
      },
      onSleep: live && ((delayMs) => live.update({ nextPollAt: Date.now() + delayMs })),
    });
    live?.stop();
    const resources = snapshot.resourceIds.length > 0 ? `; resource ${snapshot.resourceIds.join(", ")}` : "";
    progress(`${target.kind} ${target.jobId} succeeded${resources}`);
    io.stdout(renderJobResult(jobResult(snapshot), settings.format, stdoutTable(io)));
    return ExitCode.OK;
  } catch (error) {
    live?.stop();
    // A failed job's result still goes to stdout, so scripts can read its error fields.
    if (error instanceof JobFailedError) {
      io.stdout(renderJobResult(jobResult(error.snapshot), settings.format, stdoutTable(io)));
      // Failed by its sub-jobs alone: say how to accept that, since the status says SUCCESS.
      if (classifyJobStatus(error.snapshot.kind, error.snapshot.status).phase === "succeeded") {
        say(
          `a ${error.snapshot.status} with failed sub-jobs counts as failed; --allow-failed-sub-jobs (or ${WAIT_ENV.allowFailedSubJobs}=true) accepts it with a warning`,
        );
      }
    }
    throw error;
  }
}
