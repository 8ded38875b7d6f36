import { INVALID_PARAMETER } from "./error-bodies";
import type { Handler, HandlerContext, JsonResponse } from "./http-types";
import type { EmulatorJobKind } from "../jobs/kind";
import type { EmulatedJob } from "../jobs/store";
import { snapshotAt } from "../jobs/snapshot";
import { newestFirst } from "../jobs/list-order";
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
import type { TimelineSnapshot } from "../jobs/timeline";
import { appSubJobBodies, imageSubJobBodies, workspaceJobInfo, type WorkspaceJobInfo } from "../jobs/workspace-job-view";

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
 * Show operations.
 */

/** Sub-job body renderer: every sub-job of one job as of `snap`. */
type SubJobRender<S> = (job: EmulatedJob, snap: TimelineSnapshot) => S[];

/** Which sub-jobs a list or count selects. */
interface SubJobFilter {
  readonly jobTypes: DefaultTypes;
  readonly status?: string;
  readonly jobId?: string;
  readonly subJobIds?: ReadonlySet<string>;
}

/** The job types a count covers without `job_type`: a list, or every type. */
type DefaultTypes = readonly string[] | "every type";

/** A rendered item with what it sorts by. */
interface Ranked<T> {
  readonly beginMs: number;
  readonly id: string;
  readonly body: T;
}

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

function pageOf<T>(ranked: Ranked<T>[], window: Page | undefined): { count: number; items: T[] } {
  ranked.sort(newestFirst);
  const shown = window ? ranked.slice(window.offset, window.offset + window.limit) : ranked;
  return { count: ranked.length, items: shown.map((r) => r.body) };
}

function matchingSubJobs<S extends { id: string; status: string }>(
  ctx: HandlerContext,
  kind: EmulatorJobKind,
  render: SubJobRender<S>,
  filter: SubJobFilter,
): Ranked<S>[] {
  const out: Ranked<S>[] = [];
  for (const job of ctx.store.listOf(kind, ctx.params.project_id!)) {
    if (filter.jobTypes !== "every type" && !filter.jobTypes.includes(job.jobType)) continue;
    if (filter.jobId !== undefined && job.id !== filter.jobId) continue;
    for (const body of render(job, snapshotAt(job, ctx.now))) {
      if (filter.status !== undefined && body.status !== filter.status) continue;
      if (filter.subJobIds !== undefined && !filter.subJobIds.has(body.id)) continue;
      // Sub-jobs begin with their parent.
      out.push({ beginMs: job.createdAt, id: body.id, body });
    }
  }
  return out;
}

/** ListImageJobs: image-job parents as `ImageJobInfo`. */
const listImageJobs: Handler = (ctx) => {
  const jobType = requiredEnum(ctx.query, "job_type", IMAGE_QUERY_JOB_TYPES);
  const status = optionalEnum(ctx.query, "status", PARENT_QUERY_STATUSES);
  const window = page(ctx.query);
  const ranked: Ranked<WorkspaceJobInfo>[] = [];
  for (const job of ctx.store.listOf("image-job", ctx.params.project_id!)) {
    if (job.jobType !== jobType) continue;
    const body = workspaceJobInfo(job, snapshotAt(job, ctx.now));
    if (status === undefined || body.status === status) ranked.push({ beginMs: job.createdAt, id: job.id, body });
  }
  return ok(pageOf(ranked, window));
};

/** ListImageSubJobs (nested errors) or ListSubJobs (flat errors). */
function listSubJobs<S extends { id: string; status: string }>(
  kind: EmulatorJobKind,
  types: readonly string[],
  render: SubJobRender<S>,
): Handler {
  return (ctx) => {
    const jobType = requiredEnum(ctx.query, "job_type", types);
    const status = optionalEnum(ctx.query, "status", SUB_JOB_QUERY_STATUSES);
    const jobId = jobIdFilter(ctx.query);
    const subJobIds = subJobIdsFilter(ctx.query);
    const window = page(ctx.query);
    const ranked = matchingSubJobs(ctx, kind, render, { jobTypes: [jobType], status, jobId, subJobIds });
    return ok(pageOf(ranked, subJobIds ? undefined : window));
  };
}

/** CountImageSubJobs or CountSubJobs: `job_type` is an optional comma list of any types, `defaults` without it. */
function countSubJobs<S extends { id: string; status: string }>(
  kind: EmulatorJobKind,
  defaults: DefaultTypes,
  maxTypesLength: number,
  render: SubJobRender<S>,
): Handler {
  return (ctx) => {
    const jobTypes = commaList(ctx.query, "job_type", maxTypesLength) ?? defaults;
    const status = optionalEnum(ctx.query, "status", SUB_JOB_QUERY_STATUSES);
    const jobId = jobIdFilter(ctx.query);
    return ok({ count: matchingSubJobs(ctx, kind, render, { jobTypes, status, jobId }).length });
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
    handler: listSubJobs("image-job", IMAGE_QUERY_JOB_TYPES, imageSubJobBodies),
  },
  CountImageSubJobs: {
    pattern: "/v1/{project_id}/image-server-sub-jobs/actions/count",
    handler: countSubJobs("image-job", IMAGE_QUERY_JOB_TYPES, MAX_IMAGE_COUNT_TYPES_LENGTH, imageSubJobBodies),
  },
  ListSubJobs: { pattern: "/v1/{project_id}/app-server-sub-jobs", handler: listSubJobs("app-job", APP_QUERY_JOB_TYPES, appSubJobBodies) },
  CountSubJobs: {
    pattern: "/v1/{project_id}/app-server-sub-jobs/actions/count",
    handler: countSubJobs("app-job", "every type", MAX_APP_COUNT_TYPES_LENGTH, appSubJobBodies),
  },
};

/** {@link LIST_OPERATIONS} as routes, each answering 400 for an invalid query parameter. */
export const LIST_ROUTES: readonly Route<Handler>[] = Object.values(LIST_OPERATIONS).map(({ pattern, handler }) => ({
  method: "GET",
  pattern,
  handler: validated(handler),
}));
