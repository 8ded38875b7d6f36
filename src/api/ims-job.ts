import * as z from "zod";
import { API_OPERATIONS } from "./operations";
import type { HwClient } from "../core/client";
import { IMS_JOB_STATUSES } from "./enums";
import { openEnum, optionalText, requiredStatus } from "./open-enum";

// The fields an IMS job and its member jobs share (besides `status`, required only on the job).
const IMS_JOB_FIELDS = {
  job_id: optionalText,
  job_type: optionalText,
  begin_time: optionalText,
  end_time: optionalText,
  error_code: optionalText,
  fail_reason: optionalText,
};

/** A member job of an IMS job (`entities.sub_jobs_result[]`). */
export const imsSubJobResultSchema = z.looseObject({
  status: openEnum(IMS_JOB_STATUSES).nullish(),
  ...IMS_JOB_FIELDS,
  entities: z.looseObject({ image_id: optionalText, image_name: optionalText }).nullish(),
});

/** `entities` of an IMS job; every field optional, and `{}` or absent before the job ends. */
export const imsJobEntitiesSchema = z.looseObject({
  image_id: optionalText,
  image_name: optionalText,
  current_task: optionalText,
  process_percent: z.number().nullish(),
  results: z.array(z.looseObject({ image_id: optionalText, project_id: optionalText, status: optionalText })).nullish(),
  sub_jobs_result: z.array(imsSubJobResultSchema).nullish(),
  sub_jobs_list: z.array(z.string()).nullish(),
});

/** IMS ShowJob body. */
export const imsJobSchema = z.looseObject({
  status: requiredStatus(IMS_JOB_STATUSES),
  ...IMS_JOB_FIELDS,
  entities: imsJobEntitiesSchema.nullish(),
});

/** An IMS job as returned by ShowJob. */
export type ImsJob = z.infer<typeof imsJobSchema>;

/** IMS ShowJob: `GET /v1/{project_id}/jobs/{job_id}`. */
export function showImsJob(client: HwClient, jobId: string, signal?: AbortSignal): Promise<ImsJob> {
  return client.get({
    ...API_OPERATIONS.ShowJob,
    pathParams: { job_id: jobId },
    schema: imsJobSchema,
    signal,
  });
}
