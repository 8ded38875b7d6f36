import { Construct } from "constructs";
import type { ConnectionSettingName } from "../core/connection-settings";
import { WAIT_ENV } from "../jobs/wait-timings";
import type { IFrameworkResource, ITerraformDependable } from "./framework-types";
import type { HwjobsJobDataSource } from "./hwjobs-job-data-source";
import { WaitJobDataSource } from "./wait-job-data-source";
import type { WaitForJobProps } from "./wait-for-job-props";
import { failFor } from "./fail";
import { contextFor, validateJobIdOfKind, validateKind, validateTriggers, validateProps } from "./validation";
import { addWaitResource, setUpWait } from "./wait-resource";

const RESERVED_TRIGGER_KEYS: readonly string[] = ["kind", "job_id"];

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
    const kind = validateKind(props.kind, ctx);
    const jobId = validateJobIdOfKind(props.jobId, kind, ctx);
    const setup = setUpWait(props, { [WAIT_ENV.kind]: kind, [WAIT_ENV.jobId]: jobId }, ctx);
    const triggers = { ...validateTriggers(props.triggers, RESERVED_TRIGGER_KEYS, ctx), kind, job_id: jobId };

    // Every prop is valid: only now is anything added to the scope.
    super(scope, id);
    this.kind = kind;
    this.jobId = jobId;
    this.settings = setup.settings;
    this.resource = addWaitResource(this, setup, triggers, ctx);
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
