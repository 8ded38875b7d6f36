import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { before, describe, it } from "node:test";
import { AssetType, TerraformAsset, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { HWJOBS_CLI_ASSET_ID, HWJOBS_CLI_BUNDLE, hwjobsCliAsset, hwjobsCliProgram } from "../../src/constructs";
import { ensureCliBundle } from "./helpers";

describe("hwjobs CLI asset", () => {
  before(ensureCliBundle);

  it("points at lib/hwjobs.cjs under the package root", () => {
    assert.ok(isAbsolute(HWJOBS_CLI_BUNDLE));
    assert.equal(HWJOBS_CLI_BUNDLE, join(__dirname, "..", "..", "lib", "hwjobs.cjs"));
  });

  it("creates one FILE asset on the stack and returns it again from any scope in it", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    const nested = new Construct(new Construct(stack, "outer"), "inner");
    const first = hwjobsCliAsset(nested);
    const second = hwjobsCliAsset(stack);
    assert.equal(first, second);
    assert.ok(first instanceof TerraformAsset);
    assert.equal(first.type, AssetType.FILE);
    assert.equal(first.node.scope, stack);
    assert.equal(first.node.id, HWJOBS_CLI_ASSET_ID);
    assert.equal(stack.node.children.filter((c) => c instanceof TerraformAsset).length, 1);
  });

  it("gives each stack its own asset", () => {
    const app = Testing.app();
    const a = hwjobsCliAsset(new TerraformStack(app, "a"));
    const b = hwjobsCliAsset(new TerraformStack(app, "b"));
    assert.notEqual(a, b);
  });

  it("returns the program argv with a path relative to the stack directory", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    const program = hwjobsCliProgram(stack);
    assert.equal(program.length, 2);
    assert.equal(program[0], "node");
    assert.match(program[1] ?? "", /^assets\/hwjobs-cli\/[0-9A-F]{32}\/hwjobs\.cjs$/);
    assert.equal(program[1], hwjobsCliAsset(stack).path);
  });

  it("fails with a hint to build when the bundle does not exist", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    const missing = join(mkdtempSync(join(tmpdir(), "hwjobs-missing-")), "hwjobs.cjs");
    assert.throws(() => hwjobsCliAsset(stack, { bundlePath: missing }), {
      message: `hwjobs CLI bundle not found at ${missing}; run "npm run build"`,
    });
  });

  it("refuses a second, different bundle in the same stack", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    const other = join(mkdtempSync(join(tmpdir(), "hwjobs-other-")), "hwjobs.cjs");
    writeFileSync(other, "// other bundle\n");
    hwjobsCliAsset(stack);
    assert.throws(() => hwjobsCliAsset(stack, { bundlePath: other }), /already ships the hwjobs CLI/);
    assert.equal(hwjobsCliAsset(stack, { bundlePath: HWJOBS_CLI_BUNDLE }), hwjobsCliAsset(stack));
  });

  it("refuses to reuse a foreign construct that has the asset's id", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    new Construct(stack, HWJOBS_CLI_ASSET_ID);
    assert.throws(() => hwjobsCliAsset(stack), /not the hwjobs CLI asset/);
  });
});
