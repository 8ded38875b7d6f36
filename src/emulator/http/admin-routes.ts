import { emulatorError } from "./error-bodies";
import { FAULT_ACCEPTS, faultSchema, type Fault } from "../faults/spec";
import type { FaultQueue } from "../faults/queue";
import type { Handler, JsonResponse } from "./http-types";
import { CREATE_JOB_ACCEPTS, createJobSchema, withDefaults } from "../jobs/spec";
import { DuplicateJobError, type JobStore } from "../jobs/store";
import { jobSummary } from "../jobs/summary";
import { EMULATOR_LIMITS, limitBody, LimitExceededError, type EmulatorLimit } from "../limits";
import type { RequestLog } from "../request-log";
import type { Route } from "./router";
import { loadScenario } from "../scenarios/load";
import { parseScenario } from "../scenarios/file";
import type { ApiStats } from "../stats";
import { EmulatorValidationError, validateSnake } from "../validation";

/** The mutable state the admin API manages. */
export interface EmulatorState {
  readonly store: JobStore;
  readonly faults: FaultQueue;
  readonly requests: RequestLog;
  readonly stats: ApiStats;
}

/** Path prefix of the admin API; requests under it skip faults, auth and the request log. */
export const ADMIN_PREFIX = "/_emulator/";

const SCENARIO_PATH = `${ADMIN_PREFIX}scenario`;

/** The largest body an admin path takes: scenarios are large, everything else is a few fields. */
export function adminBodyLimit(rawPath: string): EmulatorLimit {
  return rawPath === SCENARIO_PATH ? EMULATOR_LIMITS.scenarioBytes : EMULATOR_LIMITS.adminBodyBytes;
}

function faultView(f: Fault) {
  return {
    id: f.id,
    path_prefix: f.pathPrefix,
    method: f.method,
    remaining: f.remaining,
    status: f.status,
    headers: f.headers,
    delay_ms: f.delayMs,
    malformed: f.malformed,
    drop: f.drop,
  };
}

/** Turns the expected input errors into 400/409 answers; anything else is a real bug and propagates. */
function guarded(handler: Handler): Handler {
  return (ctx): JsonResponse => {
    try {
      return handler(ctx);
    } catch (error) {
      if (error instanceof EmulatorValidationError) return { status: 400, body: emulatorError("INVALID", error.message) };
      if (error instanceof DuplicateJobError) return { status: 409, body: emulatorError("CONFLICT", error.message) };
      // Full, not malformed: the same request succeeds once jobs or faults are cleared.
      if (error instanceof LimitExceededError) return { status: 409, body: limitBody(error.limit, error.message) };
      throw error;
    }
  };
}

/** Clears jobs, faults, the request log and the request counters. */
export function resetState(state: EmulatorState): void {
  state.store.clear();
  state.faults.clear();
  state.requests.clear();
  state.stats.reset();
}

function statsView(stats: ApiStats) {
  const s = stats.snapshot();
  return { in_flight: s.inFlight, max_in_flight: s.maxInFlight, requests: s.requests };
}

/** The admin API's route table. */
export function adminRoutes(state: EmulatorState): Route<Handler>[] {
  const routes: Route<Handler>[] = [
    {
      method: "POST",
      pattern: "/_emulator/jobs",
      handler: (ctx) => {
        const job = state.store.add(withDefaults(validateSnake(createJobSchema, ctx.body, CREATE_JOB_ACCEPTS)));
        // Summarised at its own creation instant: ctx.now was read before the job existed.
        return { status: 201, body: jobSummary(job, job.createdAt) };
      },
    },
    {
      method: "GET",
      pattern: "/_emulator/jobs",
      handler: (ctx) => ({ status: 200, body: { jobs: state.store.list().map((j) => jobSummary(j, ctx.now)) } }),
    },
    {
      method: "POST",
      pattern: "/_emulator/faults",
      handler: (ctx) => ({ status: 201, body: { id: state.faults.push(validateSnake(faultSchema, ctx.body, FAULT_ACCEPTS)).id } }),
    },
    { method: "GET", pattern: "/_emulator/faults", handler: () => ({ status: 200, body: { faults: state.faults.list().map(faultView) } }) },
    {
      method: "DELETE",
      pattern: "/_emulator/faults",
      handler: () => {
        const deleted = state.faults.list().length;
        state.faults.clear();
        return { status: 200, body: { deleted } };
      },
    },
    {
      method: "POST",
      pattern: SCENARIO_PATH,
      handler: (ctx) => {
        const loaded = loadScenario(state.store, parseScenario(ctx.body), ctx.now);
        const projects = loaded.projects.map((p) => ({
          project_id: p.projectId,
          image_jobs: p.imageJobs,
          app_jobs: p.appJobs,
          ims_jobs: p.imsJobs,
        }));
        return { status: 201, body: { loaded: loaded.jobs.length, projects } };
      },
    },
    { method: "GET", pattern: "/_emulator/stats", handler: () => ({ status: 200, body: statsView(state.stats) }) },
    {
      method: "DELETE",
      pattern: "/_emulator/stats",
      handler: () => {
        state.stats.reset();
        return { status: 200, body: statsView(state.stats) };
      },
    },
    { method: "GET", pattern: "/_emulator/requests", handler: () => ({ status: 200, body: { requests: state.requests.list() } }) },
    {
      method: "POST",
      pattern: "/_emulator/reset",
      handler: () => {
        resetState(state);
        return { status: 200, body: {} };
      },
    },
  ];
  return routes.map((r) => ({ ...r, handler: guarded(r.handler) }));
}
