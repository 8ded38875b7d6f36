import * as z from "zod";
import { SUB_JOB_STATUSES } from "./enums";
import type { JobTypeFilter } from "./job-type-filters";
import { enumField, jobIdFilterField, jobTypeField, jobTypeListField, limitField, offsetField } from "./query-fields";

// The image sub-jobs (ListImageSubJobs, CountImageSubJobs) and the app-server sub-jobs
// (ListSubJobs, CountSubJobs) take the same parameters; only the job types differ
// (docs/reference/huawei-api.md §2).

/** The query of a sub-job list, read from raw strings: one required job type of `filter`, status, parent job id, paging. */
export function subJobListQuerySchema<const T extends readonly [string, ...string[]]>(filter: JobTypeFilter & { readonly known: T }) {
  return z.strictObject({
    job_type: jobTypeField(filter),
    status: enumField(SUB_JOB_STATUSES).optional(),
    job_id: jobIdFilterField.optional(),
    offset: offsetField.optional(),
    limit: limitField.optional(),
  });
}

/** The query of a sub-job count, read from raw strings: optional comma-separated job types of `filter`, status, parent job id. */
export function subJobCountQuerySchema<const F extends JobTypeFilter & { readonly maxListLength: number }>(filter: F) {
  return z.strictObject({
    job_type: jobTypeListField(filter).optional(),
    status: enumField(SUB_JOB_STATUSES).optional(),
    job_id: jobIdFilterField.optional(),
  });
}
