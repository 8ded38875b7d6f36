// Typed calls to the emulator's admin API (/_emulator/...), as tests and the demo use it.

/** Body of `POST /_emulator/jobs`. */
export interface CreateJobRequest {
  kind: "image-job" | "app-job" | "ims-job";
  project_id: string;
  id?: string;
  job_type?: string;
  waiting_ms?: number;
  running_ms?: number;
  outcome?: "success" | "failure" | "never";
  sub_jobs?: number;
  error_code?: string;
  error_message?: string;
}

async function call<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} /_emulator/${path}: HTTP ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** Creates a job and returns its id. */
export async function createJob(base: string, job: CreateJobRequest): Promise<string> {
  return (await call<{ id: string }>(base, "POST", "jobs", job)).id;
}

/** A logged API request. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  auth: string;
}

/** The API requests the emulator has served. */
export async function requestLog(base: string): Promise<LoggedRequest[]> {
  return (await call<{ requests: LoggedRequest[] }>(base, "GET", "requests")).requests;
}

/** Queues a fault for matching API requests. */
export async function injectFault(base: string, fault: Record<string, unknown>): Promise<void> {
  await call(base, "POST", "faults", fault);
}

/** Clears jobs, faults and the request log. */
export async function resetEmulator(base: string): Promise<void> {
  await call(base, "POST", "reset", {});
}

/** A job as `GET /_emulator/jobs` lists it (the fields tests read). */
export interface ListedJob {
  id: string;
  kind: CreateJobRequest["kind"];
  project_id: string;
  job_type: string;
  status: string;
  resource_ids: string[];
}

/** Every job of the emulator with its current status. */
export async function listJobs(base: string): Promise<ListedJob[]> {
  return (await call<{ jobs: ListedJob[] }>(base, "GET", "jobs")).jobs;
}
