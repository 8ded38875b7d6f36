import { Construct } from "constructs";
import { CONNECTION_SETTINGS, type ConnectionSettingName } from "../core/connection-settings";
import { WAIT_ENV, WAIT_TIMINGS, type WaitTimingProp } from "../jobs/wait-timings";
import { hwjobsCliProgram } from "./cli-asset";
import type { LocalExecProvisioner } from "./framework";
import type { IFrameworkResource, ITerraformDependable } from "./framework-types";
import type { HwjobsJobDataSource } from "./hwjobs-job-data-source";
import { requireNullProvider } from "./provider-requirements";
import { WaitJobDataSource } from "./wait-job-data-source";
import type { WaitForJobProps } from "./wait-for-job-props";
import { failFor } from "./fail";
import {
  contextFor,
  validateDuration,
  validateJobIdOfKind,
  validateKind,
  validateTriggers,
  validateBoolean,
  validateDependsOn,
  validateProps,
} from "./validation";
import { validateConnectionProps } from "./validate-connection";

const RESERVED_TRIGGER_KEYS: readonly string[] = ["kind", "job_id"];

// The CLI command is a constant; every input travels in the environment, so no value is ever
// parsed by a shell or echoed back in Terraform's "Error running command '<command>'" message.
const WAIT_COMMAND = "wait";

/**
 * Blocks `terraform apply` (and `cdktf deploy`, `cdktn deploy`) until a HUAWEI CLOUD asynchronous
 * job finishes, and fails the apply with the job's own error when the job fails. Works in cdktf and
 * CDK Terrain (cdktn) stacks alike: it is made of the classes of its stack's framework.
 *
 * Synthesizes a `terraform_data` resource whose `triggers_replace` holds the job kind and id, with
 * a `local-exec` provisioner that runs the bundled `hwjobs` CLI (`node <asset> wait`). All inputs
 * are passed in the provisioner's `environment`; credentials are never part of the configuration
 * and are read by the CLI from the environment Terraform runs in.
 *
 * The wait runs when the resource is created, i.e. on the first apply and whenever the kind, the
 * job id or one of `triggers` changes. Other resources wait for it with `dependsOn: [wait]`.
 *
 * Reading `status`, `resourceId` or `resourceIds` adds (once) a `data "external"` that reads the
 * job after the wait (see {@link WaitForJob.jobData}); the stack then needs the
 * `hashicorp/external` provider. A WaitForJob whose results are never read adds nothing.
 *
 * @example
 * const wait = new WaitForJob(this, "wait", { kind: JobKind.IMS_JOB, jobId: jobIdVar.stringValue });
 * new TerraformResource(this, "release", { terraformResourceType: "terraform_data", dependsOn: [wait] });
 * new TerraformOutput(this, "image_id", { value: wait.resourceId });
 */
export class WaitForJob extends Construct implements ITerraformDependable {
  /** Kind of the job waited for, as given (a `JobKind` value or a token). */
  public readonly kind: string;

  /** Id of the job waited for, as given (a literal or a token). */
  public readonly jobId: string;

  /**
   * The synthesized `terraform_data` (or, with `useNullResource`, `null_resource`) resource: a
   * `TerraformResource` of the stack's framework.
   */
  public readonly resource: IFrameworkResource;

  // Validated region, project id and endpoints, for the job data source.
  private readonly settings: Readonly<Partial<Record<ConnectionSettingName, string>>>;

  // Added on the first read of status, resourceId, resourceIds or jobData().
  private jobDataSource?: HwjobsJobDataSource;

  constructor(scope: Construct, id: string, props: WaitForJobProps) {
    const ctx = contextFor(scope, failFor("WaitForJob", id));
    props = validateProps(props, ctx, { optional: false });
    const dependsOn = validateDependsOn(props.dependsOn, ctx);
    const useNull = validateBoolean(props.useNullResource, "useNullResource", ctx) === true;
    const allowFailedSubJobs = validateBoolean(props.allowFailedSubJobs, "allowFailedSubJobs", ctx) === true;
    const kind = validateKind(props.kind, ctx);
    const jobId = validateJobIdOfKind(props.jobId, kind, ctx);

    // Every timing is written, defaults included, so that the wait does not depend on the
    // environment Terraform runs in (jobs/wait-timings.ts).
    const timings = {} as Record<WaitTimingProp, string>;
    const timingsMs: Partial<Record<WaitTimingProp, number>> = {};
    for (const prop of Object.keys(WAIT_TIMINGS) as WaitTimingProp[]) {
      const value = props[prop] === undefined ? WAIT_TIMINGS[prop].default : props[prop];
      timingsMs[prop] = validateDuration(value, prop, ctx, { allowZero: WAIT_TIMINGS[prop].allowZero });
      timings[prop] = value;
    }
    const { minPollInterval: minMs, maxPollInterval: maxMs } = timingsMs;
    if (minMs !== undefined && maxMs !== undefined && minMs > maxMs) {
      ctx.fail(`minPollInterval (${timings.minPollInterval}) must not be longer than maxPollInterval (${timings.maxPollInterval})`);
    }

    const environment: Record<string, string> = { [WAIT_ENV.kind]: kind, [WAIT_ENV.jobId]: jobId };
    for (const prop of Object.keys(WAIT_TIMINGS) as WaitTimingProp[]) environment[WAIT_TIMINGS[prop].env] = timings[prop];
    // The progress lines already name the result; a JSON document would only clutter Terraform's log.
    environment[WAIT_ENV.output] = "none";
    // Written only when opted in, so the synthesized configuration of a default wait is unchanged.
    if (allowFailedSubJobs) environment[WAIT_ENV.allowFailedSubJobs] = "true";
    // Optional settings are written only when given, so that the environment Terraform runs in
    // (the same variables) still applies when they are not: local-exec's `environment` overrides
    // inherited variables of the same name.
    const settings = validateConnectionProps(props, ctx);
    for (const [name, value] of Object.entries(settings) as Array<[ConnectionSettingName, string]>)
      environment[CONNECTION_SETTINGS[name].env[0]] = value;
    const triggers = { ...validateTriggers(props.triggers, RESERVED_TRIGGER_KEYS, ctx), kind, job_id: jobId };

    // Every prop is valid: only now is anything added to the scope.
    super(scope, id);
    this.kind = kind;
    this.jobId = jobId;
    this.settings = settings;

    const provisioner: LocalExecProvisioner = {
      type: "local-exec",
      interpreter: hwjobsCliProgram(this),
      command: WAIT_COMMAND,
      environment,
    };

    // "Default" is left out of logical ids, so a WaitForJob directly in a stack has the address
    // `terraform_data.<id>` (stable and readable in plans and state), not `<id>_<child>_<hash>`.
    //
    // Both variants are generic resources. cdktf's DataResource would add a validation that runs
    // `terraform version` during synth, so a stack could not be synthesized where no terraform
    // binary is installed (build containers, the demo's fallback); Terraform itself refuses
    // `terraform_data` before 1.4 at init. No terraformGeneratorMetadata either: cdktf would then
    // insist on a provider construct in the stack (ValidateProviderPresence), i.e. on
    // @cdktf/provider-null for the null variant, whose requirement is declared on the stack instead.
    const resource = new ctx.framework.TerraformResource(this, "Default", {
      terraformResourceType: useNull ? "null_resource" : "terraform_data",
      dependsOn,
      provisioners: [provisioner],
    });
    resource.addOverride(useNull ? "triggers" : "triggers_replace", triggers);
    if (useNull) requireNullProvider(this, ctx.framework);
    this.resource = resource;
  }

  /** Terraform address of the underlying resource, so that `dependsOn: [wait]` works. */
  public get fqn(): string {
    return this.resource.fqn;
  }

  /**
   * The job's final status as the API reports it (e.g. `SUCCESS`), read after the wait.
   *
   * Reading it adds the job data source (see {@link jobData}) on first use.
   */
  public get status(): string {
    return this.jobData().status;
  }

  /**
   * The first resource the job produced, e.g. the image id, read after the wait; an empty string
   * when the job produced none.
   *
   * Reading it adds the job data source (see {@link jobData}) on first use.
   */
  public get resourceId(): string {
    return this.jobData().resourceId;
  }

  /**
   * Every resource the job produced (e.g. image ids), read after the wait.
   *
   * Reading it adds the job data source (see {@link jobData}) on first use.
   */
  public get resourceIds(): string[] {
    return this.jobData().resourceIds;
  }

  /**
   * The `data "external"` that reads the job (`hwjobs external`, operation `get-<kind>`) after the
   * wait: it depends on the wait resource, so Terraform reads it only once the job has finished.
   * Added on first use and shared by `status`, `resourceId` and `resourceIds`; a WaitForJob whose
   * results are never read synthesizes no data source (and needs no `hashicorp/external`).
   */
  public jobData(): HwjobsJobDataSource {
    this.jobDataSource ??= new WaitJobDataSource(this, "Job", {
      // A token kind makes this a Terraform interpolation, e.g. `get-${var.job_kind}`.
      operation: `get-${this.kind}`,
      jobId: this.jobId,
      settings: { ...this.settings, dependsOn: [this.resource] },
    });
    return this.jobDataSource;
  }
}
