import type { Redactor } from "../core/redact";
import { TERMINAL_CONTROLS, type TerminalControl } from "./terminal-controls";

/** Where the CLI writes and what it reads; a seam so commands can be run in-process in tests. */
export interface CliIo {
  /** Results only. */
  readonly stdout: (text: string) => void;
  /** Progress, warnings and errors. */
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Reads all of standard input, as UTF-8.
   * @throws InvalidInputError (field `stdin`) once more than `maxBytes` arrived, without reading on
   */
  readonly readStdin: (maxBytes: number) => Promise<string>;
  /** The width of stdout when it is a terminal, else `undefined`: tables are cut to fit only then. */
  readonly stdoutColumns?: () => number | undefined;
  /** The width of stderr when it is a terminal, else `undefined` (a pipe, a file, Terraform's log). */
  readonly stderrColumns?: () => number | undefined;
  /** Writes one of the fixed terminal controls to stderr (by name, so no other text can pass). */
  readonly stderrControl?: (control: TerminalControl) => void;
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
  /**
   * The redactor of the environment's secrets; set by `runCli` (which applies it to stderr), and
   * given to the HTTP client, which applies it to everything a server answers.
   */
  readonly redactor?: Redactor;
}

/** Writes the control named `control` with `write` (the raw stderr), for `CliIo.stderrControl`. */
export function controlWriter(write: (text: string) => void): (control: TerminalControl) => void {
  return (control) => write(TERMINAL_CONTROLS[control]);
}

/** A writer to stdout or stderr that outlives its reader. */
export interface StreamWriter {
  /** Writes, or does nothing once the stream is closed or broken. */
  readonly write: (text: string) => void;
  /** The code of a write error other than a closed reader (e.g. `ENOSPC`), if one happened. */
  readonly failure: () => string | undefined;
}

// The reader went away (`hwjobs list --all | head -n 3`, `hwjobs wait … | true`): nobody is
// left to read what remains, which is no failure of the command, so its exit code stands.
const READER_GONE = new Set(["EPIPE", "ERR_STREAM_DESTROYED"]);

/**
 * Wraps a process stream so that a closed reader (EPIPE) makes further writes no-ops instead of
 * an unhandled 'error' event, which would print a stack and exit 1. Other write errors (a full
 * disk) are kept in {@link StreamWriter.failure} for the caller to report. `open` is called on the
 * first write only: a process stream costs its creation (and for a pipe the socket modules) even
 * when nothing is written, e.g. stderr of `hwjobs --version` or stdout of `--output none`.
 */
export function streamWriter(open: () => NodeJS.WritableStream & { readonly destroyed?: boolean }): StreamWriter {
  let stream: (NodeJS.WritableStream & { readonly destroyed?: boolean }) | undefined;
  let closed = false;
  let failure: string | undefined;
  const fail = (error: unknown) => {
    closed = true;
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
    if (!READER_GONE.has(code)) failure ??= code;
  };
  return {
    write: (text) => {
      if (stream === undefined) {
        stream = open();
        stream.on("error", fail);
      }
      if (closed || stream.destroyed) return;
      try {
        stream.write(text);
      } catch (error) {
        fail(error);
      }
    },
    failure: () => failure,
  };
}
