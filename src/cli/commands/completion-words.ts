import { scenarioNames } from "../../emulator/scenarios/names";
import { JOB_KIND_SPECS, JOB_KINDS } from "../../jobs/kinds";
import { queryEnumValues, queryJobTypeFilter, queryTargets } from "../../jobs/queries";
import { acceptedFlags, type OptionName } from "../args";
import { OUTPUT_FORMATS } from "../output";
import { COMMAND_NAMES, type CommandName } from "../run";

// What `hwjobs completion` completes, derived from the registries (commands, kinds, lists,
// flags, enums), so the shell scripts never fall behind the CLI.

/** The shells `hwjobs completion` writes a script for. */
export const COMPLETION_SHELLS = ["bash", "zsh", "fish"] as const;
/** One of {@link COMPLETION_SHELLS}. */
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** The values of one value-taking flag, for one command and (for list and count) one `<what>`. */
export interface FlagValues {
  readonly command: CommandName;
  /** The list or count target, when the values depend on it. */
  readonly what?: string;
  readonly flag: OptionName;
  readonly values: readonly string[];
}

/** Everything a completion script completes. */
export interface CompletionWords {
  /** The first word: the commands and `help`. */
  readonly commands: readonly string[];
  /** The second word of each command that takes one. */
  readonly second: Readonly<Partial<Record<CommandName | "help", readonly string[]>>>;
  /** The flags of each command, dashed. */
  readonly flags: Readonly<Record<CommandName, readonly string[]>>;
  /** The values of value-taking flags, most specific first. */
  readonly values: readonly FlagValues[];
}

// Every word is pasted into shell source: it must be a plain word, which every registry entry is.
const PLAIN_WORD = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function plain(words: readonly string[]): readonly string[] {
  for (const word of words) if (!PLAIN_WORD.test(word)) throw new Error(`completion word ${JSON.stringify(word)} is not a plain word`);
  return words;
}

function queryValues(command: "list" | "count"): FlagValues[] {
  return [...queryTargets(command)].flatMap(([what, op]) => {
    const jobTypes = queryJobTypeFilter(op)?.known ?? [];
    const statuses = queryEnumValues(op, "status") ?? [];
    return [
      { command, what, flag: "job-type" as const, values: plain(jobTypes) },
      { command, what, flag: "status" as const, values: plain(statuses) },
    ];
  });
}

/** The words of the completion scripts. */
export function completionWords(): CompletionWords {
  // `wait <kind> --all-pending --job-type T`: the types of that kind's pending list.
  const pendingTypes: FlagValues[] = JOB_KINDS.flatMap((kind) => {
    const pending = JOB_KIND_SPECS[kind].pending;
    return pending ? [{ command: "wait" as const, what: kind, flag: "job-type" as const, values: plain(pending.jobTypeFilter.known) }] : [];
  });
  const flags: Partial<Record<CommandName, readonly string[]>> = {};
  for (const command of COMMAND_NAMES) flags[command] = plain(acceptedFlags(command).filter((f) => f !== "version")).map((f) => `--${f}`);
  const everyCommand: FlagValues[] = COMMAND_NAMES.map((command) => ({ command, flag: "output", values: plain(OUTPUT_FORMATS) }));
  return {
    commands: plain([...COMMAND_NAMES, "help"]),
    second: {
      wait: plain(JOB_KINDS),
      get: plain(JOB_KINDS),
      list: plain([...queryTargets("list").keys()]),
      count: plain([...queryTargets("count").keys()]),
      completion: plain(COMPLETION_SHELLS),
      help: plain(COMMAND_NAMES),
    },
    flags: flags as Record<CommandName, readonly string[]>,
    values: [
      ...queryValues("list"),
      ...queryValues("count"),
      ...pendingTypes,
      { command: "emulator", flag: "scenario", values: plain(scenarioNames()) },
      ...everyCommand,
    ],
  };
}
