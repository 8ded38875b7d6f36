// The framework seam: the one module of the package that names the CDK frameworks (docs/architecture.md §6).
//
// The package works in CDK for Terraform (`cdktf` ^0.21) and CDK Terrain (`cdktn` ^0.24) apps,
// both optional peers. Constructs must be built from the classes of the framework their stack
// belongs to: cdktn's stack calls methods on its elements that cdktf 0.21's classes lack, so a
// cdktf element in a cdktn stack crashes `app.synth()`. Every construct therefore asks
// `frameworkOf(scope)` for the framework of its stack, found among the modules already loaded
// (a stack can only come from one), and classes that extend a framework class are made per
// framework (`perFramework`). Nothing is loaded until a construct is created, so the package root
// also loads where neither framework is installed (the CLI and library parts).
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as Cdktf from "cdktf";
import type { IConstruct } from "constructs";

/**
 * The API of a framework module as this package uses it. cdktn 0.24 keeps cdktf 0.21's API for
 * every class and function used here (and adds to it), so cdktf's typings describe both.
 */
export type Framework = typeof Cdktf;

// The framework classes used as types elsewhere in `constructs/`.
/** A stack of the framework. */
export type TerraformStack = Cdktf.TerraformStack;
/** An element (resource, data source, output, …) of the framework. */
export type TerraformElement = Cdktf.TerraformElement;
/** A resource of the framework. */
export type TerraformResource = Cdktf.TerraformResource;
/** A data source of the framework. */
export type TerraformDataSource = Cdktf.TerraformDataSource;
/** A provider of the framework. */
export type TerraformProvider = Cdktf.TerraformProvider;
/** An asset (a file shipped with the synthesized stack) of the framework. */
export type TerraformAsset = Cdktf.TerraformAsset;
/** The `local-exec` provisioner settings of the framework. */
export type LocalExecProvisioner = Cdktf.LocalExecProvisioner;

/** The framework packages, CDK Terrain first (the maintained one). */
export const FRAMEWORK_PACKAGES: readonly string[] = Object.freeze(["cdktn", "cdktf"]);

// Both frameworks mark stacks with this symbol (cdktn kept cdktf's), which finds the stack of a
// scope whichever copy of which framework made it.
const STACK_SYMBOL = Symbol.for("cdktf/TerraformStack");

/** What a module must export to be taken for a framework (its main module, not one of its files). */
const FRAMEWORK_MEMBERS = [
  "App",
  "TerraformStack",
  "TerraformElement",
  "TerraformResource",
  "TerraformDataSource",
  "TerraformAsset",
  "AssetType",
  "Annotations",
  "Fn",
  "Token",
  "Lazy",
];

function isFramework(exports: unknown): exports is Framework {
  return typeof exports === "object" && exports !== null && FRAMEWORK_MEMBERS.every((member) => member in exports);
}

// The framework found for each stack class, so that the module cache is searched once per class.
const frameworkOfStackClass = new WeakMap<object, Framework>();

/**
 * The loaded framework whose `TerraformStack` the stack's class extends, found in the module cache:
 * whichever copy the app loaded is the one used, also when this package resolves its peers
 * elsewhere (`npm link`, `file:` dependencies), and nothing is resolved or loaded for it.
 */
function loadedFrameworkOf(stack: object): Framework | undefined {
  const stackClass = stack.constructor;
  const known = frameworkOfStackClass.get(stackClass);
  if (known !== undefined) return known;
  for (const module of Object.values(require.cache)) {
    const exports: unknown = module?.exports;
    if (isFramework(exports) && stack instanceof exports.TerraformStack) {
      frameworkOfStackClass.set(stackClass, exports);
      return exports;
    }
  }
  return undefined;
}

/**
 * The framework files that resolve from this package (the normal, deduped install) or from the
 * app's entry point, for when the module cache has no match (a loader that keeps its own).
 */
function installedFrameworkFiles(): string[] {
  const bases = [__dirname, require.main?.filename === undefined ? undefined : path.dirname(require.main.filename)];
  const files = new Set<string>();
  for (const name of FRAMEWORK_PACKAGES) {
    for (const base of bases) {
      if (base === undefined) continue;
      try {
        files.add(createRequire(path.join(base, "noop.js")).resolve(name));
      } catch {
        // Not installed where seen from this base.
      }
    }
  }
  return [...files];
}

/** The nearest stack of `scope` (itself included), of any framework copy. */
function stackOf(scope: IConstruct): IConstruct | undefined {
  return [...scope.node.scopes].reverse().find((c) => typeof c === "object" && c !== null && STACK_SYMBOL in c);
}

/**
 * The framework (the `cdktf` or `cdktn` module) of the stack that contains `scope`: the classes
 * every construct added there must be made from. With both installed, the stack decides.
 *
 * @param fail reports, in one line, a scope that is not a construct inside a stack, or a framework
 * that is not installed
 */
export function frameworkOf(scope: IConstruct, fail: (message: string) => never): Framework {
  const either = FRAMEWORK_PACKAGES.map((name) => `"${name}"`).join(" or ");
  const where = `a TerraformStack of ${either}`;
  if (typeof scope !== "object" || scope === null || typeof scope.node !== "object" || scope.node === null) {
    fail(`needs a scope inside ${where} (got ${scope === null ? "null" : typeof scope}, not a construct)`);
  }
  const stack = stackOf(scope);
  const loaded = stack === undefined ? undefined : loadedFrameworkOf(stack);
  if (loaded !== undefined) return loaded;
  const files = installedFrameworkFiles();
  if (files.length === 0) {
    fail(
      `needs the ${either} package, and neither is installed; install the framework of your app (npm install cdktn, or npm install cdktf)`,
    );
  }
  if (stack === undefined) fail(`needs a scope inside ${where}; "${scope.node.path || "(root)"}" is not inside one`);
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path found at run time, loaded only when needed
    const framework: unknown = require(file);
    if (isFramework(framework) && stack instanceof framework.TerraformStack) return framework;
  }
  return fail(
    `its stack "${stack.node.path}" comes from a copy of ${either} that is not loaded as a module (this package finds ${files.join(", ")})`,
  );
}

/**
 * Memoizes `make` per framework: for classes that extend a framework class, made once for each
 * framework that is used. Keyed by the framework's `TerraformStack` class, which identifies a copy
 * of a framework even when it is reached through two module objects (a module re-exporting it).
 */
export function perFramework<T>(make: (framework: Framework) => T): (framework: Framework) => T {
  const made = new WeakMap<object, T>();
  return (framework) => {
    let value = made.get(framework.TerraformStack);
    if (value === undefined) {
      value = make(framework);
      made.set(framework.TerraformStack, value);
    }
    return value;
  };
}
