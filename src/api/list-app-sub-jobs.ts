import { z } from "zod";
import { API_OPERATIONS } from "./operations";
import type { HwClient } from "../core/client";
import { appSubJobSchema, type AppSubJob } from "./app-job";
import { SUB_JOB_STATUSES } from "./enums";
import { JOB_TYPE_FILTERS } from "./job-type-filters";
import { pageResponseSchema, type Page } from "./page";
import { enumField, jobTypeField, jobIdFilterField, limitField, offsetField } from "./query-fields";
import { checkQuery, encodeQuery, parseRawQuery, type ParamLabel, type RawQuery } from "./raw-query";

/** ListSubJobs (app-server sub-jobs) query, read from raw strings: `job_type` is required. */
export const listAppSubJobsQuerySchema = z.strictObject({
  job_type: jobTypeField(JOB_TYPE_FILTERS.ListSubJobs),
  status: enumField(SUB_JOB_STATUSES).optional(),
  job_id: jobIdFilterField.optional(),
  offset: offsetField.optional(),
  limit: limitField.optional(),
});

/** A valid ListSubJobs query. */
export type ListAppSubJobsQuery = z.output<typeof listAppSubJobsQuerySchema>;

/**
 * ListSubJobs body: `count` and `items` (`[]` when null or missing). Sources disagree on the item
 * shape (flat `error_code`/`error_message` vs nested `job_execute_info`); both are accepted.
 */
export const listAppSubJobsResponseSchema = pageResponseSchema(appSubJobSchema);

/** The result of ListSubJobs. */
export type ListAppSubJobsResponse = Page<AppSubJob>;

/**
 * Reads a ListSubJobs query from strings, before anything is sent.
 * @param label spells a parameter for messages (default: the API name)
 * @throws InvalidInputError naming the parameter and the accepted values
 */
export function parseListAppSubJobsQuery(raw: RawQuery, label?: ParamLabel): ListAppSubJobsQuery {
  return parseRawQuery(listAppSubJobsQuerySchema, raw, label);
}

/**
 * ListSubJobs: `GET /v1/{project_id}/app-server-sub-jobs`, one page.
 * @throws InvalidInputError (rejected, nothing sent) when `query` is invalid
 */
export async function listAppSubJobs(client: HwClient, query: ListAppSubJobsQuery, signal?: AbortSignal): Promise<ListAppSubJobsResponse> {
  const checked = checkQuery(listAppSubJobsQuerySchema, query);
  return client.get({
    ...API_OPERATIONS.ListSubJobs,
    query: encodeQuery(checked),
    schema: listAppSubJobsResponseSchema,
    signal,
  });
}
