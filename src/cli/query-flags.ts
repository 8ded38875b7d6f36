import { InvalidInputError } from "../core/errors";
import { didYouMean } from "../core/suggest";
import type { Flags } from "./args";

// The query flags of `list` and `count`, shared by both commands.

/** Labels an API parameter with the flag that sets it, for error messages. */
export const flagLabel = (param: string): string => `--${param.replace(/_/g, "-")}`;

/** The query parameters as the flags give them (strings; validation is the operation's). */
export function rawQueryFromFlags(flags: Flags): Record<string, string | undefined> {
  return { job_type: flags["job-type"], status: flags.status, job_id: flags["job-id"], offset: flags.offset, limit: flags.limit };
}

/** Picks the operation for `<what>` from a target table (`queryTargets` of jobs/queries.ts), or explains the choices. */
export function resolveTarget<T>(command: string, positionals: readonly string[], targets: ReadonlyMap<string, T>): T {
  const [what, extra] = positionals;
  const names = [...targets.keys()];
  const accepted = names.join(", ");
  if (what === undefined) throw new InvalidInputError("arguments", `usage: hwjobs ${command} <${names.join("|")}> [flags]`);
  const op = targets.get(what);
  if (op === undefined) {
    throw new InvalidInputError(
      command,
      `${command}: unknown list ${JSON.stringify(what)}; accepted: ${accepted}${didYouMean(what, names)} (see hwjobs ${command} --help)`,
    );
  }
  if (extra !== undefined) throw new InvalidInputError("arguments", `unexpected argument ${JSON.stringify(extra)}`);
  return op;
}
