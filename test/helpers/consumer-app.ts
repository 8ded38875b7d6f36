// The sources of the consumer apps the package tests install the tarball into: a TypeScript app
// on one framework (two stacks: a wait gating a release, and a report of data sources), and a
// plain-JavaScript app with neither framework.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readmeSnippet } from "./readme-snippets";

/** The frameworks the package supports. */
export type FrameworkName = "cdktf" | "cdktn";

/** Stack and variable names of the app written by {@link writeFrameworkApp}. */
export const APP = {
  pipelineStack: "pipeline",
  reportStack: "report",
} as const;

// Strict, and no skipLibCheck: the package's shipped typings are checked like the app's own code.
const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "node16",
    moduleResolution: "node16",
    lib: ["ES2022"],
    types: ["node"],
    strict: true,
    outDir: "build",
    rootDir: ".",
  },
  files: ["main.ts", "data-resource.ts"],
};

/**
 * The README's snippets as a user copies them into an app of `framework`: the wait example in that
 * framework's import style, and the data sources example, whose README text imports cdktf (with
 * CDK Terrain, only the framework's import changes, as the README says).
 */
export const README_FILES = {
  "readme-wait.ts": (framework: FrameworkName) => readmeSnippet(`wait-${framework}`),
  "readme-wait-result.ts": (framework: FrameworkName) => inFramework(readmeSnippet("wait-result"), framework),
  "readme-data-sources.ts": (framework: FrameworkName) => inFramework(readmeSnippet("data-sources"), framework),
} as const;

/** Rewrites a snippet's cdktf import for `framework`. */
function inFramework(source: string, framework: FrameworkName): string {
  return source.replace(/ from "cdktf";/g, ` from "${framework}";`);
}

/**
 * A stack like the README's, but with the framework's `DataResource` for the release: a control
 * for the tests that synthesize the README where no terraform binary is installed, since that
 * class's synth-time validation runs `terraform version`.
 */
function dataResourceTs(framework: FrameworkName): string {
  return `import { App, DataResource, TerraformStack } from "${framework}";
import { JobKind, WaitForJob } from "cdktf-huaweicloud-jobs";

const app = new App();
const stack = new TerraformStack(app, "control");
const wait = new WaitForJob(stack, "wait", { kind: JobKind.IMS_JOB, jobId: "123" });
new DataResource(stack, "release", { dependsOn: [wait] });
app.synth();
`;
}

function mainTs(framework: FrameworkName): string {
  return `// A ${framework} app using cdktf-huaweicloud-jobs as its users would.
import { App, Fn, LocalBackend, TerraformIterator, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable } from "${framework}";
import { Construct } from "constructs";
import { DataImageServerJobs, DataImageServerSubJobCount, DataImsJob, JobKind, WaitForJob } from "cdktf-huaweicloud-jobs";

class PipelineStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // State next to the configuration (the default is an absolute path in the app directory), so
    // that each copy of the stack directory has its own.
    new LocalBackend(this, { path: "terraform.tfstate" });
    const jobId = new TerraformVariable(this, "job_id", { type: "string" });
    const kind = new TerraformVariable(this, "job_kind", { type: "string", default: JobKind.IMS_JOB });
    const wait = new WaitForJob(this, "wait", {
      kind: kind.stringValue,
      jobId: jobId.stringValue,
      timeout: "3m",
      minPollInterval: "1s",
      maxPollInterval: "2s",
    });
    // The framework's generic resource, not DataResource (whose synth-time validation runs terraform).
    new TerraformResource(this, "release", { terraformResourceType: "terraform_data", dependsOn: [wait] });
  }
}

class ReportStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const imsJobId = new TerraformVariable(this, "ims_job_id", { type: "string" });
    const imageJobId = new TerraformVariable(this, "image_job_id", { type: "string" });
    const wait = new WaitForJob(this, "wait", { kind: JobKind.IMS_JOB, jobId: imsJobId.stringValue });
    const ims = new DataImsJob(this, "ims", { jobId: imsJobId.stringValue });
    const failed = new DataImageServerSubJobCount(this, "failed_sub_jobs", { status: "FAILED", jobId: imageJobId.stringValue });
    const images = new DataImageServerJobs(this, "image_jobs", { jobType: "CREATE_SERVER_IMAGE" });
    const imageId: string = wait.resourceId;
    const failedCount: number = failed.count;
    const imageJobIds: string[] = images.ids;
    new TerraformOutput(this, "image_id", { value: imageId });
    new TerraformOutput(this, "ims_status", { value: ims.status });
    new TerraformOutput(this, "failed_sub_job_count", { value: failedCount });
    new TerraformOutput(this, "image_job_ids", { value: imageJobIds });

    // The package's objects where the framework takes its own, and the framework's in the package's:
    // an iterator over decoded items, a function of the decoded job, dependencies both ways.
    const jobs = TerraformIterator.fromList(images.items);
    new TerraformOutput(this, "image_job_types", { value: jobs.pluckProperty("job_type") });
    new TerraformOutput(this, "ims_job_status", { value: Fn.lookup(ims.job, "status", "") });
    const gate = new TerraformResource(this, "gate", { terraformResourceType: "terraform_data" });
    const after = new TerraformResource(this, "after", {
      terraformResourceType: "terraform_data",
      dependsOn: [wait.resource, ims, failed, gate],
      lifecycle: { replaceTriggeredBy: [wait.resource] },
    });
    new DataImsJob(this, "ims_after", { jobId: imsJobId.stringValue, dependsOn: [gate, after] });
  }
}

const app = new App();
new PipelineStack(app, "${APP.pipelineStack}");
new ReportStack(app, "${APP.reportStack}");
app.synth();
`;
}

/**
 * Writes `main.ts`, the README's snippets ({@link README_FILES}), the `DataResource` control and a
 * strict `tsconfig.json` (emitting to `build/`) into `dir`.
 */
export function writeFrameworkApp(dir: string, framework: FrameworkName): void {
  const tsconfig = { ...TSCONFIG, files: [...TSCONFIG.files, ...Object.keys(README_FILES)] };
  writeFileSync(join(dir, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
  writeFileSync(join(dir, "main.ts"), mainTs(framework));
  for (const [file, source] of Object.entries(README_FILES)) writeFileSync(join(dir, file), source(framework));
  writeFileSync(join(dir, "data-resource.ts"), dataResourceTs(framework));
}

/**
 * `load.js` of the app without a framework: loads the package, starts the emulator through the
 * library, reads its admin API, and prints a JSON report.
 */
const LOAD_JS = `const lib = require("cdktf-huaweicloud-jobs");
(async () => {
  const emulator = await lib.startEmulator({ port: 0 });
  try {
    const res = await fetch(emulator.url + "/_emulator/jobs");
    console.log(JSON.stringify({
      exports: ["WaitForJob", "DataImsJob", "startEmulator", "HwClient", "waitForJob"].map((name) => [name, typeof lib[name]]),
      accessKey: lib.DEMO_CREDENTIALS.accessKey,
      adminStatus: res.status,
    }));
  } finally {
    await emulator.close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

/** `construct.js` of the app without a framework: creates a WaitForJob and prints what it threw. */
const CONSTRUCT_JS = `const { Construct } = require("constructs");
const { JobKind, WaitForJob } = require("cdktf-huaweicloud-jobs");
try {
  new WaitForJob(new Construct(undefined, "root"), "wait", { kind: JobKind.IMS_JOB, jobId: "123" });
  console.log(JSON.stringify({ threw: false }));
} catch (error) {
  console.log(JSON.stringify({ threw: true, message: error instanceof Error ? error.message : String(error) }));
}
`;

/** Writes `load.js` and `construct.js` into `dir`. */
export function writeNeitherApp(dir: string): void {
  writeFileSync(join(dir, "load.js"), LOAD_JS);
  writeFileSync(join(dir, "construct.js"), CONSTRUCT_JS);
}
