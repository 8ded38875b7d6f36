import type { ImsJob } from "../api/ims-job";
import { oneLine } from "../core/sanitize";
import { describeFailedSubJobs } from "./errors";
import { JOB_KIND_SPECS, type JobFamily } from "./kinds";
import type { JobSnapshot } from "./snapshot";

/**
 * IMS job types whose ShowJob answer returns the new image in `entities.image_id` (docs/reference/huawei-api.md
 * §3). Other types (sharing, deletes) produce no image, so a missing id says nothing about them.
 */
export const IMS_IMAGE_JOB_TYPES: ReadonlySet<string> = new Set([
  "imsCreateImageByInstance",
  "imsImportImageJob",
  "imsVolumeCreateImageJob",
  "imsImportDataImageJob",
  "imsCreateWholeImageByInstanceJob",
  "imsCreateWholeImageByBackupJob",
  "imsNativeImportImageJob",
  "imsNativeExportImageJob",
  "imsCopyImageInRegionJob",
  "imsCrossRegionCopyImageJob",
]);

/** IMS job types whose images come from member jobs (`entities.sub_jobs_result[].entities.image_id`). */
export const IMS_MEMBER_IMAGE_JOB_TYPES: ReadonlySet<string> = new Set(["imsImportOvaImageJob", "imsVolumesToSysDataImagesJob"]);

/** Why a succeeded job deserves a warning. */
export type SuccessWarningCode =
  /** Succeeded with failed sub-jobs: Workspace APP with `allowFailedSubJobs`, or IMS member jobs. */
  | "failed-sub-jobs"
  /** An IMS job of a type that produces an image succeeded without naming one. */
  | "missing-image-id";

/** Something a user should know about a job that succeeded; it never changes the verdict. */
export interface SuccessWarning {
  readonly code: SuccessWarningCode;
  /** One line naming the job and what is off. */
  readonly message: string;
}

// Why a job of each family can succeed although sub-jobs failed: Workspace APP only when the
// user allowed it (otherwise the snapshot is failed), IMS because its own SUCCESS is the verdict.
const FAILED_SUB_JOBS_ACCEPTED_BECAUSE: Readonly<Record<JobFamily, string>> = {
  workspace: "failed sub-jobs are allowed",
  ims: "IMS reported SUCCESS",
};

// Whether a family's job names the image it created (IMS `entities.image_id`), so that a success
// without one deserves a warning; Workspace APP jobs name resources on their sub-jobs.
const NAMES_ITS_IMAGE: Readonly<Record<JobFamily, boolean>> = { workspace: false, ims: true };

/**
 * The warnings due for a succeeded snapshot: failed sub-jobs it succeeded with, and an IMS
 * image job that names no image. Empty for any other phase.
 */
export function successWarnings(snapshot: JobSnapshot): SuccessWarning[] {
  if (snapshot.phase !== "succeeded") return [];
  const warnings: SuccessWarning[] = [];
  const name = `${snapshot.kind} ${oneLine(snapshot.jobId)}`;
  const family = JOB_KIND_SPECS[snapshot.kind].family;
  const failed = describeFailedSubJobs(snapshot);
  if (failed.length > 0) {
    const why = FAILED_SUB_JOBS_ACCEPTED_BECAUSE[family];
    warnings.push({ code: "failed-sub-jobs", message: `${name} succeeded with failed sub-jobs (${why}): ${failed.join("; ")}` });
  }
  if (NAMES_ITS_IMAGE[family]) {
    const job = snapshot.job as ImsJob;
    const type = job.job_type ?? "";
    const missingOwn = IMS_IMAGE_JOB_TYPES.has(type) && !job.entities?.image_id;
    const missingMembers = IMS_MEMBER_IMAGE_JOB_TYPES.has(type) && snapshot.resourceIds.length === 0;
    if (missingOwn || missingMembers) {
      const where = missingOwn ? "entities.image_id" : "entities.sub_jobs_result";
      warnings.push({
        code: "missing-image-id",
        message: `${name} succeeded without an image id in ${where}, although job type ${oneLine(type)} creates an image`,
      });
    }
  }
  return warnings;
}
