import * as z from "zod";
import { API_OPERATIONS } from "./operations";
import { listApi } from "./query-api";
import { JOB_TYPE_FILTERS } from "./job-type-filters";
import { subJobListQuerySchema } from "./sub-job-queries";
import { imageSubJobSchema, type ImageSubJob } from "./image-job";
import type { Page } from "./page";

/** ListImageSubJobs query, read from raw strings: `job_type` is required. */
export const listImageSubJobsQuerySchema = subJobListQuerySchema(JOB_TYPE_FILTERS.ListImageSubJobs);

/** A valid ListImageSubJobs query. */
export type ListImageSubJobsQuery = z.output<typeof listImageSubJobsQuerySchema>;

/** ListImageSubJobs: `GET /v1/{project_id}/image-server-sub-jobs`, its schemas and functions (api/query-api.ts). */
export const LIST_IMAGE_SUB_JOBS = listApi(API_OPERATIONS.ListImageSubJobs, listImageSubJobsQuerySchema, imageSubJobSchema);

/** ListImageSubJobs body: `count` and `items` (`ImageJobDetailInfo`, `[]` when null or missing). */
export const listImageSubJobsResponseSchema = LIST_IMAGE_SUB_JOBS.responseSchema;

/** The result of ListImageSubJobs. */
export type ListImageSubJobsResponse = Page<ImageSubJob>;

/**
 * Reads a ListImageSubJobs query from strings, before anything is sent.
 * @param label spells a parameter for messages (default: the API name)
 * @throws InvalidInputError naming the parameter and the accepted values
 */
export const parseListImageSubJobsQuery = LIST_IMAGE_SUB_JOBS.parse;

/**
 * ListImageSubJobs: `GET /v1/{project_id}/image-server-sub-jobs`, one page.
 * @throws InvalidInputError (rejected, nothing sent) when `query` is invalid
 */
export const listImageSubJobs = LIST_IMAGE_SUB_JOBS.call;
