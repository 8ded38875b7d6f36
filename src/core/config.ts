import { CONNECTION_SETTINGS, type ConnectionSettingName } from "./connection-settings";
import { resolveCredentials, type Credentials } from "./credentials";
import { validateEndpoint } from "./endpoint";
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

/**
 * Resolves configuration from flags and the environment (docs/architecture.md §4), validating every value.
 * Nothing is sent; a problem throws an InvalidInputError naming the flag or variable.
 * @param flags the command-line settings; a flag that is set wins over the environment
 * @param env the environment to read settings and credentials from, usually `process.env`; an
 *   empty value counts as unset
 */
export function resolveConfig(flags: ConfigFlags, env: Env): ClientConfig {
  // Region and project id follow core/limits.ts, as the constructs' synth-time checks do, so that
  // a value that synthesizes is one the CLI accepts at plan time.
  const region = pick(flags.region, env, CONNECTION_SETTINGS.region.env);
  if (region && !isRegion(region.value)) {
    const field = region.field || "--region";
    throw new InvalidInputError(field, `${field}: invalid region ${JSON.stringify(region.value)}; expected ${REGION_ACCEPTED}`);
  }
  const project = pick(flags.projectId, env, CONNECTION_SETTINGS.projectId.env);
  if (!project) {
    throw new InvalidInputError(
      "--project-id",
      "project id: missing; pass --project-id or set HW_PROJECT_ID (or OS_PROJECT_ID, HUAWEICLOUD_SDK_PROJECT_ID)",
    );
  }
  if (!isProjectId(project.value)) {
    const field = project.field || "--project-id";
    throw new InvalidInputError(field, `${field}: invalid project id ${JSON.stringify(project.value)}; expected ${PROJECT_ID_ACCEPTED}`);
  }
  const endpoints = resolveEndpoints(flags, env, region?.value);
  return {
    ...(region ? { region: region.value } : {}),
    projectId: project.value,
    credentials: resolveCredentials(env),
    endpoints,
  };
}

function resolveEndpoints(flags: ConfigFlags, env: Env, region: string | undefined): Record<Service, string> {
  const shared = pick(flags.endpoint, env, CONNECTION_SETTINGS.endpoint.env);
  const perService = {
    appstream: pick(flags.appstreamEndpoint, env, CONNECTION_SETTINGS.appstreamEndpoint.env) ?? shared,
    ims: pick(flags.imsEndpoint, env, CONNECTION_SETTINGS.imsEndpoint.env) ?? shared,
  };
  const fieldOf = (service: Service, p: { field: string }) =>
    p.field || (p === shared ? "--endpoint" : service === "ims" ? "--ims-endpoint" : "--appstream-endpoint");
  const resolve = (service: Service, derive: (region: string, domain: string) => string): string => {
    const given = perService[service];
    if (given) return validateEndpoint(given.value, fieldOf(service, given));
    if (!region) {
      throw new InvalidInputError(
        "--region",
        `region: missing; pass --region or set HW_REGION_NAME (or OS_REGION_NAME), or give --endpoint / HWJOBS_ENDPOINT`,
      );
    }
    // The region is validated already; HW_CLOUD is not, and a value such as "example.com/x" or
    // "a b" would otherwise surface later as a path prefix or a TypeError instead of exit 2.
    return validateEndpoint(derive(region, cloudDomain(region, env.HW_CLOUD)), env.HW_CLOUD ? "HW_CLOUD" : "--region");
  };
  return { appstream: resolve("appstream", defaultAppstreamEndpoint), ims: resolve("ims", defaultImsEndpoint) };
}
