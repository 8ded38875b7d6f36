// The connection settings (region, project, endpoints), defined once: the CLI flags
// (cli/client-factory.ts), the variables read (core/config.ts) and the one WaitForJob writes
// (constructs/wait-for-job.ts), the external protocol's query keys (cli/commands/external.ts)
// and the construct props (constructs/connection-props.ts) all derive from this table. PURE (no
// imports), so constructs/ may use it.

/** How a setting's value is checked, the same way by the CLI and the constructs. */
export type ConnectionSettingKind = "region" | "project-id" | "endpoint";

/** One connection setting, as each layer spells it. */
export interface ConnectionSetting {
  /** The CLI flag, without `--`. */
  readonly flag: string;
  /** The key of the Terraform external protocol's query. */
  readonly queryKey: string;
  /** The variables read when the flag is absent, first set wins; WaitForJob writes the first. */
  readonly env: readonly [string, ...string[]];
  /** How the value is checked. */
  readonly kind: ConnectionSettingKind;
}

/** The connection settings, keyed by their construct prop (and `ConfigFlags` field) name. */
export const CONNECTION_SETTINGS = {
  region: { flag: "region", queryKey: "region", env: ["HW_REGION_NAME", "OS_REGION_NAME"], kind: "region" },
  projectId: {
    flag: "project-id",
    queryKey: "project_id",
    env: ["HW_PROJECT_ID", "OS_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID"],
    kind: "project-id",
  },
  endpoint: { flag: "endpoint", queryKey: "endpoint", env: ["HWJOBS_ENDPOINT"], kind: "endpoint" },
  appstreamEndpoint: { flag: "appstream-endpoint", queryKey: "appstream_endpoint", env: ["HWJOBS_APPSTREAM_ENDPOINT"], kind: "endpoint" },
  imsEndpoint: { flag: "ims-endpoint", queryKey: "ims_endpoint", env: ["HWJOBS_IMS_ENDPOINT"], kind: "endpoint" },
} as const satisfies Record<string, ConnectionSetting>;

/** A key of {@link CONNECTION_SETTINGS}: `region`, `projectId`, `endpoint`, `appstreamEndpoint` or `imsEndpoint`. */
export type ConnectionSettingName = keyof typeof CONNECTION_SETTINGS;

/** The names of {@link CONNECTION_SETTINGS}, in their order. */
export const CONNECTION_SETTING_NAMES = Object.keys(CONNECTION_SETTINGS) as ConnectionSettingName[];
