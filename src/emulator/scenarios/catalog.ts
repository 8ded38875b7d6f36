import { IMS_JOB_KIND } from "../jobs/ims-job-view";
import { familyOf, type EmulatorJobFamily, type EmulatorJobKind } from "../jobs/kind";
import { APP_JOB_KIND, IMAGE_JOB_KIND } from "../jobs/workspace-job-view";
import { DEFAULT_IMS_FAILURE, DEFAULT_WORKSPACE_FAILURE } from "../jobs/spec";

/** One job type a scenario generates: how often, and how long its phases take (ms ranges). */
export interface JobTypeProfile {
  readonly jobType: string;
  readonly weight: number;
  readonly waitingMs: readonly [number, number];
  readonly runningMs: readonly [number, number];
}

/** A failure a scenario job may end with. `types` limits it to jobs of those types. */
export interface FailureProfile {
  readonly code: string;
  readonly message: string;
  readonly weight: number;
  readonly types?: readonly string[];
}

const S = 1000;
const M = 60 * S;

// Durations are plausible orders of magnitude for each operation, not measurements. Each kind
// also produces some of the types newer than the spec's query patterns (docs/reference/huawei-api.md §2.7: the last
// four image types, the app types beyond ListSubJobs), so that clients meet them here first.
const IMAGE_TYPES: readonly JobTypeProfile[] = [
  { jobType: "CREATE_SERVER", weight: 34, waitingMs: [2 * S, 30 * S], runningMs: [4 * M, 12 * M] },
  { jobType: "CREATE_SERVER_IMAGE", weight: 30, waitingMs: [2 * S, 30 * S], runningMs: [12 * M, 40 * M] },
  { jobType: "DELETE_SERVER", weight: 20, waitingMs: [1 * S, 10 * S], runningMs: [30 * S, 3 * M] },
  { jobType: "BUILD_IMAGE", weight: 6, waitingMs: [2 * S, 30 * S], runningMs: [10 * M, 30 * M] },
  { jobType: "GENERATE_IMAGE", weight: 4, waitingMs: [2 * S, 30 * S], runningMs: [5 * M, 20 * M] },
  { jobType: "DELETE_IMAGE_BUILD_SERVER", weight: 3, waitingMs: [1 * S, 10 * S], runningMs: [30 * S, 3 * M] },
  { jobType: "DELETE_IMAGE", weight: 3, waitingMs: [1 * S, 10 * S], runningMs: [10 * S, 2 * M] },
];

const APP_WAITING: readonly [number, number] = [1 * S, 20 * S];
const APP_TYPES: readonly JobTypeProfile[] = [
  { jobType: "CREATE_SERVER", weight: 25, waitingMs: APP_WAITING, runningMs: [5 * M, 15 * M] },
  { jobType: "DELETE_SERVER", weight: 15, waitingMs: APP_WAITING, runningMs: [1 * M, 4 * M] },
  { jobType: "REJOIN_DOMAIN", weight: 6, waitingMs: APP_WAITING, runningMs: [1 * M, 5 * M] },
  { jobType: "CHANGE_SERVER_IMAGE", weight: 8, waitingMs: APP_WAITING, runningMs: [10 * M, 25 * M] },
  { jobType: "REINSTALL_OS", weight: 6, waitingMs: APP_WAITING, runningMs: [10 * M, 20 * M] },
  { jobType: "MIGRATE_SERVER", weight: 4, waitingMs: APP_WAITING, runningMs: [5 * M, 15 * M] },
  { jobType: "UPDATE_SERVER_TSVI", weight: 5, waitingMs: APP_WAITING, runningMs: [10 * S, 1 * M] },
  { jobType: "UPGRADE_ACCESS_AGENT", weight: 10, waitingMs: APP_WAITING, runningMs: [2 * M, 8 * M] },
  { jobType: "SCHEDULED_TASK", weight: 12, waitingMs: APP_WAITING, runningMs: [30 * S, 5 * M] },
  { jobType: "UPDATE_FREEZE_STATUS", weight: 9, waitingMs: APP_WAITING, runningMs: [5 * S, 30 * S] },
  { jobType: "CREATE_SERVER_IMAGE", weight: 3, waitingMs: APP_WAITING, runningMs: [12 * M, 40 * M] },
  { jobType: "COLLECT_HDA_LOG", weight: 3, waitingMs: APP_WAITING, runningMs: [30 * S, 3 * M] },
  { jobType: "CREATE_SERVER_SNAPSHOT", weight: 3, waitingMs: APP_WAITING, runningMs: [1 * M, 5 * M] },
  { jobType: "RESTORE_SERVER_SNAPSHOT", weight: 2, waitingMs: APP_WAITING, runningMs: [3 * M, 10 * M] },
  { jobType: "BATCH_INSTALL_APP", weight: 3, waitingMs: APP_WAITING, runningMs: [2 * M, 10 * M] },
];

// IMS job types from the IMS ShowJob page (docs/reference/huawei-api.md §3) whose success returns entities.image_id.
const IMS_WAITING: readonly [number, number] = [1 * S, 10 * S];
const IMS_TYPES: readonly JobTypeProfile[] = [
  { jobType: "imsCreateImageByInstance", weight: 45, waitingMs: IMS_WAITING, runningMs: [3 * M, 15 * M] },
  { jobType: "imsImportImageJob", weight: 15, waitingMs: IMS_WAITING, runningMs: [10 * M, 40 * M] },
  { jobType: "imsCreateWholeImageByInstanceJob", weight: 10, waitingMs: IMS_WAITING, runningMs: [5 * M, 20 * M] },
  { jobType: "imsVolumeCreateImageJob", weight: 8, waitingMs: IMS_WAITING, runningMs: [3 * M, 12 * M] },
  { jobType: "imsCopyImageInRegionJob", weight: 12, waitingMs: IMS_WAITING, runningMs: [2 * M, 10 * M] },
  { jobType: "imsCrossRegionCopyImageJob", weight: 10, waitingMs: IMS_WAITING, runningMs: [10 * M, 60 * M] },
];

/** The job types each kind generates, weighted. */
export const JOB_TYPE_PROFILES: Readonly<Record<EmulatorJobKind, readonly JobTypeProfile[]>> = {
  [IMAGE_JOB_KIND.name]: IMAGE_TYPES,
  [APP_JOB_KIND.name]: APP_TYPES,
  [IMS_JOB_KIND.name]: IMS_TYPES,
};

/** How long a queued ("waiting" at load time) job waits before it starts. */
export const QUEUED_WAITING_MS: readonly [number, number] = [2 * M, 15 * M];

/**
 * Workspace APP sub-job failures. The first is the sub-job failure the seed examples show and the
 * second the spec's 500 example; the rest are ILLUSTRATIVE: made-up codes and messages in the
 * WKS style, so reports show varied failures. They are not documented Huawei codes.
 */
const WORKSPACE_FAILURES: readonly FailureProfile[] = [
  { ...DEFAULT_WORKSPACE_FAILURE, weight: 40 },
  { code: "WKS.00211401", message: "The requested operation failed. Please try again later.", weight: 20 },
  {
    code: "WKS.00170201",
    message: "Insufficient ECS quota: the flavor is sold out in the selected availability zone.",
    weight: 12,
    types: ["CREATE_SERVER", "MIGRATE_SERVER", "CHANGE_SERVER_IMAGE"],
  },
  {
    code: "WKS.00170302",
    message: "The server failed to join the domain: the domain controller could not be reached.",
    weight: 8,
    types: ["CREATE_SERVER", "REJOIN_DOMAIN", "REINSTALL_OS"],
  },
  { code: "WKS.00170403", message: "Timed out waiting for the server to become ACTIVE.", weight: 10 },
  {
    code: "WKS.00170504",
    message: "Failed to create the image: the system disk snapshot of the image server failed.",
    weight: 10,
    types: ["CREATE_SERVER_IMAGE", "BUILD_IMAGE", "GENERATE_IMAGE"],
  },
  {
    code: "WKS.00170605",
    message: "The access agent (HDA) did not report in after the upgrade.",
    weight: 6,
    types: ["UPGRADE_ACCESS_AGENT", "CREATE_SERVER"],
  },
];

/** IMS failures: the emulator's default plus ILLUSTRATIVE made-up IMG codes (not documented Huawei codes). */
const IMS_FAILURES: readonly FailureProfile[] = [
  {
    ...DEFAULT_IMS_FAILURE,
    weight: 40,
    types: ["imsCreateImageByInstance", "imsCreateWholeImageByInstanceJob", "imsVolumeCreateImageJob"],
  },
  { code: "IMG.0071", message: "Failed to read the image file from the OBS bucket.", weight: 20, types: ["imsImportImageJob"] },
  { code: "IMG.0159", message: "The private image quota has been exceeded.", weight: 15 },
  {
    code: "IMG.0201",
    message: "The source image is not in the active state.",
    weight: 15,
    types: ["imsCopyImageInRegionJob", "imsCrossRegionCopyImageJob"],
  },
  { code: "IMG.0400", message: "The cross-region replication of the image timed out.", weight: 10, types: ["imsCrossRegionCopyImageJob"] },
];

const FAILURES: Readonly<Record<EmulatorJobFamily, readonly FailureProfile[]>> = { workspace: WORKSPACE_FAILURES, ims: IMS_FAILURES };

/** The failures a job of `kind` and `jobType` may end with (never empty). */
export function failuresFor(kind: EmulatorJobKind, jobType: string): readonly FailureProfile[] {
  const all = FAILURES[familyOf(kind)];
  const fitting = all.filter((f) => f.types === undefined || f.types.includes(jobType));
  return fitting.length > 0 ? fitting : all;
}

/** Words for resource names. */
export const NAME_WORDS = [
  "office",
  "cad",
  "finance",
  "design",
  "dev",
  "erp",
  "training",
  "lab",
  "sales",
  "support",
  "analytics",
  "gis",
] as const;
