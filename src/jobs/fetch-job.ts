import { showAppJob } from "../api/app-job";
import { showImageJob } from "../api/image-job";
import { showImsJob } from "../api/ims-job";
import type { HwClient } from "../core/client";
import { validateJobId, type JobKindName } from "./kinds";
import { appJobSnapshot, imageJobSnapshot, imsJobSnapshot, type JobSnapshot, type SnapshotOptions } from "./snapshot";

/**
 * Reads a job once with its kind's API and normalizes it.
 * @throws InvalidInputError for an id no API would accept (checked again here because an empty
 *   id would turn the request into a different operation)
 * @throws JobMismatchError when the API answers for another job
 * @throws ApiError, NetworkError or ResponseValidationError from the client
 */
export async function fetchJob(
  client: HwClient,
  kind: JobKindName,
  jobId: string,
  signal?: AbortSignal,
  options: SnapshotOptions = {},
): Promise<JobSnapshot> {
  validateJobId(kind, jobId, "job_id");
  switch (kind) {
    case "image-job":
      return imageJobSnapshot(jobId, await showImageJob(client, jobId, signal), options);
    case "app-job":
      return appJobSnapshot(jobId, await showAppJob(client, jobId, signal), options);
    case "ims-job":
      return imsJobSnapshot(jobId, await showImsJob(client, jobId, signal));
  }
}

/** A `poll` function for `waitForJob` that reads one job with `client`. */
export function jobPoller(
  client: HwClient,
  kind: JobKindName,
  jobId: string,
  options: SnapshotOptions = {},
): (signal?: AbortSignal) => Promise<JobSnapshot> {
  return (signal) => fetchJob(client, kind, jobId, signal, options);
}
