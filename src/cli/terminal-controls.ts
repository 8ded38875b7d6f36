// The only escape sequences hwjobs writes, and only to a terminal (cli/live-line.ts): stderr's
// chokepoint (cli/guarded-io.ts) strips every other control character, so server text can never
// drive the terminal, and lets through exactly these constants by their own channel.

/** The sequences `CliIo.stderrControl` writes: return to column 0 and clear the line; colours; reset. */
export const TERMINAL_CONTROLS = {
  clearLine: "\r\x1b[2K",
  green: "\x1b[32m",
  red: "\x1b[31m",
  yellow: "\x1b[33m",
  cyan: "\x1b[36m",
  reset: "\x1b[0m",
} as const;

/** The name of one of {@link TERMINAL_CONTROLS}. */
export type TerminalControl = keyof typeof TERMINAL_CONTROLS;
