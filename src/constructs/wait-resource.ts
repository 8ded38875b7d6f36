// The part every wait construct shares (WaitForJob, WaitForJobs): the validated environment of
// `hwjobs wait` and the resource that runs it. Internal.
import type { Construct } from "constructs";
import { CONNECTION_SETTINGS, type ConnectionSettingName } from "../core/connection-settings";
import { WAIT_ENV, WAIT_TIMINGS, type WaitTimingProp } from "../jobs/wait-timings";
import { hwjobsCliProgram } from "./cli-asset";
import type { ConnectionProps } from "./connection-props";
import type { LocalExecProvisioner } from "./framework";
import type { IFrameworkResource } from "./framework-types";
import { requireNullProvider } from "./provider-requirements";
import { validateConnectionProps } from "./validate-connection";
import type { IConstruct } from "constructs";
import { failFor } from "./fail";
import {
  contextFor,
  validateBoolean,
  validateDependsOn,
  validateDuration,
  validateKind,
  validateProps,
  type ConstructContext,
} from "./validation";
import type { WaitSettingsProps } from "./wait-settings-props";

// The CLI command is a constant; every input travels in the environment, so no value is ever
// parsed by a shell or echoed back in Terraform's "Error running command '<command>'" message.
const WAIT_COMMAND = "wait";

/** How every wait construct starts: its context, its props checked to be an object, and its kind. */
export function startWait<P extends { readonly kind: string }>(
  construct: string,
  scope: IConstruct,
  id: string,
  props: P,
): { ctx: ConstructContext; props: P; kind: string } {
  const ctx = contextFor(scope, failFor(construct, id));
  const checked = validateProps(props, ctx, { optional: false });
  return { ctx, props: checked, kind: validateKind(checked.kind, ctx) };
}

/** The validated settings of a wait, before anything is added to the scope. */
export interface WaitSetup {
  /** The provisioner's environment: timings, output, switches and the given connection settings. */
  readonly environment: Record<string, string>;
  /** The given connection settings (region, project id, endpoints), for a data source reading the result. */
  readonly settings: Readonly<Partial<Record<ConnectionSettingName, string>>>;
  readonly dependsOn: ReturnType<typeof validateDependsOn>;
  readonly useNull: boolean;
}

/**
 * Validates the shared props and writes the environment of `hwjobs wait`, with `inputs` (kind,
 * ids, selector) first.
 */
export function setUpWait(props: WaitSettingsProps & ConnectionProps, inputs: Record<string, string>, ctx: ConstructContext): WaitSetup {
  const dependsOn = validateDependsOn(props.dependsOn, ctx);
  const useNull = validateBoolean(props.useNullResource, "useNullResource", ctx) === true;
  const allowFailedSubJobs = validateBoolean(props.allowFailedSubJobs, "allowFailedSubJobs", ctx) === true;

  // Every timing is written, defaults included, so that the wait does not depend on the
  // environment Terraform runs in (jobs/wait-timings.ts).
  const environment: Record<string, string> = { ...inputs };
  const timingsMs: Partial<Record<WaitTimingProp, number>> = {};
  for (const prop of Object.keys(WAIT_TIMINGS) as WaitTimingProp[]) {
    const value = props[prop] === undefined ? WAIT_TIMINGS[prop].default : props[prop];
    timingsMs[prop] = validateDuration(value, prop, ctx, { allowZero: WAIT_TIMINGS[prop].allowZero });
    environment[WAIT_TIMINGS[prop].env] = value;
  }
  const { minPollInterval: minMs, maxPollInterval: maxMs } = timingsMs;
  if (minMs !== undefined && maxMs !== undefined && minMs > maxMs) {
    ctx.fail(
      `minPollInterval (${environment[WAIT_TIMINGS.minPollInterval.env]}) must not be longer than maxPollInterval (${environment[WAIT_TIMINGS.maxPollInterval.env]})`,
    );
  }
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
  return { environment, settings, dependsOn, useNull };
}

/**
 * Adds the resource that runs `hwjobs wait` once when created (and again when `triggers` change),
 * as the construct's `Default` child.
 */
export function addWaitResource(
  scope: Construct,
  setup: WaitSetup,
  triggers: Record<string, string>,
  ctx: ConstructContext,
): IFrameworkResource {
  const provisioner: LocalExecProvisioner = {
    type: "local-exec",
    interpreter: hwjobsCliProgram(scope),
    command: WAIT_COMMAND,
    environment: setup.environment,
  };
  // "Default" is left out of logical ids, so a wait directly in a stack has the address
  // `terraform_data.<id>` (stable and readable in plans and state), not `<id>_<child>_<hash>`.
  //
  // Both variants are generic resources. cdktf's DataResource would add a validation that runs
  // `terraform version` during synth, so a stack could not be synthesized where no terraform
  // binary is installed (build containers, the demo's fallback); Terraform itself refuses
  // `terraform_data` before 1.4 at init. No terraformGeneratorMetadata either: cdktf would then
  // insist on a provider construct in the stack (ValidateProviderPresence), i.e. on
  // @cdktf/provider-null for the null variant, whose requirement is declared on the stack instead.
  const resource = new ctx.framework.TerraformResource(scope, "Default", {
    terraformResourceType: setup.useNull ? "null_resource" : "terraform_data",
    dependsOn: setup.dependsOn,
    provisioners: [provisioner],
  });
  resource.addOverride(setup.useNull ? "triggers" : "triggers_replace", triggers);
  if (setup.useNull) requireNullProvider(scope, ctx.framework);
  return resource;
}
