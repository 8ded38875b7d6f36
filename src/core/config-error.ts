import { CONNECTION_SETTINGS, type ConnectionSettingName } from "./connection-settings";
import { InvalidInputsError, type InputProblem, type InvalidInputError } from "./errors";

/**
 * Who reads a configuration problem, and so which remedy it names: a person at a command line
 * (`pass --project-id or set HW_PROJECT_ID`), or a Terraform user, for whom the CLI's flags are
 * out of reach and the construct props are what to set (docs/architecture.md, section 4).
 */
export type ConfigAudience = "cli" | "terraform";

/** A setting a problem is about: a connection setting, or the credentials (from the environment only). */
export type ConfigSettingName = ConnectionSettingName | "credentials";

/** One missing or invalid setting. */
export interface ConfigProblem extends InputProblem {
  /** The setting at fault. */
  readonly setting: ConfigSettingName;
  /**
   * The flag, variable or query key that holds the bad value; when it is missing, the flag to give
   * (for the `terraform` audience, the construct prop to set).
   */
  readonly field: string;
}

/**
 * Every missing or invalid setting of one configuration ({@link InvalidInputsError}), found in one
 * pass so that a run reports them all rather than one per run.
 */
export class ConfigError extends InvalidInputsError {
  /** The problems, in the order project id, region, endpoints, credentials. */
  declare readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly [ConfigProblem, ...ConfigProblem[]]) {
    super(problems);
  }
}

/** The names a missing setting is spoken of by. */
const LABELS = { region: "region", projectId: "project id" } as const;

/** A setting that is required when it cannot be derived. */
type RequiredSetting = keyof typeof LABELS;

const TERRAFORM_ENV = "in the environment Terraform runs in";

/** `HW_PROJECT_ID (or OS_PROJECT_ID, HUAWEICLOUD_SDK_PROJECT_ID)`, from the settings table. */
function variables(setting: ConnectionSettingName): string {
  const [first, ...rest] = CONNECTION_SETTINGS[setting].env;
  return rest.length === 0 ? first : `${first} (or ${rest.join(", ")})`;
}

/**
 * The problem of a required setting that is unset. The region is only needed to derive the
 * endpoints, so its remedy also names the endpoint that makes it unnecessary.
 */
export function missingSetting(setting: RequiredSetting, audience: ConfigAudience): ConfigProblem {
  const flag = `--${CONNECTION_SETTINGS[setting].flag}`;
  const alternative = setting === "region" ? { cli: ", or give --endpoint / HWJOBS_ENDPOINT", terraform: " (or endpoint)" } : undefined;
  const remedy =
    audience === "cli"
      ? `pass ${flag} or set ${variables(setting)}${alternative?.cli ?? ""}`
      : `set the construct's ${setting} prop${alternative?.terraform ?? ""}, or ${variables(setting)} ${TERRAFORM_ENV}`;
  return { setting, field: audience === "cli" ? flag : setting, message: `${LABELS[setting]}: missing; ${remedy}` };
}

/**
 * The problem of a value that was refused, from the error that refused it. For a Terraform user a
 * flag stands for a construct prop, passed as the external protocol's query key (`project_id`), so
 * the problem is named after that key and the prop; a variable may come from the construct or from
 * Terraform's own environment.
 */
export function invalidSetting(setting: ConfigSettingName, error: InvalidInputError, audience: ConfigAudience): ConfigProblem {
  if (audience === "cli") return { setting, field: error.field, message: error.message };
  if (setting === "credentials") {
    // Credentials are never props (they would reach the state): only Terraform's environment has them.
    const message = error.message.endsWith(" in the environment")
      ? `${error.message} Terraform runs in`
      : `${error.message} (${TERRAFORM_ENV})`;
    return { setting, field: error.field, message };
  }
  const spec = CONNECTION_SETTINGS[setting];
  if (error.field === `--${spec.flag}` && error.message.startsWith(`${error.field}:`)) {
    const message = `${spec.queryKey}${error.message.slice(error.field.length)} (the construct's ${setting} prop)`;
    return { setting, field: spec.queryKey, message };
  }
  // A variable, inherited or written by a wait construct: whichever, a prop that is set wins over
  // it (as a query key, or as the variable the construct writes), so the prop is the remedy.
  const remedy = (spec.env as readonly string[]).includes(error.field) ? `; the construct's ${setting} prop, when set, wins over it` : "";
  return { setting, field: error.field, message: `${error.message} (from the environment Terraform runs in${remedy})` };
}
