import { INVALID_PARAMETER } from "./error-bodies";
import type { Handler, JsonResponse } from "./http-types";
import type { EmulatorJobKind } from "../jobs/kind";
import type { EmulatedJob } from "../jobs/store";
import type { ListedJob, ListedSubJob } from "../jobs/list-index";
import { jobStateOf, subJobOf } from "../jobs/snapshot";
import { commaList, InvalidQueryError, jobIdFilter, optionalEnum, page, requiredEnum, subJobIdsFilter, type Page } from "./list-query";
import {
  APP_QUERY_JOB_TYPES,
  IMAGE_QUERY_JOB_TYPES,
  MAX_APP_COUNT_TYPES_LENGTH,
  MAX_IMAGE_COUNT_TYPES_LENGTH,
  PARENT_QUERY_STATUSES,
  SUB_JOB_QUERY_STATUSES,
} from "./query-enums";
import type { Route } from "./router";
import type { TimelineSubJob } from "../jobs/timeline";
import { appSubJobBody, imageSubJobBody, workspaceJobInfo } from "../jobs/workspace-job-view";

/*
 * The list and count operations. Choices for behaviour no source confirms (docs/reference/huawei-api.md §9):
 * - `count` is the total number of matches; `offset`/`limit` only cut the `items` window.
 * - Order: see jobs/list-order.ts (newest `begin_time` first, ties by id descending).
 * - `job_type=` (empty) on a list is a missing required parameter: 400. An empty `status`,
 *   `job_id`, `sub_job_ids` or count `job_type` counts as absent (the spec patterns allow "").
 * - A repeated known parameter is 400; unknown parameters are ignored, as a gateway would.
 * - `sub_job_ids` (emulator-only, docs/reference/huawei-api.md §2.6): a comma-separated list of sub-job ids on the
 *   two sub-job lists; only those sub-jobs match, and `offset`/`limit` (still validated) do not
 *   apply, as the doc sentence says. The counts ignore it.
 * - The counts' `job_type` has no pattern in the spec, so any comma list within its length is
 *   accepted, and a type no job has counts nothing. Without `job_type`, CountImageSubJobs counts
 *   CREATE_SERVER, CREATE_SERVER_IMAGE and DELETE_SERVER sub-jobs (as its spec says) and
 *   CountSubJobs, whose spec names no default, counts sub-jobs of every type.
 * Statuses are computed at request time from each job's timeline, by the same view code as the
 * Show operations. The order comes from the store's list indexes (creation times and ids never
 * change), so a request evaluates only the status of each candidate, when it filters by status,
 * and renders only the items of its page.
 */

/** Sub-job body renderer: sub-job `index` of `job` in state `sub`. */
type SubJobRender<S> = (job: EmulatedJob, sub: TimelineSubJob, index: number) => S;

/** The job types a count covers without `job_type`: a list, or every type. */
type DefaultTypes = readonly string[] | "every type";

function ok(body: unknown): JsonResponse {
  return { status: 200, body };
}

/** Answers 400 WKS.00211102 for any invalid query parameter. */
function validated(handler: Handler): Handler {
  return (ctx) => {
    try {
      return handler(ctx);
    } catch (error) {
      if (error instanceof InvalidQueryError) return { status: 400, body: INVALID_PARAMETER };
      throw error;
    }
  };
}

/**
 * The matches of `ordered` (every entry without `matches`) counted, and those in `window` (every
 * one without a window) rendered: the other matches are never rendered.
 */
function pageOf<E, T>(
  ordered: readonly E[],
  matches: ((entry: E) => boolean) | undefined,
  window: Page | undefined,
  render: (entry: E) => T,
): { count: number; items: T[] } {
  const from = window ? window.offset : 0;
  const to = window ? window.offset + window.limit : Infinity;
  if (!matches) return { count: ordered.length, items: ordered.slice(from, to).map(render) };
  const items: T[] = [];
  let count = 0;
  for (const entry of ordered) {
    if (!matches(entry)) continue;
    if (count >= from && count < to) items.push(render(entry));
    count++;
  }
  return { count, items };
}

/** ListImageJobs: image-job parents as `ImageJobInfo`. */
const listImageJobs: Handler = (ctx) => {
  const jobType = requiredEnum(ctx.query, "job_type", IMAGE_QUERY_JOB_TYPES);
  const status = optionalEnum(ctx.query, "status", PARENT_QUERY_STATUSES);
  const window = page(ctx.query);
  const jobs = ctx.store.jobsNewestFirst("image-job", ctx.params.project_id!, jobType);
  const matches = status === undefined ? undefined : ({ job }: ListedJob) => jobStateOf(job, ctx.now).status === status;
  return ok(pageOf(jobs, matches, window, ({ job }) => workspaceJobInfo(job, jobStateOf(job, ctx.now))));
};

/** ListImageSubJobs (nested errors) or ListSubJobs (flat errors). */
function listSubJobs<S>(kind: EmulatorJobKind, types: readonly string[], render: SubJobRender<S>): Handler {
  return (ctx) => {
    const jobType = requiredEnum(ctx.query, "job_type", types);
    const status = optionalEnum(ctx.query, "status", SUB_JOB_QUERY_STATUSES);
    const jobId = jobIdFilter(ctx.query);
    const subJobIds = subJobIdsFilter(ctx.query);
    const window = page(ctx.query);
    const subJobs = ctx.store.subJobsNewestFirst(kind, ctx.params.project_id!, jobType);
    // The fixed tests first; the status, which moves with the clock, last.
    const matches =
      status === undefined && jobId === undefined && subJobIds === undefined
        ? undefined
        : ({ job, index, id }: ListedSubJob) =>
            (jobId === undefined || job.id === jobId) &&
            (subJobIds === undefined || subJobIds.has(id)) &&
            (status === undefined || subJobOf(job, index, ctx.now).status === status);
    return ok(
      pageOf(subJobs, matches, subJobIds ? undefined : window, ({ job, index }) => render(job, subJobOf(job, index, ctx.now), index)),
    );
  };
}

/** How many sub-jobs of `job` are in `status` at `nowMs` (every one without a status). */
function subJobsIn(job: EmulatedJob, status: string | undefined, nowMs: number): number {
  if (status === undefined) return job.subJobs;
  let count = 0;
  for (let i = 0; i < job.subJobs; i++) if (subJobOf(job, i, nowMs).status === status) count++;
  return count;
}

/** CountImageSubJobs or CountSubJobs: `job_type` is an optional comma list of any types, `defaults` without it. */
function countSubJobs(kind: EmulatorJobKind, defaults: DefaultTypes, maxTypesLength: number): Handler {
  return (ctx) => {
    const jobTypes = commaList(ctx.query, "job_type", maxTypesLength) ?? defaults;
    const status = optionalEnum(ctx.query, "status", SUB_JOB_QUERY_STATUSES);
    const jobId = jobIdFilter(ctx.query);
    let count = 0;
    // A count needs no order: the jobs themselves, each of its sub-jobs' statuses only under a status filter.
    for (const job of ctx.store.listOf(kind, ctx.params.project_id!)) {
      if (jobTypes !== "every type" && !jobTypes.includes(job.jobType)) continue;
      if (jobId === undefined || job.id === jobId) count += subJobsIn(job, status, ctx.now);
    }
    return ok({ count });
  };
}

/**
 * The Workspace APP list and count operations, keyed by their API names (the client's
 * `api/operations.ts` names them the same; `test/emulator/operation-parity.test.ts` holds the two
 * to each other).
 */
export const LIST_OPERATIONS: Readonly<Record<string, { readonly pattern: string; readonly handler: Handler }>> = {
  ListImageJobs: { pattern: "/v1/{project_id}/image-server-jobs", handler: listImageJobs },
  ListImageSubJobs: {
    pattern: "/v1/{project_id}/image-server-sub-jobs",
    handler: listSubJobs("image-job", IMAGE_QUERY_JOB_TYPES, imageSubJobBody),
  },
  CountImageSubJobs: {
    pattern: "/v1/{project_id}/image-server-sub-jobs/actions/count",
    handler: countSubJobs("image-job", IMAGE_QUERY_JOB_TYPES, MAX_IMAGE_COUNT_TYPES_LENGTH),
  },
  ListSubJobs: { pattern: "/v1/{project_id}/app-server-sub-jobs", handler: listSubJobs("app-job", APP_QUERY_JOB_TYPES, appSubJobBody) },
  CountSubJobs: {
    pattern: "/v1/{project_id}/app-server-sub-jobs/actions/count",
    handler: countSubJobs("app-job", "every type", MAX_APP_COUNT_TYPES_LENGTH),
  },
};

/** {@link LIST_OPERATIONS} as routes, each answering 400 for an invalid query parameter. */
export const LIST_ROUTES: readonly Route<Handler>[] = Object.values(LIST_OPERATIONS).map(({ pattern, handler }) => ({
  method: "GET",
  pattern,
  handler: validated(handler),
}));
