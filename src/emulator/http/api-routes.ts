import { IMS_JOB_NOT_FOUND, WORKSPACE_JOB_NOT_FOUND } from "./error-bodies";
import type { Handler, HandlerContext, JsonResponse } from "./http-types";
import { LIST_ROUTES } from "./list-routes";
import { imsJobBody } from "../jobs/ims-job-view";
import type { EmulatorJobKind } from "../jobs/kind";
import type { EmulatedJob } from "../jobs/store";
import { snapshotAt } from "../jobs/snapshot";
import type { Route } from "./router";
import type { TimelineSnapshot } from "../jobs/timeline";
import { appJobBody, imageJobBody } from "../jobs/workspace-job-view";

type Render = (job: EmulatedJob, snap: TimelineSnapshot) => unknown;

/** A Show* handler: looks the job up by the path's project and job id and renders it as of now. */
function showJob(kind: EmulatorJobKind, render: Render, notFound: unknown): Handler {
  return (ctx: HandlerContext): JsonResponse => {
    const job = ctx.store.get(kind, ctx.params.project_id!, ctx.params.job_id!);
    if (!job) return { status: 404, body: notFound };
    return { status: 200, body: render(job, snapshotAt(job, ctx.now)) };
  };
}

/** The emulated cloud operations: the three Show operations, then the lists and counts. */
export const API_ROUTES: readonly Route<Handler>[] = [
  // ShowImageJob (Workspace APP)
  {
    method: "GET",
    pattern: "/v1/{project_id}/image-server-jobs/{job_id}",
    handler: showJob("image-job", imageJobBody, WORKSPACE_JOB_NOT_FOUND),
  },
  // ShowJobDetail (Workspace APP app-server job)
  { method: "GET", pattern: "/v2/{project_id}/job/{job_id}", handler: showJob("app-job", appJobBody, WORKSPACE_JOB_NOT_FOUND) },
  // ShowJob (IMS)
  { method: "GET", pattern: "/v1/{project_id}/jobs/{job_id}", handler: showJob("ims-job", imsJobBody, IMS_JOB_NOT_FOUND) },
  ...LIST_ROUTES,
];
