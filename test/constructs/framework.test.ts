// The framework seam (docs/architecture.md §6): with cdktf and cdktn both installed (as in this repository), the
// stack decides which framework's classes the constructs are made of, never a mix; the same stack
// code synthesizes the same configuration in both; a scope outside any stack is a one-line error.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import * as cdktf from "cdktf";
import * as cdktn from "cdktn";
import { Construct, type IConstruct } from "constructs";
import {
  DataAppServerJob,
  DataAppServerSubJobCount,
  DataAppServerSubJobs,
  DataImageServerJob,
  DataImageServerJobs,
  DataImageServerSubJobCount,
  DataImageServerSubJobs,
  DataImsJob,
  JobKind,
  WaitForJob,
  hwjobsCliAsset,
} from "../../src/constructs";
import { ensureCliBundle } from "./helpers";

/** The part of a framework module these tests use; both modules have it. */
type FrameworkModule = Pick<
  typeof cdktf,
  "App" | "TerraformStack" | "TerraformVariable" | "TerraformOutput" | "TerraformResource" | "TerraformElement" | "TerraformAsset"
>;

const FRAMEWORKS: ReadonlyArray<[name: string, module: FrameworkModule]> = [
  ["cdktf", cdktf],
  ["cdktn", cdktn as unknown as FrameworkModule],
];

/** Every construct of the package in one stack, with tokens and literals, results read. */
function buildStack(fw: FrameworkModule, stack: cdktf.TerraformStack): void {
  const jobId = new fw.TerraformVariable(stack, "image_job_id", { type: "string" });
  const kind = new fw.TerraformVariable(stack, "job_kind", { type: "string", default: "ims-job" });
  const wait = new WaitForJob(stack, "wait", { kind: kind.stringValue, jobId: jobId.stringValue, timeout: "45m" });
  const nullWait = new WaitForJob(stack, "legacy", { kind: JobKind.APP_JOB, jobId: "123", useNullResource: true });
  new fw.TerraformResource(stack, "release", { terraformResourceType: "terraform_data", dependsOn: [wait, nullWait] });
  new fw.TerraformOutput(stack, "image_id", { value: wait.resourceId });
  new fw.TerraformOutput(stack, "image_ids", { value: wait.resourceIds });
  const jobs = new DataImageServerJobs(stack, "jobs", { jobType: "CREATE_SERVER_IMAGE", concurrency: 8 });
  const subJobs = new DataImageServerSubJobs(stack, "sub_jobs", { jobType: "CREATE_SERVER", jobId: jobId.stringValue, dependsOn: [wait] });
  const failed = new DataImageServerSubJobCount(stack, "failed", { status: "FAILED", jobTypes: ["CREATE_SERVER", "DELETE_SERVER"] });
  const appSubJobs = new DataAppServerSubJobs(stack, "app_sub_jobs", { jobType: "CREATE_SERVER" });
  const appCount = new DataAppServerSubJobCount(stack, "app_count", {});
  const image = new DataImageServerJob(stack, "image", { jobId: "1" });
  const app = new DataAppServerJob(stack, "app", { jobId: "2" });
  const ims = new DataImsJob(stack, "ims", { jobId: "3", region: "cn-north-4" });
  new fw.TerraformOutput(stack, "out", {
    value: {
      count: jobs.count,
      items: jobs.items,
      ids: subJobs.ids,
      failed: failed.count,
      app: appSubJobs.count,
      appCount: appCount.count,
      status: image.status,
      job: app.job,
      resources: ims.resourceIds,
    },
  });
}

/** The synthesized stack of `fw`, written by a full `app.synth()` (what a user's app runs). */
function synthWith(fw: FrameworkModule, outdir: string): { json: Record<string, unknown>; stack: cdktf.TerraformStack } {
  const app = new fw.App({ outdir });
  const stack = new fw.TerraformStack(app, "pipeline");
  buildStack(fw, stack);
  app.synth();
  return { json: JSON.parse(readFileSync(join(outdir, "stacks", "pipeline", "cdk.tf.json"), "utf8")) as Record<string, unknown>, stack };
}

/** Every construct below `root` that is a framework element (of either framework copy). */
function elementsOf(root: IConstruct): IConstruct[] {
  return root.node
    .findAll()
    .filter(
      (c) =>
        c instanceof cdktf.TerraformElement ||
        c instanceof cdktn.TerraformElement ||
        c instanceof cdktf.TerraformAsset ||
        c instanceof cdktn.TerraformAsset,
    );
}

describe("framework seam", () => {
  let work: string;
  before(() => {
    ensureCliBundle();
    work = mkdtempSync(join(tmpdir(), "hwjobs-framework-"));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  for (const [name, fw] of FRAMEWORKS) {
    const [otherName, other] = FRAMEWORKS.find(([n]) => n !== name)!;
    it(`a ${name} stack gets only ${name} elements, and app.synth() succeeds`, () => {
      const { stack } = synthWith(fw, join(work, `only-${name}`));
      const elements = elementsOf(stack);
      // Variables, outputs, the release, 2 waits, 3 data sources of results, 8 data sources, the asset, the provider requirement.
      assert.ok(elements.length >= 15, `found ${elements.length} elements`);
      for (const element of elements) {
        const ours = element instanceof fw.TerraformElement || element instanceof fw.TerraformAsset;
        const theirs = element instanceof other.TerraformElement || element instanceof other.TerraformAsset;
        assert.ok(ours && !theirs, `${element.node.path} must be a ${name} element, not ${otherName}`);
      }
    });
  }

  it("the same stack code synthesizes the same configuration in both, apart from the framework's version", () => {
    const strip = (json: Record<string, unknown>): unknown => {
      const copy = structuredClone(json) as { "//"?: { metadata?: { version?: string } } };
      assert.match(String(copy["//"]?.metadata?.version), /^\d+\.\d+\.\d+$/);
      delete copy["//"]!.metadata!.version;
      return copy;
    };
    const fromCdktf = synthWith(cdktf, join(work, "same-cdktf")).json;
    const fromCdktn = synthWith(FRAMEWORKS[1]![1], join(work, "same-cdktn")).json;
    assert.notEqual(
      (fromCdktf["//"] as { metadata: { version: string } }).metadata.version,
      (fromCdktn["//"] as { metadata: { version: string } }).metadata.version,
    );
    assert.deepEqual(strip(fromCdktn), strip(fromCdktf));
  });

  it("two stacks of different frameworks in one process each keep their own classes", () => {
    const a = new cdktf.TerraformStack(new cdktf.App({ outdir: join(work, "mixed-a") }), "a");
    const b = new cdktn.TerraformStack(new cdktn.App({ outdir: join(work, "mixed-b") }), "b");
    const waitA = new WaitForJob(a, "w", { kind: JobKind.IMS_JOB, jobId: "1" });
    const waitB = new WaitForJob(b, "w", { kind: JobKind.IMS_JOB, jobId: "1" });
    assert.ok(waitA.resource instanceof cdktf.TerraformResource && !(waitA.resource instanceof cdktn.TerraformResource));
    assert.ok(waitB.resource instanceof cdktn.TerraformResource && !(waitB.resource instanceof cdktf.TerraformResource));
    assert.ok(hwjobsCliAsset(a) instanceof cdktf.TerraformAsset);
    assert.ok(hwjobsCliAsset(b) instanceof cdktn.TerraformAsset);
  });

  for (const [name] of FRAMEWORKS) {
    it(`a ${name} app never loads the other framework, although both are installed`, () => {
      const other = name === "cdktf" ? "cdktn" : "cdktf";
      const program = [
        `const fw = require(${JSON.stringify(name)});`,
        `const { WaitForJob, DataImsJob } = require(${JSON.stringify(join(__dirname, "..", "..", "src", "constructs"))});`,
        `const app = new fw.App({ outdir: ${JSON.stringify(join(work, `lazy-${name}`))} });`,
        `const stack = new fw.TerraformStack(app, "s");`,
        `new WaitForJob(stack, "w", { kind: "ims-job", jobId: "1" }).resourceId;`,
        `new DataImsJob(stack, "d", { jobId: "1" });`,
        `app.synth();`,
        `const loaded = Object.keys(require.cache).filter((f) => f.includes("/node_modules/${other}/"));`,
        `process.stdout.write(JSON.stringify(loaded));`,
      ].join("\n");
      const run = spawnSync(process.execPath, ["--import", "tsx", "-e", program], { encoding: "utf8", timeout: 60_000 });
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), []);
    });
  }

  it("a stack of another copy of the framework (a linked package resolves its own) gets that copy's classes", () => {
    // A second copy of cdktn outside this repository, as an app has when this package is linked
    // (`npm link`, `file:`) and so resolves its peers from its own node_modules.
    const modules = join(work, "linked-app", "node_modules");
    cpSync(dirname(require.resolve("cdktn/package.json")), join(modules, "cdktn"), { recursive: true });
    // cdktn bundles its own dependencies; its peer is shared.
    symlinkSync(dirname(require.resolve("constructs/package.json")), join(modules, "constructs"));
    const program = [
      `const copy = require(${JSON.stringify(join(modules, "cdktn"))});`,
      `const { WaitForJob, DataImsJob } = require(${JSON.stringify(join(__dirname, "..", "..", "src", "constructs"))});`,
      `if (copy.TerraformStack === require("cdktn").TerraformStack) throw new Error("not a second copy");`,
      `const app = new copy.App({ outdir: ${JSON.stringify(join(work, "linked-app", "out"))} });`,
      `const stack = new copy.TerraformStack(app, "s");`,
      `const wait = new WaitForJob(stack, "w", { kind: "ims-job", jobId: "1" });`,
      `new DataImsJob(stack, "d", { jobId: "1", dependsOn: [wait] });`,
      `if (!(wait.resource instanceof copy.TerraformResource)) throw new Error("not the copy's class");`,
      `app.synth();`,
    ].join("\n");
    const run = spawnSync(process.execPath, ["--import", "tsx", "-e", program], { encoding: "utf8", timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(existsSync(join(work, "linked-app", "out", "stacks", "s", "cdk.tf.json")));
  });

  describe("a scope outside any stack is a one-line error naming the construct and both frameworks", () => {
    const outside: ReadonlyArray<[what: string, scope: () => Construct]> = [
      ["a bare construct", () => new Construct(undefined as unknown as Construct, "root")],
      ["a cdktf App", () => new cdktf.App({ outdir: join(work, "bare-app") })],
      ["a cdktn App", () => new cdktn.App({ outdir: join(work, "bare-app-n") }) as unknown as Construct],
    ];
    const make: ReadonlyArray<[name: string, create: (scope: Construct) => unknown]> = [
      ["WaitForJob", (s) => new WaitForJob(s, "x", { kind: JobKind.IMS_JOB, jobId: "1" })],
      ["DataImageServerJobs", (s) => new DataImageServerJobs(s, "x", { jobType: "CREATE_SERVER" })],
      ["DataImageServerSubJobs", (s) => new DataImageServerSubJobs(s, "x", { jobType: "CREATE_SERVER" })],
      ["DataImageServerSubJobCount", (s) => new DataImageServerSubJobCount(s, "x")],
      ["DataAppServerSubJobs", (s) => new DataAppServerSubJobs(s, "x", { jobType: "CREATE_SERVER" })],
      ["DataAppServerSubJobCount", (s) => new DataAppServerSubJobCount(s, "x")],
      ["DataImageServerJob", (s) => new DataImageServerJob(s, "x", { jobId: "1" })],
      ["DataAppServerJob", (s) => new DataAppServerJob(s, "x", { jobId: "1" })],
      ["DataImsJob", (s) => new DataImsJob(s, "x", { jobId: "1" })],
    ];
    for (const [what, scope] of outside) {
      for (const [name, create] of make) {
        it(`${name} in ${what}`, () => {
          const root = scope();
          assert.throws(
            () => create(root),
            (error: unknown) => {
              assert.ok(error instanceof Error && !(error instanceof TypeError), String(error));
              assert.equal(error.message.split("\n").length, 1, error.message);
              assert.match(
                error.message,
                new RegExp(`^${name} "x": needs a scope inside a TerraformStack of "cdktn" or "cdktf"; "[^"]*" is not inside one$`),
              );
              return true;
            },
          );
          // Nothing was added to the scope before the error.
          assert.deepEqual(
            root.node.children.map((c) => c.node.id),
            [],
          );
        });
      }
    }

    it("a scope that is not a construct", () => {
      for (const scope of [null, undefined, {}, "stack"]) {
        assert.throws(
          () => new WaitForJob(scope as unknown as Construct, "x", { kind: JobKind.IMS_JOB, jobId: "1" }),
          /^Error: WaitForJob "x": needs a scope inside a TerraformStack of "cdktn" or "cdktf" \(got \w+, not a construct\)$/,
        );
        assert.throws(() => hwjobsCliAsset(scope as unknown as Construct), /^Error: hwjobsCliAsset: needs a scope inside a TerraformStack/);
      }
    });

    it("a stack of a framework copy the package cannot load", () => {
      // Marked as a stack the way both frameworks mark theirs, but made by neither loaded copy.
      const foreign = new Construct(undefined as unknown as Construct, "foreign");
      Object.defineProperty(foreign, Symbol.for("cdktf/TerraformStack"), { value: true });
      assert.throws(
        () => new DataImsJob(foreign, "x", { jobId: "1" }),
        /^Error: DataImsJob "x": its stack "foreign" comes from a copy of "cdktn" or "cdktf" that is not loaded as a module \(this package finds .*cdktn.*cdktf.*\)$/,
      );
    });
  });
});
