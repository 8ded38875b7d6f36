import {
  CONNECTION_SETTING_NAMES,
  CONNECTION_SETTINGS,
  type ConnectionSettingKind,
  type ConnectionSettingName,
} from "../core/connection-settings";
import { validateEndpoint } from "../core/endpoint";
import { isProjectId, isRegion, PROJECT_ID_ACCEPTED, REGION_ACCEPTED } from "../core/limits";
import type { ConnectionProps } from "./connection-props";
import { kindOf, type ConstructContext, type Validator } from "./validation";

// Synth-time checks of the connection props (core/connection-settings.ts), as the CLI checks the
// same settings (core/config.ts).

/** An endpoint URL (`https://`, or `http://` on loopback), normalised; or a token. */
export function validateEndpointProp(value: string, prop: string, ctx: ConstructContext): string {
  if (typeof value !== "string") ctx.fail(`${prop} must be a URL string (got ${kindOf(value)})`);
  if (ctx.framework.Token.isUnresolved(value)) return value;
  try {
    return validateEndpoint(value, prop);
  } catch (error) {
    return ctx.fail(error instanceof Error ? error.message : String(error), error);
  }
}

/** A region id, as the CLI's `--region` accepts it (core/limits.ts); or a token. */
export function validateRegion(value: string, prop: string, ctx: ConstructContext): string {
  return validateIdentifier(value, prop, isRegion, REGION_ACCEPTED, ctx);
}

/** A project id, as the CLI's `--project-id` accepts it (core/limits.ts); or a token. */
export function validateProjectId(value: string, prop: string, ctx: ConstructContext): string {
  return validateIdentifier(value, prop, isProjectId, PROJECT_ID_ACCEPTED, ctx);
}

/**
 * A literal matching `accepts` (described by `accepted`), or a token, which the CLI checks at plan
 * time. The rules are the CLI's own: a value that synthesizes but that the CLI rejects would only
 * fail at plan or apply time.
 */
function validateIdentifier(
  value: string,
  prop: string,
  accepts: (text: string) => boolean,
  accepted: string,
  ctx: ConstructContext,
): string {
  if (typeof value !== "string") ctx.fail(`${prop} must be a string (got ${kindOf(value)})`);
  if (ctx.framework.Token.isUnresolved(value)) return value;
  // A control character is named by the JSON quoting below, so it cannot break the one-line message.
  if (!accepts(value)) ctx.fail(`${prop} must be ${accepted} (got ${JSON.stringify(value)})`);
  return value;
}

// How each kind of connection setting is checked: as the CLI checks it (core/config.ts).
const CONNECTION_VALIDATORS: Readonly<Record<ConnectionSettingKind, Validator>> = {
  region: validateRegion,
  "project-id": validateProjectId,
  endpoint: validateEndpointProp,
};

/**
 * The connection props that were given ({@link ConnectionProps}), each checked as the CLI checks
 * its setting, in the order of core/connection-settings.ts; left-out props are left out.
 */
export function validateConnectionProps(props: ConnectionProps, ctx: ConstructContext): Partial<Record<ConnectionSettingName, string>> {
  const settings: Partial<Record<ConnectionSettingName, string>> = {};
  for (const name of CONNECTION_SETTING_NAMES) {
    const value = props[name];
    if (value !== undefined) settings[name] = CONNECTION_VALIDATORS[CONNECTION_SETTINGS[name].kind](value, name, ctx);
  }
  return settings;
}
