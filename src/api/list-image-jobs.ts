import * as z from "zod";
import { API_OPERATIONS } from "./operations";
import { listApi } from "./query-api";
import { JOB_STATUSES } from "./enums";
import { JOB_TYPE_FILTERS } from "./job-type-filters";
import { imageJobInfoSchema } from "./image-job";
import type { Page } from "./page";
import { enumField, jobTypeField, limitField, offsetField } from "./query-fields";

/** ListImageJobs query, read from raw strings: `job_type` is required; no `job_id` filter exists. */
export const listImageJobsQuerySchema = z.strictObject({
  job_type: jobTypeField(JOB_TYPE_FILTERS.ListImageJobs),
  status: enumField(JOB_STATUSES).optional(),
  offset: offsetField.optional(),
  limit: limitField.optional(),
});

/** A valid ListImageJobs query. */
export type ListImageJobsQuery = z.output<typeof listImageJobsQuerySchema>;

/** An image-server parent job as listed by ListImageJobs (`ImageJobInfo`). */
export type ImageJobInfo = z.output<typeof imageJobInfoSchema>;

/** ListImageJobs: `GET /v1/{project_id}/image-server-jobs`, its schemas and functions (api/query-api.ts). */
export const LIST_IMAGE_JOBS = listApi(API_OPERATIONS.ListImageJobs, listImageJobsQuerySchema, imageJobInfoSchema);

/** ListImageJobs body: `count` and `items` (`[]` when null or missing). */
export const listImageJobsResponseSchema = LIST_IMAGE_JOBS.responseSchema;

/** The result of ListImageJobs. */
export type ListImageJobsResponse = Page<ImageJobInfo>;

/**
 * Reads a ListImageJobs query from strings, before anything is sent.
 * @param label spells a parameter for messages (default: the API name)
 * @throws InvalidInputError naming the parameter and the accepted values
 */
export const parseListImageJobsQuery = LIST_IMAGE_JOBS.parse;

/**
 * ListImageJobs: `GET /v1/{project_id}/image-server-jobs`, one page.
 * @throws InvalidInputError (rejected, nothing sent) when `query` is invalid
 */
export const listImageJobs = LIST_IMAGE_JOBS.call;
