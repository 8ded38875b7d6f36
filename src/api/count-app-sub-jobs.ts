import * as z from "zod";
import { API_OPERATIONS } from "./operations";
import { countApi } from "./query-api";
import { JOB_TYPE_FILTERS } from "./job-type-filters";
import { subJobCountQuerySchema } from "./sub-job-queries";

/** CountSubJobs (app-server sub-jobs) query, read from raw strings; `job_type` is optional and comma-separated, and a type newer than the tool is sent (see job-type-filters.ts). */
export const countAppSubJobsQuerySchema = subJobCountQuerySchema(JOB_TYPE_FILTERS.CountSubJobs);

/** A valid CountSubJobs query; `job_type` is the list, sent joined with commas. */
export type CountAppSubJobsQuery = z.output<typeof countAppSubJobsQuerySchema>;

/** CountSubJobs: `GET /v1/{project_id}/app-server-sub-jobs/actions/count`, its schemas and functions (api/query-api.ts). */
export const COUNT_APP_SUB_JOBS = countApi(API_OPERATIONS.CountSubJobs, countAppSubJobsQuerySchema);

/** CountSubJobs body: `{"count": N}`. */
export const countAppSubJobsResponseSchema = COUNT_APP_SUB_JOBS.responseSchema;

/**
 * Reads a CountSubJobs query from strings, before anything is sent.
 * @param label spells a parameter for messages (default: the API name)
 * @throws InvalidInputError naming the parameter and the accepted values
 */
export const parseCountAppSubJobsQuery = COUNT_APP_SUB_JOBS.parse;

/**
 * CountSubJobs: `GET /v1/{project_id}/app-server-sub-jobs/actions/count`, the count.
 * @throws InvalidInputError (rejected, nothing sent) when `query` is invalid
 */
export const countAppSubJobs = COUNT_APP_SUB_JOBS.call;
