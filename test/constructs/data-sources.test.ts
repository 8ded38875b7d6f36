import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { DataResource, Fn, TerraformOutput, TerraformProvider, TerraformStack, TerraformVariable, Testing, Token } from "cdktf";
import { Construct } from "constructs";
import {
  DataAppServerJob,
  DataAppServerSubJobCount,
  DataAppServerSubJobs,
  DataImageServerJob,
  DataImageServerJobs,
  DataImageServerSubJobCount,
  DataImageServerSubJobs,
  DataImsJob,
  HwjobsCountDataSource,
  type HwjobsDataSource,
  HwjobsJobDataSource,
  HwjobsListDataSource,
  JobKind,
  WaitForJob,
} from "../../src/constructs";
import { ensureCliBundle, localExecOf, resourceOf, type SynthStack } from "./helpers";

const ASSET_PATH = /^assets\/hwjobs-cli\/[0-9A-F]{32}\/hwjobs\.cjs$/;

interface ExternalData {
  program: string[];
  query: Record<string, string>;
  depends_on?: string[];
}

type Stack = SynthStack & { data?: { external?: Record<string, ExternalData> } };

function synth(fn: (stack: Construct) => void): Stack {
  return JSON.parse(Testing.synthScope(fn)) as Stack;
}

function externalOf(json: Stack, name: string): ExternalData {
  const data = json.data?.external?.[name];
  if (data === undefined) throw new Error(`no data.external.${name} in ${JSON.stringify(json.data)}`);
  return data;
}

function assertProgram(data: ExternalData): void {
  assert.equal(data.program.length, 3);
  assert.equal(data.program[0], "node");
  assert.match(data.program[1] ?? "", ASSET_PATH);
  assert.equal(data.program[2], "external");
}

// One construct of each class with its required props only, and the query it must synthesize.
const MINIMAL: Array<[name: string, make: (scope: Construct) => HwjobsDataSource, query: Record<string, string>]> = [
  [
    "DataImageServerJobs",
    (s) => new DataImageServerJobs(s, "d", { jobType: "CREATE_SERVER_IMAGE" }),
    { operation: "list-image-jobs", job_type: "CREATE_SERVER_IMAGE" },
  ],
  [
    "DataImageServerSubJobs",
    (s) => new DataImageServerSubJobs(s, "d", { jobType: "CREATE_SERVER" }),
    { operation: "list-image-sub-jobs", job_type: "CREATE_SERVER" },
  ],
  ["DataImageServerSubJobCount", (s) => new DataImageServerSubJobCount(s, "d"), { operation: "count-image-sub-jobs" }],
  [
    "DataAppServerSubJobs",
    (s) => new DataAppServerSubJobs(s, "d", { jobType: "REINSTALL_OS" }),
    { operation: "list-app-sub-jobs", job_type: "REINSTALL_OS" },
  ],
  ["DataAppServerSubJobCount", (s) => new DataAppServerSubJobCount(s, "d", {}), { operation: "count-app-sub-jobs" }],
  ["DataImageServerJob", (s) => new DataImageServerJob(s, "d", { jobId: "123" }), { operation: "get-image-job", job_id: "123" }],
  ["DataAppServerJob", (s) => new DataAppServerJob(s, "d", { jobId: "456" }), { operation: "get-app-job", job_id: "456" }],
  ["DataImsJob", (s) => new DataImsJob(s, "d", { jobId: "ff80" }), { operation: "get-ims-job", job_id: "ff80" }],
];

const COMMON = {
  region: "cn-north-4",
  projectId: "0123456789abcdef0123456789abcdef",
  endpoint: "http://127.0.0.1:8080/",
  appstreamEndpoint: "https://appstream.example.com",
  imsEndpoint: "https://ims.example.com:8443",
};

const COMMON_QUERY = {
  region: "cn-north-4",
  project_id: "0123456789abcdef0123456789abcdef",
  endpoint: "http://127.0.0.1:8080",
  appstream_endpoint: "https://appstream.example.com",
  ims_endpoint: "https://ims.example.com:8443",
};

// A stand-in for a provider construct such as @cdktf/provider-external's ExternalProvider.
class FakeExternalProvider extends TerraformProvider {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      terraformResourceType: "external",
      terraformGeneratorMetadata: { providerName: "external", providerVersion: "2.3.4" },
      terraformProviderSource: "registry.example.com/hashicorp/external",
    });
  }
}

describe("data sources: synthesis", () => {
  before(ensureCliBundle);

  for (const [name, make, query] of MINIMAL) {
    it(`${name} is a data "external" running "node <asset> external" with only the operation's query`, () => {
      let construct: HwjobsDataSource | undefined;
      const json = synth((stack) => {
        construct = make(stack);
      });
      assert.deepEqual(Object.keys(json.data ?? {}), ["external"]);
      assert.deepEqual(Object.keys(json.data?.external ?? {}), ["d"]);
      const data = externalOf(json, "d");
      assertProgram(data);
      assert.deepEqual(data.query, query);
      assert.equal(data.depends_on, undefined);
      assert.equal(json.resource, undefined);
      assert.deepEqual(json.terraform?.required_providers, { external: { source: "hashicorp/external", version: ">= 2.3" } });
      assert.equal(construct?.operation, query.operation);
      assert.equal(construct?.dataSource.terraformResourceType, "external");
    });
  }

  it("adds every optional parameter and setting when given, normalising endpoints", () => {
    const json = synth((stack) => {
      new DataImageServerJobs(stack, "jobs", { jobType: "DELETE_SERVER", status: "FAILED", concurrency: 4, ...COMMON });
      new DataImageServerSubJobs(stack, "sub", { jobType: "CREATE_SERVER", status: "ABNORMAL", jobId: "j-1", concurrency: 1, ...COMMON });
      new DataImageServerSubJobCount(stack, "subcount", {
        jobTypes: ["CREATE_SERVER", "DELETE_SERVER"],
        status: "ROLLBACK",
        jobId: "j-2",
        ...COMMON,
      });
      new DataAppServerSubJobs(stack, "app", {
        jobType: "UPDATE_FREEZE_STATUS",
        status: "ABORTING",
        jobId: "j-3",
        concurrency: 10,
        ...COMMON,
      });
      new DataAppServerSubJobCount(stack, "appcount", {
        jobTypes: ["UPGRADE_ACCESS_AGENT", "CREATE_SERVER_IMAGE"],
        status: "WAITING",
        jobId: "j-4",
        ...COMMON,
      });
      new DataImageServerJob(stack, "image", { jobId: "j-5", ...COMMON });
      new DataAppServerJob(stack, "appjob", { jobId: "j-6", ...COMMON });
      new DataImsJob(stack, "ims", { jobId: "j-7", ...COMMON });
    });
    const expected: Record<string, Record<string, string>> = {
      jobs: { operation: "list-image-jobs", job_type: "DELETE_SERVER", status: "FAILED", concurrency: "4" },
      sub: { operation: "list-image-sub-jobs", job_type: "CREATE_SERVER", status: "ABNORMAL", job_id: "j-1", concurrency: "1" },
      subcount: { operation: "count-image-sub-jobs", job_type: "CREATE_SERVER,DELETE_SERVER", status: "ROLLBACK", job_id: "j-2" },
      app: { operation: "list-app-sub-jobs", job_type: "UPDATE_FREEZE_STATUS", status: "ABORTING", job_id: "j-3", concurrency: "10" },
      appcount: { operation: "count-app-sub-jobs", job_type: "UPGRADE_ACCESS_AGENT,CREATE_SERVER_IMAGE", status: "WAITING", job_id: "j-4" },
      image: { operation: "get-image-job", job_id: "j-5" },
      appjob: { operation: "get-app-job", job_id: "j-6" },
      ims: { operation: "get-ims-job", job_id: "j-7" },
    };
    assert.deepEqual(Object.keys(json.data?.external ?? {}).sort(), Object.keys(expected).sort());
    for (const [name, query] of Object.entries(expected)) {
      const data = externalOf(json, name);
      assertProgram(data);
      assert.deepEqual(data.query, { ...query, ...COMMON_QUERY }, name);
      for (const value of Object.values(data.query)) assert.equal(typeof value, "string");
    }
  });

  it("writes only the settings that are given", () => {
    const json = synth((stack) => {
      new DataImsJob(stack, "ims", { jobId: "j", imsEndpoint: "https://ims.example.com" });
      new DataImageServerJob(stack, "image", { jobId: "j", region: "ap-southeast-1" });
    });
    assert.deepEqual(externalOf(json, "ims").query, { operation: "get-ims-job", job_id: "j", ims_endpoint: "https://ims.example.com" });
    assert.deepEqual(externalOf(json, "image").query, { operation: "get-image-job", job_id: "j", region: "ap-southeast-1" });
  });

  it("passes Terraform tokens through unvalidated", () => {
    const json = synth((stack) => {
      const v = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
      const types = new TerraformVariable(stack, "types", { type: "list(string)" });
      const concurrency = new TerraformVariable(stack, "concurrency", { type: "number" });
      new DataImageServerJobs(stack, "jobs", {
        jobType: v("type"),
        status: v("status"),
        concurrency: concurrency.numberValue,
        endpoint: v("endpoint"),
      });
      new DataAppServerSubJobCount(stack, "count", { jobTypes: types.listValue, jobId: v("job") });
      new DataImageServerSubJobCount(stack, "mixed", { jobTypes: ["CREATE_SERVER", v("other_type")] });
      new DataAppServerJob(stack, "app", { jobId: v("app_job"), projectId: v("project") });
      new DataImsJob(stack, "ims", { jobId: "j", region: v("region"), projectId: `p_${v("suffix")}` });
    });
    assert.deepEqual(externalOf(json, "jobs").query, {
      operation: "list-image-jobs",
      job_type: "${var.type}",
      status: "${var.status}",
      concurrency: "${var.concurrency}",
      endpoint: "${var.endpoint}",
    });
    assert.deepEqual(externalOf(json, "count").query, {
      operation: "count-app-sub-jobs",
      job_type: '${join(",", var.types)}',
      job_id: "${var.job}",
    });
    assert.deepEqual(externalOf(json, "mixed").query, { operation: "count-image-sub-jobs", job_type: "CREATE_SERVER,${var.other_type}" });
    assert.deepEqual(externalOf(json, "app").query, { operation: "get-app-job", job_id: "${var.app_job}", project_id: "${var.project}" });
    assert.deepEqual(externalOf(json, "ims").query, {
      operation: "get-ims-job",
      job_id: "j",
      region: "${var.region}",
      project_id: "p_${var.suffix}",
    });
  });

  it("takes dependencies and can be depended on", () => {
    const json = synth((stack) => {
      const starter = new DataResource(stack, "starter", {});
      const job = new DataImsJob(stack, "ims", { jobId: "j", dependsOn: [starter] });
      new DataResource(stack, "after", { dependsOn: [job] });
      assert.equal(job.fqn, job.dataSource.fqn);
    });
    assert.deepEqual(externalOf(json, "ims").depends_on, ["terraform_data.starter"]);
    assert.deepEqual(resourceOf(json, "terraform_data", "after").depends_on, ["data.external.ims"]);
  });

  it("gets a unique address when nested in another construct", () => {
    const json = synth((stack) => {
      new DataImsJob(new Construct(stack, "report"), "ims", { jobId: "j" });
    });
    const names = Object.keys(json.data?.external ?? {});
    assert.equal(names.length, 1);
    assert.match(names[0] ?? "", /^report_ims_[0-9A-F]{8}$/);
  });

  it("shares one CLI asset between every data source and WaitForJob of a stack", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    const wait = new WaitForJob(stack, "w", { kind: JobKind.IMS_JOB, jobId: "job-a" });
    new DataImageServerJobs(stack, "jobs", { jobType: "CREATE_SERVER" });
    new DataImsJob(stack, "ims", { jobId: "job-a", dependsOn: [wait] });
    new DataAppServerSubJobCount(stack, "count");
    const stackDir = join(Testing.fullSynth(stack), "stacks", "stack");
    const json = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as Stack;
    const interpreter = localExecOf(resourceOf(json, "terraform_data", "w")).interpreter;
    for (const name of ["jobs", "ims", "count"]) {
      assert.deepEqual(externalOf(json, name).program, [...interpreter, "external"]);
    }
    assert.deepEqual(readdirSync(join(stackDir, "assets")), ["hwjobs-cli"]);
    const hashes = readdirSync(join(stackDir, "assets", "hwjobs-cli"));
    assert.equal(hashes.length, 1);
    assert.equal(interpreter[1], `assets/hwjobs-cli/${hashes[0]}/hwjobs.cjs`);
  });

  it("has the class hierarchy the attributes come from", () => {
    Testing.synthScope((stack) => {
      assert.ok(new DataImageServerJobs(stack, "a", { jobType: "CREATE_SERVER" }) instanceof HwjobsListDataSource);
      assert.ok(new DataImageServerSubJobs(stack, "b", { jobType: "CREATE_SERVER" }) instanceof HwjobsListDataSource);
      assert.ok(new DataAppServerSubJobs(stack, "c", { jobType: "CREATE_SERVER" }) instanceof HwjobsListDataSource);
      assert.ok(new DataImageServerSubJobCount(stack, "d") instanceof HwjobsCountDataSource);
      assert.ok(new DataAppServerSubJobCount(stack, "e") instanceof HwjobsCountDataSource);
      assert.ok(new DataImageServerJob(stack, "f", { jobId: "j" }) instanceof HwjobsJobDataSource);
      assert.ok(new DataAppServerJob(stack, "g", { jobId: "j" }) instanceof HwjobsJobDataSource);
      assert.ok(new DataImsJob(stack, "h", { jobId: "j" }) instanceof HwjobsJobDataSource);
    });
  });
});

describe("data sources: required_providers.external", () => {
  before(ensureCliBundle);

  const DEFAULT = { source: "hashicorp/external", version: ">= 2.3" };

  it("is declared once however many data sources the stack has, next to other providers", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    new DataImsJob(stack, "a", { jobId: "j" });
    new DataImsJob(new Construct(stack, "nested"), "b", { jobId: "j" });
    new WaitForJob(stack, "w", { kind: JobKind.IMS_JOB, jobId: "j", useNullResource: true });
    const json = JSON.parse(readFileSync(join(Testing.fullSynth(stack), "stacks", "stack", "cdk.tf.json"), "utf8")) as Stack;
    assert.deepEqual(json.terraform?.required_providers, {
      external: DEFAULT,
      null: { source: "hashicorp/null", version: ">= 3.0" },
    });
  });

  it("keeps a declaration the user made before the data sources", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    stack.addOverride("terraform.required_providers.external", { source: "mirror.example.com/hashicorp/external", version: "~> 2.3.1" });
    new DataImsJob(stack, "a", { jobId: "j" });
    const json = JSON.parse(Testing.synth(stack)) as Stack;
    assert.deepEqual(json.terraform?.required_providers, {
      external: { source: "mirror.example.com/hashicorp/external", version: "~> 2.3.1" },
    });
  });

  it("keeps a declaration the user made after the data sources, even of one field", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    new DataImsJob(stack, "a", { jobId: "j" });
    stack.addOverride("terraform.required_providers.external.version", "= 2.3.5");
    const json = JSON.parse(Testing.synth(stack)) as Stack;
    assert.deepEqual(json.terraform?.required_providers, { external: { source: "hashicorp/external", version: "= 2.3.5" } });
  });

  it("defers to an external provider construct, before or after the data sources, and passes cdktf's validations", () => {
    for (const providerFirst of [true, false]) {
      const stack = new TerraformStack(Testing.app(), "stack");
      if (providerFirst) new FakeExternalProvider(stack, "external");
      new DataImsJob(stack, "a", { jobId: "j" });
      if (!providerFirst) new FakeExternalProvider(stack, "external");
      const json = JSON.parse(Testing.synth(stack, true)) as Stack;
      assert.deepEqual(json.terraform?.required_providers, {
        external: { source: "registry.example.com/hashicorp/external", version: "2.3.4" },
      });
    }
  });

  it("needs no provider construct (cdktf's synth validations pass)", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    new DataImageServerJobs(stack, "a", { jobType: "CREATE_SERVER" });
    assert.doesNotThrow(() => Testing.synth(stack, true));
    assert.doesNotThrow(() => Testing.fullSynth(stack));
  });

  it("is declared in HCL output too", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    new DataImsJob(stack, "ims", { jobId: "j", region: "cn-north-4" });
    const hcl = String(Testing.synthHcl(stack));
    assert.match(hcl, /required_providers\s*{\s*external\s*=\s*{\s*source\s*=\s*"hashicorp\/external"\s*version\s*=\s*">= 2.3"/);
    assert.match(hcl, /data "external" "ims" {/);
    assert.match(hcl, /operation = "get-ims-job"/);
  });
});

describe("data sources: attributes", () => {
  before(ensureCliBundle);

  it("renders count as tonumber, items and ids as jsondecode, strings from the result map", () => {
    const json = synth((stack) => {
      const list = new DataImageServerSubJobs(stack, "list", { jobType: "CREATE_SERVER" });
      const count = new DataAppServerSubJobCount(stack, "count");
      const job = new DataImsJob(stack, "job", { jobId: "j" });
      const outputs: Record<string, unknown> = {
        list_count: list.count,
        list_items: list.items,
        list_ids: list.ids,
        count: count.count,
        status: job.status,
        phase: job.phase,
        resource_id: job.resourceId,
        resource_ids: job.resourceIds,
        error_code: job.errorCode,
        error_message: job.errorMessage,
        job: job.job,
        result: job.result,
        raw: job.resultValue("status"),
        odd_key: job.resultValue("a b"),
      };
      for (const [name, value] of Object.entries(outputs)) new TerraformOutput(stack, `o_${name}`, { value });
      assert.ok(Token.isUnresolved(list.count));
      assert.ok(Token.isUnresolved(list.ids));
    });
    const value = (name: string) => json.output?.[`o_${name}`]?.value;
    assert.equal(value("list_count"), "${tonumber(data.external.list.result.count)}");
    assert.equal(value("list_items"), "${jsondecode(data.external.list.result.items)}");
    assert.equal(value("list_ids"), "${jsondecode(data.external.list.result.ids)}");
    assert.equal(value("count"), "${tonumber(data.external.count.result.count)}");
    assert.equal(value("status"), "${data.external.job.result.status}");
    assert.equal(value("phase"), "${data.external.job.result.phase}");
    assert.equal(value("resource_id"), "${data.external.job.result.resource_id}");
    assert.equal(value("resource_ids"), "${jsondecode(data.external.job.result.resource_ids)}");
    assert.equal(value("error_code"), "${data.external.job.result.error_code}");
    assert.equal(value("error_message"), "${data.external.job.result.error_message}");
    assert.equal(value("job"), "${jsondecode(data.external.job.result.job)}");
    assert.equal(value("result"), "${data.external.job.result}");
    assert.equal(value("raw"), "${data.external.job.result.status}");
    assert.equal(value("odd_key"), '${data.external.job.result["a b"]}');
  });

  it("are usable as inputs of other resources", () => {
    const json = synth((stack) => {
      const jobs = new DataImageServerJobs(stack, "jobs", { jobType: "CREATE_SERVER_IMAGE", status: "RUNNING" });
      const failed = new DataImageServerSubJobCount(stack, "failed", { status: "FAILED" });
      const ims = new DataImsJob(stack, "ims", { jobId: "j" });
      const ids = new DataResource(stack, "ids", {});
      ids.addOverride("input", jobs.ids);
      new DataResource(stack, "report", {
        input: { running: jobs.ids, failed: failed.count, image: ims.resourceId, images: ims.resourceIds, first: jobs.items },
        triggersReplace: { image: ims.resourceId },
      });
      // A list token: one element through Terraform's element(), as cdktf requires.
      new TerraformOutput(stack, "first_id", { value: Fn.element(jobs.ids, 0) });
    });
    assert.equal(resourceOf(json, "terraform_data", "ids").input, "${jsondecode(data.external.jobs.result.ids)}");
    assert.deepEqual(resourceOf(json, "terraform_data", "report").input, {
      running: "${jsondecode(data.external.jobs.result.ids)}",
      failed: "${tonumber(data.external.failed.result.count)}",
      image: "${data.external.ims.result.resource_id}",
      images: "${jsondecode(data.external.ims.result.resource_ids)}",
      first: "${jsondecode(data.external.jobs.result.items)}",
    });
    assert.deepEqual(resourceOf(json, "terraform_data", "report").triggers_replace, { image: "${data.external.ims.result.resource_id}" });
    assert.equal(json.output?.first_id?.value, "${element(jsondecode(data.external.jobs.result.ids), 0)}");
  });
});

describe("data sources: validation", () => {
  before(ensureCliBundle);

  const long = (n: number) => "x".repeat(n);
  const cases: Array<[title: string, make: (scope: Construct) => unknown, expected: RegExp]> = [
    [
      "an unknown image job type",
      (s) => new DataImageServerJobs(s, "d", { jobType: "BUILD" }),
      /^DataImageServerJobs "d": jobType must be one of CREATE_SERVER, CREATE_SERVER_IMAGE, DELETE_SERVER \(got "BUILD"\)$/,
    ],
    ["a job type in the wrong case", (s) => new DataImageServerJobs(s, "d", { jobType: "create_server" }), /jobType must be one of/],
    [
      "a missing job type",
      (s) => new DataImageServerJobs(s, "d", {} as never),
      /^DataImageServerJobs "d": jobType must be one of .* \(got undefined\)$/,
    ],
    [
      "a sub-job status for parent jobs",
      (s) => new DataImageServerJobs(s, "d", { jobType: "CREATE_SERVER", status: "ABNORMAL" }),
      /^DataImageServerJobs "d": status must be one of WAITING, RUNNING, SUCCESS, FAILED \(got "ABNORMAL"\)$/,
    ],
    [
      "a concurrency of 0",
      (s) => new DataImageServerJobs(s, "d", { jobType: "CREATE_SERVER", concurrency: 0 }),
      /^DataImageServerJobs "d": concurrency must be a whole number from 1 to 16 \(got 0\)$/,
    ],
    [
      "a fractional concurrency",
      (s) => new DataImageServerSubJobs(s, "d", { jobType: "CREATE_SERVER", concurrency: 1.5 }),
      /concurrency must be a whole number from 1 to 16 \(got 1.5\)/,
    ],
    [
      "a concurrency above the limit",
      (s) => new DataAppServerSubJobs(s, "d", { jobType: "CREATE_SERVER", concurrency: 17 }),
      /concurrency must be a whole number from 1 to 16 \(got 17\)/,
    ],
    [
      "an unknown sub-job status",
      (s) => new DataImageServerSubJobs(s, "d", { jobType: "CREATE_SERVER", status: "DONE" }),
      /^DataImageServerSubJobs "d": status must be one of WAITING, RUNNING, SUCCESS, FAILED, ABNORMAL, ROLLBACK, ABORTING \(got "DONE"\)$/,
    ],
    [
      "an empty sub-job filter job id",
      (s) => new DataImageServerSubJobs(s, "d", { jobType: "CREATE_SERVER", jobId: "" }),
      /^DataImageServerSubJobs "d": jobId must be 1 to 128 characters .*\(got an empty string\)$/,
    ],
    [
      "an image job type for app sub-jobs",
      (s) => new DataAppServerSubJobs(s, "d", { jobType: "CREATE_SERVER_IMAGE" }),
      /^DataAppServerSubJobs "d": jobType must be one of CREATE_SERVER, DELETE_SERVER, REJOIN_DOMAIN, .*UPDATE_FREEZE_STATUS \(got "CREATE_SERVER_IMAGE"\); "CREATE_SERVER_IMAGE" is taken only by CountSubJobs, since the spec's pattern for ListSubJobs is narrower$/,
    ],
    [
      "a parent status for app sub-jobs",
      (s) => new DataAppServerSubJobs(s, "d", { jobType: "CREATE_SERVER", status: "success" }),
      /^DataAppServerSubJobs "d": status must be one of/,
    ],
    [
      "a 129-character app sub-job filter",
      (s) => new DataAppServerSubJobs(s, "d", { jobType: "CREATE_SERVER", jobId: long(129) }),
      /jobId must be 1 to 128 characters .*\(got 129 characters\)/,
    ],
    [
      "an unknown type in an image count",
      (s) => new DataImageServerSubJobCount(s, "d", { jobTypes: ["CREATE_SERVER", "REINSTALL-OS"] }),
      /^DataImageServerSubJobCount "d": jobTypes\[1\] must be one of CREATE_SERVER, CREATE_SERVER_IMAGE, DELETE_SERVER, BUILD_IMAGE, GENERATE_IMAGE, DELETE_IMAGE_BUILD_SERVER, DELETE_IMAGE, or a newer type \(two or more upper-case words joined by _\) \(got "REINSTALL-OS"\)$/,
    ],
    [
      "a lower-case type in an app count, with the type it is close to",
      (s) => new DataAppServerSubJobCount(s, "d", { jobTypes: ["batch_install_app"] }),
      /^DataAppServerSubJobCount "d": jobTypes\[0\] must be one of CREATE_SERVER, .*UNINSTALL_CES_AGENT, or a newer type \(two or more upper-case words joined by _\) \(got "batch_install_app"\); did you mean "BATCH_INSTALL_APP"\?$/,
    ],
    [
      "an empty type list",
      (s) => new DataImageServerSubJobCount(s, "d", { jobTypes: [] }),
      /^DataImageServerSubJobCount "d": jobTypes must list at least one of .*; leave it out for the service's default, CREATE_SERVER, CREATE_SERVER_IMAGE, DELETE_SERVER only$/,
    ],
    [
      "a type list that is not a list",
      (s) => new DataAppServerSubJobCount(s, "d", { jobTypes: "CREATE_SERVER" as never }),
      /^DataAppServerSubJobCount "d": jobTypes must be a list of /,
    ],
    [
      "a comma inside one type",
      (s) => new DataAppServerSubJobCount(s, "d", { jobTypes: ["CREATE_SERVER,DELETE_SERVER"] }),
      /jobTypes\[0\] must be one of .*\(got "CREATE_SERVER,DELETE_SERVER"\)/,
    ],
    [
      "an unknown count status",
      (s) => new DataAppServerSubJobCount(s, "d", { status: "CANCELLED" }),
      /^DataAppServerSubJobCount "d": status must be one of WAITING, .*ABORTING \(got "CANCELLED"\)$/,
    ],
    [
      "a count job id with a newline",
      (s) => new DataImageServerSubJobCount(s, "d", { jobId: "a\nb" }),
      /^DataImageServerSubJobCount "d": jobId must be .*without control characters \(got U\+000A at character 2\)$/,
    ],
    [
      "an empty image job id",
      (s) => new DataImageServerJob(s, "d", { jobId: "" }),
      /^DataImageServerJob "d": jobId must be 1 to 128 characters .*\(got an empty string\)$/,
    ],
    [
      "a 129-character image job id",
      (s) => new DataImageServerJob(s, "d", { jobId: long(129) }),
      /^DataImageServerJob "d": jobId must be 1 to 128 characters/,
    ],
    [
      "a 256-character app job id",
      (s) => new DataAppServerJob(s, "d", { jobId: long(256) }),
      /^DataAppServerJob "d": jobId must be 1 to 255 characters .*\(got 256 characters\)$/,
    ],
    [
      "a 129-character IMS job id",
      (s) => new DataImsJob(s, "d", { jobId: long(129) }),
      /^DataImsJob "d": jobId must be 1 to 128 characters/,
    ],
    [
      "an IMS job id with DEL",
      (s) => new DataImsJob(s, "d", { jobId: "a\u007f" }),
      /^DataImsJob "d": jobId must be .*without control characters/,
    ],
    [
      "a job id that is not a string",
      (s) => new DataImsJob(s, "d", { jobId: 42 as never }),
      /^DataImsJob "d": jobId must be a string \(got number\)$/,
    ],
    [
      "an http:// endpoint off loopback",
      (s) => new DataImsJob(s, "d", { jobId: "j", endpoint: "http://example.com" }),
      /^DataImsJob "d": endpoint: http:\/\/ is not allowed/,
    ],
    [
      "an appstreamEndpoint with a path",
      (s) => new DataImageServerJobs(s, "d", { jobType: "CREATE_SERVER", appstreamEndpoint: "https://a.example.com/v1" }),
      /^DataImageServerJobs "d": appstreamEndpoint: .* must be scheme:\/\/host\[:port\]/,
    ],
    [
      "an imsEndpoint that is not a URL",
      (s) => new DataAppServerSubJobCount(s, "d", { imsEndpoint: "ims" }),
      /^DataAppServerSubJobCount "d": imsEndpoint: invalid URL/,
    ],
    // region and projectId follow the CLI's rules (core/limits.ts), so that nothing synthesizes that
    // the CLI would reject at plan time.
    [
      "an empty region",
      (s) => new DataAppServerJob(s, "d", { jobId: "j", region: "" }),
      /^DataAppServerJob "d": region must be a region id like cn-north-4 or ap-southeast-1 \(got ""\)$/,
    ],
    [
      "an upper-case region",
      (s) => new DataImsJob(s, "d", { jobId: "j", region: "CN_NORTH_4" }),
      /^DataImsJob "d": region must be a region id like cn-north-4 or ap-southeast-1 \(got "CN_NORTH_4"\)$/,
    ],
    [
      "a region without a dash",
      (s) => new DataImageServerJobs(s, "d", { jobType: "CREATE_SERVER", region: "cn" }),
      /^DataImageServerJobs "d": region must be a region id like/,
    ],
    [
      "a region with a newline",
      (s) => new DataAppServerSubJobCount(s, "d", { region: "cn-north-4\n" }),
      /^DataAppServerSubJobCount "d": region must be .*\(got "cn-north-4\\n"\)$/,
    ],
    [
      "a project id with a space",
      (s) => new DataImageServerSubJobs(s, "d", { jobType: "CREATE_SERVER", projectId: "a b" }),
      /^DataImageServerSubJobs "d": projectId must be 1-128 letters, digits, '-' or '_' \(got "a b"\)$/,
    ],
    [
      "a project id with a slash",
      (s) => new DataImsJob(s, "x", { jobId: "1", projectId: "a/b" }),
      /^DataImsJob "x": projectId must be 1-128 letters, digits, '-' or '_' \(got "a\/b"\)$/,
    ],
    [
      "a path-traversal project id",
      (s) => new DataImageServerJob(s, "d", { jobId: "j", projectId: "../admin" }),
      /^DataImageServerJob "d": projectId must be 1-128 letters/,
    ],
    [
      "a 129-character project id",
      (s) => new DataAppServerSubJobs(s, "d", { jobType: "CREATE_SERVER", projectId: long(129) }),
      /^DataAppServerSubJobs "d": projectId must be 1-128 letters/,
    ],
    [
      "an empty project id",
      (s) => new DataImageServerSubJobCount(s, "d", { projectId: "" }),
      /^DataImageServerSubJobCount "d": projectId must be 1-128 letters, digits, '-' or '_' \(got ""\)$/,
    ],
    [
      "a region that is not a string",
      (s) => new DataImsJob(s, "d", { jobId: "j", region: 4 as never }),
      /^DataImsJob "d": region must be a string \(got number\)$/,
    ],
    // The joined job_type limits are core/limits.ts's, the ones the CLI checks (in code points).
    [
      "an image type list over 128 characters",
      (s) => new DataImageServerSubJobCount(s, "d", { jobTypes: Array<string>(10).fill("CREATE_SERVER") }),
      /^DataImageServerSubJobCount "d": jobTypes must join to at most 128 characters \(got 139\)$/,
    ],
    [
      "an app type list over 256 characters",
      (s) => new DataAppServerSubJobCount(s, "d", { jobTypes: Array<string>(19).fill("CREATE_SERVER") }),
      /^DataAppServerSubJobCount "d": jobTypes must join to at most 256 characters \(got 265\)$/,
    ],
    [
      "a 129-emoji count job id",
      (s) => new DataAppServerSubJobCount(s, "d", { jobId: "\u{1F600}".repeat(129) }),
      /jobId must be 1 to 128 characters .*\(got 129 characters\)$/,
    ],
  ];

  for (const [title, make, expected] of cases) {
    it(`rejects ${title} with a one-line message`, () => {
      assert.throws(
        () => Testing.synthScope((stack) => make(stack)),
        (error: unknown) => {
          assert.ok(error instanceof Error);
          assert.match(error.message, expected);
          assert.ok(!error.message.includes("\n"), `one line: ${JSON.stringify(error.message)}`);
          return true;
        },
      );
    });
  }

  it("adds nothing to the tree when a prop is invalid", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    assert.throws(() => new DataImsJob(stack, "d", { jobId: "" }));
    assert.equal(stack.node.tryFindChild("d"), undefined);
    new DataImsJob(stack, "d", { jobId: "j" });
  });

  it("accepts the limits", () => {
    Testing.synthScope((stack) => {
      new DataImageServerJob(stack, "a", { jobId: long(128), projectId: "p".repeat(128), region: "ap-southeast-1" });
      new DataImageServerSubJobCount(stack, "h", {
        jobTypes: Array<string>(9).fill("CREATE_SERVER"),
        jobId: "\u{1F600}".repeat(128),
        projectId: "proj_01-X",
      });
      new DataAppServerSubJobCount(stack, "i", { jobTypes: Array<string>(18).fill("CREATE_SERVER"), region: "eu-west-101" });
      new DataAppServerJob(stack, "b", { jobId: long(255) });
      new DataImsJob(stack, "c", { jobId: "\u{1F600}".repeat(128) });
      new DataImageServerSubJobs(stack, "d", { jobType: "CREATE_SERVER", jobId: long(128), concurrency: 16 });
      new DataImageServerSubJobCount(stack, "e", { jobTypes: ["CREATE_SERVER", "CREATE_SERVER_IMAGE", "DELETE_SERVER"] });
      new DataAppServerSubJobCount(stack, "f", {
        jobTypes: [
          "CREATE_SERVER",
          "DELETE_SERVER",
          "REJOIN_DOMAIN",
          "CHANGE_SERVER_IMAGE",
          "REINSTALL_OS",
          "MIGRATE_SERVER",
          "UPDATE_SERVER_TSVI",
          "UPGRADE_ACCESS_AGENT",
          "SCHEDULED_TASK",
          "UPDATE_FREEZE_STATUS",
          "CREATE_SERVER_IMAGE",
        ],
      });
      new DataImsJob(stack, "g", { jobId: "j", endpoint: "http://localhost:8080", imsEndpoint: "http://[::1]:9000" });
      // A filter is a query value, so "." and ".." are fine there (as the CLI accepts), unlike a job id in a path.
      new DataImageServerSubJobs(stack, "dot", { jobType: "CREATE_SERVER", jobId: "." });
      new DataAppServerSubJobCount(stack, "dotdot", { jobId: ".." });
      for (const status of ["WAITING", "RUNNING", "SUCCESS", "FAILED"])
        new DataImageServerJobs(stack, `p${status}`, { jobType: "CREATE_SERVER", status });
      for (const status of ["WAITING", "RUNNING", "SUCCESS", "FAILED", "ABNORMAL", "ROLLBACK", "ABORTING"]) {
        new DataAppServerSubJobs(stack, `s${status}`, { jobType: "SCHEDULED_TASK", status });
      }
    });
  });
});
