import { CONNECTION_SETTINGS, type ConnectionSettingName } from "./connection-settings";
import { resolveCredentials, type Credentials } from "./credentials";
import { validateEndpoint } from "./endpoint";
import {
  ConfigError,
  invalidSetting,
  missingSetting,
  type ConfigAudience,
  type ConfigProblem,
  type ConfigSettingName,
} from "./config-error";
import { InvalidInputError } from "./errors";
import { isProjectId, isRegion, PROJECT_ID_ACCEPTED, REGION_ACCEPTED } from "./limits";
import { cloudDomain, defaultAppstreamEndpoint, defaultImsEndpoint } from "./regions";

/** The HTTP services this tool talks to. */
export type Service = "appstream" | "ims";

/**
 * Non-secret settings given as CLI flags (or their Terraform query equivalents); each wins over
 * the environment. The fields are the names of {@link CONNECTION_SETTINGS}.
 */
export interface ConfigFlags extends Partial<Record<ConnectionSettingName, string>> {
  /** `--region`, e.g. `cn-north-4`; only needed to derive default endpoints. */
  readonly region?: string;
  /** `--project-id`: the `{project_id}` of every path. */
  readonly projectId?: string;
  /** `--endpoint`: one base URL for every service (e.g. the emulator). */
  readonly endpoint?: string;
  /** `--appstream-endpoint`: the Workspace APP base URL; wins over `endpoint`. */
  readonly appstreamEndpoint?: string;
  /** `--ims-endpoint`: the IMS base URL; wins over `endpoint`. */
  readonly imsEndpoint?: string;
}

/** Everything a client needs to reach and authenticate to the APIs. */
export interface ClientConfig {
  /** Region, when known (only needed to derive default endpoints). */
  readonly region?: string;
  /** The `{project_id}` of every path, also sent as `X-Project-Id`. */
  readonly projectId: string;
  /** How requests are authenticated (from the environment only). */
  readonly credentials: Credentials;
  /** Base URL per service, without a trailing slash. */
  readonly endpoints: Readonly<Record<Service, string>>;
}

/**
 * Environment variables, as `process.env` holds them.
 * @inline
 */
type Env = Readonly<Record<string, string | undefined>>;

function pick(flag: string | undefined, env: Env, names: readonly string[]): { value: string; field: string } | undefined {
  if (flag !== undefined && flag !== "") return { value: flag, field: "" };
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== "") return { value, field: name };
  }
  return undefined;
}

/** The order problems are reported in: the project, where it is (region, endpoints), then who asks. */
const PROBLEM_ORDER: readonly ConfigSettingName[] = ["projectId", "region", "endpoint", "appstreamEndpoint", "imsEndpoint", "credentials"];

/** Options of {@link resolveConfig}. */
export interface ResolveConfigOptions {
  /**
   * Who reads the problems, and so which remedy each names.
   * @default "cli"
   */
  readonly audience?: ConfigAudience;
}

/**
 * Resolves configuration from flags and the environment (docs/architecture.md, section 4),
 * validating every value. Nothing is sent; every problem is found in one pass and thrown together.
 * @param flags the command-line settings; a flag that is set wins over the environment
 * @param env the environment to read settings and credentials from, usually `process.env`; an
 *   empty value counts as unset
 * @throws ConfigError listing every missing or invalid setting, each naming its flag (or, for the
 *   `terraform` audience, its construct prop) and its variables
 */
export function resolveConfig(flags: ConfigFlags, env: Env, options: ResolveConfigOptions = {}): ClientConfig {
  const audience = options.audience ?? "cli";
  const problems: ConfigProblem[] = [];
  /** Runs one check; a refusal becomes a problem of `setting`, and the check's result is then undefined. */
  const check = <T>(setting: ConfigSettingName, run: () => T): T | undefined => {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      problems.push(invalidSetting(setting, error, audience));
      return undefined;
    }
  };
  // Region and project id follow core/limits.ts, as the constructs' synth-time checks do, so that
  // a value that synthesizes is one the CLI accepts at plan time.
  const region = check("region", () =>
    checked(pick(flags.region, env, CONNECTION_SETTINGS.region.env), "--region", isRegion, "region", REGION_ACCEPTED),
  );
  const project = pick(flags.projectId, env, CONNECTION_SETTINGS.projectId.env);
  if (!project) problems.push(missingSetting("projectId", audience));
  const projectId = project && check("projectId", () => checked(project, "--project-id", isProjectId, "project id", PROJECT_ID_ACCEPTED));
  // An invalid region is reported once, as invalid, not again as missing for each endpoint.
  const regionKnown = region !== undefined || problems.some((p) => p.setting === "region");
  const endpoints = resolveEndpoints(flags, env, region, check);
  if (endpoints.appstream === null || endpoints.ims === null) {
    if (!regionKnown) problems.push(missingSetting("region", audience));
  }
  const credentials = check("credentials", () => resolveCredentials(env));
  // The shared endpoint (and HW_CLOUD) serve both services: a refusal of one is reported once.
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.setting === p.setting && q.field === p.field) === i);
  const [first, ...rest] = unique.sort((a, b) => PROBLEM_ORDER.indexOf(a.setting) - PROBLEM_ORDER.indexOf(b.setting));
  if (first) throw new ConfigError([first, ...rest]);
  return {
    ...(region ? { region } : {}),
    projectId: projectId!,
    credentials: credentials!,
    endpoints: endpoints as Record<Service, string>,
  };
}

/** A setting's value, refused (naming where it came from) unless `valid`; undefined when unset. */
function checked(
  given: { value: string; field: string } | undefined,
  flag: string,
  valid: (value: string) => boolean,
  label: string,
  accepted: string,
): string | undefined {
  if (!given || valid(given.value)) return given?.value;
  const field = given.field || flag;
  throw new InvalidInputError(field, `${field}: invalid ${label} ${JSON.stringify(given.value)}; expected ${accepted}`);
}

/** Runs a check of one setting, as in {@link resolveConfig}. */
type Check = <T>(setting: ConfigSettingName, run: () => T) => T | undefined;

/**
 * The base URL per service: given, else derived from the region. Undefined where the given value
 * was refused (a problem already recorded); null where none is given and no region to derive it from.
 */
function resolveEndpoints(
  flags: ConfigFlags,
  env: Env,
  region: string | undefined,
  check: Check,
): Record<Service, string | undefined | null> {
  const shared = pick(flags.endpoint, env, CONNECTION_SETTINGS.endpoint.env);
  const perService = {
    appstream: { given: pick(flags.appstreamEndpoint, env, CONNECTION_SETTINGS.appstreamEndpoint.env), setting: "appstreamEndpoint" },
    ims: { given: pick(flags.imsEndpoint, env, CONNECTION_SETTINGS.imsEndpoint.env), setting: "imsEndpoint" },
  } as const;
  const resolve = (service: Service, derive: (region: string, domain: string) => string): string | undefined | null => {
    const { given, setting } = perService[service];
    if (given) return check(setting, () => validateEndpoint(given.value, given.field || `--${CONNECTION_SETTINGS[setting].flag}`));
    if (shared) return check("endpoint", () => validateEndpoint(shared.value, shared.field || "--endpoint"));
    if (!region) return null;
    // The region is validated already; HW_CLOUD is not, and a value such as "example.com/x" or
    // "a b" would otherwise surface later as a path prefix or a TypeError instead of exit 2.
    return check("region", () =>
      validateEndpoint(derive(region, cloudDomain(region, env.HW_CLOUD)), env.HW_CLOUD ? "HW_CLOUD" : "--region"),
    );
  };
  return { appstream: resolve("appstream", defaultAppstreamEndpoint), ims: resolve("ims", defaultImsEndpoint) };
}
