import * as z from "zod";
import { API_OPERATIONS } from "./operations";
import { listApi } from "./query-api";
import { appSubJobSchema, type AppSubJob } from "./app-job";
import { JOB_TYPE_FILTERS } from "./job-type-filters";
import { subJobListQuerySchema } from "./sub-job-queries";
import type { Page } from "./page";

/** ListSubJobs (app-server sub-jobs) query, read from raw strings: `job_type` is required. */
export const listAppSubJobsQuerySchema = subJobListQuerySchema(JOB_TYPE_FILTERS.ListSubJobs);

/** A valid ListSubJobs query. */
export type ListAppSubJobsQuery = z.output<typeof listAppSubJobsQuerySchema>;

/** ListSubJobs: `GET /v1/{project_id}/app-server-sub-jobs`, its schemas and functions (api/query-api.ts). */
export const LIST_APP_SUB_JOBS = listApi(API_OPERATIONS.ListSubJobs, listAppSubJobsQuerySchema, appSubJobSchema);

/**
 * ListSubJobs body: `count` and `items` (`[]` when null or missing). Sources disagree on the item
 * shape (flat `error_code`/`error_message` vs nested `job_execute_info`); both are accepted.
 */
export const listAppSubJobsResponseSchema = LIST_APP_SUB_JOBS.responseSchema;

/** The result of ListSubJobs. */
export type ListAppSubJobsResponse = Page<AppSubJob>;

/**
 * Reads a ListSubJobs query from strings, before anything is sent.
 * @param label spells a parameter for messages (default: the API name)
 * @throws InvalidInputError naming the parameter and the accepted values
 */
export const parseListAppSubJobsQuery = LIST_APP_SUB_JOBS.parse;

/**
 * ListSubJobs: `GET /v1/{project_id}/app-server-sub-jobs`, one page.
 * @throws InvalidInputError (rejected, nothing sent) when `query` is invalid
 */
export const listAppSubJobs = LIST_APP_SUB_JOBS.call;
