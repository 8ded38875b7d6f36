import type { AttemptEvent, RetryEvent } from "../core/client";
import { formatDuration } from "../core/duration";
import { sanitizeLine } from "../core/sanitize";
import type { WaitEvent } from "../jobs/events";
import type { JobSnapshot } from "../jobs/snapshot";
import { subJobProgress } from "../jobs/sub-job-progress";

/** Prefix of every line on stderr, so lines read well inside Terraform's provisioner log. */
export const LINE_PREFIX = "hwjobs:";

function progressText(snapshot: JobSnapshot): string {
  const p = subJobProgress(snapshot);
  if (p.total === 0) return "";
  const failed = p.failed > 0 ? `, ${p.failed} failed` : "";
  return ` (sub-jobs ${p.succeeded}/${p.total} succeeded${failed})`;
}

/** One line per wait event: status changes, heartbeats, warnings and tolerated errors. */
export function describeWaitEvent(event: WaitEvent): string {
  const at = `[${formatDuration(event.elapsedMs)}]`;
  switch (event.type) {
    case "status": {
      const s = event.snapshot;
      return `${at} ${s.kind} ${s.jobId}: ${s.status}${progressText(s)}`;
    }
    case "heartbeat": {
      const s = event.snapshot;
      return `${at} ${s.kind} ${s.jobId}: still ${s.status}${progressText(s)}`;
    }
    case "unknown-status":
      return `${at} warning: unknown status ${JSON.stringify(sanitizeLine(event.status))}; treating it as pending (never as success)`;
    case "not-found":
      return `${at} job not found yet; a just-created job can take a moment to appear, retrying`;
    case "transient-error":
      return `${at} transient error, still waiting: ${event.error.message}`;
    case "warning":
      return `${at} warning: ${event.message}`;
  }
}

/** Whether `event` is progress, which `--quiet` leaves out; warnings are not. */
export function isProgressEvent(event: WaitEvent): boolean {
  return event.type !== "warning" && event.type !== "unknown-status";
}

/**
 * Writes progress lines (what a wait or a retry is doing) to `stderr`, or nothing under
 * `--quiet`. Warnings, failures and errors are not progress: they go to stderr either way.
 */
export function progressWriter(stderr: (text: string) => void, quiet: boolean | undefined): (text: string) => void {
  return quiet ? () => undefined : (text) => stderr(progressLine(text));
}

/** One line per HTTP retry. */
export function describeRetry(event: RetryEvent): string {
  return `retrying ${event.operation} in ${(event.delayMs / 1000).toFixed(1)}s after ${event.reason} (attempt ${event.attempt}/${event.maxAttempts})`;
}

/** What starts the text of a debug line (`hwjobs: debug: ...`), so the whole trace greps as one. */
export const DEBUG_PREFIX = "debug:";

/**
 * One debug line per HTTP attempt: method, full URL, status or network error code, duration,
 * attempt number and X-Request-Id, e.g. `debug: GET https://host/v1/p/jobs/1 -> 200 in 12ms
 * (attempt 1/5, X-Request-Id abc)`. Never another header, never a body (docs/architecture.md,
 * section 5).
 */
export function describeAttempt(event: AttemptEvent): string {
  const result = event.status !== undefined ? String(event.status) : (event.errorCode ?? "no answer");
  const requestId = event.requestId ? `, X-Request-Id ${event.requestId}` : "";
  return `${DEBUG_PREFIX} ${event.method} ${event.url} -> ${result} in ${Math.round(event.durationMs)}ms (attempt ${event.attempt}/${event.maxAttempts}${requestId})`;
}

/**
 * Makes one stderr line: the chokepoint of every progress, warning and error line. `text` often
 * quotes server text (statuses, ids, messages), so it is made one safe line (core/sanitize.ts):
 * a newline or escape sequence in it can never start a forged `hwjobs:` line or drive the terminal.
 */
export function progressLine(text: string): string {
  return `${LINE_PREFIX} ${sanitizeLine(text)}\n`;
}
