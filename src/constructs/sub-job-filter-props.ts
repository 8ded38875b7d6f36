/** The filters every sub-job list and count data source takes, beside its job types. */
export interface SubJobFilterProps {
  /**
   * Only sub-jobs in this status: `WAITING`, `RUNNING`, `SUCCESS`, `FAILED`, `ABNORMAL`,
   * `ROLLBACK` or `ABORTING`.
   *
   * @default - sub-jobs in any status
   */
  readonly status?: string;

  /**
   * Only the sub-jobs of this parent job (1 to 128 characters): an image-server job for the image
   * sub-jobs, an app-server job for the app-server sub-jobs.
   *
   * @default - the sub-jobs of every job
   */
  readonly jobId?: string;
}
