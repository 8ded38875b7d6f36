import { Construct } from "constructs";
import type { ConnectionSettingName } from "../core/connection-settings";
import { WAIT_ENV } from "../jobs/wait-timings";
import type { Framework, TerraformResource } from "./framework";
import type { IFrameworkResource, ITerraformDependable } from "./framework-types";
import type { HwjobsJobDataSource } from "./hwjobs-job-data-source";
import { WaitJobDataSource } from "./wait-job-data-source";
import type { WaitForJobProps } from "./wait-for-job-props";
import { validateJobIdOfKind, validateTriggers } from "./validation";
import { addWaitResource, setUpWait, startWait } from "./wait-resource";

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

  // Added on the first read of status, resourceId or resourceIds (not with useNullResource).
  private storedResult?: TerraformResource;

  private readonly framework: Framework;
  private readonly useNull: boolean;

  constructor(scope: Construct, id: string, props: WaitForJobProps) {
    const { ctx, kind } = startWait("WaitForJob", scope, id, props);
    const jobId = validateJobIdOfKind(props.jobId, kind, ctx);
    const setup = setUpWait(props, { [WAIT_ENV.kind]: kind, [WAIT_ENV.jobId]: jobId }, ctx);
    const triggers = { ...validateTriggers(props.triggers, RESERVED_TRIGGER_KEYS, ctx), kind, job_id: jobId };

    // Every prop is valid: only now is anything added to the scope.
    super(scope, id);
    this.kind = kind;
    this.jobId = jobId;
    this.settings = setup.settings;
    this.framework = ctx.framework;
    this.useNull = setup.useNull;
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
    return this.useNull ? this.jobData().status : this.stored().getStringAttribute("output.status");
  }

  /**
   * The first resource the job produced, e.g. the image id, read after the wait; an empty string
   * when the job produced none.
   *
   * Reading it adds the job data source (see {@link jobData}) on first use.
   */
  public get resourceId(): string {
    return this.useNull ? this.jobData().resourceId : this.stored().getStringAttribute("output.resource_id");
  }

  /**
   * Every resource the job produced (e.g. image ids), read after the wait.
   *
   * Reading it adds the job data source (see {@link jobData}) on first use.
   */
  public get resourceIds(): string[] {
    return this.useNull ? this.jobData().resourceIds : this.stored().getListAttribute("output.resource_ids");
  }

  /**
   * The result kept in Terraform state: a `terraform_data` (child id `Result`) whose `input` is
   * the read made right after the wait, with `ignore_changes = [input]` so that later reads
   * (which answer empty once the job record is gone, `missing_ok`) never change it, and
   * `replace_triggered_by` the wait resource, so that a new wait (a new job id) stores its own.
   */
  private stored(): TerraformResource {
    if (this.storedResult === undefined) {
      const data = this.jobData();
      const result = new this.framework.TerraformResource(this, "Result", { terraformResourceType: "terraform_data" });
      result.addOverride("input", { status: data.status, resource_id: data.resourceId, resource_ids: data.resourceIds });
      // A plain address: Terraform refuses an interpolation (`${...}`) in replace_triggered_by.
      const wait = `${this.resource.terraformResourceType}.${this.resource.friendlyUniqueId}`;
      result.addOverride("lifecycle", { ignore_changes: ["input"], replace_triggered_by: [wait] });
      this.storedResult = result;
    }
    return this.storedResult;
  }

  /**
   * The `data "external"` that reads the job (`hwjobs external`, operation `get-<kind>`) after the
   * wait: it depends on the wait resource, so Terraform reads it only once the job has finished.
   * Added on first use and shared by `status`, `resourceId` and `resourceIds`; a WaitForJob whose
   * results are never read synthesizes no data source (and needs no `hashicorp/external`). It
   * answers empty once the job record is gone (`missing_ok`, but for `useNullResource`), so read
   * the stored `status`, `resourceId` and `resourceIds` rather than its attributes.
   */
  public jobData(): HwjobsJobDataSource {
    this.jobDataSource ??= new WaitJobDataSource(this, "Job", {
      // A token kind makes this a Terraform interpolation, e.g. `get-${var.job_kind}`.
      operation: `get-${this.kind}`,
      jobId: this.jobId,
      settings: { ...this.settings, dependsOn: [this.resource] },
      // A job record deleted after the wait must not fail every later plan: the stored result
      // keeps the values. Without it (useNullResource) the read is the result, so a 404 fails.
      missingOk: !this.useNull,
    });
    return this.jobDataSource;
  }
}
