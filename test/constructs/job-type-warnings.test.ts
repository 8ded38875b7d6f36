// A count data source given a job type newer than this package sends it, with one synth warning
// (an annotation, which the framework's CLI prints and writes to the stack's manifest).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import * as cdktf from "cdktf";
import * as cdktn from "cdktn";
import { APP_JOB_TYPES, IMAGE_JOB_TYPES } from "../../src/api/enums";
import { DataAppServerSubJobCount, DataImageServerSubJobCount } from "../../src/constructs";

interface Annotation {
  readonly constructPath: string;
  readonly level: string;
  readonly message: string;
}

/** Synthesizes `build` in a stack of `framework`: the queries by data source name, and the manifest's warnings. */
function synth(
  framework: typeof cdktf,
  build: (stack: cdktf.TerraformStack) => void,
): { queries: Record<string, Record<string, string>>; warnings: Annotation[] } {
  const outdir = mkdtempSync(join(tmpdir(), "job-type-warnings-"));
  try {
    const app = new framework.App({ outdir });
    const stack = new framework.TerraformStack(app, "stack");
    build(stack);
    app.synth();
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as {
      stacks: Record<string, { annotations: Annotation[] }>;
    };
    const config = JSON.parse(readFileSync(join(outdir, "stacks", "stack", "cdk.tf.json"), "utf8")) as {
      data: { external: Record<string, { query: Record<string, string> }> };
    };
    const warnings = manifest.stacks.stack!.annotations.filter((a) => a.level === "@cdktf/warn");
    const queries = Object.fromEntries(Object.entries(config.data.external).map(([key, d]) => [key, d.query]));
    return { queries, warnings };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const FRAMEWORKS = [
  ["cdktf", cdktf],
  ["cdktn", cdktn as unknown as typeof cdktf],
] as const;

describe("job types newer than the package", () => {
  for (const [name, framework] of FRAMEWORKS) {
    it(`${name}: every known type is synthesized without a warning`, () => {
      const { queries, warnings } = synth(framework, (stack) => {
        new DataImageServerSubJobCount(stack, "image", { jobTypes: [...IMAGE_JOB_TYPES] });
        new DataAppServerSubJobCount(stack, "app", { jobTypes: [...APP_JOB_TYPES].slice(0, 10) });
        new DataAppServerSubJobCount(stack, "app2", { jobTypes: [...APP_JOB_TYPES].slice(10) });
      });
      assert.equal(queries.image!.job_type, IMAGE_JOB_TYPES.join(","));
      assert.equal(queries.app!.job_type, APP_JOB_TYPES.slice(0, 10).join(","));
      assert.equal(queries.app2!.job_type, APP_JOB_TYPES.slice(10).join(","));
      assert.deepEqual(warnings, []);
    });

    it(`${name}: a newer-looking type is sent as given, with one warning naming it and a close known type`, () => {
      const { queries, warnings } = synth(framework, (stack) => {
        new DataImageServerSubJobCount(stack, "image", { jobTypes: ["BUILD_IMAGE", "BUILD_IMAGES", "FUTURE_TYPE", "FUTURE_TYPE"] });
        new DataAppServerSubJobCount(stack, "app", { jobTypes: ["CREATE_SERVER"] });
      });
      assert.equal(queries.image!.job_type, "BUILD_IMAGE,BUILD_IMAGES,FUTURE_TYPE,FUTURE_TYPE");
      assert.equal(queries.app!.job_type, "CREATE_SERVER");
      assert.equal(warnings.length, 1, JSON.stringify(warnings));
      assert.equal(warnings[0]!.constructPath, "stack/image");
      assert.equal(
        warnings[0]!.message,
        'jobTypes: "BUILD_IMAGES" (did you mean "BUILD_IMAGE"?), "FUTURE_TYPE" are not job types this version knows for CountImageSubJobs; ' +
          "sent as given, since the service may define types newer than this version",
      );
    });
  }

  it("a newer type with a bad prop: the error only, and nothing added to the scope", () => {
    const app = new cdktf.App({ outdir: mkdtempSync(join(tmpdir(), "job-type-warnings-")) });
    const stack = new cdktf.TerraformStack(app, "stack");
    assert.throws(
      () => new DataImageServerSubJobCount(stack, "image", { jobTypes: ["FUTURE_TYPE"], status: "DONE" }),
      /^Error: DataImageServerSubJobCount "image": status must be one of /,
    );
    assert.equal(stack.node.tryFindChild("image"), undefined);
    assert.deepEqual(
      stack.node.findAll().flatMap((c) => c.node.metadata),
      [],
    );
  });

  it("a type of the other kind of job is sent, with a warning naming the count it belongs to", () => {
    const { queries, warnings } = synth(cdktf, (stack) => {
      new DataAppServerSubJobCount(stack, "app", { jobTypes: ["BUILD_IMAGE"] });
    });
    assert.equal(queries.app!.job_type, "BUILD_IMAGE");
    assert.deepEqual(
      warnings.map((w) => w.message),
      [
        'jobTypes: "BUILD_IMAGE" (a job type of CountImageSubJobs) is not a job type this version knows for CountSubJobs; sent as given, since the service may define types newer than this version',
      ],
    );
  });

  it("a token element is not judged, and gets no warning", () => {
    const { queries, warnings } = synth(cdktf, (stack) => {
      const variable = new cdktf.TerraformVariable(stack, "type", { type: "string" });
      new DataAppServerSubJobCount(stack, "app", { jobTypes: ["CREATE_SERVER", variable.stringValue] });
    });
    assert.equal(queries.app!.job_type, "CREATE_SERVER,${var.type}");
    assert.deepEqual(warnings, []);
  });
});
