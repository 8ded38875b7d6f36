// The `terraform.required_providers` entries the constructs need, declared once per stack. Internal.
//
// Neither provider gets a provider construct: cdktf would then insist on one in the stack
// (ValidateProviderPresence), i.e. on @cdktf/provider-null or @cdktf/provider-external. Both
// providers take no settings, so Terraform configures them by default once they are required.
//
// The two declarations work differently on purpose, and synthesize differently:
// - null (WaitForJob's `useNullResource`) is two stack overrides whose values are produced at synth
//   time, copying the source and version of a null provider construct the user adds;
// - external (the data sources) is a stack element, so that a user's own stack override of
//   `terraform.required_providers.external` wins whatever the order, and that declares nothing
//   when the user adds an external provider construct (which then declares itself).
import type { Construct } from "constructs";
import { type Framework, type TerraformElement, type TerraformProvider, type TerraformStack, perFramework } from "./framework";

const NULL_PROVIDER_SOURCE = "hashicorp/null";
const NULL_PROVIDER_VERSION = ">= 3.0";

const EXTERNAL_PROVIDER_SOURCE = "hashicorp/external";
const EXTERNAL_PROVIDER_VERSION = ">= 2.3";

/** Construct id of the stack child that declares `required_providers.external`. */
const EXTERNAL_REQUIREMENT_ID = "hwjobs-external-provider";

// Stacks that already declare the null provider requirement (declared once per stack).
const stacksRequiringNull = new WeakSet<TerraformStack>();

/** The provider construct of type `type` (e.g. `null`) the user added to `stack`, if any. */
function userProvider(stack: TerraformStack, type: string): TerraformProvider | undefined {
  return stack.allProviders().find((provider) => provider.terraformResourceType === type);
}

/**
 * Declares `required_providers.null` on the stack of `scope` once. Each field is produced at synth
 * time so that a null provider the user configures (e.g. with its own version pin or mirror
 * source) wins.
 */
export function requireNullProvider(scope: Construct, framework: Framework): void {
  const { Lazy, TerraformStack } = framework;
  const stack = TerraformStack.of(scope);
  if (stacksRequiringNull.has(stack)) return;
  stacksRequiringNull.add(stack);
  stack.addOverride(
    "terraform.required_providers.null.source",
    Lazy.stringValue({ produce: () => userProvider(stack, "null")?.terraformProviderSource ?? NULL_PROVIDER_SOURCE }),
  );
  stack.addOverride(
    "terraform.required_providers.null.version",
    Lazy.stringValue({
      produce: () => {
        const metadata = userProvider(stack, "null")?.terraformGeneratorMetadata;
        return metadata?.providerVersion ?? metadata?.providerVersionConstraint ?? NULL_PROVIDER_VERSION;
      },
    }),
  );
}

/**
 * Declares `terraform.required_providers.external` once per stack. A stack element rather than a
 * stack override, so that what the user declares wins whatever the order: the stack's own
 * overrides (`stack.addOverride("terraform.required_providers.external", …)`) are merged after
 * every element, and with an `external` provider construct in the stack this declares nothing.
 * One class per framework, since it extends the framework's `TerraformElement`.
 */
const externalProviderRequirementClass = perFramework(
  (framework: Framework): new (scope: Construct, id: string) => TerraformElement =>
    class ExternalProviderRequirement extends framework.TerraformElement {
      public override toTerraform(): Record<string, unknown> {
        return this.requirement();
      }

      public override toHclTerraform(): Record<string, unknown> {
        return this.requirement();
      }

      private requirement(): Record<string, unknown> {
        if (userProvider(this.cdktfStack, "external") !== undefined) return {};
        return {
          terraform: {
            required_providers: { external: { source: EXTERNAL_PROVIDER_SOURCE, version: EXTERNAL_PROVIDER_VERSION } },
          },
        };
      }
    },
);

/**
 * Declares `required_providers.external` on the stack of `scope` once (see
 * `externalProviderRequirementClass`).
 *
 * @throws Error when the stack already has a child of that id that is something else
 */
export function requireExternalProvider(scope: Construct, framework: Framework): void {
  const stack = framework.TerraformStack.of(scope);
  const ExternalProviderRequirement = externalProviderRequirementClass(framework);
  const existing = stack.node.tryFindChild(EXTERNAL_REQUIREMENT_ID);
  if (existing === undefined) {
    new ExternalProviderRequirement(stack, EXTERNAL_REQUIREMENT_ID);
  } else if (!(existing instanceof ExternalProviderRequirement)) {
    throw new Error(
      `stack "${stack.node.id}" already has a child "${EXTERNAL_REQUIREMENT_ID}" that is not the external provider requirement`,
    );
  }
}
