// The package as a git dependency (`npm install git+…`): npm clones the repository, installs its
// dev dependencies and runs `prepare`, which builds lib/. Installed from this repository's HEAD
// (what a clone gets), into a fresh cdktf app, through the npm cache.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "../../scripts/stack-runner";
import { childEnv } from "../helpers/cli";
import { installApp, packageVersion } from "../helpers/package";
import { runProgram } from "../helpers/process";

const PACKAGE = "cdktf-huaweicloud-jobs";

describe("a git dependency", () => {
  let work: string;
  let app: string;

  before(
    async () => {
      work = mkdtempSync(join(tmpdir(), "hwjobs-git-dep-"));
      app = join(work, "app");
      await installApp(app, [`git+${pathToFileURL(REPO_ROOT).href}`, "cdktf@0.21.0", "constructs@10.4.2"]);
    },
    { timeout: 600_000 },
  );

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("is built on install: the library, its typings and the CLI bundle are there", () => {
    const root = join(app, "node_modules", PACKAGE);
    for (const file of ["lib/index.js", "lib/index.d.ts", "lib/hwjobs.cjs", "scenarios/small.json", "LICENSE"]) {
      assert.ok(existsSync(join(root, file)), `${file} is missing from the installed git dependency`);
    }
    assert.ok(!existsSync(join(root, "src")), "sources are not shipped");
  });

  test("npx hwjobs runs, and a stack with a WaitForJob synthesizes", async () => {
    const version = await runProgram(["npx", "--no", "--", "hwjobs", "--version"], { cwd: app, env: childEnv({}), timeoutMs: 60_000 });
    assert.equal(version.code, 0, version.stderr);
    assert.equal(version.stdout.trim(), packageVersion());
    const program = [
      `const { App, TerraformStack } = require("cdktf");`,
      `const { JobKind, WaitForJob } = require(${JSON.stringify(PACKAGE)});`,
      `const app = new App({ outdir: "out" });`,
      `new WaitForJob(new TerraformStack(app, "s"), "wait", { kind: JobKind.IMS_JOB, jobId: "123" });`,
      `app.synth();`,
    ].join("\n");
    const synth = await runProgram([process.execPath, "-e", program], { cwd: app, env: childEnv({}), timeoutMs: 60_000 });
    assert.equal(synth.code, 0, synth.stderr);
    assert.ok(existsSync(join(app, "out", "stacks", "s", "cdk.tf.json")));
  });
});
