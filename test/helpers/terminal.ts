// The bundle run under a pseudo-terminal (util-linux `script`), for what the CLI does only at a
// terminal: the live line of `wait` (stderr) and tables cut to the terminal's width (stdout).
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { childEnv, CLI_BUNDLE, type CliEnv } from "./cli";

const run = promisify(execFile);

/** Whether util-linux `script` is on PATH (it is on Debian and in CI; tests name it when skipping). */
export const HAS_SCRIPT = spawnSync("sh", ["-c", "command -v script"]).status === 0;

/**
 * Runs `node lib/hwjobs.cjs ...args` with stdout and stderr on a pseudo-terminal `columns` wide
 * (script's pty starts at 80). Resolves with what the terminal received, both streams
 * interleaved, and the exit code (`script -e` passes the child's on).
 */
export async function underTerminal(args: readonly string[], env: CliEnv, columns = 160): Promise<{ output: string; code: number }> {
  const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
  const command = `stty cols ${columns}; exec ${[process.execPath, CLI_BUNDLE, ...args].map(quote).join(" ")}`;
  try {
    const { stdout } = await run("script", ["-q", "-e", "-c", command, "/dev/null"], {
      env: childEnv({ TERM: "xterm", ...env }),
      timeout: 30_000,
    });
    return { output: stdout, code: 0 };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string };
    if (typeof failed.code !== "number" || failed.stdout === undefined) throw error;
    return { output: failed.stdout, code: failed.code };
  }
}
