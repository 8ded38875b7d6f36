import type { Flags } from "./args";
import { resolveSwitch } from "./env-switch";

/** The variable that turns the debug trace on, as `--debug` does (`true` or `1`). */
export const DEBUG_VARIABLE = "HWJOBS_DEBUG";

/**
 * Whether to print the debug trace (docs/architecture.md, section 5): `--debug`, else
 * {@link DEBUG_VARIABLE}, which also reaches `hwjobs external` inside Terraform.
 * @throws InvalidInputError naming the variable when its value is neither empty, `true` nor `1`
 */
export function resolveDebug(flags: Flags, env: Readonly<Record<string, string | undefined>>): boolean {
  return resolveSwitch(flags.debug, DEBUG_VARIABLE, env, "a stderr line per HTTP attempt", "no debug lines");
}
