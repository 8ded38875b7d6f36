/**
 * The values the list and count operations accept, from the spec's query patterns
 * (docs/reference/huawei-api.md §2.1–2.4, §2.8). The counts' `job_type` has no pattern, so it has no list here. Declared here
 * rather than imported from `api/`: the emulator is the client's independent counterpart, so a
 * mistake in the client's enums must not hide in the emulator.
 */

/** `job_type` of ListImageJobs and ListImageSubJobs; the default set of CountImageSubJobs. */
export const IMAGE_QUERY_JOB_TYPES = ["CREATE_SERVER", "CREATE_SERVER_IMAGE", "DELETE_SERVER"] as const;

/** `job_type` of ListSubJobs. */
export const APP_QUERY_JOB_TYPES = [
  "CREATE_SERVER",
  "DELETE_SERVER",
  "REJOIN_DOMAIN",
  "CHANGE_SERVER_IMAGE",
  "REINSTALL_OS",
  "MIGRATE_SERVER",
  "UPDATE_SERVER_TSVI",
  "UPGRADE_ACCESS_AGENT",
  "SCHEDULED_TASK",
  "UPDATE_FREEZE_STATUS",
] as const;

/** `status` filter of ListImageJobs (parent statuses). */
export const PARENT_QUERY_STATUSES = ["WAITING", "RUNNING", "SUCCESS", "FAILED"] as const;

/**
 * `status` filter of the sub-job lists and counts. The emulator produces WAITING, RUNNING,
 * SUCCESS, FAILED and ROLLBACK (a failing sub-job's last phase before FAILED, jobs/timeline.ts), never
 * ABNORMAL or ABORTING; filtering by those is still valid and matches nothing.
 */
export const SUB_JOB_QUERY_STATUSES = ["WAITING", "RUNNING", "SUCCESS", "FAILED", "ABNORMAL", "ROLLBACK", "ABORTING"] as const;

/** Largest `offset` (the spec's int32 maximum). */
export const OFFSET_MAX = 2147483647;
/** Largest `limit`. */
export const LIMIT_MAX = 100;
/** `limit` when omitted. */
export const DEFAULT_LIMIT = 10;
/** Longest `job_id` filter. */
export const MAX_JOB_ID_FILTER = 128;
/** Longest `job_type` list of CountImageSubJobs. */
export const MAX_IMAGE_COUNT_TYPES_LENGTH = 128;
/** Longest `job_type` list of CountSubJobs. */
export const MAX_APP_COUNT_TYPES_LENGTH = 256;
