// The framework objects that the public API hands out, typed by their shape. The package's typings
// must compile in an app that has only `cdktf` or only `cdktn` installed, so no public type may
// name either package; each interface below is the part of the framework class (of whichever
// framework the stack uses) that users reach for, and the framework's own objects satisfy it.
import type { IConstruct } from "constructs";

/**
 * Something other elements can depend on: the shape of `ITerraformDependable` in cdktf and
 * cdktn, so that `dependsOn` takes this package's constructs and the framework's alike.
 */
export interface ITerraformDependable {
  /** Terraform address, e.g. `terraform_data.wait`. */
  readonly fqn: string;
}

/**
 * A value resolved at synth time: the shape of `IResolvable` in cdktf and cdktn (usable wherever
 * they take one, e.g. a `TerraformOutput` value or `Fn.lookup`).
 */
export interface IResolvable {
  /** Where the value was created, appended to resolution errors. */
  readonly creationStack: string[];

  /** Produces the value at synth time (called by the framework). */
  resolve(context: unknown): unknown;

  /** A reversible string representation (a token). */
  toString(): string;
}

/** A `TerraformElement` of the stack's framework (cdktf or cdktn). */
export interface IFrameworkElement extends IConstruct, ITerraformDependable {
  /** The element's unique id in the stack, e.g. `wait`. */
  readonly friendlyUniqueId: string;

  /** Overrides a value of the synthesized JSON at a dot-separated path (the framework's escape hatch). */
  addOverride(path: string, value: unknown): void;
}

/** A `TerraformResource` of the stack's framework (cdktf or cdktn). */
export interface IFrameworkResource extends IFrameworkElement {
  /** The Terraform resource type, e.g. `terraform_data`. */
  readonly terraformResourceType: string;
}

/** A `TerraformDataSource` of the stack's framework (cdktf or cdktn). */
export interface IFrameworkDataSource extends IFrameworkElement {
  /** The Terraform data source type, e.g. `external`. */
  readonly terraformResourceType: string;

  /** A reference to a string attribute, e.g. `getStringAttribute("result.count")`. */
  getStringAttribute(terraformAttribute: string): string;
}

/** A `TerraformAsset` of the stack's framework (cdktf or cdktn). */
export interface IFrameworkAsset extends IConstruct {
  /** Path of the asset relative to the stack directory, e.g. `assets/hwjobs-cli/<hash>/hwjobs.cjs`. */
  readonly path: string;

  /** File name of the asset, e.g. `hwjobs.cjs`. */
  readonly fileName: string;

  /** Hash of the asset's content (part of `path`, so it changes with the content). */
  readonly assetHash: string;
}
