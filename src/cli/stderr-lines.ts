import type { CliIo } from "./io";
import { progressLine } from "./progress";

/**
 * Where a command's stderr lines go: straight to stderr as `hwjobs:` lines, or, while a live line
 * is drawn, above it (cli/live-line.ts). The HTTP client is built before a wait knows whether it
 * will have a live line, so its retry and debug lines take the route current when each is written;
 * a line written past the live line would be torn by its next redraw.
 */
export interface StderrLines {
  /** Writes one line (without the `hwjobs:` prefix, which the sink adds). */
  readonly write: (text: string) => void;
  /** Sends every line to `sink` from now on, or back to stderr with `undefined`. */
  readonly route: (sink: ((text: string) => void) | undefined) => void;
}

/** Lines to `io.stderr`, until routed elsewhere. */
export function stderrLines(io: Pick<CliIo, "stderr">): StderrLines {
  const plain = (text: string) => io.stderr(progressLine(text));
  let sink: ((text: string) => void) | undefined;
  return {
    write: (text) => (sink ?? plain)(text),
    route: (next) => {
      sink = next;
    },
  };
}
