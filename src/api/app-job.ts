import * as z from "zod";
import { API_OPERATIONS } from "./operations";
import type { HwClient } from "../core/client";
import { APP_JOB_TYPES, JOB_STATUSES } from "./enums";
import { imageJobInfoSchema, imageSubJobSchema } from "./image-job";
import { openEnum, optionalText, requiredStatus } from "./open-enum";

/**
 * An app-server sub-job (ListSubJobs items, ShowJobDetail `sub_jobs`): the image sub-job shape
 * with `error_code`/`error_message` on the item, as the docs and newest SDKs have it. An older spec
 * nests them in `job_execute_info` instead, which the base shape already accepts.
 */
export const appSubJobSchema = imageSubJobSchema.extend({
  job_type: openEnum(APP_JOB_TYPES).nullish(),
  error_code: optionalText,
  error_message: optionalText,
});

/** An app-server sub-job as returned by the API. */
export type AppSubJob = z.infer<typeof appSubJobSchema>;

/** ShowJobDetail body: an app-server parent job and its sub-jobs (the image-server job shape); status required. */
export const appJobSchema = imageJobInfoSchema.extend({
  job_type: openEnum(APP_JOB_TYPES).nullish(),
  status: requiredStatus(JOB_STATUSES),
  sub_jobs: z.array(appSubJobSchema).nullish(),
});

/** An app-server job as returned by ShowJobDetail. */
export type AppJob = z.infer<typeof appJobSchema>;

/** ShowJobDetail: `GET /v2/{project_id}/job/{job_id}`. */
export function showAppJob(client: HwClient, jobId: string, signal?: AbortSignal): Promise<AppJob> {
  return client.get({
    ...API_OPERATIONS.ShowJobDetail,
    pathParams: { job_id: jobId },
    schema: appJobSchema,
    signal,
  });
}
