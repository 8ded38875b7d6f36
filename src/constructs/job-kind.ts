import { JOB_KINDS as REGISTRY_KINDS, type JobKindName } from "../jobs/kinds";

/**
 * The kinds of asynchronous job that `hwjobs` and the constructs can wait for.
 *
 * Each kind names the API operation used to poll the job; the values are the `<kind>`
 * argument of `hwjobs wait` / `hwjobs get` and the `HWJOBS_KIND` environment variable.
 */
export enum JobKind {
  /**
   * A Workspace Application Streaming (Workspace APP) image-server job,
   * polled with `GET /v1/{project_id}/image-server-jobs/{job_id}`.
   */
  IMAGE_JOB = "image-job",

  /**
   * A Workspace Application Streaming (Workspace APP) app-server job,
   * polled with `GET /v2/{project_id}/job/{job_id}`.
   */
  APP_JOB = "app-job",

  /**
   * An Image Management Service (IMS) asynchronous job,
   * polled with `GET /v1/{project_id}/jobs/{job_id}`.
   */
  IMS_JOB = "ims-job",
}

// The public enum must name exactly the kinds of the job-kind registry (jobs/kinds.ts): this
// fails to compile when a kind is added to one and not the other.
type SameKinds = [`${JobKind}`] extends [JobKindName] ? ([JobKindName] extends [`${JobKind}`] ? true : false) : false;
const SAME_KINDS: SameKinds = true;
void SAME_KINDS;

/** The registry's name of a `JobKind` (the same string, typed for the registry's tables). Internal. */
export function kindName(kind: JobKind): JobKindName {
  return kind as `${JobKind}`;
}

/** Every `JobKind` value, in the registry's order (for validation and error messages). Internal. */
export const JOB_KINDS: readonly JobKind[] = Object.freeze(REGISTRY_KINDS.map((name) => name as JobKind));

/** True when `value` is one of the `JobKind` values. Internal. */
export function isJobKind(value: string): value is JobKind {
  return (JOB_KINDS as readonly string[]).includes(value);
}
