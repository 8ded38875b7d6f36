import { HwJobsError, InvalidInputsError } from "../core/errors";
import { ExitCode, type ExitCodeValue } from "../core/exit-codes";
import { VERSION } from "../core/version";
import { parseCommandLine, unknownCommand, type ParsedArgs } from "./args";
import { HELP } from "./help";
import { guardedIo } from "./guarded-io";
import type { CliIo } from "./io";
import { progressLine } from "./progress";

/** A command: its arguments and io in, its exit code out. */
export type Command = (args: ParsedArgs, io: CliIo) => Promise<ExitCodeValue>;

/** The commands, in the order usage messages list them. */
export const COMMAND_NAMES = ["wait", "get", "list", "count", "external", "emulator", "completion"] as const;

/** A command's name. */
export type CommandName = (typeof COMMAND_NAMES)[number];

const isCommandName = (name: string): name is CommandName => (COMMAND_NAMES as readonly string[]).includes(name);

/** Runs one command line and returns the exit code; every error becomes one line on stderr (see {@link guardedIo}). */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<ExitCodeValue> {
  const io = guardedIo(rawIo);
  try {
    const args = parseCommandLine(argv);
    if (args.flags.version) {
      io.stdout(`${VERSION}\n`);
      return ExitCode.OK;
    }
    if (args.flags.help || args.command === "help") {
      // `hwjobs help list image-jobs` reads as `hwjobs list image-jobs --help`.
      const [target, ...what] =
        args.command === "help" ? args.positionals : args.command === undefined ? [] : [args.command, ...args.positionals];
      if (target === undefined) {
        io.stdout(HELP);
        return ExitCode.OK;
      }
      if (!isCommandName(target)) throw unknownCommand(target);
      const { loadCommandHelp } = await import("./commands/index.js");
      io.stdout((await loadCommandHelp())(target, what));
      return ExitCode.OK;
    }
    if (args.command === undefined) {
      // A usage error: stdout carries only results, so the help goes to stderr.
      io.stderr(HELP);
      return ExitCode.USAGE;
    }
    // parseCommandLine refuses every other word; this narrows the type.
    if (!isCommandName(args.command)) throw unknownCommand(args.command);
    // Imported only when a command runs: `--version`, `--help` and usage errors then compile and
    // evaluate none of the commands, nor undici, zod and the emulator (docs/architecture.md §5.3).
    const { COMMANDS } = await import("./commands/index.js");
    const command = await COMMANDS[args.command]();
    return await command(args, io);
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): ExitCodeValue {
  // SIGINT/SIGTERM also abort in-flight requests (e.g. of `get`), which then reject with a plain
  // AbortError: that is an interruption (exit 130), not an unexpected error (exit 4).
  if (io.signal.aborted && !(error instanceof HwJobsError && error.exitCode === ExitCode.INTERRUPTED)) {
    io.stderr(progressLine("error: interrupted"));
    return ExitCode.INTERRUPTED;
  }
  if (error instanceof InvalidInputsError) {
    // One line per setting, so that each reads as its own fix.
    for (const problem of error.problems) io.stderr(progressLine(`error: ${oneLine(problem.message)}`));
    return error.exitCode;
  }
  if (error instanceof HwJobsError) {
    io.stderr(progressLine(`error: ${oneLine(error.message)}`));
    return error.exitCode;
  }
  io.stderr(progressLine(`unexpected error: ${oneLine(error instanceof Error ? (error.stack ?? error.message) : String(error))}`));
  return ExitCode.API;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " | ");
}
