import { IMS_JOB_NOT_FOUND, WORKSPACE_JOB_NOT_FOUND } from "./error-bodies";
import type { Handler, HandlerContext, JsonResponse } from "./http-types";
import { LIST_ROUTES } from "./list-routes";
import { EMULATOR_JOB_KINDS, EMULATOR_KINDS, type EmulatorJobFamily, type EmulatorJobKind } from "../jobs/kind";
import { snapshotAt } from "../jobs/snapshot";
import type { Route } from "./router";

// The body of a Show operation for a job that does not exist, per family.
const NOT_FOUND: Readonly<Record<EmulatorJobFamily, unknown>> = { workspace: WORKSPACE_JOB_NOT_FOUND, ims: IMS_JOB_NOT_FOUND };

/** A Show* handler: looks the job up by the path's project and job id and renders it as of now. */
function showJob(kind: EmulatorJobKind): Handler {
  const spec = EMULATOR_KINDS[kind];
  return (ctx: HandlerContext): JsonResponse => {
    const job = ctx.store.get(kind, ctx.params.project_id!, ctx.params.job_id!);
    if (!job) return { status: 404, body: NOT_FOUND[spec.family] };
    return { status: 200, body: spec.render(job, snapshotAt(job, ctx.now)) };
  };
}

/** The emulated cloud operations: the Show operation of each kind (its registry), then the lists and counts. */
export const API_ROUTES: readonly Route<Handler>[] = [
  ...EMULATOR_JOB_KINDS.map((kind): Route<Handler> => ({ method: "GET", pattern: EMULATOR_KINDS[kind].showPath, handler: showJob(kind) })),
  ...LIST_ROUTES,
];
