import { InvalidInputError } from "../../core/errors";
import { didYouMean } from "../../core/suggest";
import { ExitCode, type ExitCodeValue } from "../../core/exit-codes";
import type { ParsedArgs } from "../args";
import type { CliIo } from "../io";
import { completionScript } from "./completion-scripts";
import { COMPLETION_SHELLS, completionWords, type CompletionShell } from "./completion-words";

const isShell = (text: string): text is CompletionShell => (COMPLETION_SHELLS as readonly string[]).includes(text);

/** `hwjobs completion bash|zsh|fish`: prints the shell's completion script on stdout. */
export async function runCompletion(args: ParsedArgs, io: CliIo): Promise<ExitCodeValue> {
  const [shell, extra] = args.positionals;
  const accepted = COMPLETION_SHELLS.join(", ");
  if (shell === undefined) throw new InvalidInputError("shell", `usage: hwjobs completion <${COMPLETION_SHELLS.join("|")}>`);
  if (!isShell(shell)) {
    throw new InvalidInputError(
      "shell",
      `completion: unknown shell ${JSON.stringify(shell)}; accepted: ${accepted}${didYouMean(shell, COMPLETION_SHELLS)} (see hwjobs completion --help)`,
    );
  }
  if (extra !== undefined) throw new InvalidInputError("arguments", `unexpected argument ${JSON.stringify(extra)}`);
  io.stdout(completionScript(shell, completionWords()));
  return Promise.resolve(ExitCode.OK);
}
