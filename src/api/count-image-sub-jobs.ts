import * as z from "zod";
import { API_OPERATIONS } from "./operations";
import { countApi } from "./query-api";
import { JOB_TYPE_FILTERS } from "./job-type-filters";
import { subJobCountQuerySchema } from "./sub-job-queries";

/**
 * CountImageSubJobs query, read from raw strings. `job_type` is optional and comma-separated;
 * without it the API counts CREATE_SERVER, CREATE_SERVER_IMAGE and DELETE_SERVER sub-jobs
 * (docs/reference/huawei-api.md §2.3). A type newer than the tool is sent (see job-type-filters.ts).
 */
export const countImageSubJobsQuerySchema = subJobCountQuerySchema(JOB_TYPE_FILTERS.CountImageSubJobs);

/** A valid CountImageSubJobs query; `job_type` is the list, sent joined with commas. */
export type CountImageSubJobsQuery = z.output<typeof countImageSubJobsQuerySchema>;

/** CountImageSubJobs: `GET /v1/{project_id}/image-server-sub-jobs/actions/count`, its schemas and functions (api/query-api.ts). */
export const COUNT_IMAGE_SUB_JOBS = countApi(API_OPERATIONS.CountImageSubJobs, countImageSubJobsQuerySchema);

/** CountImageSubJobs body: `{"count": N}`. */
export const countImageSubJobsResponseSchema = COUNT_IMAGE_SUB_JOBS.responseSchema;

/**
 * Reads a CountImageSubJobs query from strings, before anything is sent.
 * @param label spells a parameter for messages (default: the API name)
 * @throws InvalidInputError naming the parameter and the accepted values
 */
export const parseCountImageSubJobsQuery = COUNT_IMAGE_SUB_JOBS.parse;

/**
 * CountImageSubJobs: `GET /v1/{project_id}/image-server-sub-jobs/actions/count`, the count.
 * @throws InvalidInputError (rejected, nothing sent) when `query` is invalid
 */
export const countImageSubJobs = COUNT_IMAGE_SUB_JOBS.call;
