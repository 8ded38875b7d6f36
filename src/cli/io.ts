/** Where the CLI writes and what it reads; a seam so commands can be run in-process in tests. */
export interface CliIo {
  /** Results only. */
  readonly stdout: (text: string) => void;
  /** Progress, warnings and errors. */
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads all of standard input. */
  readonly readStdin: () => Promise<string>;
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
}
