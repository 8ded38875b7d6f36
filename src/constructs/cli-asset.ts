import { existsSync, statSync } from "node:fs";
import * as path from "node:path";
import type { IConstruct } from "constructs";
import { type TerraformAsset, frameworkOf } from "./framework";
import type { IFrameworkAsset } from "./framework-types";

/**
 * Absolute path of the bundled `hwjobs` CLI that Terraform runs.
 *
 * `build.mjs` writes it to `<package root>/lib/hwjobs.cjs`. This module sits two levels below the
 * package root both as `src/constructs/cli-asset.ts` (tsx) and as `lib/constructs/cli-asset.js`
 * (compiled), so one relative path serves both.
 */
export const HWJOBS_CLI_BUNDLE: string = path.resolve(__dirname, "../../lib/hwjobs.cjs");

/**
 * Construct id of the shared CLI asset, a direct child of the stack.
 *
 * Fixed so that every construct in a stack finds the same asset, and so that the asset folder
 * (`assets/hwjobs-cli/<hash>/hwjobs.cjs`) is stable and readable.
 */
export const HWJOBS_CLI_ASSET_ID = "hwjobs-cli";

/** Options for {@link hwjobsCliAsset}. */
export interface HwjobsCliAssetOptions {
  /**
   * The CLI bundle to ship. Only used when the stack has no CLI asset yet; asking for a different
   * bundle afterwards is an error, since a stack ships exactly one.
   *
   * @default HWJOBS_CLI_BUNDLE, the bundle built into this package
   */
  readonly bundlePath?: string;
}

// Remembers which bundle each asset was made from, to catch two constructs asking for different ones.
const bundleOfAsset = new WeakMap<TerraformAsset, string>();

/**
 * Returns the one `TerraformAsset` of the bundled `hwjobs` CLI in the stack that contains `scope`,
 * creating it on first use (with the stack's framework, cdktf or cdktn). Every construct of this
 * library in a stack shares it, so the CLI is copied once per stack however many constructs run it.
 *
 * @throws Error when `scope` is not inside a stack, or the bundle file does not exist (the
 * package has not been built)
 */
export function hwjobsCliAsset(scope: IConstruct, options: HwjobsCliAssetOptions = {}): IFrameworkAsset {
  const framework = frameworkOf(scope, (message) => {
    throw new Error(`hwjobsCliAsset: ${message}`);
  });
  const { AssetType, TerraformAsset, TerraformStack } = framework;
  const stack = TerraformStack.of(scope);
  const bundlePath = path.resolve(options.bundlePath ?? HWJOBS_CLI_BUNDLE);

  const existing = stack.node.tryFindChild(HWJOBS_CLI_ASSET_ID);
  if (existing !== undefined) {
    if (!(existing instanceof TerraformAsset)) {
      throw new Error(`stack "${stack.node.id}" already has a child "${HWJOBS_CLI_ASSET_ID}" that is not the hwjobs CLI asset`);
    }
    const existingBundle = bundleOfAsset.get(existing);
    if (options.bundlePath !== undefined && existingBundle !== undefined && existingBundle !== bundlePath) {
      throw new Error(`stack "${stack.node.id}" already ships the hwjobs CLI from ${existingBundle}; cannot also ship ${bundlePath}`);
    }
    return existing;
  }

  if (!existsSync(bundlePath) || !statSync(bundlePath).isFile()) {
    throw new Error(`hwjobs CLI bundle not found at ${bundlePath}; run "npm run build"`);
  }
  // An absolute source path: TerraformAsset would resolve a relative one against cdktf.json,
  // which belongs to the user's project, not to this package.
  const asset = new TerraformAsset(stack, HWJOBS_CLI_ASSET_ID, { path: bundlePath, type: AssetType.FILE });
  bundleOfAsset.set(asset, bundlePath);
  return asset;
}

/**
 * The argv that runs the `hwjobs` CLI from Terraform: `["node", "assets/hwjobs-cli/<hash>/hwjobs.cjs"]`.
 *
 * The script path is relative to the stack directory, where Terraform runs, so the synthesized
 * configuration holds no machine-specific absolute path. Use it as a `local-exec` `interpreter`
 * (followed by a constant command) or as an external data source `program` (followed by arguments).
 */
export function hwjobsCliProgram(scope: IConstruct, options: HwjobsCliAssetOptions = {}): string[] {
  return ["node", hwjobsCliAsset(scope, options).path];
}
