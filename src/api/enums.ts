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
