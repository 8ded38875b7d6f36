/** Statuses of a Workspace APP parent job (image-server jobs and app-server jobs). */
export const JOB_STATUSES = ["WAITING", "RUNNING", "SUCCESS", "FAILED"] as const;

/** Statuses of a Workspace APP sub-job (image and app-server). */
export const SUB_JOB_STATUSES = ["WAITING", "RUNNING", "SUCCESS", "FAILED", "ABNORMAL", "ROLLBACK", "ABORTING"] as const;

/** Statuses of an IMS asynchronous job. */
export const IMS_JOB_STATUSES = ["INIT", "RUNNING", "SUCCESS", "FAIL"] as const;

/** Image job types accepted by the list queries (the response enum is open and larger). */
export const IMAGE_JOB_TYPES = ["CREATE_SERVER", "CREATE_SERVER_IMAGE", "DELETE_SERVER"] as const;

/** App-server sub-job types accepted by the ListSubJobs query. */
export const APP_SUB_JOB_TYPES = [
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

/**
 * Job types accepted in the comma-separated `job_type` of CountSubJobs: the ListSubJobs types plus
 * CREATE_SERVER_IMAGE, which the CountSubJobs description names explicitly (reference §2.7).
 */
export const APP_SUB_JOB_COUNT_TYPES = [...APP_SUB_JOB_TYPES, "CREATE_SERVER_IMAGE"] as const;

/** One of {@link JOB_STATUSES}. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** One of {@link SUB_JOB_STATUSES}. */
export type SubJobStatus = (typeof SUB_JOB_STATUSES)[number];

/** One of {@link IMAGE_JOB_TYPES}. */
export type ImageJobType = (typeof IMAGE_JOB_TYPES)[number];

/** One of {@link APP_SUB_JOB_TYPES}. */
export type AppSubJobType = (typeof APP_SUB_JOB_TYPES)[number];

/** One of {@link APP_SUB_JOB_COUNT_TYPES}. */
export type AppSubJobCountType = (typeof APP_SUB_JOB_COUNT_TYPES)[number];
