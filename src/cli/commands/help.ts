import { acceptedJobTypes, defaultJobTypes, type JobTypeFilter } from "../../api/job-type-filters";
import { LIMIT_MAX } from "../../api/query-fields";
import { CONNECTION_SETTING_NAMES, CONNECTION_SETTINGS } from "../../core/connection-settings";
import { MAX_WAIT_JOBS } from "../../core/limits";
import { PAGINATION_DEFAULTS } from "../../core/pagination";
import { scenarioNames } from "../../emulator/scenarios/names";
import { JOB_KIND_SPECS, JOB_KINDS } from "../../jobs/kinds";
import { queryEnumValues, queryJobTypeFilter, queryTargets, type QueryOperation } from "../../jobs/queries";
import { WAIT_ENV, WAIT_TIMINGS, type WaitTimingProp } from "../../jobs/wait-timings";
import { COMMAND_FLAGS, type OptionName } from "../args";
import { DEBUG_VARIABLE } from "../debug";
import { DEFAULT_COMMAND_TIMEOUT } from "../deadline";
import { COMMAND_SUMMARIES, CREDENTIALS_HELP, EXIT_CODES_HELP } from "../help";
import { OUTPUT_FORMATS } from "../output";
import type { CommandName } from "../run";
import { COMPLETION_SHELLS } from "./completion-words";
import { EMULATOR_DEFAULTS } from "./emulator-defaults";

// `hwjobs <command> [<what>] --help` and `hwjobs help <command> [<what>]` (docs/architecture.md,
// section 5). Loaded with the commands, not by the dispatcher, since the accepted values come from
// the query schemas (zod); everything here is derived from the registries, none re-typed.

/** How help shows one flag. */
interface FlagDoc {
  /** The value's placeholder, for flags that take one. */
  readonly value?: string;
  readonly text: string;
  readonly default?: string;
  /** Variables read when the flag is absent. */
  readonly env?: readonly string[];
}

/** Flag docs keyed by flag, keeping the flags' literal types. */
function byFlag<F extends string>(entries: readonly (readonly [F, FlagDoc])[]): Record<F, FlagDoc> {
  return Object.fromEntries(entries) as Record<F, FlagDoc>;
}

const timingDocs = byFlag(
  (Object.keys(WAIT_TIMINGS) as WaitTimingProp[]).map((prop) => {
    const t = WAIT_TIMINGS[prop];
    const text = {
      timeout: "wait this long at most (exit 3 past it)",
      notFoundGrace: "how long a job id may answer 404 before it counts as missing (a new job can take a moment to appear)",
      minPollInterval: "shortest time between two reads of a job",
      maxPollInterval: "longest time between two reads of a job",
    }[prop];
    return [t.flag, { value: "D", text, default: t.default, env: [t.env] }] as const;
  }),
);

const connectionDocs = byFlag(
  CONNECTION_SETTING_NAMES.map((name) => {
    const s = CONNECTION_SETTINGS[name];
    const text = {
      region: "region of the jobs, e.g. cn-north-4 (derives the endpoints)",
      projectId: "project id of every path",
      endpoint: "one base URL for every service (e.g. the emulator)",
      appstreamEndpoint: "Workspace APP base URL; wins over --endpoint",
      imsEndpoint: "IMS base URL; wins over --endpoint",
    }[name];
    return [s.flag, { value: s.kind === "endpoint" ? "URL" : s.kind === "region" ? "R" : "P", text, env: s.env }] as const;
  }),
);

/** Every flag's help; a flag added to args.ts does not compile until it is documented here. */
const FLAG_DOCS: Readonly<Record<OptionName, FlagDoc>> = {
  ...connectionDocs,
  ...timingDocs,
  output: { value: OUTPUT_FORMATS.join("|"), text: "result on stdout (jsonl: one object a line)", default: "json", env: [WAIT_ENV.output] },
  "allow-failed-sub-jobs": {
    text: "a Workspace SUCCESS with FAILED/ABNORMAL sub-jobs: exit 0 and a warning, not exit 1",
    env: [WAIT_ENV.allowFailedSubJobs],
  },
  "fail-fast": { text: `with several job ids (up to ${MAX_WAIT_JOBS}): stop at the first failure`, env: [WAIT_ENV.failFast] },
  "all-pending": { text: "wait for every job of --job-type pending now (none: exit 0)", env: [WAIT_ENV.allPending] },
  "job-type": { value: "T", text: "job type (accepted values below)", env: [WAIT_ENV.jobType] },
  status: { value: "S", text: "status (accepted values below)" },
  "job-id": { value: "J", text: "only the sub-jobs of parent job J" },
  offset: { value: "N", text: "first item to read", default: "0" },
  limit: { value: "N", text: `items per page, 1 to ${LIMIT_MAX}`, default: "the service's, 10" },
  all: { text: "read every page (the count is re-checked between pages)" },
  concurrency: { value: "N", text: "pages read at once with --all", default: String(PAGINATION_DEFAULTS.concurrency) },
  host: { value: "H", text: "address to listen on", default: EMULATOR_DEFAULTS.host },
  port: { value: "P", text: "port to listen on (0: any free port)", default: String(EMULATOR_DEFAULTS.port) },
  scenario: { value: "NAME|FILE", text: "jobs to seed: a built-in name (below) or a scenario .json file" },
  quiet: { text: "no progress lines (warnings, failures and errors still go to stderr)" },
  debug: {
    text: "a stderr line per HTTP attempt (method, URL, status, duration, attempt, X-Request-Id) and retry; never a secret header or a body",
    env: [DEBUG_VARIABLE],
  },
  help: { text: "this help" },
  version: { text: "the version" },
};

const GLOBAL_FLAGS: readonly OptionName[] = [
  ...CONNECTION_SETTING_NAMES.map((n) => CONNECTION_SETTINGS[n].flag),
  "output",
  "quiet",
  "help",
];

function flagLines(flags: readonly OptionName[], overrides: Partial<Record<OptionName, Partial<FlagDoc>>> = {}): string[] {
  const entries = flags.map((flag) => {
    const doc = { ...FLAG_DOCS[flag], ...overrides[flag] };
    const short = flag === "output" ? "-o, " : flag === "help" ? "-h, " : flag === "quiet" ? "-q, " : "";
    const name = `${short}--${flag}${doc.value ? ` ${doc.value}` : ""}`;
    const extras = [doc.default !== undefined ? `default ${doc.default}` : "", doc.env ? `env ${doc.env.join(", ")}` : ""].filter(Boolean);
    return { name, text: `${doc.text}${extras.length > 0 ? ` (${extras.join("; ")})` : ""}` };
  });
  const width = Math.max(...entries.map((e) => e.name.length)) + 2;
  return entries.map((e) => `  ${e.name.padEnd(width)}${e.text}`);
}

// get, list and count read once: their --timeout is a deadline of their own, not the wait's.
const READ_TIMEOUT: Partial<Record<OptionName, Partial<FlagDoc>>> = {
  timeout: { text: "the whole read, retries included, ends within D (exit 4 past it)", default: DEFAULT_COMMAND_TIMEOUT, env: undefined },
  // HWJOBS_JOB_TYPE is WaitForJobs' variable for `wait --all-pending` only.
  "job-type": { env: undefined },
};

const kindLines = (): string[] => JOB_KINDS.map((kind) => `  ${kind.padEnd(11)} ${JOB_KIND_SPECS[kind].title}`);

function jobTypeLine(filter: JobTypeFilter | undefined): string {
  if (filter === undefined) return "    --job-type  not taken";
  const when = filter.required ? "required" : `optional; left out: ${defaultJobTypes(filter)}`;
  return `    --job-type  (${when}) ${acceptedJobTypes(filter)}`;
}

/** The accepted values of one list or count target. */
function targetValues(what: string, op: QueryOperation): string[] {
  const statuses = queryEnumValues(op, "status");
  return [`  ${what}:`, jobTypeLine(queryJobTypeFilter(op)), `    --status    ${statuses ? statuses.join(", ") : "not taken"}`];
}

function queryHelp(command: "list" | "count", what: string | undefined): string[] {
  const targets = queryTargets(command);
  const shown = what !== undefined && targets.has(what) ? [what] : [...targets.keys()];
  const flags = COMMAND_FLAGS[command] ?? [];
  const first = shown[0]!;
  const op = targets.get(first)!;
  const jobType = queryJobTypeFilter(op)?.known[0];
  const status = queryEnumValues(op, "status")?.find((value) => value === "FAILED");
  const example = [
    `hwjobs ${command} ${first}`,
    jobType && `--job-type ${jobType}`,
    status && `--status ${status}`,
    command === "list" && "-o table",
  ]
    .filter(Boolean)
    .join(" ");
  return [
    "Usage:",
    ...shown.map((w) => `  hwjobs ${command} ${w} [flags]`),
    "",
    "Flags:",
    ...flagLines(flags, READ_TIMEOUT),
    "",
    "Accepted values:",
    ...shown.flatMap((w) => targetValues(w, targets.get(w)!)),
    "",
    "Example:",
    `  ${example}`,
  ];
}

function waitHelp(): string[] {
  const pendingLines = JOB_KINDS.map((kind) => {
    const pending = JOB_KIND_SPECS[kind].pending;
    return `  ${kind.padEnd(11)} --job-type ${pending ? pending.jobTypeFilter.known.join(", ") : "(no --all-pending: no list API)"}`;
  });
  return [
    "Usage:",
    "  hwjobs wait <kind> <job-id> [<job-id> ...] [flags]",
    "  hwjobs wait <kind> --job-type T --all-pending [flags]",
    "",
    "Kinds:",
    ...kindLines(),
    "",
    "Flags:",
    ...flagLines(COMMAND_FLAGS.wait ?? []),
    "",
    "Accepted values of --job-type (with --all-pending):",
    ...pendingLines,
    "",
    `Inside Terraform, <kind> and <job-id> come from ${WAIT_ENV.kind} and ${WAIT_ENV.jobId} (or ${WAIT_ENV.jobIds}, a JSON array).`,
    "",
    "Example:",
    "  hwjobs wait image-job 2c9eb2c9-8b1a-4d7e-9d4c-7b8f0e6a1b2c --timeout 45m",
  ];
}

function getHelp(): string[] {
  return [
    "Usage:",
    "  hwjobs get <kind> <job-id> [flags]",
    "",
    "Kinds:",
    ...kindLines(),
    "",
    "Flags:",
    ...flagLines(COMMAND_FLAGS.get ?? [], READ_TIMEOUT),
    "",
    "Example:",
    "  hwjobs get ims-job ff8080828a07ffea018a0a2f2a3c1234 -o table",
  ];
}

function emulatorHelp(): string[] {
  const names = scenarioNames();
  return [
    "Usage:",
    "  hwjobs emulator [flags]",
    "",
    "Flags:",
    ...flagLines([...(COMMAND_FLAGS.emulator ?? []), "help"]),
    "",
    "Accepted values:",
    `  --scenario  ${names.length > 0 ? names.join(", ") : "(no built-in scenario is installed)"}, or a path to a .json file`,
    "",
    "Credentials: HWJOBS_EMULATOR_ACCESS_KEY / HWJOBS_EMULATOR_SECRET_KEY / HWJOBS_EMULATOR_TOKEN (default: the demo pair).",
    "",
    "Example:",
    "  hwjobs emulator --port 0 --scenario realistic",
  ];
}

function completionHelp(): string[] {
  return [
    "Usage:",
    `  hwjobs completion <${COMPLETION_SHELLS.join("|")}>`,
    "",
    "Prints a script completing commands, kinds, lists, flags and their accepted values.",
    '  bash: eval "$(hwjobs completion bash)" in ~/.bashrc',
    '  zsh:  eval "$(hwjobs completion zsh)" in ~/.zshrc',
    "  fish: hwjobs completion fish > ~/.config/fish/completions/hwjobs.fish",
    "",
    "Example:",
    "  hwjobs completion bash",
  ];
}

function externalHelp(): string[] {
  return [
    "Usage:",
    "  hwjobs external < query.json",
    "",
    "The program of Terraform's external data source: reads one JSON object of strings on stdin",
    '(its "operation" names what to read; see docs/architecture.md, section 5.1) and prints one',
    "JSON object of strings on stdout. The data-source constructs run it; people rarely do.",
    "",
    "Example:",
    `  echo '{"operation":"count-image-sub-jobs","status":"FAILED"}' | hwjobs external`,
  ];
}

/** The help of `command`: usage, flags with defaults and variables, accepted values, exit codes, an example. */
export function commandHelp(command: CommandName, positionals: readonly string[]): string {
  const body = {
    wait: waitHelp,
    get: getHelp,
    list: () => queryHelp("list", positionals[0]),
    count: () => queryHelp("count", positionals[0]),
    external: externalHelp,
    emulator: emulatorHelp,
    completion: completionHelp,
  }[command]();
  const globals =
    command === "emulator" || command === "completion" ? [] : ["", "Global flags:", ...flagLines(GLOBAL_FLAGS), "", CREDENTIALS_HELP];
  return [`hwjobs ${command} - ${COMMAND_SUMMARIES[command]}`, "", ...body, ...globals, "", EXIT_CODES_HELP, ""].join("\n");
}
