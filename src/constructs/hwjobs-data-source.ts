import { Construct } from "constructs";
import { hwjobsCliProgram } from "./cli-asset";
import { externalDataSourceClass, resultAttribute } from "./external-data-source";
import type { Framework, TerraformDataSource } from "./framework";
import type { IFrameworkDataSource, IResolvable, ITerraformDependable } from "./framework-types";
import { requireExternalProvider } from "./provider-requirements";
import type { Fail } from "./fail";
import { CONNECTION_SETTINGS, type ConnectionSettingName } from "../core/connection-settings";
import type { ConnectionProps } from "./connection-props";
import { contextFor, validateDependsOn, validateDurationProp } from "./validation";
import { validateConnectionProps } from "./validate-connection";

/** Properties every data source of this library takes: where the jobs are, and how long a read may take. */
export interface HwjobsDataSourceProps extends ConnectionProps {
  /**
   * Longest time the read may take, retries included, as a duration (`90s`, `5m`, …): past it the
   * plan (or apply) fails with the CLI's exit 4, naming the deadline and the endpoint, instead of
   * hanging on a server that stalls or dribbles.
   *
   * @default "5m" (the CLI's default for `hwjobs external`)
   */
  readonly timeout?: string;

  /**
   * Resources the read must come after. A data source that depends on a resource with pending
   * changes is read during the apply, after that resource, instead of during the plan.
   *
   * @default - no explicit dependencies
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** The argument that makes the CLI speak the Terraform external data source protocol. */
const EXTERNAL_COMMAND = "external";

/**
 * Base of this library's data sources: a `data "external"` that runs the bundled `hwjobs` CLI
 * (`node <asset> external`) with the operation and its parameters as `query`.
 *
 * The query holds only non-secret values; the CLI reads credentials from the environment
 * Terraform runs in. Settings left out of the props are left out of the query too, so that the
 * environment still applies.
 */
export abstract class HwjobsDataSource extends Construct implements ITerraformDependable {
  /** The synthesized `data "external"` (a `TerraformDataSource` of the stack's framework). */
  public readonly dataSource: IFrameworkDataSource;

  /** The CLI operation this data source runs, e.g. `list-image-jobs` (a token for a token job kind). */
  public readonly operation: string;

  /**
   * @param operation the CLI operation (the query's `operation`)
   * @param parameters the operation's parameters under their API names; undefined ones are left out
   * @param fail reports invalid props, naming the construct (see `failFor`)
   * @param warnings synth-time warnings about the props (undefined ones are skipped), added as
   *   annotations of the construct, which the framework's CLI prints at synth
   */
  protected constructor(
    scope: Construct,
    id: string,
    operation: string,
    parameters: Record<string, string | undefined>,
    props: HwjobsDataSourceProps,
    fail: Fail,
    warnings: ReadonlyArray<string | undefined> = [],
  ) {
    const ctx = contextFor(scope, fail);
    const query: Record<string, string> = { operation };
    for (const [key, value] of Object.entries(parameters)) {
      if (value !== undefined) query[key] = value;
    }
    for (const [name, value] of Object.entries(validateConnectionProps(props, ctx)) as Array<[ConnectionSettingName, string]>) {
      query[CONNECTION_SETTINGS[name].queryKey] = value;
    }
    if (props.timeout !== undefined) query.timeout = validateDurationProp(props.timeout, "timeout", ctx);
    const dependsOn = validateDependsOn(props.dependsOn, ctx);
    super(scope, id);
    this.operation = operation;
    this.framework = ctx.framework;
    for (const warning of warnings) if (warning !== undefined) ctx.framework.Annotations.of(this).addWarning(warning);
    requireExternalProvider(this, ctx.framework);
    // "Default" is left out of logical ids: directly in a stack, the address is `data.external.<id>`.
    const ExternalDataSource = externalDataSourceClass(ctx.framework);
    this.external = new ExternalDataSource(
      this,
      "Default",
      [...hwjobsCliProgram(this), EXTERNAL_COMMAND],
      query,
      dependsOn?.length ? dependsOn : undefined,
    );
    this.dataSource = this.external;
  }

  // The framework of the stack (cdktf or cdktn), whose `Fn` and `Token` the attributes use.
  private readonly framework: Framework;

  // The same object as `dataSource`, with the framework's full type for internal use.
  private readonly external: TerraformDataSource;

  /** Terraform address of the data source (`data.external.<id>`), so that `dependsOn: [data]` works. */
  public get fqn(): string {
    return this.dataSource.fqn;
  }

  /** The raw `result` map of the external data source: every value the CLI returned, as strings. */
  public get result(): Record<string, string> {
    return this.external.getStringMapAttribute("result");
  }

  /** One value of the raw `result` map, as a string (e.g. `resultValue("count")`). */
  public resultValue(key: string): string {
    return resultAttribute(this.external, key);
  }

  /** A `result` value holding a number, as a number (`tonumber(…)`). */
  protected numberValue(key: string): number {
    const { Fn, Token } = this.framework;
    return Token.asNumber(Fn.tonumber(this.resultValue(key)));
  }

  /** A `result` value holding a JSON list of strings, as a string list (`jsondecode(…)`). */
  protected stringListValue(key: string): string[] {
    const { Fn, Token } = this.framework;
    return Token.asList(Fn.jsondecode(this.resultValue(key)));
  }

  /** A `result` value holding JSON text, decoded (`jsondecode(…)`). */
  protected jsonValue(key: string): IResolvable {
    return this.framework.Fn.jsondecode(this.resultValue(key));
  }
}
