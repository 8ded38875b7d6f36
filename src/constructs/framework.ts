// The framework seam: the one module of the package that names the CDK frameworks (design §6).
//
// The package works in CDK for Terraform (`cdktf` ^0.21) and CDK Terrain (`cdktn` ^0.24) apps,
// both optional peers. Constructs must be built from the classes of the framework their stack
// belongs to: cdktn's stack calls methods on its elements that cdktf 0.21's classes lack, so a
// cdktf element in a cdktn stack crashes `app.synth()`. Every construct therefore asks
// `frameworkOf(scope)` for the framework of its stack, and classes that extend a framework class
// are made per framework (`perFramework`). Nothing is loaded until a construct is created, so the
// package root also loads where neither framework is installed (the CLI and library parts).
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as Cdktf from "cdktf";
import type { IConstruct } from "constructs";

/**
 * The API of a framework module as this package uses it. cdktn 0.24 keeps cdktf 0.21's API for
 * every class and function used here (and adds to it), so cdktf's typings describe both.
 */
export type Framework = typeof Cdktf;

/** The framework classes used as types elsewhere in `constructs/`. */
export type TerraformStack = Cdktf.TerraformStack;
export type TerraformElement = Cdktf.TerraformElement;
export type TerraformResource = Cdktf.TerraformResource;
export type TerraformDataSource = Cdktf.TerraformDataSource;
export type TerraformProvider = Cdktf.TerraformProvider;
export type TerraformAsset = Cdktf.TerraformAsset;
export type LocalExecProvisioner = Cdktf.LocalExecProvisioner;

/** The framework packages, CDK Terrain first (the maintained one). */
export const FRAMEWORK_PACKAGES: readonly string[] = Object.freeze(["cdktn", "cdktf"]);

// Both frameworks mark stacks with this symbol (cdktn kept cdktf's), which finds the stack of a
// scope whichever copy of which framework made it.
const STACK_SYMBOL = Symbol.for("cdktf/TerraformStack");

/** A framework package that resolves from here, not loaded until a stack needs it. */
interface InstalledFramework {
  readonly name: string;
  readonly file: string;
}

let installed: readonly InstalledFramework[] | undefined;

/**
 * The framework copies that can be loaded: resolved from this package first (the normal, deduped
 * install), then from the app's directory and the working directory, which find the app's own copy
 * when this package is linked (`npm link`, `file:`) and so resolves its peers elsewhere.
 */
function installedFrameworks(): readonly InstalledFramework[] {
  if (installed !== undefined) return installed;
  const bases = [__dirname, require.main?.filename ? path.dirname(require.main.filename) : undefined, process.cwd()];
  const found = new Map<string, InstalledFramework>();
  for (const name of FRAMEWORK_PACKAGES) {
    for (const base of bases) {
      if (base === undefined) continue;
      try {
        const file = createRequire(path.join(base, "noop.js")).resolve(name);
        if (!found.has(file)) found.set(file, { name, file });
      } catch {
        // Not installed where seen from this base.
      }
    }
  }
  installed = [...found.values()];
  return installed;
}

/**
 * The installed frameworks, those already loaded first: a stack can only come from a loaded one,
 * so a framework that is installed but unused (the other one, beside the app's) is never loaded.
 */
function* loadedFirst(frameworks: readonly InstalledFramework[]): Generator<Framework> {
  const isLoaded = (framework: InstalledFramework) => require.cache[framework.file] !== undefined;
  for (const framework of [...frameworks.filter(isLoaded), ...frameworks.filter((f) => !isLoaded(f))]) {
    yield require(framework.file) as Framework;
  }
}

/** The nearest stack of `scope` (itself included), of any framework copy. */
function stackOf(scope: IConstruct): IConstruct | undefined {
  return [...scope.node.scopes].reverse().find((c) => typeof c === "object" && c !== null && STACK_SYMBOL in c);
}

/**
 * The framework (the `cdktf` or `cdktn` module) of the stack that contains `scope`: the classes
 * every construct added there must be made from. With both installed, the stack decides.
 *
 * @param fail reports a scope outside any stack, or a framework that is not installed, in one line
 */
export function frameworkOf(scope: IConstruct, fail: (message: string) => never): Framework {
  const either = FRAMEWORK_PACKAGES.map((name) => `"${name}"`).join(" or ");
  const stack = stackOf(scope);
  const frameworks = installedFrameworks();
  if (frameworks.length === 0) {
    fail(`needs the ${either} package, and neither is installed; install the framework of your app (npm install cdktn, or npm install cdktf)`);
  }
  if (stack === undefined) {
    fail(`must be created inside a TerraformStack of ${either}; "${scope.node.path || "(root)"}" is not inside one`);
  }
  for (const framework of loadedFirst(frameworks)) {
    if (stack instanceof framework.TerraformStack) return framework;
  }
  const loaded = frameworks.map((framework) => framework.file).join(", ");
  return fail(`its stack "${stack.node.path}" comes from a copy of ${either} that this package cannot load (it loads ${loaded}); install one copy of the framework for the app`);
}

/**
 * Memoizes `make` per framework: for classes that extend a framework class, made once for each
 * framework that is used.
 */
export function perFramework<T>(make: (framework: Framework) => T): (framework: Framework) => T {
  const made = new WeakMap<Framework, T>();
  return (framework) => {
    let value = made.get(framework);
    if (value === undefined) {
      value = make(framework);
      made.set(framework, value);
    }
    return value;
  };
}
