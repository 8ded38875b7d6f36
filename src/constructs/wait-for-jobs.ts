import { Construct } from "constructs";
import { MAX_WAIT_JOBS } from "../core/limits";
import { JOB_KIND_SPECS, JOB_KINDS } from "../jobs/kinds";
import { WAIT_ENV } from "../jobs/wait-timings";
import type { IFrameworkResource, ITerraformDependable } from "./framework-types";
import { isJobKind, kindName } from "./job-kind";
import { kindOf, validateBoolean, validateJobIdOfKind, validateTriggers, type ConstructContext } from "./validation";
import { validateJobType } from "./validate-job-types";
import type { WaitForJobsProps } from "./wait-for-jobs-props";
import { addWaitResource, setUpWait, startWait } from "./wait-resource";

const RESERVED_TRIGGER_KEYS: readonly string[] = ["kind", "job_ids", "job_type", "all_pending"];

/**
 * Blocks `terraform apply` until every one of several HUAWEI CLOUD jobs of one kind finishes, and
 * fails the apply when any of them fails, with each failed job's id, code and message. The jobs
 * are given by id (`jobIds`, a list or a Terraform list token), or found when the wait runs
 * (`jobType` with `allPending`). Works in cdktf and CDK Terrain (cdktn) stacks alike.
 *
 * Synthesizes one `terraform_data` resource with one `local-exec` provisioner that runs the
 * bundled `hwjobs` CLI once (`node <asset> wait`), every input in the provisioner's `environment`
 * (the ids as a JSON array in `HWJOBS_JOB_IDS`); credentials are never part of the configuration.
 * Other resources wait for it with `dependsOn: [gate]`.
 *
 * @example
 * const gate = new WaitForJobs(this, "images", { kind: JobKind.IMAGE_JOB, jobIds: [a.stringValue, b.stringValue] });
 * new TerraformResource(this, "release", { terraformResourceType: "terraform_data", dependsOn: [gate] });
 */
export class WaitForJobs extends Construct implements ITerraformDependable {
  /** Kind of the jobs, as given (a `JobKind` value or a token). */
  public readonly kind: string;

  /** The synthesized `terraform_data` (or, with `useNullResource`, `null_resource`) resource. */
  public readonly resource: IFrameworkResource;

  constructor(scope: Construct, id: string, props: WaitForJobsProps) {
    const { ctx, kind } = startWait("WaitForJobs", scope, id, props);
    const allPending = validateBoolean(props.allPending, "allPending", ctx) === true;
    const failFast = validateBoolean(props.failFast, "failFast", ctx) === true;
    // Every input variable is written, the unused ones empty: local-exec passes on the environment
    // Terraform runs in, and an inherited HWJOBS_JOB_ID must never become the job waited for.
    const inputs: Record<string, string> = {
      [WAIT_ENV.kind]: kind,
      [WAIT_ENV.jobId]: "",
      [WAIT_ENV.jobIds]: "",
      [WAIT_ENV.jobType]: "",
      [WAIT_ENV.allPending]: "",
      ...(allPending ? selectorInputs(props, kind, ctx) : idInputs(props, kind, ctx)),
      [WAIT_ENV.failFast]: failFast ? "true" : "",
    };
    const setup = setUpWait(props, inputs, ctx);
    const triggers: Record<string, string> = { ...validateTriggers(props.triggers, RESERVED_TRIGGER_KEYS, ctx), kind };
    if (allPending) Object.assign(triggers, { job_type: inputs[WAIT_ENV.jobType]!, all_pending: "true" });
    else triggers.job_ids = inputs[WAIT_ENV.jobIds]!;

    // Every prop is valid: only now is anything added to the scope.
    super(scope, id);
    this.kind = kind;
    this.resource = addWaitResource(this, setup, triggers, ctx);
  }

  /** Terraform address of the underlying resource, so that `dependsOn: [gate]` works. */
  public get fqn(): string {
    return this.resource.fqn;
  }
}

/** `jobIds`: a literal list (checked here) or a list token, written as a JSON array. */
function idInputs(props: WaitForJobsProps, kind: string, ctx: ConstructContext): Record<string, string> {
  if (props.jobType !== undefined) ctx.fail("jobType is only for allPending: true (a selector); give jobIds or the selector, not both");
  const ids: unknown = props.jobIds;
  if (ids === undefined) ctx.fail(`jobIds is required (1 to ${MAX_WAIT_JOBS} job ids), unless allPending is true with a jobType`);
  if (!Array.isArray(ids)) ctx.fail(`jobIds must be a list of job ids (got ${kindOf(ids)})`);
  const list = ids as unknown[];
  // A list token (a variable, a resource attribute) is one encoded element: Terraform renders it.
  if (ctx.framework.Token.isUnresolved(list)) return { [WAIT_ENV.jobIds]: ctx.framework.Fn.jsonencode(list) };
  if (list.length === 0) ctx.fail(`jobIds must not be empty (1 to ${MAX_WAIT_JOBS} job ids)`);
  if (list.length > MAX_WAIT_JOBS)
    ctx.fail(
      `jobIds has ${list.length} ids; one wait takes at most ${MAX_WAIT_JOBS}: use several WaitForJobs, or allPending with a jobType`,
    );
  list.forEach((jobId, i) => {
    if (typeof jobId !== "string") ctx.fail(`jobIds[${i}] must be a string (got ${kindOf(jobId)})`);
    validateJobIdOfKind(jobId, kind, ctx, `jobIds[${i}]`);
  });
  // Tokens among literals (each an attribute of another resource) become interpolations in the JSON text.
  return { [WAIT_ENV.jobIds]: ctx.framework.Token.isUnresolved(list.join("")) ? ctx.framework.Fn.jsonencode(list) : JSON.stringify(list) };
}

/** `jobType` with `allPending`: a kind with a list API, and a job type its list accepts. */
function selectorInputs(props: WaitForJobsProps, kind: string, ctx: ConstructContext): Record<string, string> {
  if (props.jobIds !== undefined)
    ctx.fail("jobIds is not for allPending: true; give jobIds or the selector (jobType with allPending), not both");
  if (props.jobType === undefined) ctx.fail("jobType is required with allPending: true");
  let jobType = props.jobType;
  if (isJobKind(kind)) {
    const pending = JOB_KIND_SPECS[kindName(kind)].pending;
    if (pending === undefined) {
      const selectable = JOB_KINDS.filter((k) => JOB_KIND_SPECS[k].pending !== undefined);
      ctx.fail(`allPending takes kind ${selectable.join(" or ")}: ${kind} has no list API to find pending jobs with`);
    }
    jobType = validateJobType(props.jobType, "jobType", pending.jobTypeFilter, ctx);
  } else if (typeof jobType !== "string") ctx.fail(`jobType must be a string (got ${kindOf(jobType)})`);
  return { [WAIT_ENV.jobType]: jobType, [WAIT_ENV.allPending]: "true" };
}
