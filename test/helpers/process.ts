// Runs a program as a child process (no shell) with separate stdout and stderr, optional stdin and
// a hard time limit, for tests that check what a program printed on which stream.
import { spawn } from "node:child_process";

/** How a program ended and what it printed. */
export interface ProgramResult {
  /** Exit code; `null` when killed by a signal (the hard time limit included). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runProgram}. */
export interface ProgramOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed; default: stdin is closed at once. */
  readonly stdin?: string;
  /** The child is SIGKILLed after this long; default 60 s. */
  readonly timeoutMs?: number;
}

/**
 * Runs `argv` (argv[0] looked up on the child's PATH) to completion. The child leads a process
 * group of its own, and the time limit kills the whole group: npm's children (a `prepack` build,
 * tsc) must not live on after it.
 */
export function runProgram(argv: readonly string[], opts: ProgramOptions): Promise<ProgramResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: opts.cwd, env: opts.env, stdio: ["pipe", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL"); // the group is gone already; make sure of the child itself
      }
    }, opts.timeoutMs ?? 60_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.stdin ?? "");
  });
}
