import { z } from "zod";
import { API_OPERATIONS } from "./operations";
import type { HwClient } from "../core/client";
import { SUB_JOB_STATUSES } from "./enums";
import { JOB_TYPE_FILTERS } from "./job-type-filters";
import { imageSubJobSchema, type ImageSubJob } from "./image-job";
import { pageResponseSchema, type Page } from "./page";
import { enumField, jobTypeField, jobIdFilterField, limitField, offsetField } from "./query-fields";
import { checkQuery, encodeQuery, parseRawQuery, type ParamLabel, type RawQuery } from "./raw-query";

/** ListImageSubJobs query, read from raw strings: `job_type` is required. */
export const listImageSubJobsQuerySchema = z.strictObject({
  job_type: jobTypeField(JOB_TYPE_FILTERS.ListImageSubJobs),
  status: enumField(SUB_JOB_STATUSES).optional(),
  job_id: jobIdFilterField.optional(),
  offset: offsetField.optional(),
  limit: limitField.optional(),
});

/** A valid ListImageSubJobs query. */
export type ListImageSubJobsQuery = z.output<typeof listImageSubJobsQuerySchema>;

/** ListImageSubJobs body: `count` and `items` (`ImageJobDetailInfo`, `[]` when null or missing). */
export const listImageSubJobsResponseSchema = pageResponseSchema(imageSubJobSchema);

/** The result of ListImageSubJobs. */
export type ListImageSubJobsResponse = Page<ImageSubJob>;

/**
 * Reads a ListImageSubJobs query from strings, before anything is sent.
 * @param label spells a parameter for messages (default: the API name)
 * @throws InvalidInputError naming the parameter and the accepted values
 */
export function parseListImageSubJobsQuery(raw: RawQuery, label?: ParamLabel): ListImageSubJobsQuery {
  return parseRawQuery(listImageSubJobsQuerySchema, raw, label);
}

/**
 * ListImageSubJobs: `GET /v1/{project_id}/image-server-sub-jobs`, one page.
 * @throws InvalidInputError (rejected, nothing sent) when `query` is invalid
 */
export async function listImageSubJobs(
  client: HwClient,
  query: ListImageSubJobsQuery,
  signal?: AbortSignal,
): Promise<ListImageSubJobsResponse> {
  const checked = checkQuery(listImageSubJobsQuerySchema, query);
  return client.get({
    ...API_OPERATIONS.ListImageSubJobs,
    query: encodeQuery(checked),
    schema: listImageSubJobsResponseSchema,
    signal,
  });
}
