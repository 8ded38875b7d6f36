import { ExitCode, type ExitCodeValue } from "../../core/exit-codes";
import type { HwClient } from "../../core/client";
import { describeStatus } from "../../jobs/errors";
import { jobPoller } from "../../jobs/fetch-job";
import type { JobKindName } from "../../jobs/kinds";
import { queryService } from "../../jobs/queries";
import { selectPendingJobs, type PendingSelection } from "../../jobs/select-pending";
import { checkOutcomes, waitForJobs, type WaitOutcome } from "../../jobs/wait-many";
import { jobEndpoint, parseCommandDeadline, withDeadline } from "../deadline";
import type { CliIo } from "../io";
import { outcomeResult, renderJobResults } from "../output";
import { stdoutTable } from "../table";
import { startWaitLiveLine } from "../live-line";
import { describeWaitEvent, isProgressEvent, progressWriter } from "../progress";
import type { StderrLines } from "../stderr-lines";
import type { WaitSettings } from "../wait-settings";

/**
 * `hwjobs wait <kind> --job-type T --all-pending`: finds the jobs pending now (within the default
 * command deadline, cli/deadline.ts), then waits for every one of them; with none, exit 0 at once.
 */
export async function waitForSelection(
  kind: JobKindName,
  selection: PendingSelection,
  settings: WaitSettings,
  client: HwClient,
  io: CliIo,
  lines: StderrLines,
): Promise<ExitCodeValue> {
  const say = progressWriter(io.stderr, settings.quiet);
  const what = `pending ${kind} jobs of type ${selection.jobType}`;
  const endpoint = client.config.endpoints[queryService(selection.queries[0]!.op)];
  say(`finding ${what} at ${endpoint}`);
  const scope = { operation: `wait ${kind} --all-pending`, endpoint };
  // The lists are read within the default command deadline (not --timeout, which is the wait's).
  const ids = await withDeadline(parseCommandDeadline(undefined, "--all-pending"), scope, io.signal, (signal) =>
    selectPendingJobs(client, selection, signal),
  );
  if (ids.length === 0) {
    say(`no ${what}; nothing to wait for`);
    io.stdout(renderJobResults([], settings.format));
    return ExitCode.OK;
  }
  say(`found ${ids.length} ${what}: ${ids.join(", ")}`);
  return waitForIds(kind, ids, settings, client, io, lines);
}

/**
 * `hwjobs wait <kind> <id> <id> ...`: every job at once, over one client, each on its own poll
 * schedule. Each outcome is said as it comes with a running count; stdout gets every job's result,
 * in the order given, whatever the verdict.
 * @throws JobsWaitError (exit 1, 4, 3 or 130, see `checkOutcomes`) unless every job succeeded
 */
export async function waitForIds(
  kind: JobKindName,
  jobIds: readonly string[],
  settings: WaitSettings,
  client: HwClient,
  io: CliIo,
  lines: StderrLines,
): Promise<ExitCodeValue> {
  const total = jobIds.length;
  const live = startWaitLiveLine(io, lines, {
    label: `${total} ${kind} jobs`,
    timeoutMs: settings.timings.timeoutMs,
    quiet: settings.quiet,
  });
  // Above the live line while it is drawn (it routes `lines`), plain lines otherwise.
  const say = lines.write;
  const progress = settings.quiet ? () => undefined : say;
  progress(`waiting for ${total} ${kind} jobs (timeout ${settings.timeout}) at ${jobEndpoint(client, kind)}`);
  let done = 0;
  let failed = 0;
  // For the live line: the last status of each job still waited for, and when each polls next.
  const statuses = new Map<string, string>();
  const nextPolls = new Map<string, number>();
  const redraw = () =>
    live?.update({
      jobs: { total, done, failed, pending: countStatuses(statuses), unseen: total - done - statuses.size },
      nextPollAt: nextPolls.size > 0 ? Math.min(...nextPolls.values()) : undefined,
    });
  const onOutcome = (outcome: WaitOutcome) => {
    done++;
    // Jobs that ended FAILED; timeouts and errors have lines of their own, and the verdict counts them.
    if (outcome.state === "failed") failed++;
    statuses.delete(outcome.ref.jobId);
    nextPolls.delete(outcome.ref.jobId);
    (outcome.state === "succeeded" ? progress : say)(describeOutcome(outcome));
    // At a terminal the live line keeps the count (but not of the jobs an interruption ends).
    if (live) {
      if (!io.signal.aborted) redraw();
    } else progress(`${done}/${total} jobs done, ${failed} failed`);
  };
  const options = { allowFailedSubJobs: settings.allowFailedSubJobs };
  let outcomes: WaitOutcome[];
  try {
    outcomes = await waitForJobs(
      jobIds.map((jobId) => ({ ref: { kind, jobId }, poll: jobPoller(client, kind, jobId, options) })),
      {
        ...settings.timings,
        failFast: settings.failFast,
        signal: io.signal,
        onEvent: (ref, event) => {
          if (event.type === "status" || event.type === "heartbeat") {
            statuses.set(ref.jobId, event.snapshot.status);
            redraw();
            // The live line is the heartbeat at a terminal.
            if (live && event.type === "heartbeat") return;
          }
          // Status lines name their job already; the others get its name in front.
          (isProgressEvent(event) ? progress : say)(
            event.type === "status" ? describeWaitEvent(event) : `${ref.kind} ${ref.jobId}: ${describeWaitEvent(event)}`,
          );
        },
        onSleep:
          live &&
          ((ref, delayMs) => {
            nextPolls.set(ref.jobId, Date.now() + delayMs);
            redraw();
          }),
        onOutcome,
      },
    );
  } finally {
    live?.stop();
  }
  io.stdout(renderJobResults(outcomes.map(outcomeResult), settings.format, stdoutTable(io)));
  const verdict = checkOutcomes(outcomes);
  if (verdict) throw verdict;
  progress(`all ${total} ${kind} jobs succeeded`);
  return ExitCode.OK;
}

/** The jobs still waited for that have answered, counted by last status, in the order first seen. */
function countStatuses(statuses: ReadonlyMap<string, string>): [string, number][] {
  const counts = new Map<string, number>();
  for (const status of statuses.values()) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts];
}

/** One line for a job of several as it ends: success with its resources, or why not. */
function describeOutcome(outcome: WaitOutcome): string {
  const name = `${outcome.ref.kind} ${outcome.ref.jobId}`;
  switch (outcome.state) {
    case "succeeded": {
      const ids = outcome.snapshot.resourceIds;
      return `${name} succeeded${ids.length > 0 ? `; resource ${ids.join(", ")}` : ""}`;
    }
    case "failed":
      return `failed: ${outcome.error.message}`;
    case "timed-out":
    case "error":
      return `error: ${outcome.error.message}`;
    case "stopped":
      return `${name}: not waited for after the first failure (--fail-fast)${outcome.snapshot ? `; last status ${describeStatus(outcome.snapshot)}` : ""}`;
  }
}
