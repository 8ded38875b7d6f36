import { z } from "zod";
import { API_OPERATIONS } from "./operations";
import type { HwClient } from "../core/client";
import { SUB_JOB_STATUSES } from "./enums";
import { JOB_TYPE_FILTERS } from "./job-type-filters";
import { countResponseSchema, type CountResponse } from "./page";
import { enumField, jobIdFilterField, jobTypeListField } from "./query-fields";
import { checkQuery, encodeQuery, parseRawQuery, type ParamLabel, type RawQuery } from "./raw-query";

/** CountSubJobs (app-server sub-jobs) query, read from raw strings; `job_type` is optional and comma-separated, and a type newer than the tool is sent (see job-type-filters.ts). */
export const countAppSubJobsQuerySchema = z.strictObject({
  job_type: jobTypeListField(JOB_TYPE_FILTERS.CountSubJobs).optional(),
  status: enumField(SUB_JOB_STATUSES).optional(),
  job_id: jobIdFilterField.optional(),
});

/** A valid CountSubJobs query; `job_type` is the list, sent joined with commas. */
export type CountAppSubJobsQuery = z.output<typeof countAppSubJobsQuerySchema>;

/** CountSubJobs body: `{"count": N}`. */
export const countAppSubJobsResponseSchema = countResponseSchema;

/**
 * Reads a CountSubJobs query from strings, before anything is sent.
 * @param label spells a parameter for messages (default: the API name)
 * @throws InvalidInputError naming the parameter and the accepted values
 */
export function parseCountAppSubJobsQuery(raw: RawQuery, label?: ParamLabel): CountAppSubJobsQuery {
  return parseRawQuery(countAppSubJobsQuerySchema, raw, label);
}

/**
 * CountSubJobs: `GET /v1/{project_id}/app-server-sub-jobs/actions/count`.
 * @throws InvalidInputError (rejected, nothing sent) when `query` is invalid
 */
export async function countAppSubJobs(client: HwClient, query: CountAppSubJobsQuery, signal?: AbortSignal): Promise<CountResponse> {
  const checked = checkQuery(countAppSubJobsQuerySchema, query);
  return client.get({
    ...API_OPERATIONS.CountSubJobs,
    query: encodeQuery(checked),
    schema: countAppSubJobsResponseSchema,
    signal,
  });
}
