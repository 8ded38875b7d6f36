import { InvalidInputError } from "../core/errors";

/**
 * A boolean flag, else its variable: `true` or `1` mean on, empty or unset off. Anything else is
 * refused rather than read as off, so a `yes` or `TRUE` meant to switch it on cannot silently be
 * ignored, nor a `false` be mistaken for a setting that exists.
 * @param on what on means, for the message; `off` likewise (the default)
 * @throws InvalidInputError naming the variable and its accepted values (exit 2)
 */
export function resolveSwitch(
  flag: boolean | undefined,
  variable: string,
  env: Readonly<Record<string, string | undefined>>,
  on: string,
  off: string,
): boolean {
  if (flag) return true;
  const value = env[variable];
  if (value === undefined || value === "") return false;
  if (value === "true" || value === "1") return true;
  throw new InvalidInputError(
    variable,
    `${variable}: ${JSON.stringify(value)} is not accepted; accepted: true or 1 (${on}), or empty (the default: ${off})`,
  );
}
