import { formatDuration } from "../core/duration";
import { sanitizeLine } from "../core/sanitize";
import type { SubJobProgress } from "../jobs/sub-job-progress";
import { truncateToWidth } from "./display-width";
import { insideTerraform } from "./inside-terraform";
import type { CliIo } from "./io";
import { LINE_PREFIX, progressLine } from "./progress";
import type { StderrLines } from "./stderr-lines";
import type { TerminalControl } from "./terminal-controls";

// The one line a wait at a terminal keeps redrawn in place (docs/architecture.md, section 5):
// elapsed and remaining time, status, sub-job progress and the next poll, with status changes
// and warnings printed above it. Off a terminal (a pipe, a CI log, Terraform's provisioner
// output) every line stays a plain line, since a carriage return there would garble the log.

const REDRAW_MS = 1000;

/** Where a wait on several jobs stands: how many ended, and the statuses of the others. */
export interface JobsProgress {
  readonly total: number;
  /** Jobs that ended, whatever their outcome. */
  readonly done: number;
  /** Of those, the jobs that failed. */
  readonly failed: number;
  /** The jobs still waited for that have answered, counted by their last status, e.g. `[["RUNNING", 2]]`. */
  readonly pending: readonly (readonly [status: string, count: number])[];
  /** The jobs still waited for that have not answered yet. */
  readonly unseen: number;
}

/** What the live line shows of the job (or jobs), as the wait learns it. */
export interface LiveState {
  /** The one job's status (coloured). */
  readonly status?: string;
  readonly progress?: SubJobProgress;
  /** A wait on several jobs: shown instead of a status. */
  readonly jobs?: JobsProgress;
  /** When, on the `now()` clock, the next poll is due. */
  readonly nextPollAt?: number;
}

/** A live line: {@link LiveLine.above} prints a line above it; {@link LiveLine.stop} clears it. */
export interface LiveLine {
  readonly above: (text: string) => void;
  readonly update: (state: LiveState) => void;
  readonly stop: () => void;
}

/** What {@link startLiveLine} needs. */
export interface LiveLineOptions {
  /** Writes text (stderr through its chokepoint, which strips every control character). */
  readonly write: (text: string) => void;
  /** Writes a terminal control (CliIo.stderrControl). */
  readonly control: (control: TerminalControl) => void;
  /** The job, e.g. `image-job 2c9e…`, or the jobs, e.g. `3 image-job jobs`. */
  readonly label: string;
  readonly timeoutMs: number;
  /** Terminal width; the line is cut to fit, so that redrawing never wraps. */
  readonly columns: number;
  readonly color: boolean;
  /** @default Date.now */
  readonly now?: () => number;
}

/**
 * Whether a wait gets a live line: stderr is a terminal, and neither `--quiet`, `CI`, a dumb
 * terminal nor Terraform (which sets `HWJOBS_KIND`) asks for plain lines.
 */
export function liveLineWanted(columns: number | undefined, quiet: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return columns !== undefined && !quiet && !env.CI && env.TERM !== "dumb" && !insideTerraform(env);
}

/** Colour at a terminal unless `NO_COLOR` is set to anything non-empty (no-color.org). */
export function colorWanted(env: Readonly<Record<string, string | undefined>>): boolean {
  return !env.NO_COLOR;
}

const STATUS_COLORS: Readonly<Record<string, TerminalControl>> = {
  SUCCESS: "green",
  FAILED: "red",
  FAIL: "red",
  ABNORMAL: "red",
  RUNNING: "yellow",
  WAITING: "cyan",
  INIT: "cyan",
};

/** The live line's text (one safe line, cut to `columns - 1`), before any colour. */
export function liveText(label: string, state: LiveState, elapsedMs: number, timeoutMs: number, now: number): string {
  const left = Math.max(0, timeoutMs - elapsedMs);
  // Due (or its request still out): "polling", not a "next poll in 0s" that lingers.
  const next =
    state.nextPollAt === undefined || state.nextPollAt <= now ? "polling" : `next poll in ${formatDuration(state.nextPollAt - now)}`;
  return `${label}: ${describeState(state)} · ${formatDuration(elapsedMs)} elapsed, ${formatDuration(left)} left · ${next}`;
}

/** `RUNNING, sub-jobs 2/3` for one job; `1/3 done (1 failed), 2 RUNNING` for several. */
function describeState(state: LiveState): string {
  const jobs = state.jobs;
  if (jobs) {
    const failed = jobs.failed > 0 ? ` (${jobs.failed} failed)` : "";
    const pending = jobs.pending.map(([status, count]) => `, ${count} ${status}`).join("");
    const unseen = jobs.unseen > 0 ? `, ${jobs.unseen} not seen yet` : "";
    return `${jobs.done}/${jobs.total} done${failed}${pending}${unseen}`;
  }
  const p = state.progress;
  const subJobs = p && p.total > 0 ? `, sub-jobs ${p.succeeded}/${p.total}${p.failed > 0 ? ` (${p.failed} failed)` : ""}` : "";
  return `${state.status ?? "…"}${subJobs}`;
}

/** Starts the live line, redrawn every second until {@link LiveLine.stop}. */
export function startLiveLine(options: LiveLineOptions): LiveLine {
  const now = options.now ?? Date.now;
  const start = now();
  let state: LiveState = {};
  const draw = () => {
    const text = sanitizeLine(liveText(sanitizeLine(options.label), state, now() - start, options.timeoutMs, now()));
    // In display columns: a CJK job id takes two a character, and a line that wraps cannot be redrawn.
    const cut = truncateToWidth(text, Math.max(10, options.columns - 1 - LINE_PREFIX.length - 1));
    options.control("clearLine");
    // The status in its colour: the line split around it, the colour by its own channel.
    const status = state.status === undefined ? undefined : sanitizeLine(state.status);
    const color = status === undefined || !options.color || !Object.hasOwn(STATUS_COLORS, status) ? undefined : STATUS_COLORS[status];
    const at = status === undefined ? -1 : cut.indexOf(`: ${status}`);
    if (color === undefined || at < 0 || status === undefined) {
      options.write(`${LINE_PREFIX} ${cut}`);
      return;
    }
    const end = at + 2 + status.length;
    options.write(`${LINE_PREFIX} ${cut.slice(0, at + 2)}`);
    options.control(color);
    options.write(cut.slice(at + 2, end));
    options.control("reset");
    options.write(cut.slice(end));
  };
  const timer = setInterval(draw, REDRAW_MS);
  timer.unref();
  draw();
  // Once stopped, lines are plain lines (the wait's last words) and updates are dropped.
  let stopped = false;
  return {
    above: (text) => {
      if (!stopped) options.control("clearLine");
      options.write(progressLine(text));
      if (!stopped) draw();
    },
    update: (next) => {
      state = { ...state, ...next };
      if (!stopped) draw();
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      options.control("clearLine");
    },
  };
}

/**
 * The live line of a wait at `io`'s terminal, or `undefined` for plain lines ({@link liveLineWanted}).
 * While it is drawn, `lines` (the client's retry and debug lines) are printed above it.
 * @param label the job or jobs, e.g. `image-job 2c9e…`
 */
export function startWaitLiveLine(
  io: CliIo,
  lines: StderrLines,
  options: { readonly label: string; readonly timeoutMs: number; readonly quiet: boolean },
): LiveLine | undefined {
  const columns = io.stderrColumns?.();
  const control = io.stderrControl;
  if (columns === undefined || control === undefined || !liveLineWanted(columns, options.quiet, io.env)) return undefined;
  const live = startLiveLine({
    write: io.stderr,
    control,
    label: options.label,
    timeoutMs: options.timeoutMs,
    columns,
    color: colorWanted(io.env),
  });
  lines.route(live.above);
  return {
    ...live,
    stop: () => {
      lines.route(undefined);
      live.stop();
    },
  };
}
