import { familyOf, showsSubJobs, type EmulatorJobFamily, type EmulatorJobKind } from "../jobs/kind";
import { ONE_TRACK, type JobSpec } from "../jobs/spec";
import type { EmulatedJob } from "../jobs/store";
import { Prng } from "./prng";
import { failuresFor, JOB_TYPE_PROFILES, NAME_WORDS, QUEUED_WAITING_MS, type JobTypeProfile } from "./catalog";
import type { JobOutcome } from "../jobs/timeline";

/**
 * What a generated job is doing when the scenario loads. Finished jobs are most of a real
 * history; a few are still running or queued, and a few are stuck (outcome "never").
 */
type LoadState = "succeeded" | "failed" | "running" | "queued" | "stuck";

const LOAD_STATES: readonly { value: LoadState; weight: number }[] = [
  { value: "succeeded", weight: 75 },
  { value: "failed", weight: 15 },
  { value: "running", weight: 5 },
  { value: "queued", weight: 2 },
  { value: "stuck", weight: 3 },
];

const SUB_JOB_COUNTS: readonly { value: number; weight: number }[] = [
  { value: 1, weight: 40 },
  { value: 2, weight: 25 },
  { value: 3, weight: 15 },
  { value: 4, weight: 10 },
  { value: 5, weight: 10 },
];

// Ids in each family's format (as JobStore makes them), drawn from the scenario's PRNG.
const DRAW_ID: Readonly<Record<EmulatorJobFamily, (rng: Prng) => string>> = {
  workspace: (rng) => rng.workspaceId(),
  ims: (rng) => rng.hex32(),
};

/** Ids handed out in one load, so a generated id is never reused (the PRNG could repeat one). */
export class IdPool {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Prng) {}

  /** A fresh id of the kind's format. */
  next(kind: EmulatorJobKind): string {
    // Ids have 17+ random digits, so a repeat is already rare; a thousand in a row means a broken PRNG.
    for (let attempt = 0; attempt < 1000; attempt++) {
      const id = DRAW_ID[familyOf(kind)](this.rng);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
    throw new Error(`IdPool: no fresh ${kind} id in 1000 draws`);
  }

  /** Marks an id given explicitly as taken. */
  reserve(id: string): void {
    this.used.add(id);
  }
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `YYYYMMDDhhmmss` in UTC. */
function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** A resource name in the style of the kind and job type (app servers: `APS-<time>-<10 letters>`, as in the spec examples). */
export function resourceName(rng: Prng, kind: EmulatorJobKind, jobType: string, createdAt: number): string {
  const word = rng.pick(NAME_WORDS);
  if (familyOf(kind) === "ims") return `${word}-image-${stamp(createdAt).slice(0, 8)}`;
  if (kind === "app-job") return `APS-${stamp(createdAt)}-${rng.chars(10, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}`;
  if (jobType === "CREATE_SERVER_IMAGE") return `${word}-image-v${rng.int(1, 40)}`;
  return `${word}-image-server-${pad(rng.int(1, 99))}`;
}

/** Sub-job ids, resource ids and names for a job of `subJobs` sub-jobs. */
export function subJobParts(
  rng: Prng,
  ids: IdPool,
  spec: JobSpec,
  createdAt: number,
): Pick<EmulatedJob, "subJobIds" | "resourceIds" | "resourceNames"> {
  const n = spec.subJobs;
  return {
    subJobIds: Array.from({ length: n }, () => ids.next(spec.kind)),
    resourceIds: Array.from({ length: n }, () => rng.uuid()),
    resourceNames: Array.from({ length: n }, () => resourceName(rng, spec.kind, spec.jobType, createdAt)),
  };
}

function between(rng: Prng, [min, max]: readonly [number, number]): number {
  return rng.int(min, max);
}

/** How long before `now` a job in `state` was created: finished ones within the span (or just long enough ago to have finished). */
function createdAgo(rng: Prng, state: LoadState, waitingMs: number, runningMs: number, spanMs: number): number {
  const total = waitingMs + runningMs;
  switch (state) {
    case "succeeded":
    case "failed":
      return total + Math.floor(rng.next() * Math.max(spanMs - total, 0));
    case "running":
      return waitingMs + Math.floor(rng.next() * runningMs);
    case "queued":
      return Math.floor(rng.next() * waitingMs);
    case "stuck":
      return waitingMs + Math.floor(rng.next() * Math.max(spanMs - waitingMs, 1));
  }
}

function outcomeOf(rng: Prng, state: LoadState): JobOutcome {
  if (state === "succeeded") return "success";
  if (state === "failed") return "failure";
  if (state === "stuck") return "never";
  // Unfinished jobs end like the rest of the history.
  return rng.next() < 0.85 ? "success" : "failure";
}

/** Generates one job of `kind` in `projectId`, created within `spanMs` before `now`. */
export function generateJob(rng: Prng, ids: IdPool, kind: EmulatorJobKind, projectId: string, spanMs: number, now: number): EmulatedJob {
  const profile: JobTypeProfile = rng.weighted(JOB_TYPE_PROFILES[kind].map((p) => ({ value: p, weight: p.weight })));
  const state = rng.weighted(LOAD_STATES);
  const waitingMs = between(rng, state === "queued" ? QUEUED_WAITING_MS : profile.waitingMs);
  const runningMs = between(rng, profile.runningMs);
  const outcome = outcomeOf(rng, state);
  const failure = rng.weighted(failuresFor(kind, profile.jobType).map((f) => ({ value: f, weight: f.weight })));
  const spec: JobSpec = {
    kind,
    projectId,
    jobType: profile.jobType,
    waitingMs,
    runningMs,
    outcome,
    // As JobStore gives them.
    subJobs: showsSubJobs(kind) ? rng.weighted(SUB_JOB_COUNTS) : ONE_TRACK,
    // Every spec carries a failure; only outcome "failure" ever shows it.
    errorCode: failure.code,
    errorMessage: failure.message,
  };
  const createdAt = now - createdAgo(rng, state, waitingMs, runningMs, spanMs);
  return { ...spec, id: ids.next(kind), createdAt, ...subJobParts(rng, ids, spec, createdAt) };
}
