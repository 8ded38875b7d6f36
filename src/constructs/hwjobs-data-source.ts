import {
  Fn,
  type IResolvable,
  type ITerraformDependable,
  TerraformDataSource,
  TerraformElement,
  TerraformStack,
  Token,
} from "cdktf";
import { Construct } from "constructs";
import { MAX_CONCURRENCY } from "../core/pagination";
import { hwjobsCliProgram } from "./cli-asset";
import { type Fail, type Validator, validateEndpointProp, validateName, validatePositiveInteger } from "./validation";

/** Properties every data source of this library takes. */
export interface HwjobsDataSourceProps {
  /**
   * HUAWEI CLOUD region to query, e.g. `cn-north-4`.
   *
   * @default - from the environment Terraform runs in (`HW_REGION_NAME`, `OS_REGION_NAME`)
   */
  readonly region?: string;

  /**
   * Project id to query.
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
   * Workspace APP endpoint, used for image-server and app-server jobs. `https://`, or `http://`
   * on a loopback host only.
   *
   * @default - from the environment Terraform runs in (`HWJOBS_APPSTREAM_ENDPOINT`), else
   * `endpoint`, else the region's public endpoint
   */
  readonly appstreamEndpoint?: string;

  /**
   * IMS endpoint, used for IMS jobs. `https://`, or `http://` on a loopback host only.
   *
   * @default - from the environment Terraform runs in (`HWJOBS_IMS_ENDPOINT`), else `endpoint`,
   * else the region's public endpoint
   */
  readonly imsEndpoint?: string;

  /**
   * Resources the read must come after. A data source that depends on a resource with pending
   * changes is read during the apply, after that resource, instead of during the plan.
   *
   * @default - no explicit dependencies
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** Parameters of a list operation, on top of {@link HwjobsDataSourceProps}. */
export interface HwjobsListDataSourceProps extends HwjobsDataSourceProps {
  /**
   * How many page requests the CLI keeps in flight at once after the first page (1 to 16).
   * Lists always read every page.
   *
   * @default 4
   */
  readonly concurrency?: number;
}

/** The settings every operation takes, as [query key, prop, validator]. */
const COMMON_SETTINGS: ReadonlyArray<[key: string, prop: keyof HwjobsDataSourceProps, validate: Validator]> = [
  ["region", "region", validateName],
  ["project_id", "projectId", validateName],
  ["endpoint", "endpoint", validateEndpointProp],
  ["appstream_endpoint", "appstreamEndpoint", validateEndpointProp],
  ["ims_endpoint", "imsEndpoint", validateEndpointProp],
];

/** Highest `concurrency` a list data source accepts: the CLI's limit. */
export const MAX_LIST_CONCURRENCY = MAX_CONCURRENCY;

/** The argument that makes the CLI speak the Terraform external data source protocol. */
const EXTERNAL_COMMAND = "external";

const EXTERNAL_PROVIDER_SOURCE = "hashicorp/external";
const EXTERNAL_PROVIDER_VERSION = ">= 2.3";

/** Construct id of the stack child that declares `required_providers.external`. */
const EXTERNAL_REQUIREMENT_ID = "hwjobs-external-provider";

/** A `data "external"` with a fixed `program` and `query` (no provider construct needed). */
class ExternalDataSource extends TerraformDataSource {
  constructor(
    scope: Construct,
    id: string,
    private readonly program: string[],
    private readonly query: Record<string, string>,
    dependsOn: ITerraformDependable[] | undefined,
  ) {
    // No terraformGeneratorMetadata: cdktf would then insist on a provider construct in the stack
    // (ValidateProviderPresence), i.e. on @cdktf/provider-external. The requirement is declared on
    // the stack instead, and Terraform configures `external` (which takes no settings) by default.
    super(scope, id, { terraformResourceType: "external", dependsOn });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { program: this.program, query: this.query };
  }

  protected override synthesizeHclAttributes(): Record<string, unknown> {
    return {
      program: { value: this.program, isBlock: false, type: "list", storageClassType: "stringList" },
      query: { value: this.query, isBlock: false, type: "map", storageClassType: "stringMap" },
    };
  }
}

/**
 * Declares `terraform.required_providers.external` once per stack. A stack element rather than a
 * stack override, so that what the user declares wins whatever the order: the stack's own
 * overrides (`stack.addOverride("terraform.required_providers.external", …)`) are merged after
 * every element, and with an `external` provider construct in the stack this declares nothing.
 */
class ExternalProviderRequirement extends TerraformElement {
  public override toTerraform(): Record<string, unknown> {
    return this.requirement();
  }

  public override toHclTerraform(): Record<string, unknown> {
    return this.requirement();
  }

  private requirement(): Record<string, unknown> {
    if (this.cdktfStack.allProviders().some((provider) => provider.terraformResourceType === "external")) return {};
    return {
      terraform: {
        required_providers: { external: { source: EXTERNAL_PROVIDER_SOURCE, version: EXTERNAL_PROVIDER_VERSION } },
      },
    };
  }
}

function requireExternalProvider(scope: Construct): void {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(EXTERNAL_REQUIREMENT_ID);
  if (existing === undefined) {
    new ExternalProviderRequirement(stack, EXTERNAL_REQUIREMENT_ID);
  } else if (!(existing instanceof ExternalProviderRequirement)) {
    throw new Error(`stack "${stack.node.id}" already has a child "${EXTERNAL_REQUIREMENT_ID}" that is not the external provider requirement`);
  }
}

/** Reads `key` of an external data source's `result` map, e.g. `data.external.x.result.count`. */
function resultAttribute(dataSource: TerraformDataSource, key: string): string {
  const path = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `result.${key}` : `result[${JSON.stringify(key)}]`;
  return dataSource.getStringAttribute(path);
}

/**
 * Base of this library's data sources: a `data "external"` that runs the bundled `hwjobs` CLI
 * (`node <asset> external`) with the operation and its parameters as `query`.
 *
 * The query holds only non-secret values; the CLI reads credentials from the environment
 * Terraform runs in. Settings left out of the props are left out of the query too, so that the
 * environment still applies.
 */
export abstract class HwjobsDataSource extends Construct implements ITerraformDependable {
  /** The synthesized `data "external"`. */
  public readonly dataSource: TerraformDataSource;

  /** The CLI operation this data source runs, e.g. `list-image-jobs` (a token for a token job kind). */
  public readonly operation: string;

  /**
   * @param operation the CLI operation (the query's `operation`)
   * @param parameters the operation's parameters under their API names; undefined ones are left out
   * @param fail reports invalid props, naming the construct
   */
  protected constructor(
    scope: Construct,
    id: string,
    operation: string,
    parameters: Record<string, string | undefined>,
    props: HwjobsDataSourceProps,
    fail: Fail,
  ) {
    const query: Record<string, string> = { operation };
    for (const [key, value] of Object.entries(parameters)) {
      if (value !== undefined) query[key] = value;
    }
    for (const [key, prop, validate] of COMMON_SETTINGS) {
      const value = props[prop];
      if (value !== undefined) query[key] = validate(value as string, prop, fail);
    }
    super(scope, id);
    this.operation = operation;
    requireExternalProvider(this);
    // "Default" is left out of logical ids: directly in a stack, the address is `data.external.<id>`.
    this.dataSource = new ExternalDataSource(this, "Default", [...hwjobsCliProgram(this), EXTERNAL_COMMAND], query, props.dependsOn?.length ? props.dependsOn : undefined);
  }

  /** Terraform address of the data source (`data.external.<id>`), so that `dependsOn: [data]` works. */
  public get fqn(): string {
    return this.dataSource.fqn;
  }

  /** The raw `result` map of the external data source: every value the CLI returned, as strings. */
  public get result(): Record<string, string> {
    return this.dataSource.getStringMapAttribute("result");
  }

  /** One value of the raw `result` map, as a string (e.g. `resultValue("count")`). */
  public resultValue(key: string): string {
    return resultAttribute(this.dataSource, key);
  }
}

/** Base of the list data sources (`list-*` operations). */
export abstract class HwjobsListDataSource extends HwjobsDataSource {
  /** Adds the validated `concurrency` prop, which every list takes, to the operation's parameters. */
  protected constructor(
    scope: Construct,
    id: string,
    operation: string,
    parameters: Record<string, string | undefined>,
    props: HwjobsListDataSourceProps,
    fail: Fail,
  ) {
    const concurrency =
      props.concurrency === undefined ? undefined : validatePositiveInteger(props.concurrency, "concurrency", MAX_LIST_CONCURRENCY, fail);
    super(scope, id, operation, { ...parameters, concurrency }, props, fail);
  }

  /** Number of matching items, as the API counts them. */
  public get count(): number {
    return Token.asNumber(Fn.tonumber(this.resultValue("count")));
  }

  /** The matching items from every page, as the API returns them (a decoded JSON list). */
  public get items(): IResolvable {
    return Fn.jsondecode(this.resultValue("items"));
  }

  /** The ids of the matching items, in the order of `items`. */
  public get ids(): string[] {
    return Token.asList(Fn.jsondecode(this.resultValue("ids")));
  }
}

/** Base of the count data sources (`count-*` operations). */
export abstract class HwjobsCountDataSource extends HwjobsDataSource {
  /** Number of matching sub-jobs. */
  public get count(): number {
    return Token.asNumber(Fn.tonumber(this.resultValue("count")));
  }
}

/** Base of the single-job data sources (`get-*` operations). */
export abstract class HwjobsJobDataSource extends HwjobsDataSource {
  /** The job's status as the API reports it, e.g. `RUNNING`, `SUCCESS` (Workspace APP) or `FAIL` (IMS). */
  public get status(): string {
    return this.resultValue("status");
  }

  /** The status classified: `pending`, `succeeded` or `failed`. */
  public get phase(): string {
    return this.resultValue("phase");
  }

  /** The first resource the job produced (e.g. the image id), or an empty string. */
  public get resourceId(): string {
    return this.resultValue("resource_id");
  }

  /** Every resource the job produced (e.g. image ids), possibly empty. */
  public get resourceIds(): string[] {
    return Token.asList(Fn.jsondecode(this.resultValue("resource_ids")));
  }

  /** The job's error code, or an empty string. */
  public get errorCode(): string {
    return this.resultValue("error_code");
  }

  /** The job's error message, or an empty string. */
  public get errorMessage(): string {
    return this.resultValue("error_message");
  }

  /** The API's job object (a decoded JSON object). */
  public get job(): IResolvable {
    return Fn.jsondecode(this.resultValue("job"));
  }
}
