import { parseArgs } from "node:util";
import { CONNECTION_SETTING_NAMES, CONNECTION_SETTINGS, type ConnectionSettingName } from "../core/connection-settings";
import { InvalidInputError } from "../core/errors";
import { closestMatch, didYouMean } from "../core/suggest";
import { WAIT_TIMINGS, type WaitTimingProp } from "../jobs/wait-timings";

/** The flags of the connection settings (core/connection-settings.ts). */
type ConnectionFlag = (typeof CONNECTION_SETTINGS)[ConnectionSettingName]["flag"];
/** The flags of the wait timings (jobs/wait-timings.ts). */
type WaitTimingFlag = (typeof WAIT_TIMINGS)[WaitTimingProp]["flag"];

const CONNECTION_FLAGS = CONNECTION_SETTING_NAMES.map((name) => CONNECTION_SETTINGS[name].flag);
const WAIT_TIMING_FLAGS = (Object.keys(WAIT_TIMINGS) as WaitTimingProp[]).map((prop) => WAIT_TIMINGS[prop].flag);

/** String options for `flags`, typed by flag name. */
function stringOptions<F extends string>(flags: readonly F[]): { readonly [K in F]: { readonly type: "string" } } {
  return Object.fromEntries(flags.map((flag) => [flag, { type: "string" }])) as { readonly [K in F]: { readonly type: "string" } };
}

/** Every flag `hwjobs` knows; each command accepts a subset (see {@link COMMAND_FLAGS}). */
const OPTIONS = {
  ...stringOptions<ConnectionFlag>(CONNECTION_FLAGS),
  output: { type: "string", short: "o" },
  ...stringOptions<WaitTimingFlag>(WAIT_TIMING_FLAGS),
  "allow-failed-sub-jobs": { type: "boolean" },
  "fail-fast": { type: "boolean" },
  "all-pending": { type: "boolean" },
  "job-type": { type: "string" },
  status: { type: "string" },
  "job-id": { type: "string" },
  offset: { type: "string" },
  limit: { type: "string" },
  all: { type: "boolean" },
  concurrency: { type: "string" },
  host: { type: "string" },
  port: { type: "string" },
  scenario: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** Parsed flag values by flag name (without dashes). */
export type Flags = { readonly [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]["type"] extends "boolean" ? boolean : string };

const GLOBAL = [...CONNECTION_FLAGS, "output", "quiet", "debug", "help", "version"] as const;

/** Flags each command accepts besides the global ones. */
export const COMMAND_FLAGS: Readonly<Record<string, readonly OptionName[]>> = {
  wait: [...WAIT_TIMING_FLAGS, "allow-failed-sub-jobs", "fail-fast", "all-pending", "job-type"],
  get: ["timeout"],
  list: ["job-type", "status", "job-id", "offset", "limit", "all", "concurrency", "timeout"],
  count: ["job-type", "status", "job-id", "timeout"],
  external: [],
  emulator: ["host", "port", "scenario"],
  completion: [],
};

/** A command line split into command, positionals and flags. */
export interface ParsedArgs {
  readonly command?: string;
  readonly positionals: string[];
  readonly flags: Flags;
}

/** A parsed flag token (util.parseArgs's own shape, tokens: true). */
interface FlagToken {
  readonly name: string;
  readonly rawName: string;
  readonly value: string | undefined;
  readonly inlineValue: boolean | undefined;
}

/** The name of a flag `hwjobs` knows, without dashes. */
export type OptionName = keyof typeof OPTIONS;
const isOption = (name: string): name is OptionName => Object.hasOwn(OPTIONS, name);

/** `--name`, as the user writes it. */
const dashed = (name: string) => `--${name}`;

/** Where to look: the command's help when there is a command. */
const helpHint = (command: string | undefined) => `(see hwjobs ${command && COMMAND_FLAGS[command] ? `${command} ` : ""}--help)`;

/** The flags `command` accepts (every flag before the command is known). */
export function acceptedFlags(command: string | undefined): readonly OptionName[] {
  const own = command === undefined ? undefined : COMMAND_FLAGS[command];
  return own ? [...GLOBAL, ...own] : (Object.keys(OPTIONS) as OptionName[]);
}

/** The one-line error for a flag `command` does not know, with the closest one it does. */
function unknownFlag(token: FlagToken, command: string | undefined): InvalidInputError {
  const accepted = acceptedFlags(command);
  const where = command && COMMAND_FLAGS[command] ? ` for "hwjobs ${command}"` : "";
  if (isOption(token.name)) {
    return new InvalidInputError(token.rawName, `${token.rawName}: not accepted by "hwjobs ${command}" ${helpHint(command)}`);
  }
  const guess = token.rawName.startsWith("--") ? closestMatch(token.name, accepted) : undefined;
  const hint = guess ? `; did you mean ${dashed(guess)}?` : "";
  return new InvalidInputError(token.rawName, `${token.rawName}: unknown flag${where}${hint} ${helpHint(command)}`);
}

/** The one-line error for a command that does not exist, with the closest one that does. */
export function unknownCommand(command: string): InvalidInputError {
  const commands = Object.keys(COMMAND_FLAGS);
  return new InvalidInputError(
    "command",
    `unknown command ${JSON.stringify(command)}; accepted: ${commands.join(", ")}${didYouMean(command, commands)} ${helpHint(undefined)}`,
  );
}

/** The value a flag token carries, checked against its option's type. */
function flagValue(token: FlagToken & { readonly name: OptionName }, command: string | undefined): string | boolean {
  const option = OPTIONS[token.name];
  const flag = dashed(token.name);
  if (option.type === "boolean") {
    if (token.value !== undefined)
      throw new InvalidInputError(flag, `${flag}: takes no value (given ${JSON.stringify(token.value)}) ${helpHint(command)}`);
    return true;
  }
  // A value that looks like a flag is taken for a missing value (`--job-type --all`), but not a
  // negative number, which the flag's own check names with its accepted values.
  const value = token.value;
  if (value === undefined || (!token.inlineValue && /^--?[A-Za-z]/.test(value))) {
    throw new InvalidInputError(flag, `${flag}: needs a value (${flag} VALUE or ${flag}=VALUE) ${helpHint(command)}`);
  }
  return value;
}

/**
 * Parses argv strictly, with messages of its own: an unknown command or flag names the closest accepted one
 * ("did you mean --job-type?"), and a flag given twice, a flag without its value, a boolean flag
 * with one and a flag the command does not take are InvalidInputErrors naming the flag. The
 * parser's own wording never reaches the user.
 */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  const { tokens } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  const positionals: string[] = [];
  const flagTokens: FlagToken[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value);
    else if (token.kind === "option") flagTokens.push(token);
  }
  const [command, ...rest] = positionals;
  if (command !== undefined && command !== "help" && !Object.hasOwn(COMMAND_FLAGS, command)) throw unknownCommand(command);
  const accepted = new Set<string>(acceptedFlags(command));
  const flags: Record<string, string | boolean> = {};
  for (const token of flagTokens) {
    if (!isOption(token.name) || !accepted.has(token.name)) throw unknownFlag(token, command);
    const flag = dashed(token.name);
    if (Object.hasOwn(flags, token.name)) throw new InvalidInputError(flag, `${flag}: given twice; give it once`);
    flags[token.name] = flagValue(token as FlagToken & { readonly name: OptionName }, command);
  }
  return { command, positionals: rest, flags: flags as Flags };
}
