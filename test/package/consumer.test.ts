// The packed tarball as users get it: installed from the registry (through the npm cache) into
// fresh apps, a cdktf app, a CDK Terrain (cdktn) app, and one with neither framework. The
// framework apps are type-checked with the shipped typings, synthesized without cdktf-cli, their
// data sources run through the external protocol, and their wait stack applied with real
// Terraform, all against the emulator of the installed package. The Terraform tests run whenever
// terraform is on PATH; with HWJOBS_REQUIRE_TERRAFORM=1 a missing binary is a failure.
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DEMO_CREDENTIALS } from "../../src/emulator";
import { findTerraform, localExecs, REPO_ROOT, terraformApplyOnly, terraformInit, type RunResult } from "../../scripts/stack-runner";
import { childEnv, killLiveChildren, startCli, type CliProcess } from "../helpers/cli";
import { APP, writeFrameworkApp, writeNeitherApp, type FrameworkName } from "../helpers/consumer-app";
import { createJob, listJobs, type CreateJobRequest } from "../helpers/emulator-admin";
import { externalBlocks, runExternal } from "../helpers/external-harness";
import { installApp, packFreshCopy } from "../helpers/package";
import { runProgram, type ProgramResult } from "../helpers/process";
import { readmeSnippet } from "../helpers/readme-snippets";

const terraform = findTerraform();
const required = process.env.HWJOBS_REQUIRE_TERRAFORM === "1";
const skipTerraform = terraform ? false : "terraform not on PATH";
/** The demo project of scenarios/small.json. */
const PROJECT = "0123456789abcdef0123456789abcdef";
const TSC = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
const PACKAGE = "cdktf-huaweicloud-jobs";

/** What each app installs besides the tarball: one framework with a constructs it accepts, or neither. */
const APPS = {
  cdktf: ["cdktf@0.21.0", "constructs@10.4.2", "@types/node@20"],
  cdktn: ["cdktn@0.24.0", "constructs@10.7.2", "@types/node@20"],
  neither: ["constructs@10.7.2"],
} as const;
type AppName = keyof typeof APPS;

after(killLiveChildren);

test("terraform is available when required", () => {
  assert.ok(terraform || !required, "HWJOBS_REQUIRE_TERRAFORM=1 but no terraform binary on PATH");
});

function show(r: ProgramResult): string {
  return `exit ${r.code}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}

/** Runs `argv` in an app with only PATH and HOME from the environment, plus `env`. */
function inApp(dir: string, argv: readonly string[], env: Record<string, string> = {}, timeoutMs = 120_000): Promise<ProgramResult> {
  return runProgram(argv, { cwd: dir, env: childEnv(env), timeoutMs });
}

/** The resources in the state of a stack directory; the state must exist (an apply was made there). */
function stateAddresses(dir: string): string[] {
  const statePath = join(dir, "terraform.tfstate");
  assert.ok(existsSync(statePath), `no state at ${statePath}`);
  return (JSON.parse(readFileSync(statePath, "utf8")) as { resources: Array<{ type: string; name: string }> }).resources.map(
    (r) => `${r.type}.${r.name}`,
  );
}

/** The README's examples the apps synthesize: where each app writes them, and their stack. */
const README_WAIT = { outdir: "readme-wait.out", stack: "image-pipeline" } as const;
const README_EXAMPLES = [
  README_WAIT,
  { outdir: "readme-wait-result.out", stack: "image-release" },
  { outdir: "readme-data-sources.out", stack: "job-report" },
] as const;

/** A README example as synthesized in `app`, with what differs between apps made equal. */
function synthesizedConfig(app: string, example: (typeof README_EXAMPLES)[number]): unknown {
  const text = readFileSync(join(app, example.outdir, "stacks", example.stack, "cdk.tf.json"), "utf8");
  // The default local backend's state path is absolute, in the app's directory.
  const config = JSON.parse(text.split(app).join("<app>")) as { "//": { metadata: { version?: string } } };
  assert.match(String(config["//"].metadata.version), /^0\.\d+\.\d+$/);
  delete config["//"].metadata.version;
  return config;
}

describe("the packed tarball installed into fresh apps", () => {
  let work: string;
  let version: string;
  // A PATH with node and nothing else: where no terraform binary is installed (a build container).
  let pathWithoutTerraform: string;
  const installMs = new Map<AppName, number>();
  const appDir = (name: AppName) => join(work, `app-${name}`);

  // Packing (a build in a fresh copy) and the three installs, in parallel: the slow part, once.
  before(
    async () => {
      work = mkdtempSync(join(tmpdir(), "hwjobs-consumer-"));
      pathWithoutTerraform = join(work, "bin");
      mkdirSync(pathWithoutTerraform);
      symlinkSync(process.execPath, join(pathWithoutTerraform, "node"));
      mkdirSync(join(work, "pack"));
      const packed = await packFreshCopy(join(work, "pack"));
      version = packed.version;
      await Promise.all(
        (Object.keys(APPS) as AppName[]).map(async (name) => {
          installMs.set(name, await installApp(appDir(name), [packed.tarball, ...APPS[name]]));
        }),
      );
    },
    { timeout: 600_000 },
  );

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function assertVersion(dir: string): Promise<void> {
    const r = await inApp(dir, ["npx", "--no", "--", "hwjobs", "--version"]);
    assert.equal(r.code, 0, show(r));
    assert.equal(r.stdout.trim(), version);
  }

  for (const framework of ["cdktf", "cdktn"] as const satisfies readonly FrameworkName[]) {
    const other: FrameworkName = framework === "cdktf" ? "cdktn" : "cdktf";

    describe(`a ${framework} app`, () => {
      let app: string;
      let emulator: CliProcess;
      let url: string;
      let env: Record<string, string>;

      before(async () => {
        app = appDir(framework);
        writeFrameworkApp(app, framework);
        emulator = startCli(
          ["emulator", "--port", "0", "--scenario", "small"],
          {},
          { executable: join(app, "node_modules", ".bin", "hwjobs"), cwd: app, timeoutMs: 1_200_000 },
        );
        url = (await emulator.waitFor("stdout", /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/, 30_000))[1]!;
        env = {
          HWJOBS_ENDPOINT: url,
          HW_REGION_NAME: "cn-north-4",
          HW_PROJECT_ID: PROJECT,
          HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey,
          HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
        };
      });

      after(async () => {
        emulator?.kill("SIGTERM");
        await emulator?.result;
      });

      const stackDir = (stack: string) => {
        const dir = join(app, "cdktf.out", "stacks", stack);
        assert.ok(existsSync(join(dir, "cdk.tf.json")), `${dir}/cdk.tf.json is missing: the synth test failed`);
        return dir;
      };

      test(`installs with ${framework} and without ${other}`, (t) => {
        t.diagnostic(`npm install took ${installMs.get(framework)} ms`);
        const modules = join(app, "node_modules");
        assert.ok(existsSync(join(modules, framework, "package.json")), `${framework} is not installed`);
        assert.ok(!existsSync(join(modules, other)), `${other} was installed into a ${framework} app`);
        const installed = JSON.parse(readFileSync(join(modules, PACKAGE, "package.json"), "utf8")) as { version: string };
        assert.equal(installed.version, version);
      });

      test("npx hwjobs --version prints the package version", () => assertVersion(app));

      test('the installed emulator seeds the scenario "small" by name', async () => {
        const jobs = await listJobs(url);
        assert.ok(jobs.length > 0);
        assert.match(emulator.stderr(), new RegExp(`^hwjobs: seeded ${jobs.length} jobs from scenario small$`, "m"));
      });

      test("type-checks with tsc --strict and the shipped typings (no skipLibCheck)", async () => {
        const r = await inApp(app, [process.execPath, TSC, "-p", "tsconfig.json", "--strict"], {}, 180_000);
        assert.equal(r.code, 0, `tsc found errors:\n${r.stdout}${r.stderr}`);
        assert.ok(existsSync(join(app, "build", "main.js")));
      });

      test("an ES module app synthesizes too (import, not require)", async () => {
        writeFileSync(
          join(app, "esm.mjs"),
          [
            `import { App, TerraformStack } from "${framework}";`,
            `import { DataImsJob, JobKind, WaitForJob } from "cdktf-huaweicloud-jobs";`,
            `const app = new App();`,
            `const stack = new TerraformStack(app, "esm");`,
            `const wait = new WaitForJob(stack, "wait", { kind: JobKind.IMS_JOB, jobId: "123" });`,
            `new DataImsJob(stack, "ims", { jobId: "123", dependsOn: [wait] });`,
            `app.synth();`,
            "",
          ].join("\n"),
        );
        const r = await inApp(app, [process.execPath, "esm.mjs"], { CDKTF_OUTDIR: join(app, "esm.out") });
        assert.equal(r.code, 0, show(r));
        const config = JSON.parse(readFileSync(join(app, "esm.out", "stacks", "esm", "cdk.tf.json"), "utf8")) as {
          data: { external: { ims: { depends_on: string[] } } };
        };
        assert.deepEqual(config.data.external.ims.depends_on, ["terraform_data.wait"]);
      });

      test("synthesizes both stacks with CDKTF_OUTDIR (no cdktf-cli), shipping the installed CLI bundle", async () => {
        // tsc emits even with type errors, so the synth is tried whatever the previous test found.
        assert.ok(existsSync(join(app, "build", "main.js")), "tsc emitted no build/main.js");
        const r = await inApp(app, [process.execPath, join("build", "main.js")], { CDKTF_OUTDIR: join(app, "cdktf.out") });
        assert.equal(r.code, 0, show(r));

        const pipeline = stackDir(APP.pipelineStack);
        const execs = localExecs(pipeline);
        assert.equal(execs.length, 1, JSON.stringify(execs));
        const [exec] = execs;
        assert.equal(exec!.command, "wait");
        assert.equal(exec!.interpreter[0], "node");
        assert.match(exec!.interpreter[1]!, /^assets\/hwjobs-cli\/[^/]+\/hwjobs\.cjs$/);
        const bundle = readFileSync(join(app, "node_modules", PACKAGE, "lib", "hwjobs.cjs"));
        assert.ok(
          readFileSync(join(pipeline, exec!.interpreter[1]!)).equals(bundle),
          "the stack must ship the installed package's CLI bundle",
        );
        const config = JSON.parse(readFileSync(join(pipeline, "cdk.tf.json"), "utf8")) as {
          resource: Record<string, Record<string, { depends_on?: string[] }>>;
        };
        assert.deepEqual(config.resource.terraform_data?.release?.depends_on, [exec!.address]);

        const operations = Object.values(externalBlocks(stackDir(APP.reportStack)))
          .map((b) => b.query.operation)
          .sort();
        assert.deepEqual(operations, ["count-image-sub-jobs", "get-ims-job", "get-ims-job", "get-ims-job", "list-image-jobs"]);
        const report = JSON.parse(readFileSync(join(stackDir(APP.reportStack), "cdk.tf.json"), "utf8")) as {
          resource: { terraform_data: Record<string, { depends_on?: string[]; lifecycle?: { replace_triggered_by?: string[] } }> };
          data: { external: Record<string, { depends_on?: string[] }> };
        };
        assert.deepEqual(report.resource.terraform_data.after?.lifecycle?.replace_triggered_by, ["${terraform_data.wait}"]);
        assert.deepEqual(report.resource.terraform_data.after?.depends_on, [
          "terraform_data.wait",
          "data.external.ims",
          "data.external.failed_sub_jobs",
          "terraform_data.gate",
        ]);
        assert.deepEqual(report.data.external.ims_after?.depends_on, ["terraform_data.gate", "terraform_data.after"]);
      });

      test("the report's data sources answer through the external protocol", async () => {
        const report = stackDir(APP.reportStack);
        const imsId = await createJob(url, { kind: "ims-job", project_id: PROJECT, waiting_ms: 0, running_ms: 0, outcome: "success" });
        const imageId = await createJob(url, {
          kind: "image-job",
          project_id: PROJECT,
          job_type: "CREATE_SERVER_IMAGE",
          waiting_ms: 0,
          running_ms: 0,
          outcome: "failure",
          sub_jobs: 2,
        });
        const imsJob = (await listJobs(url)).find((j) => j.id === imsId)!;
        const vars = { ims_job_id: imsId, image_job_id: imageId };
        const harnessEnv = childEnv(env);
        const resourceIds = new Set<string>();
        for (const [name, block] of Object.entries(externalBlocks(report))) {
          assert.deepEqual([block.program[0], block.program.at(-1)], ["node", "external"], name);
          const { query, result } = await runExternal(name, block, report, harnessEnv, vars);
          switch (query.operation) {
            case "get-ims-job":
              assert.equal(result.status, "SUCCESS", name);
              assert.equal(result.phase, "succeeded", name);
              assert.deepEqual(JSON.parse(result.resource_ids!), imsJob.resource_ids, name);
              resourceIds.add(result.resource_id!);
              break;
            case "count-image-sub-jobs":
              // The failed job's last sub-job failed; the first succeeded.
              assert.deepEqual(result, { count: "1" }, name);
              break;
            case "list-image-jobs": {
              assert.match(result.count!, /^\d+$/, name);
              const ids = JSON.parse(result.ids!) as string[];
              const items = JSON.parse(result.items!) as Array<{ id: string; job_type: string }>;
              assert.equal(ids.length, Number(result.count), `${name}: every page is read`);
              assert.deepEqual(
                items.map((i) => i.id),
                ids,
                name,
              );
              assert.ok(ids.includes(imageId), `${name}: the created job is listed`);
              assert.ok(
                items.every((i) => i.job_type === "CREATE_SERVER_IMAGE"),
                name,
              );
              break;
            }
            default:
              assert.fail(`${name}: unexpected operation ${query.operation}`);
          }
        }
        // wait.resourceId and DataImsJob read the same image.
        assert.deepEqual([...resourceIds], [imsJob.resource_ids[0]]);
      });

      test("the README's snippets compile and synthesize where no terraform binary is installed", async () => {
        const noTerraform = { PATH: pathWithoutTerraform, TERRAFORM_BINARY_NAME: "" };
        // The control: a stack with the framework's DataResource cannot be synthesized there.
        const control = await inApp(app, [process.execPath, join("build", "data-resource.js")], {
          ...noTerraform,
          CDKTF_OUTDIR: join(app, "control.out"),
        });
        assert.notEqual(
          control.code,
          0,
          `the DataResource control synthesized without terraform, so this test proves nothing:\n${show(control)}`,
        );
        assert.match(control.stderr, /terraform/);

        for (const { outdir, stack } of README_EXAMPLES) {
          const file = outdir.replace(/\.out$/, "");
          assert.ok(existsSync(join(app, "build", `${file}.js`)), `tsc emitted no build/${file}.js`);
          const r = await inApp(app, [process.execPath, join("build", `${file}.js`)], { ...noTerraform, CDKTF_OUTDIR: join(app, outdir) });
          assert.equal(r.code, 0, `${file}: ${show(r)}`);
          assert.ok(existsSync(join(app, outdir, "stacks", stack, "cdk.tf.json")), `${file} wrote no stack ${stack}`);
        }

        // The wait's results reach the output and the release: a data source read after the wait,
        // kept in state by a terraform_data (docs/architecture.md §6).
        const result = JSON.parse(readFileSync(join(app, "readme-wait-result.out", "stacks", "image-release", "cdk.tf.json"), "utf8")) as {
          data: { external: Record<string, { depends_on?: string[]; query: Record<string, string> }> };
          output: Record<string, { value: string }>;
          resource: { terraform_data: Record<string, { input: Record<string, string>; lifecycle?: unknown }> };
        };
        const [[jobName, job]] = Object.entries(result.data.external) as [
          [string, { depends_on?: string[]; query: Record<string, string> }],
        ];
        assert.deepEqual(job.depends_on, ["terraform_data.wait"]);
        assert.equal(job.query.operation, "get-ims-job");
        assert.equal(job.query.missing_ok, "true");
        const stored = Object.keys(result.resource.terraform_data).find((name) => name.startsWith("wait_Result_"))!;
        assert.deepEqual(result.resource.terraform_data[stored]!.input.resource_id, `\${data.external.${jobName}.result.resource_id}`);
        assert.deepEqual(result.resource.terraform_data[stored]!.lifecycle, {
          ignore_changes: ["input"],
          replace_triggered_by: ["terraform_data.wait"],
        });
        assert.equal(result.output.image_id?.value, `\${terraform_data.${stored}.output.resource_id}`);
        assert.deepEqual(result.resource.terraform_data.release!.input, {
          image: `\${terraform_data.${stored}.output.resource_id}`,
          status: `\${terraform_data.${stored}.output.status}`,
        });

        // The provisioner the README shows is the one its wait example synthesizes.
        const shown = (
          JSON.parse(`{${readmeSnippet("wait-provisioner")}}`) as {
            provisioner: Array<{ "local-exec": { interpreter: string[]; command: string; environment: Record<string, string> } }>;
          }
        ).provisioner[0]!["local-exec"];
        const [exec] = localExecs(join(app, README_WAIT.outdir, "stacks", README_WAIT.stack));
        assert.equal(exec!.command, shown.command);
        assert.deepEqual(
          exec!.interpreter.map((part) => part.replace(/\/[0-9A-F]{32}\//, "/<hash>/")),
          shown.interpreter,
        );
        assert.deepEqual(exec!.environment, shown.environment);
      });

      test("the README's data sources answer through the external protocol", async () => {
        const stack = join(app, "readme-data-sources.out", "stacks", "job-report");
        assert.ok(existsSync(join(stack, "cdk.tf.json")), "the README's data sources example was not synthesized");
        const vars = {
          image_job_id: await createJob(url, {
            kind: "image-job",
            project_id: PROJECT,
            job_type: "CREATE_SERVER_IMAGE",
            waiting_ms: 0,
            running_ms: 0,
            outcome: "failure",
            sub_jobs: 3,
          }),
          ims_job_id: await createJob(url, { kind: "ims-job", project_id: PROJECT, waiting_ms: 0, running_ms: 0, outcome: "success" }),
        };
        const results = new Map<string, Record<string, string>>();
        for (const [name, block] of Object.entries(externalBlocks(stack)))
          results.set(name, (await runExternal(name, block, stack, childEnv(env), vars)).result);
        assert.deepEqual([...results.keys()].sort(), ["building", "failed", "ims", "sub_jobs"]);
        assert.deepEqual(results.get("failed"), { count: "1" });
        assert.equal(JSON.parse(results.get("sub_jobs")!.ids!).length, 3);
        assert.equal(results.get("ims")!.phase, "succeeded");
        assert.match(results.get("building")!.count!, /^\d+$/);
      });

      test("terraform apply of the README's wait example gates the release", { skip: skipTerraform }, async () => {
        const dir = join(app, README_WAIT.outdir, "stacks", README_WAIT.stack);
        const tfEnv = { ...process.env, ...env };
        const init = await terraformInit(terraform!, dir, { env: tfEnv, timeoutMs: 120_000 });
        assert.equal(init.code, 0, init.output);
        const id = await createJob(url, { kind: "ims-job", project_id: PROJECT, waiting_ms: 500, running_ms: 1500, outcome: "success" });
        const result = await terraformApplyOnly(terraform!, dir, { image_job_id: id }, { env: tfEnv, timeoutMs: 180_000 });
        assert.equal(result.code, 0, result.output);
        assert.match(result.output, new RegExp(`ims-job ${id} succeeded`));
        const waitDone = result.output.search(/terraform_data\.wait[^\n]*Creation complete/);
        const releaseStart = result.output.search(/terraform_data\.release: Creating/);
        assert.ok(waitDone > 0 && releaseStart > waitDone, `release must start after the wait completed:\n${result.output}`);
      });

      /** Applies a fresh copy of the pipeline stack (own state) with a job created right before the apply. */
      async function apply(
        name: string,
        spec: Omit<CreateJobRequest, "project_id">,
      ): Promise<{ result: RunResult; dir: string; id: string }> {
        const dir = join(work, `${framework}-${name}`);
        cpSync(stackDir(APP.pipelineStack), dir, { recursive: true });
        const tfEnv = { ...process.env, ...env };
        const init = await terraformInit(terraform!, dir, { env: tfEnv, timeoutMs: 120_000 });
        assert.equal(init.code, 0, init.output);
        const id = await createJob(url, { project_id: PROJECT, ...spec });
        const result = await terraformApplyOnly(terraform!, dir, { job_id: id, job_kind: spec.kind }, { env: tfEnv, timeoutMs: 180_000 });
        return { result, dir, id };
      }

      test("terraform apply: a job that succeeds gates the release", { skip: skipTerraform }, async () => {
        const { result, dir, id } = await apply("success", { kind: "ims-job", waiting_ms: 1000, running_ms: 2000, outcome: "success" });
        assert.equal(result.code, 0, result.output);
        const seen = [...result.output.matchAll(new RegExp(`ims-job ${id}: (\\w+)`, "g"))].map((m) => m[1]);
        assert.ok(seen.length >= 2 && seen.at(-1) === "SUCCESS", `statuses seen: ${seen.join(", ")}`);
        const wait = localExecs(dir)[0]!.address;
        const waitDone = result.output.search(new RegExp(`${wait.replace(/\./g, "\\.")}[^\n]*Creation complete`));
        const releaseStart = result.output.search(/terraform_data\.release: Creating/);
        assert.ok(waitDone > 0 && releaseStart > waitDone, `release must start after the wait completed:\n${result.output}`);
        const state = stateAddresses(dir);
        for (const address of [wait, "terraform_data.release"])
          assert.ok(state.includes(address), `${address} is not in the state (${state.join(", ")})`);
      });

      test("terraform apply: a job that fails fails the apply with its error, and no release", { skip: skipTerraform }, async () => {
        const { result, dir } = await apply("failure", {
          kind: "image-job",
          waiting_ms: 200,
          running_ms: 1000,
          outcome: "failure",
          sub_jobs: 2,
          error_code: "WKS.00170002",
          error_message: "The image server is abnormal and cannot be built.",
        });
        assert.notEqual(result.code, 0, result.output);
        assert.match(result.output, /WKS\.00170002/);
        assert.match(result.output, /The image server is abnormal and cannot be built\./);
        const state = stateAddresses(dir);
        assert.ok(state.includes(localExecs(dir)[0]!.address), `the failed wait is kept in the state, tainted (${state.join(", ")})`);
        assert.ok(!state.includes("terraform_data.release"), result.output);
      });
    });
  }

  test("the README's examples synthesize the same cdk.tf.json in both apps, apart from the framework's version", () => {
    for (const example of README_EXAMPLES) {
      assert.deepEqual(synthesizedConfig(appDir("cdktn"), example), synthesizedConfig(appDir("cdktf"), example), example.stack);
    }
  });

  describe("an app with neither framework", () => {
    let app: string;

    before(() => {
      app = appDir("neither");
      writeNeitherApp(app);
    });

    test("installs with constructs and without cdktf or cdktn", (t) => {
      t.diagnostic(`npm install took ${installMs.get("neither")} ms`);
      const modules = join(app, "node_modules");
      assert.ok(existsSync(join(modules, "constructs", "package.json")));
      for (const framework of ["cdktf", "cdktn"]) assert.ok(!existsSync(join(modules, framework)), `${framework} was installed`);
    });

    test("require() loads the package, and the library and the CLI work", async () => {
      const r = await inApp(app, [process.execPath, "load.js"]);
      assert.equal(r.code, 0, show(r));
      const report = JSON.parse(r.stdout) as { exports: Array<[string, string]>; accessKey: string; adminStatus: number };
      assert.deepEqual(
        report.exports.filter(([, type]) => type !== "function"),
        [],
      );
      assert.equal(report.accessKey, DEMO_CREDENTIALS.accessKey);
      assert.equal(report.adminStatus, 200);
      await assertVersion(app);
    });

    test("a WaitForJob throws one line naming the construct and both frameworks", async (t) => {
      const r = await inApp(app, [process.execPath, "construct.js"]);
      assert.equal(r.code, 0, show(r));
      const outcome = JSON.parse(r.stdout) as { threw: boolean; message?: string };
      assert.ok(outcome.threw, "WaitForJob must refuse to be created without a framework");
      const message = outcome.message!;
      t.diagnostic(message);
      assert.doesNotMatch(message, /\n/, "one line");
      for (const text of ["WaitForJob", "cdktf", "cdktn"]) assert.ok(message.includes(text), `the message should name ${text}: ${message}`);
    });
  });
});
