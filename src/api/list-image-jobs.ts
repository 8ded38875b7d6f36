import { z } from "zod";
import { API_OPERATIONS } from "./operations";
import type { HwClient } from "../core/client";
import { JOB_STATUSES } from "./enums";
import { JOB_TYPE_FILTERS } from "./job-type-filters";
import { imageJobInfoSchema } from "./image-job";
import { pageResponseSchema, type Page } from "./page";
import { enumField, jobTypeField, limitField, offsetField } from "./query-fields";
import { checkQuery, encodeQuery, parseRawQuery, type ParamLabel, type RawQuery } from "./raw-query";

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

/** ListImageJobs body: `count` and `items` (`[]` when null or missing). */
export const listImageJobsResponseSchema = pageResponseSchema(imageJobInfoSchema);

/** The result of ListImageJobs. */
export type ListImageJobsResponse = Page<ImageJobInfo>;

/**
 * Reads a ListImageJobs query from strings, before anything is sent.
 * @param label spells a parameter for messages (default: the API name)
 * @throws InvalidInputError naming the parameter and the accepted values
 */
export function parseListImageJobsQuery(raw: RawQuery, label?: ParamLabel): ListImageJobsQuery {
  return parseRawQuery(listImageJobsQuerySchema, raw, label);
}

/**
 * ListImageJobs: `GET /v1/{project_id}/image-server-jobs`, one page.
 * @throws InvalidInputError (rejected, nothing sent) when `query` is invalid
 */
export async function listImageJobs(client: HwClient, query: ListImageJobsQuery, signal?: AbortSignal): Promise<ListImageJobsResponse> {
  const checked = checkQuery(listImageJobsQuerySchema, query);
  return client.get({
    ...API_OPERATIONS.ListImageJobs,
    query: encodeQuery(checked),
    schema: listImageJobsResponseSchema,
    signal,
  });
}
