import {
  type ITerraformDependable,
  Lazy,
  type LocalExecProvisioner,
  TerraformResource,
  TerraformStack,
  Token,
} from "cdktf";
import { Construct } from "constructs";
import { parseDuration } from "../core/duration";
import { hwjobsCliProgram } from "./cli-asset";
import { type HwjobsDataSourceProps, HwjobsJobDataSource } from "./hwjobs-data-source";
import { JOB_KINDS, JobKind, isJobKind } from "./job-kind";
import {
  type Fail,
  MAX_APP_JOB_ID_LENGTH,
  MAX_JOB_ID_LENGTH,
  type Validator,
  failFor,
  validateEndpointProp,
  validateJobId,
  validateName,
} from "./validation";

/** Properties of a {@link WaitForJob}. */
export interface WaitForJobProps {
  /**
   * Kind of job to wait for: one of the {@link JobKind} values.
   *
   * May be a Terraform token (e.g. a `TerraformVariable`'s value); the CLI then validates it at
   * apply time.
   */
  readonly kind: JobKind | string;

  /**
   * Id of the job to wait for, as returned by the API that started it.
   *
   * A literal must be 1 to 128 characters (255 for `app-job`) with no control characters.
   * May be a Terraform token, e.g. another resource's attribute; the CLI then validates it at
   * apply time.
   */
  readonly jobId: string;

  /**
   * Longest time to wait for the job to finish before failing the apply, as a duration
   * (`90s`, `15m`, `2h`, `1h30m` or plain seconds).
   *
   * @default "60m"
   */
  readonly timeout?: string;

  /**
   * How long the API may answer "not found" for the job before the wait fails. Jobs can take a
   * moment to become visible after they are started.
   *
   * @default "60s"
   */
  readonly notFoundGrace?: string;

  /**
   * Shortest interval between two polls; the waiter backs off from it towards `maxPollInterval`.
   *
   * @default "5s"
   */
  readonly minPollInterval?: string;

  /**
   * Longest interval between two polls. Must not be shorter than `minPollInterval`.
   *
   * @default "60s"
   */
  readonly maxPollInterval?: string;

  /**
   * HUAWEI CLOUD region of the job, e.g. `cn-north-4`.
   *
   * @default - from the environment Terraform runs in (`HW_REGION_NAME`, `OS_REGION_NAME`)
   */
  readonly region?: string;

  /**
   * Project id the job belongs to.
   *
   * @default - from the environment Terraform runs in (`HW_PROJECT_ID`, `OS_PROJECT_ID`,
   * `HUAWEICLOUD_SDK_PROJECT_ID`)
   */
  readonly projectId?: string;

  /**
   * One endpoint for every service, e.g. the local emulator. `https://`, or `http://` on a
   * loopback host only.
   *
   * @default - from the environment Terraform runs in (`HWJOBS_ENDPOINT`), else the region's
   * public endpoints
   */
  readonly endpoint?: string;

  /**
   * Workspace APP endpoint, used for `image-job` and `app-job`. `https://`, or `http://` on a
   * loopback host only.
   *
   * @default - from the environment Terraform runs in (`HWJOBS_APPSTREAM_ENDPOINT`), else
   * `endpoint`, else the region's public endpoint
   */
  readonly appstreamEndpoint?: string;

  /**
   * IMS endpoint, used for `ims-job`. `https://`, or `http://` on a loopback host only.
   *
   * @default - from the environment Terraform runs in (`HWJOBS_IMS_ENDPOINT`), else `endpoint`,
   * else the region's public endpoint
   */
  readonly imsEndpoint?: string;

  /**
   * Extra values that make Terraform wait again when they change (the wait always re-runs when
   * `kind` or `jobId` changes). Keys `kind` and `job_id` are reserved.
   *
   * The values are stored in the Terraform state in plain text: never put secrets here.
   *
   * @default - no extra triggers
   */
  readonly triggers?: Record<string, string>;

  /**
   * Synthesize a `null_resource` (provider `hashicorp/null`, downloaded at `terraform init`)
   * instead of the built-in `terraform_data`, for Terraform older than 1.4.
   *
   * @default false
   */
  readonly useNullResource?: boolean;

  /**
   * Resources the wait must come after, typically the one that starts the job when `jobId` is
   * not already a reference to it.
   *
   * @default - no explicit dependencies
   */
  readonly dependsOn?: ITerraformDependable[];
}

const DEFAULT_TIMEOUT = "60m";
const DEFAULT_NOT_FOUND_GRACE = "60s";
const DEFAULT_MIN_POLL_INTERVAL = "5s";
const DEFAULT_MAX_POLL_INTERVAL = "60s";

const RESERVED_TRIGGER_KEYS: readonly string[] = ["kind", "job_id"];

// The CLI command is a constant; every input travels in the environment, so no value is ever
// parsed by a shell or echoed back in Terraform's "Error running command '<command>'" message.
const WAIT_COMMAND = "wait";

const NULL_PROVIDER_SOURCE = "hashicorp/null";
const NULL_PROVIDER_VERSION = ">= 3.0";

// Stacks that already declare the null provider requirement (declared once per stack).
const stacksRequiringNull = new WeakSet<TerraformStack>();

/**
 * Blocks `terraform apply` (and `cdktf deploy`) until a HUAWEI CLOUD asynchronous job finishes,
 * and fails the apply with the job's own error when the job fails.
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
 * new DataResource(this, "release", { dependsOn: [wait], input: { image: jobIdVar.stringValue } });
 * new TerraformOutput(this, "image_id", { value: wait.resourceId });
 */
export class WaitForJob extends Construct implements ITerraformDependable {
  /** Kind of the job waited for, as given (a `JobKind` value or a token). */
  public readonly kind: string;

  /** Id of the job waited for, as given (a literal or a token). */
  public readonly jobId: string;

  /** The synthesized `terraform_data` (or, with `useNullResource`, `null_resource`) resource. */
  public readonly resource: TerraformResource;

  // Validated region, project id and endpoints, for the job data source.
  private readonly settings: Readonly<Partial<Record<OptionalSetting, string>>>;

  // Added on the first read of status, resourceId, resourceIds or jobData().
  private jobDataSource?: HwjobsJobDataSource;

  constructor(scope: Construct, id: string, props: WaitForJobProps) {
    super(scope, id);
    const fail = failFor("WaitForJob", id);

    this.kind = validateKind(props.kind, fail);
    this.jobId = validateWaitJobId(props.jobId, this.kind, fail);

    const timeout = props.timeout ?? DEFAULT_TIMEOUT;
    const notFoundGrace = props.notFoundGrace ?? DEFAULT_NOT_FOUND_GRACE;
    const minPollInterval = props.minPollInterval ?? DEFAULT_MIN_POLL_INTERVAL;
    const maxPollInterval = props.maxPollInterval ?? DEFAULT_MAX_POLL_INTERVAL;
    validateDuration(timeout, "timeout", fail);
    validateDuration(notFoundGrace, "notFoundGrace", fail);
    const minMs = validateDuration(minPollInterval, "minPollInterval", fail);
    const maxMs = validateDuration(maxPollInterval, "maxPollInterval", fail);
    if (minMs !== undefined && maxMs !== undefined && minMs > maxMs) {
      fail(`minPollInterval (${minPollInterval}) must not be longer than maxPollInterval (${maxPollInterval})`);
    }

    const environment: Record<string, string> = {
      HWJOBS_KIND: this.kind,
      HWJOBS_JOB_ID: this.jobId,
      HWJOBS_TIMEOUT: timeout,
      HWJOBS_NOT_FOUND_GRACE: notFoundGrace,
      HWJOBS_MIN_POLL_INTERVAL: minPollInterval,
      HWJOBS_MAX_POLL_INTERVAL: maxPollInterval,
      // The progress lines already name the result; a JSON document would only clutter Terraform's log.
      HWJOBS_OUTPUT: "none",
    };
    // Optional settings are written only when given, so that the environment Terraform runs in
    // (the same variables) still applies when they are not: local-exec's `environment` overrides
    // inherited variables of the same name.
    const optional: ReadonlyArray<[variable: string, prop: OptionalSetting, validate: Validator]> = [
      ["HW_REGION_NAME", "region", validateName],
      ["HW_PROJECT_ID", "projectId", validateName],
      ["HWJOBS_ENDPOINT", "endpoint", validateEndpointProp],
      ["HWJOBS_APPSTREAM_ENDPOINT", "appstreamEndpoint", validateEndpointProp],
      ["HWJOBS_IMS_ENDPOINT", "imsEndpoint", validateEndpointProp],
    ];
    const settings: { -readonly [prop in OptionalSetting]?: string } = {};
    for (const [variable, prop, validate] of optional) {
      const value = props[prop];
      if (value !== undefined) environment[variable] = settings[prop] = validate(value, prop, fail);
    }
    this.settings = settings;

    const triggers = { ...validateTriggers(props.triggers, fail), kind: this.kind, job_id: this.jobId };

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
    const useNull = props.useNullResource === true;
    const resource = new TerraformResource(this, "Default", {
      terraformResourceType: useNull ? "null_resource" : "terraform_data",
      dependsOn: props.dependsOn,
      provisioners: [provisioner],
    });
    resource.addOverride(useNull ? "triggers" : "triggers_replace", triggers);
    if (useNull) requireNullProvider(TerraformStack.of(this));
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

/** The job data source of a WaitForJob: the kind may be a token, and the props are already validated. */
class WaitJobDataSource extends HwjobsJobDataSource {
  constructor(
    scope: Construct,
    id: string,
    spec: { operation: string; jobId: string; settings: HwjobsDataSourceProps },
  ) {
    super(scope, id, spec.operation, { job_id: spec.jobId }, spec.settings, failFor("WaitForJob", scope.node.id));
  }
}

type OptionalSetting = "region" | "projectId" | "endpoint" | "appstreamEndpoint" | "imsEndpoint";

function validateKind(kind: string, fail: Fail): string {
  if (typeof kind !== "string") fail(`kind must be one of ${JOB_KINDS.join(", ")} (got ${typeof kind})`);
  if (Token.isUnresolved(kind)) return kind;
  if (!isJobKind(kind)) fail(`kind must be one of ${JOB_KINDS.join(", ")} (got ${JSON.stringify(kind)})`);
  return kind;
}

function validateWaitJobId(jobId: string, kind: string, fail: Fail): string {
  // With a token kind the limit is not known yet: allow the longest and let the CLI decide.
  const max = kind === JobKind.APP_JOB || Token.isUnresolved(kind) ? MAX_APP_JOB_ID_LENGTH : MAX_JOB_ID_LENGTH;
  return validateJobId(jobId, max, fail);
}

/** Returns milliseconds for a literal duration, undefined for a token. */
function validateDuration(value: string, prop: string, fail: Fail): number | undefined {
  if (typeof value !== "string") fail(`${prop} must be a duration string (got ${typeof value})`);
  if (Token.isUnresolved(value)) return undefined;
  try {
    return parseDuration(value, prop);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), error);
  }
}

function validateTriggers(triggers: Record<string, string> | undefined, fail: Fail): Record<string, string> {
  if (triggers === undefined) return {};
  if (triggers === null || typeof triggers !== "object" || Array.isArray(triggers)) {
    fail("triggers must be a map of strings");
  }
  for (const [key, value] of Object.entries(triggers)) {
    if (RESERVED_TRIGGER_KEYS.includes(key)) {
      fail(`triggers must not use the reserved keys ${RESERVED_TRIGGER_KEYS.join(", ")} (got ${JSON.stringify(key)})`);
    }
    if (key.length === 0) fail("triggers keys must be non-empty");
    if (typeof value !== "string") fail(`triggers.${key} must be a string (got ${typeof value})`);
  }
  return { ...triggers };
}

/**
 * Declares `required_providers.null` on the stack once. Each field is produced at synth time so
 * that a null provider the user configures (e.g. with its own version pin or mirror source) wins.
 */
function requireNullProvider(stack: TerraformStack): void {
  if (stacksRequiringNull.has(stack)) return;
  stacksRequiringNull.add(stack);
  const userProvider = () => stack.allProviders().find((p) => p.terraformResourceType === "null");
  stack.addOverride(
    "terraform.required_providers.null.source",
    Lazy.stringValue({ produce: () => userProvider()?.terraformProviderSource ?? NULL_PROVIDER_SOURCE }),
  );
  stack.addOverride(
    "terraform.required_providers.null.version",
    Lazy.stringValue({
      produce: () => {
        const metadata = userProvider()?.terraformGeneratorMetadata;
        return metadata?.providerVersion ?? metadata?.providerVersionConstraint ?? NULL_PROVIDER_VERSION;
      },
    }),
  );
}
