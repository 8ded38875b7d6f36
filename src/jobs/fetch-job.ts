import { showAppJob } from "../api/app-job";
import { showImageJob } from "../api/image-job";
import { showImsJob } from "../api/ims-job";
import type { HwClient } from "../core/client";
import { JOB_KIND_SPECS, validateJobId, type JobKindName, type ShowOperation } from "./kinds";
import { appJobSnapshot, imageJobSnapshot, imsJobSnapshot, type JobSnapshot, type SnapshotOptions } from "./snapshot";

/** Reads one job with a Show operation and normalizes the answer. */
type JobReader = (client: HwClient, jobId: string, signal: AbortSignal | undefined, options: SnapshotOptions) => Promise<JobSnapshot>;

// Keyed by the Show operation of each kind in the job-kind registry, so a kind with a new
// operation does not compile until it has a reader.
const READERS: Readonly<Record<ShowOperation, JobReader>> = {
  ShowImageJob: async (client, jobId, signal, options) => imageJobSnapshot(jobId, await showImageJob(client, jobId, signal), options),
  ShowJobDetail: async (client, jobId, signal, options) => appJobSnapshot(jobId, await showAppJob(client, jobId, signal), options),
  ShowJob: async (client, jobId, signal) => imsJobSnapshot(jobId, await showImsJob(client, jobId, signal)),
};

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
  return READERS[JOB_KIND_SPECS[kind].show.operation](client, jobId, signal, options);
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
