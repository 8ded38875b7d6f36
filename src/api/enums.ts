// The enums of the Workspace APP and IMS job APIs (docs/reference/huawei-api.md §2.7). Each list names its source;
// where the spec's query patterns are narrower than the response enums, both are kept, since a
// query may only send what the pattern allows while a response may carry any value of the enum.

/** Statuses of a Workspace APP parent job (image-server jobs and app-server jobs). */
export const JOB_STATUSES = ["WAITING", "RUNNING", "SUCCESS", "FAILED"] as const;

/** Statuses of a Workspace APP sub-job (image and app-server). */
export const SUB_JOB_STATUSES = ["WAITING", "RUNNING", "SUCCESS", "FAILED", "ABNORMAL", "ROLLBACK", "ABORTING"] as const;

/** Statuses of an IMS asynchronous job. */
export const IMS_JOB_STATUSES = ["INIT", "RUNNING", "SUCCESS", "FAIL"] as const;

/**
 * `ImageJobType`, the types of image-server jobs and sub-jobs: the response enum of ListImageJobs
 * and ListImageSubJobs in the current spec (since its 2026-06-12 version, which added the last
 * four). CountImageSubJobs, whose `job_type` has no pattern, accepts every one of them.
 */
export const IMAGE_JOB_TYPES = [
  "CREATE_SERVER",
  "CREATE_SERVER_IMAGE",
  "DELETE_SERVER",
  "BUILD_IMAGE",
  "GENERATE_IMAGE",
  "DELETE_IMAGE_BUILD_SERVER",
  "DELETE_IMAGE",
] as const;

/**
 * The `job_type` the ListImageJobs and ListImageSubJobs queries accept: the spec's query pattern
 * `^(CREATE_SERVER|CREATE_SERVER_IMAGE|DELETE_SERVER)?$`, narrower than {@link IMAGE_JOB_TYPES}.
 */
export const IMAGE_LIST_JOB_TYPES = ["CREATE_SERVER", "CREATE_SERVER_IMAGE", "DELETE_SERVER"] as const;

/**
 * `JobType`, the types of app-server jobs and sub-jobs: the 19 values of the Go SDK's
 * `model_job_type.go` (the English API doc and the ShowJobDetail spec list subsets of them).
 * CountSubJobs, whose `job_type` has no pattern, accepts every one of them.
 */
export const APP_JOB_TYPES = [
  "CREATE_SERVER",
  "DELETE_SERVER",
  "UPDATE_FREEZE_STATUS",
  "CREATE_SERVER_IMAGE",
  "REINSTALL_OS",
  "CHANGE_SERVER_IMAGE",
  "REJOIN_DOMAIN",
  "MIGRATE_SERVER",
  "UPGRADE_ACCESS_AGENT",
  "UPDATE_SERVER_TSVI",
  "SCHEDULED_TASK",
  "COLLECT_HDA_LOG",
  "COLLECT_APS_LOG",
  "CREATE_SERVER_SNAPSHOT",
  "DELETE_SERVER_SNAPSHOT",
  "RESTORE_SERVER_SNAPSHOT",
  "BATCH_INSTALL_APP",
  "INSTALL_CES_AGENT",
  "UNINSTALL_CES_AGENT",
] as const;

/** The `job_type` the ListSubJobs query accepts: the spec's query pattern (10 values), narrower than {@link APP_JOB_TYPES}. */
export const APP_LIST_JOB_TYPES = [
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

/** One of {@link JOB_STATUSES}. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** One of {@link SUB_JOB_STATUSES}. */
export type SubJobStatus = (typeof SUB_JOB_STATUSES)[number];

/** One of {@link IMAGE_JOB_TYPES}. */
export type ImageJobType = (typeof IMAGE_JOB_TYPES)[number];

/** One of {@link IMAGE_LIST_JOB_TYPES}. */
export type ImageListJobType = (typeof IMAGE_LIST_JOB_TYPES)[number];

/** One of {@link APP_JOB_TYPES}. */
export type AppJobType = (typeof APP_JOB_TYPES)[number];

/** One of {@link APP_LIST_JOB_TYPES}. */
export type AppListJobType = (typeof APP_LIST_JOB_TYPES)[number];
