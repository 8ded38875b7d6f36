/** Regions where the Workspace APP API is served at `appstream.{region}` (SDK region tables). */
const APPSTREAM_HOST_REGIONS = new Set(["cn-north-9", "cn-southwest-2", "cn-north-4", "cn-east-3", "cn-south-1"]);

/** The cloud domain: `HW_CLOUD`, else `myhuaweicloud.eu` for `eu-west-1*` regions (as the provider does), else `myhuaweicloud.com`. */
export function cloudDomain(region: string, hwCloud: string | undefined): string {
  if (hwCloud) return hwCloud;
  return region.startsWith("eu-west-1") ? "myhuaweicloud.eu" : "myhuaweicloud.com";
}

/**
 * Default Workspace APP endpoint. The SDKs use `appstream.{region}` in five CN regions and
 * `workspace.{region}` elsewhere; regions the tables do not list get `workspace.{region}` too,
 * as the international docs show for newer regions.
 */
export function defaultAppstreamEndpoint(region: string, domain: string): string {
  const prefix = APPSTREAM_HOST_REGIONS.has(region) ? "appstream" : "workspace";
  return `https://${prefix}.${region}.${domain}`;
}

/** Default IMS endpoint: `ims.{region}` in every region. */
export function defaultImsEndpoint(region: string, domain: string): string {
  return `https://ims.${region}.${domain}`;
}
