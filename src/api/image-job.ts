import * as z from "zod";
import { API_OPERATIONS } from "./operations";
import type { HwClient } from "../core/client";
import { IMAGE_JOB_TYPES, JOB_STATUSES, SUB_JOB_STATUSES } from "./enums";
import { openEnum, optionalText, requiredStatus } from "./open-enum";
import { jobExecuteInfoSchema, jobResourceInfoSchema } from "./resource-info";

/**
 * An image sub-job (`ImageJobDetailInfo`): ListImageSubJobs items and ShowImageJob `sub_jobs`.
 * Its status may be missing or empty: one odd item must not fail a whole list, and a sub-job's
 * status never decides a job's verdict (the parent's does; unknown sub-job statuses count as pending).
 */
export const imageSubJobSchema = z.looseObject({
  id: optionalText,
  job_id: optionalText,
  job_type: openEnum(IMAGE_JOB_TYPES).nullish(),
  status: openEnum(SUB_JOB_STATUSES).nullish(),
  begin_time: optionalText,
  end_time: optionalText,
  project_id: optionalText,
  job_resource_info: jobResourceInfoSchema.nullish(),
  job_execute_info: jobExecuteInfoSchema.nullish(),
});

/** An image sub-job as returned by the API. */
export type ImageSubJob = z.infer<typeof imageSubJobSchema>;

/** An image-server parent job (`ImageJobInfo`), as listed by ListImageJobs (status may be missing in a list). */
export const imageJobInfoSchema = z.looseObject({
  id: optionalText,
  job_type: openEnum(IMAGE_JOB_TYPES).nullish(),
  status: openEnum(JOB_STATUSES).nullish(),
  begin_time: optionalText,
  end_time: optionalText,
  sub_jobs_total: z.number().int().nullish(),
});

/** ShowImageJob body: the parent job and its sub-jobs; here a missing status is rejected, since the waiter decides on it. */
export const imageJobSchema = imageJobInfoSchema.extend({
  status: requiredStatus(JOB_STATUSES),
  sub_jobs: z.array(imageSubJobSchema).nullish(),
});

/** An image-server job as returned by ShowImageJob. */
export type ImageJob = z.infer<typeof imageJobSchema>;

/** ShowImageJob: `GET /v1/{project_id}/image-server-jobs/{job_id}`. */
export function showImageJob(client: HwClient, jobId: string, signal?: AbortSignal): Promise<ImageJob> {
  return client.get({
    ...API_OPERATIONS.ShowImageJob,
    pathParams: { job_id: jobId },
    schema: imageJobSchema,
    signal,
  });
}
