// 100 concurrent waits in one process, sharing one HwClient, against the emulator with about 5%
// of API requests answered by an injected transient fault (500, 503 or 429; a few in bursts that
// outlast the client's retries, so the waiter itself rides them out): a mix of kinds and
// outcomes (success, failure with failed sub-jobs, Workspace SUCCESS with failed sub-jobs, with
// and without allowFailedSubJobs). Every outcome must be the right one, with the right resource
// ids or error codes, and no wait may hang.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { HwClient } from "../../src/core/client";
import { resolveConfig } from "../../src/core/config";
import { DEFAULT_RETRY_POLICY } from "../../src/core/retry";
import { DEMO_CREDENTIALS, startEmulator, type ApiRequestInfo, type EmulatedJob, type RunningEmulator } from "../../src/emulator";
import { JobFailedError, jobPoller, waitForJob, type JobKindName, type JobSnapshot, type WaitEvent } from "../../src/jobs";
import { Prng } from "../../src/emulator/scenarios/prng";

const PROJECT = "proj-load";
const WAITS = 100;
const FAULT_RATE = 0.05;
const FAULT_STATUSES = [500, 503, 429] as const;
/**
 * Share of injected faults that are a burst answering every attempt of one poll, so that the
 * client's retries give up and the waiter itself must ride out a transient error.
 */
const BURST_SHARE = 0.15;
/** How long the emulator holds each API request, so the 100 waits' requests really overlap. */
const HOLD_MS = 5;
/** Each wait's own limit; the emulated jobs all end within 6 s. */
const WAIT_TIMEOUT_MS = 30_000;

/** The emulator's seeded PRNG (mulberry32), so a failing run can be replayed. */
function prng(seed: number): () => number {
  const generator = new Prng(seed);
  return () => generator.next();
}

const SEED = 20_240_601;
const random = prng(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

type Expectation =
  | { readonly outcome: "success"; readonly resourceIds: readonly string[] }
  | { readonly outcome: "failure"; readonly errorCode: string; readonly failedSubJobs: number }
  | {
      readonly outcome: "partial";
      readonly allowed: boolean;
      readonly failedCodes: readonly string[];
      readonly resourceIds: readonly string[];
    };

interface Plan {
  readonly kind: JobKindName;
  readonly id: string;
  readonly expect: Expectation;
}

const pathOf = (kind: JobKindName, id: string) =>
  kind === "image-job"
    ? `/v1/${PROJECT}/image-server-jobs/${id}`
    : kind === "app-job"
      ? `/v2/${PROJECT}/job/${id}`
      : `/v1/${PROJECT}/jobs/${id}`;

let emulator: RunningEmulator;
/** Faults queued by the hook, and the requests they were meant to answer. */
let faultsInjected = 0;
let bursts = 0;
let faultedRequestsPlanned = 0;
let injecting = false;
/** Paths answered by scripted faults: no random fault is queued behind those. */
const scripted = new Set<string>();

async function maybeInjectFault(req: ApiRequestInfo): Promise<void> {
  const queued = emulator.faults.list().some((f) => f.pathPrefix === req.path);
  if (injecting && !queued && !scripted.has(req.path) && random() < FAULT_RATE) {
    // The first one is a burst, so every run has one.
    const burst = bursts === 0 || random() < BURST_SHARE;
    const times = burst ? DEFAULT_RETRY_POLICY.maxAttempts : 1;
    // Queued for this very request: the hook runs before the emulator takes faults.
    emulator.faults.add({ pathPrefix: req.path, times, status: pick(FAULT_STATUSES) });
    faultsInjected++;
    faultedRequestsPlanned += times;
    if (burst) bursts++;
  }
  await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
}

before(async () => {
  emulator = await startEmulator({ port: 0, onApiRequest: maybeInjectFault });
});
after(async () => {
  await emulator.close();
});

/** Workspace answers that end in SUCCESS while some sub-jobs FAILED or turned ABNORMAL: RUNNING twice, then that. */
function scriptPartialSuccess(kind: "image-job" | "app-job", id: string, subJobs: number): Expectation & { outcome: "partial" } {
  const plan = Array.from({ length: subJobs }, (_, i) => {
    const failed = i % 2 === 1;
    return {
      i,
      status: failed ? (i % 4 === 1 ? "FAILED" : "ABNORMAL") : "SUCCESS",
      code: failed ? `WKS.LOAD${String(i).padStart(2, "0")}` : "",
      resourceId: failed ? "" : `res-${id}-${i}`,
    };
  });
  const subs = plan.map(({ i, status, code, resourceId }) => {
    const message = code ? "sub-job failed under load" : "";
    const error =
      kind === "image-job"
        ? { job_execute_info: { error_code: code, error_message: message } }
        : { error_code: code, error_message: message };
    return { id: `${id}-s${i}`, job_id: id, status, ...error, job_resource_info: { resource_id: resourceId } };
  });
  const body = (status: string) => ({
    id,
    job_type: kind === "image-job" ? "CREATE_SERVER_IMAGE" : "CREATE_SERVER",
    status,
    sub_jobs_total: subJobs,
    sub_jobs: subs.map((s) => (status === "SUCCESS" ? s : { ...s, status: "RUNNING" })),
  });
  const path = pathOf(kind, id);
  scripted.add(path);
  emulator.faults.add({ pathPrefix: path, times: 2, status: 200, body: body("RUNNING") });
  emulator.faults.add({ pathPrefix: path, times: -1, status: 200, body: body("SUCCESS") });
  return {
    outcome: "partial",
    allowed: false,
    failedCodes: plan.filter((p) => p.status !== "SUCCESS").map((p) => p.code),
    resourceIds: plan.filter((p) => p.status === "SUCCESS").map((p) => p.resourceId),
  };
}

/**
 * Creates the 100 jobs, kinds in turn: 60% succeed; 10% are a Workspace SUCCESS with failed
 * sub-jobs (some allowed, some not); the rest fail (Workspace: the last sub-job FAILED).
 */
function planJobs(): Plan[] {
  const kinds: readonly JobKindName[] = ["image-job", "app-job", "ims-job"];
  return Array.from({ length: WAITS }, (_, i): Plan => {
    const kind = kinds[i % 3]!;
    const roll = i % 20;
    const timing = { waitingMs: Math.floor(random() * 800), runningMs: 1_000 + Math.floor(random() * 4_000) };
    const subJobs = kind === "ims-job" ? undefined : 1 + Math.floor(random() * 4);
    if (roll >= 17 && kind !== "ims-job") {
      const id = `load-partial-${i}`;
      const expect = scriptPartialSuccess(kind, id, Math.max(2, subJobs ?? 2));
      return { kind, id, expect: { ...expect, allowed: i % 2 === 0 } };
    }
    if (roll >= 12) {
      const errorCode = kind === "ims-job" ? `IMG.${9000 + i}` : `WKS.${90000000 + i}`;
      const job: EmulatedJob = emulator.store.createJob({
        kind,
        projectId: PROJECT,
        ...timing,
        outcome: "failure",
        subJobs,
        errorCode,
        errorMessage: `load failure ${i}`,
      });
      return { kind, id: job.id, expect: { outcome: "failure", errorCode, failedSubJobs: kind === "ims-job" ? 0 : 1 } };
    }
    const job = emulator.store.createJob({ kind, projectId: PROJECT, ...timing, outcome: "success", subJobs });
    return { kind, id: job.id, expect: { outcome: "success", resourceIds: job.resourceIds } };
  });
}

/** Checks one settled wait against its plan; returns a description of what is wrong, or undefined. */
function verdict(plan: Plan, settled: PromiseSettledResult<JobSnapshot>, events: readonly WaitEvent[]): string | undefined {
  const name = `${plan.kind} ${plan.id} (${plan.expect.outcome})`;
  const { expect } = plan;
  if (expect.outcome === "success" || (expect.outcome === "partial" && expect.allowed)) {
    if (settled.status === "rejected") return `${name}: rejected with ${String(settled.reason)}`;
    const snap = settled.value;
    if (snap.phase !== "succeeded" || snap.status !== "SUCCESS") return `${name}: resolved ${snap.status}/${snap.phase}`;
    if (JSON.stringify(snap.resourceIds) !== JSON.stringify(expect.resourceIds))
      return `${name}: resources ${snap.resourceIds.join(",")}, expected ${expect.resourceIds.join(",")}`;
    const warned = events.some((e) => e.type === "warning" && e.code === "failed-sub-jobs");
    if (warned !== (expect.outcome === "partial")) return `${name}: failed-sub-jobs warning ${warned ? "given" : "missing"}`;
    return undefined;
  }
  if (settled.status === "fulfilled") return `${name}: resolved ${settled.value.status}, expected a JobFailedError`;
  const error = settled.reason as unknown;
  if (!(error instanceof JobFailedError)) return `${name}: rejected with ${String(error)}`;
  const failedCodes = error.snapshot.subJobs.filter((s) => s.phase === "failed").map((s) => s.errorCode);
  if (expect.outcome === "failure") {
    if (error.snapshot.errorCode !== expect.errorCode)
      return `${name}: error code ${error.snapshot.errorCode}, expected ${expect.errorCode}`;
    if (failedCodes.length !== expect.failedSubJobs || failedCodes.some((c) => c !== expect.errorCode))
      return `${name}: failed sub-job codes ${failedCodes.join(",")}`;
    if (!error.message.includes(expect.errorCode)) return `${name}: message lacks the code: ${error.message}`;
    return undefined;
  }
  if (error.snapshot.status !== "SUCCESS")
    return `${name}: failed with status ${error.snapshot.status}, expected SUCCESS with failed sub-jobs`;
  if (JSON.stringify(failedCodes) !== JSON.stringify(expect.failedCodes))
    return `${name}: failed sub-job codes ${failedCodes.join(",")}, expected ${expect.failedCodes.join(",")}`;
  if (!expect.failedCodes.every((code) => error.message.includes(code))) return `${name}: message lacks a sub-job code: ${error.message}`;
  return undefined;
}

describe("load: 100 concurrent waits, one client, ~5% transient faults", () => {
  it("every wait ends with the right outcome, none hangs", { timeout: 60_000 }, async (t) => {
    const plans = planJobs();
    let retries = 0;
    const config = resolveConfig(
      { endpoint: emulator.url },
      { HW_PROJECT_ID: PROJECT, HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey, HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey },
    );
    // Short retry backoff, as short polls: the test is about correctness under load, not patience.
    const client = new HwClient(config, { env: {}, retry: { baseDelayMs: 50, maxDelayMs: 400 }, onRetry: () => retries++ });
    emulator.resetStats();
    injecting = true;
    const started = Date.now();
    const events = plans.map((): WaitEvent[] => []);
    try {
      const settled = await Promise.allSettled(
        plans.map((plan, i) =>
          waitForJob(
            jobPoller(client, plan.kind, plan.id, { allowFailedSubJobs: plan.expect.outcome === "partial" && plan.expect.allowed }),
            {
              timeoutMs: WAIT_TIMEOUT_MS,
              minDelayMs: 200,
              maxDelayMs: 1_000,
              notFoundGraceMs: 0,
              target: { kind: plan.kind, jobId: plan.id },
              onEvent: (event) => events[i]!.push(event),
            },
          ),
        ),
      );
      const durationMs = Date.now() - started;
      injecting = false;
      const stats = emulator.stats();
      const transientEvents = events.flat().filter((e) => e.type === "transient-error").length;
      const served = emulator.requests.list().filter((r) => r.path.startsWith(`/v1/${PROJECT}/`) || r.path.startsWith(`/v2/${PROJECT}/`));
      const faulted = served.filter((r) => (FAULT_STATUSES as readonly number[]).includes(r.status)).length;
      const outcomes = plans.reduce<Record<string, number>>((acc, p) => {
        const key = p.expect.outcome === "partial" ? `partial${p.expect.allowed ? "-allowed" : ""}` : p.expect.outcome;
        acc[key] = (acc[key] ?? 0) + 1;
        return acc;
      }, {});
      t.diagnostic(
        `waits ${WAITS} (${Object.entries(outcomes)
          .map(([k, n]) => `${k} ${n}`)
          .join(", ")}); requests ${stats.requests} (max in flight ${stats.maxInFlight}); ` +
          `faults injected ${faultsInjected} (${bursts} bursts of ${DEFAULT_RETRY_POLICY.maxAttempts}), faulted requests ${faulted} (${((100 * faulted) / stats.requests).toFixed(1)}%), ` +
          `HTTP retries ${retries}, transient-error events ${transientEvents}; duration ${(durationMs / 1000).toFixed(1)} s`,
      );

      const problems = plans.map((plan, i) => verdict(plan, settled[i]!, events[i]!)).filter((p) => p !== undefined);
      assert.deepEqual(problems, [], "every outcome as planned");
      assert.ok(faultsInjected > 0, "faults were injected");
      assert.equal(faulted, faultedRequestsPlanned, "each injected fault answered the requests it was queued for");
      assert.ok(
        transientEvents >= bursts,
        `each burst outlasted one poll's retries: ${transientEvents} transient-error events, ${bursts} bursts`,
      );
      assert.deepEqual(
        emulator.faults.list().filter((f) => !scripted.has(f.pathPrefix)),
        [],
        "every injected fault was used",
      );
      assert.ok(stats.maxInFlight > 1, `requests overlapped (max in flight ${stats.maxInFlight})`);
      assert.ok(durationMs < WAIT_TIMEOUT_MS, `every wait ended well before its own timeout (${durationMs} ms)`);
    } finally {
      injecting = false;
      await client.close();
    }
  });
});
