import { CONNECTION_SETTINGS, type ConnectionSettingName } from "./connection-settings";
import { InvalidInputError } from "./errors";

/**
 * Who reads a configuration problem, and so which remedy it names: a person at a command line
 * (`pass --project-id or set HW_PROJECT_ID`), or a Terraform user, for whom the CLI's flags are
 * out of reach and the construct props are what to set (docs/architecture.md, section 4).
 */
export type ConfigAudience = "cli" | "terraform";

/** A setting a problem is about: a connection setting, or the credentials (from the environment only). */
export type ConfigSettingName = ConnectionSettingName | "credentials";

/** One missing or invalid setting. */
export interface ConfigProblem {
  /** The setting at fault. */
  readonly setting: ConfigSettingName;
  /** The flag, variable or query key that holds the bad value, or the flag to give when it is missing. */
  readonly field: string;
  /** One line naming the field, what is wrong and what to set instead. */
  readonly message: string;
}

/**
 * Every missing or invalid setting of one configuration, found in one pass so that a run reports
 * them all rather than one per run. `field` and `message` are the first problem's; the message
 * holds them all, joined with ` | `, and the CLI prints one line per problem.
 */
export class ConfigError extends InvalidInputError {
  /** The problems, in the order project id, region, endpoints, credentials. */
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly [ConfigProblem, ...ConfigProblem[]]) {
    super(problems[0].field, problems.map((p) => p.message).join(" | "));
    this.problems = problems;
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
  return { setting, field: flag, message: `${LABELS[setting]}: missing; ${remedy}` };
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
  const source = (spec.env as readonly string[]).includes(error.field)
    ? `set by the construct's ${setting} prop or ${TERRAFORM_ENV}`
    : TERRAFORM_ENV;
  return { setting, field: error.field, message: `${error.message} (${source})` };
}
