import type { ConnectionSettingName } from "../core/connection-settings";

/**
 * Where the jobs are: the connection settings of every construct of this library (the table of
 * core/connection-settings.ts). Each is optional: left out, it is left out of the synthesized
 * configuration too, so the environment Terraform runs in still applies.
 */
export interface ConnectionProps extends Partial<Record<ConnectionSettingName, string>> {
  /**
   * HUAWEI CLOUD region of the jobs, e.g. `cn-north-4`.
   *
   * @default - from the environment Terraform runs in (`HW_REGION_NAME`, `OS_REGION_NAME`)
   */
  readonly region?: string;

  /**
   * Project id of the jobs.
   *
   * @default - from the environment Terraform runs in (`HW_PROJECT_ID`, `OS_PROJECT_ID`,
   * `HUAWEICLOUD_SDK_PROJECT_ID`)
   */
  readonly projectId?: string;

  /**
   * One endpoint for every service, e.g. the local emulator. `https://`, or `http://` on a
   * loopback host only.
   *
   * @default - from the environment Terraform runs in (`HWJOBS_ENDPOINT`), else the region's
   * public endpoints
   */
  readonly endpoint?: string;

  /**
   * Workspace APP endpoint, used for image-server and app-server jobs (`image-job`, `app-job`).
   * `https://`, or `http://` on a loopback host only.
   *
   * @default - from the environment Terraform runs in (`HWJOBS_APPSTREAM_ENDPOINT`), else
   * `endpoint`, else the region's public endpoint
   */
  readonly appstreamEndpoint?: string;

  /**
   * IMS endpoint, used for IMS jobs (`ims-job`). `https://`, or `http://` on a loopback host only.
   *
   * @default - from the environment Terraform runs in (`HWJOBS_IMS_ENDPOINT`), else `endpoint`,
   * else the region's public endpoint
   */
  readonly imsEndpoint?: string;
}
