import { ApiError, inputError, InvalidInputError } from "../../core/errors";
import { ExitCode, type ExitCodeValue } from "../../core/exit-codes";
import { fetchJob } from "../../jobs/fetch-job";
import { getOperationOf, JOB_KINDS, validateJobId, type JobKindName } from "../../jobs/kinds";
import {
  isListOperation,
  isQueryOperation,
  parseQuery,
  QUERY_OPERATIONS,
  queryParameters,
  queryService,
  queryWarnings,
  runQuery,
} from "../../jobs/queries";
import type { Flags, ParsedArgs } from "../args";
import { prepareClient } from "../client-factory";
import { parseConcurrency } from "../concurrency";
import { DEFAULT_COMMAND_TIMEOUT, jobEndpoint, parseCommandDeadline, withDeadline } from "../deadline";
import { gatherInputs } from "../gather-inputs";
import { parseDuration } from "../../core/duration";
import type { CliIo } from "../io";
import { jobResult } from "../output";
import { externalJobResult, MISSING_JOB_RESULT, MISSING_OK, parseMissingOk, type ExternalJobResult } from "../external-job-result";
import { progressLine } from "../progress";
import { safeJson } from "../../core/safe-json";
import { CONNECTION_SETTING_NAMES, CONNECTION_SETTINGS, type ConnectionSettingName } from "../../core/connection-settings";

/** The single-job operations of the protocol (`get-<kind>`) and the job kind each reads. */
const GET_OPERATIONS: ReadonlyMap<string, JobKindName> = new Map(JOB_KINDS.map((kind) => [getOperationOf(kind), kind]));

const OPERATIONS = [...QUERY_OPERATIONS, ...GET_OPERATIONS.keys()];

/** Query keys that configure the client rather than the API call, and the flag each stands for (core/connection-settings.ts). */
const CONFIG_KEYS: Readonly<Record<string, (typeof CONNECTION_SETTINGS)[ConnectionSettingName]["flag"]>> = Object.fromEntries(
  CONNECTION_SETTING_NAMES.map((name) => [CONNECTION_SETTINGS[name].queryKey, CONNECTION_SETTINGS[name].flag]),
);

/** Terraform's query: one JSON object whose values are all strings. */
function parseStdin(text: string): Record<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InvalidInputError(
      "stdin",
      `stdin: not a JSON object (${text.trim() === "" ? "empty" : "invalid JSON"}); Terraform's external data source sends {"operation": …}`,
    );
  }
  if (json === null || typeof json !== "object" || Array.isArray(json))
    throw new InvalidInputError("stdin", "stdin: must be a JSON object of strings");
  // Checked by hand, not with z.record: its copy drops a "__proto__" key (whatever its value),
  // which must instead be refused like any other unknown parameter.
  const bad = Object.entries(json).find(([, v]) => typeof v !== "string")?.[0];
  if (bad !== undefined) {
    throw new InvalidInputError(
      bad,
      `${bad}: must be a string; Terraform's external data source passes every query value as a string (e.g. "100", not 100)`,
    );
  }
  return json as Record<string, string>;
}

/**
 * The query keys an operation takes besides `operation` and the config keys. Lists read every
 * page, so `offset` and `limit` are left to the query parser, which refuses them with a reason.
 */
function acceptedParameters(operation: string): string[] {
  if (!isQueryOperation(operation)) return ["job_id", MISSING_OK];
  const params = queryParameters(operation).filter((p) => p !== "offset" && p !== "limit");
  return isListOperation(operation) ? [...params, "concurrency"] : params;
}

/**
 * Refuses the keys the operation does not take (every one, a line each), listing every key it
 * does. Checked before the values, which an unknown key (a typo) would make misleading.
 */
function checkKeys(operation: string, keys: readonly string[]): void {
  const accepted = acceptedParameters(operation);
  const paging = isQueryOperation(operation) && isListOperation(operation) ? ["offset", "limit"] : [];
  const all = [...accepted, ...Object.keys(CONFIG_KEYS), "timeout"].join(", ");
  const [first, ...rest] = keys
    .filter((key) => !accepted.includes(key) && !paging.includes(key))
    .map((key) => ({ field: key, message: `${key}: unknown parameter for ${operation}; accepted: ${all}` }));
  if (first) throw inputError([first, ...rest]);
}

/** Largest query accepted on stdin: a query is a handful of short strings. */
export const MAX_QUERY_BYTES = 1 << 20;

/**
 * All of stdin (at most {@link MAX_QUERY_BYTES}), within {@link DEFAULT_COMMAND_TIMEOUT}:
 * Terraform writes the query and closes stdin at once, but a caller that leaves it open must not
 * hold a plan forever (the query's own `timeout` is not known before the query is read). SIGINT
 * and SIGTERM end the read at once.
 * @throws InvalidInputError (exit 2) when stdin is too large or still open at the limit
 */
async function readQueryText(io: CliIo): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const ended = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new InvalidInputError(
            "stdin",
            `stdin: no complete query within ${DEFAULT_COMMAND_TIMEOUT}; hwjobs external reads one JSON object and needs stdin closed after it`,
          ),
        ),
      parseDuration(DEFAULT_COMMAND_TIMEOUT, "timeout"),
    );
    onAbort = () => reject(io.signal.reason);
    if (io.signal.aborted) onAbort();
    else io.signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([io.readStdin(MAX_QUERY_BYTES), ended]);
  } finally {
    clearTimeout(timer);
    if (onAbort) io.signal.removeEventListener("abort", onAbort);
  }
}

/**
 * `hwjobs external`: the program of a Terraform `external` data source (docs/architecture.md §5). Reads one
 * JSON object of strings on stdin and prints one flat JSON object of strings; lists read every
 * page, all within the query's `timeout` (default 5m). Errors are one line on stderr with a
 * non-zero exit.
 */
export async function runExternal(args: ParsedArgs, io: CliIo): Promise<ExitCodeValue> {
  if (args.positionals.length > 0)
    throw new InvalidInputError(
      "arguments",
      `unexpected argument ${JSON.stringify(args.positionals[0])}; hwjobs external reads its query on stdin`,
    );
  const { operation, concurrency, timeout, ...rest } = parseStdin(await readQueryText(io));
  if (operation === undefined || !OPERATIONS.includes(operation)) {
    const got = operation === undefined ? "missing" : `unknown operation ${JSON.stringify(operation)}`;
    throw new InvalidInputError("operation", `operation: ${got}; accepted: ${OPERATIONS.join(", ")}`);
  }
  const flags: Record<string, string | boolean | undefined> = { ...args.flags };
  // No prototype: a key such as "__proto__" or "toString" must stay a (refused) parameter.
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(rest)) {
    // hasOwn, not `in`: inherited names ("toString", "__proto__") are not config keys.
    if (Object.hasOwn(CONFIG_KEYS, key)) {
      flags[CONFIG_KEYS[key]!] = value || undefined;
    } else params[key] = value;
  }

  checkKeys(operation, [...Object.keys(params), ...(concurrency !== undefined ? ["concurrency"] : [])]);
  // "" is unset, as for the config keys: Terraform sends an optional value that way.
  const readDeadline = () => parseCommandDeadline(timeout || undefined, "timeout");
  const readClient = () => prepareClient(flags as Flags, io, { audience: "terraform" });

  if (isQueryOperation(operation)) {
    const [parsed, pageConcurrency, deadline, prepared] = gatherInputs(
      () => parseQuery(operation, params, undefined, { all: true }),
      () => parseConcurrency(concurrency, "concurrency"),
      readDeadline,
      readClient,
    );
    const client = prepared.create();
    // On stderr, which Terraform shows only when the program fails; the constructs warn at synth.
    for (const warning of queryWarnings(parsed)) io.stderr(progressLine(`warning: ${warning}`));
    try {
      const scope = { operation: `external ${operation}`, endpoint: client.config.endpoints[queryService(operation)] };
      const result = await withDeadline(deadline, scope, io.signal, (signal) =>
        runQuery(client, parsed, { all: true, concurrency: pageConcurrency, signal }),
      );
      const output: Record<string, string> = { count: String(result.count) };
      if (result.kind === "list") {
        output.items = safeJson(result.items);
        output.ids = safeJson(result.items.map((item) => item.id ?? ""));
      }
      io.stdout(`${safeJson(output)}\n`);
      return ExitCode.OK;
    } finally {
      await client.close();
    }
  }

  const kind = GET_OPERATIONS.get(operation)!;
  const [id, missingOk, deadline, prepared] = gatherInputs(
    () => {
      const jobId = params.job_id;
      if (jobId === undefined) throw new InvalidInputError("job_id", `job_id: required for ${operation}`);
      return validateJobId(kind, jobId, "job_id");
    },
    () => parseMissingOk(params[MISSING_OK]),
    readDeadline,
    readClient,
  );
  const client = prepared.create();
  try {
    const scope = { operation: `external ${operation} ${id}`, endpoint: jobEndpoint(client, kind) };
    let result: ExternalJobResult;
    try {
      result = externalJobResult(jobResult(await withDeadline(deadline, scope, io.signal, (signal) => fetchJob(client, kind, id, signal))));
    } catch (error) {
      if (!(missingOk && error instanceof ApiError && error.status === 404)) throw error;
      // The read after a wait (WaitForJob's results): the record of a job that ended may be
      // deleted or expire, and the results stored in Terraform state must still plan cleanly.
      io.stderr(progressLine(`warning: ${kind} ${id} was not found (404); answering empty results, as ${MISSING_OK} asks`));
      result = MISSING_JOB_RESULT;
    }
    io.stdout(`${safeJson(result)}\n`);
    return ExitCode.OK;
  } finally {
    await client.close();
  }
}
