import { z } from "zod";
import type { HwClient } from "../core/client";
import { JOB_STATUSES, SUB_JOB_STATUSES } from "./enums";
import { openEnum, optionalText, requiredStatus } from "./open-enum";
import { jobExecuteInfoSchema, jobResourceInfoSchema } from "./resource-info";

/**
 * An app-server sub-job (ListSubJobs items, ShowJobDetail `sub_jobs`). The docs and newest SDKs
 * put `error_code`/`error_message` on the item; an older spec nests them in `job_execute_info`,
 * so both are accepted.
 */
export const appSubJobSchema = z.looseObject({
  id: optionalText,
  job_id: optionalText,
  job_type: openEnum([]).nullish(),
  status: requiredStatus(SUB_JOB_STATUSES),
  begin_time: optionalText,
  end_time: optionalText,
  project_id: optionalText,
  error_code: optionalText,
  error_message: optionalText,
  job_resource_info: jobResourceInfoSchema.nullish(),
  job_execute_info: jobExecuteInfoSchema.nullish(),
});

/** An app-server sub-job as returned by the API. */
export type AppSubJob = z.infer<typeof appSubJobSchema>;

/** ShowJobDetail body: an app-server parent job and its sub-jobs. */
export const appJobSchema = z.looseObject({
  id: optionalText,
  job_type: openEnum([]).nullish(),
  status: requiredStatus(JOB_STATUSES),
  begin_time: optionalText,
  end_time: optionalText,
  sub_jobs_total: z.number().int().nullish(),
  sub_jobs: z.array(appSubJobSchema).nullish(),
});

/** An app-server job as returned by ShowJobDetail. */
export type AppJob = z.infer<typeof appJobSchema>;

/** ShowJobDetail: `GET /v2/{project_id}/job/{job_id}`. */
export function showAppJob(client: HwClient, jobId: string, signal?: AbortSignal): Promise<AppJob> {
  return client.get({
    operation: "ShowJobDetail",
    service: "appstream",
    path: "/v2/{project_id}/job/{job_id}",
    pathParams: { job_id: jobId },
    schema: appJobSchema,
    signal,
  });
}
