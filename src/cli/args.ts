import { parseArgs } from "node:util";
import { CONNECTION_SETTING_NAMES, CONNECTION_SETTINGS, type ConnectionSettingName } from "../core/connection-settings";
import { InvalidInputError } from "../core/errors";
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
  output: { type: "string" },
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
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** Parsed flag values by flag name (without dashes). */
export type Flags = { readonly [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]["type"] extends "boolean" ? boolean : string };

const GLOBAL = [...CONNECTION_FLAGS, "output", "help", "version"] as const;

/** Flags each command accepts besides the global ones. */
export const COMMAND_FLAGS: Readonly<Record<string, readonly (keyof typeof OPTIONS)[]>> = {
  wait: [...WAIT_TIMING_FLAGS, "allow-failed-sub-jobs", "fail-fast", "all-pending", "job-type"],
  get: ["timeout"],
  list: ["job-type", "status", "job-id", "offset", "limit", "all", "concurrency", "timeout"],
  count: ["job-type", "status", "job-id", "timeout"],
  external: [],
  emulator: ["host", "port", "scenario"],
};

/** A command line split into command, positionals and flags. */
export interface ParsedArgs {
  readonly command?: string;
  readonly positionals: string[];
  readonly flags: Flags;
}

/**
 * Parses argv strictly: unknown flags, missing flag values and flags the command does not take
 * are InvalidInputErrors naming the flag.
 */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? "arguments";
    throw new InvalidInputError(flag, `${message.replace(/\.$/, "")}; see hwjobs --help`);
  }
  const [command, ...positionals] = parsed.positionals;
  const flags = parsed.values as Flags;
  if (command !== undefined && COMMAND_FLAGS[command]) {
    const allowed = new Set<string>([...GLOBAL, ...COMMAND_FLAGS[command]!]);
    for (const name of Object.keys(flags)) {
      if (!allowed.has(name))
        throw new InvalidInputError(`--${name}`, `--${name}: not accepted by "hwjobs ${command}"; see hwjobs ${command} --help`);
    }
  }
  return { command, positionals, flags };
}

/**
 * Joins `--flag -1` into `--flag=-1` for string flags: Node 20's parser refuses a value that starts
 * with `-` as ambiguous, which would hide the validator's message naming the accepted values.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const next = argv[i + 1];
    const name = token.startsWith("--") ? token.slice(2) : undefined;
    if (name && OPTIONS[name as keyof typeof OPTIONS]?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      out.push(`${token}=${next}`);
      i++;
    } else {
      out.push(token);
    }
  }
  return out;
}
