// The constructs' synth-time checks must accept exactly what the CLI accepts: a value that
// synthesizes but that the CLI rejects only fails at plan time, far from the code that set it.
// Each test runs the same samples through a construct and through the CLI's own check.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { TerraformStack, Testing } from "cdktf";
import { parseCountAppSubJobsQuery } from "../../src/api/count-app-sub-jobs";
import { parseCountImageSubJobsQuery } from "../../src/api/count-image-sub-jobs";
import { parseListAppSubJobsQuery } from "../../src/api/list-app-sub-jobs";
import { APP_JOB_TYPES, IMAGE_JOB_TYPES } from "../../src/api/enums";
import { parseListImageJobsQuery } from "../../src/api/list-image-jobs";
import { parseListImageSubJobsQuery } from "../../src/api/list-image-sub-jobs";
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
} from "../../src/constructs";
import { resolveConfig } from "../../src/core/config";
import { validateJobId, type JobKindName } from "../../src/jobs/kinds";
import { ensureCliBundle } from "./helpers";

const EMOJI = "\u{1F600}"; // one code point, two UTF-16 units
const CREDENTIALS = { HW_ACCESS_KEY: "AK", HW_SECRET_KEY: "SK" };

/** True when `run` returns, false when it throws. */
function accepts(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch {
    return false;
  }
}

let stack: TerraformStack;
let n = 0;
/** A fresh construct id, so that every sample is built in the same stack. */
const nextId = () => `c${n++}`;

before(() => {
  ensureCliBundle();
  stack = new TerraformStack(Testing.app(), "parity");
});

/** Asserts that the construct and the CLI agree on every sample, and that both outcomes occur. */
function assertParity(samples: readonly string[], construct: (value: string) => unknown, cli: (value: string) => unknown): void {
  const outcomes = new Set<boolean>();
  for (const value of samples) {
    const byCli = accepts(() => cli(value));
    outcomes.add(byCli);
    assert.equal(
      accepts(() => construct(value)),
      byCli,
      `${JSON.stringify(value)}: the CLI ${byCli ? "accepts" : "rejects"} it, the construct must too`,
    );
  }
  assert.deepEqual([...outcomes].sort(), [false, true], "the samples cover both outcomes");
}

describe("constructs accept what the CLI accepts", () => {
  const regions = [
    "cn-north-4",
    "ap-southeast-1",
    "eu-west-101",
    "cn-north-4a",
    "",
    "cn",
    "CN_NORTH_4",
    "CN-NORTH-4",
    "cn-north-",
    "cn north 4",
    "cn-north-4\n",
    "example.com/x",
    "cn-north/4",
  ];
  const projects = [
    "p",
    "0123456789abcdef0123456789abcdef",
    "proj_01-X",
    "p".repeat(128),
    "",
    "a/b",
    "../admin",
    "a b",
    "a.b",
    "p".repeat(129),
    "a\tb",
    "\u00e9t\u00e9",
    EMOJI,
  ];

  it("region: data sources and WaitForJob", () => {
    const cli = (region: string) => resolveConfig({ region, projectId: "p" }, CREDENTIALS);
    assertParity(regions, (region) => new DataImsJob(stack, nextId(), { jobId: "j", region }), cli);
    assertParity(regions, (region) => new WaitForJob(stack, nextId(), { kind: JobKind.IMS_JOB, jobId: "j", region }), cli);
  });

  it("projectId: data sources and WaitForJob", () => {
    const cli = (projectId: string) => resolveConfig({ region: "cn-north-4", projectId }, CREDENTIALS);
    assertParity(projects, (projectId) => new DataImageServerSubJobCount(stack, nextId(), { projectId }), cli);
    assertParity(projects, (projectId) => new WaitForJob(stack, nextId(), { kind: JobKind.APP_JOB, jobId: "j", projectId }), cli);
  });

  const jobIds = (max: number) => [
    "1",
    "x".repeat(max),
    "x".repeat(max + 1),
    EMOJI.repeat(max),
    EMOJI.repeat(max + 1),
    // Half as many emoji as the limit: fine in code points, at the limit in UTF-16 units.
    `${EMOJI.repeat(Math.floor(max / 2))}xx`,
    "job\n1",
    "job\u007f",
    "a;b|c$(d)`e`",
    "",
  ];

  it("job ids: the get data sources and WaitForJob, against the CLI's validateJobId", () => {
    const cases: Array<[kind: JobKindName, max: number, make: (jobId: string) => unknown]> = [
      ["image-job", 128, (jobId) => new DataImageServerJob(stack, nextId(), { jobId })],
      ["app-job", 255, (jobId) => new DataAppServerJob(stack, nextId(), { jobId })],
      ["ims-job", 128, (jobId) => new DataImsJob(stack, nextId(), { jobId })],
      ["image-job", 128, (jobId) => new WaitForJob(stack, nextId(), { kind: JobKind.IMAGE_JOB, jobId })],
      ["app-job", 255, (jobId) => new WaitForJob(stack, nextId(), { kind: JobKind.APP_JOB, jobId })],
      ["ims-job", 128, (jobId) => new WaitForJob(stack, nextId(), { kind: JobKind.IMS_JOB, jobId })],
    ];
    for (const [kind, max, make] of cases) assertParity(jobIds(max), make, (jobId) => validateJobId(kind, jobId, "job-id"));
  });

  it("job_id filters: the sub-job lists and counts, against the CLI's query parsers", () => {
    // The API allows an empty filter (it means no filter); the constructs take `undefined` for
    // that instead and reject "", so the empty string is left out here.
    const samples = jobIds(128).filter((id) => id !== "");
    const filter = { job_type: "CREATE_SERVER" };
    assertParity(
      samples,
      (jobId) => new DataImageServerSubJobs(stack, nextId(), { jobType: "CREATE_SERVER", jobId }),
      (job_id) => parseListImageSubJobsQuery({ ...filter, job_id }),
    );
    assertParity(
      samples,
      (jobId) => new DataAppServerSubJobs(stack, nextId(), { jobType: "CREATE_SERVER", jobId }),
      (job_id) => parseListAppSubJobsQuery({ ...filter, job_id }),
    );
    assertParity(
      samples,
      (jobId) => new DataImageServerSubJobCount(stack, nextId(), { jobId }),
      (job_id) => parseCountImageSubJobsQuery({ job_id }),
    );
    assertParity(
      samples,
      (jobId) => new DataAppServerSubJobCount(stack, nextId(), { jobId }),
      (job_id) => parseCountAppSubJobsQuery({ job_id }),
    );
  });

  it("job types: the list data sources take one value of the query pattern, the counts also newer-looking ones", () => {
    // Every type the tool knows, types newer than it (upper-case words joined by _), and mistakes.
    const types = [
      ...new Set([...IMAGE_JOB_TYPES, ...APP_JOB_TYPES]),
      "FUTURE_TYPE",
      "BUILD_IMAGES",
      "A1_B2",
      "create_server",
      "Create_Server",
      "CREATE-SERVER",
      "SNAPSHOT",
      "1_SERVER",
      "CREATE_SERVER_",
      "_CREATE_SERVER",
      "CREATE__SERVER",
      " CREATE_SERVER",
      "CREATE_SERVER\n",
      "\u00c4_SERVER",
      "CREATE_SERVER,DELETE_SERVER",
    ];
    assertParity(
      types,
      (jobType) => new DataImageServerJobs(stack, nextId(), { jobType }),
      (job_type) => parseListImageJobsQuery({ job_type }),
    );
    assertParity(
      types,
      (jobType) => new DataImageServerSubJobs(stack, nextId(), { jobType }),
      (job_type) => parseListImageSubJobsQuery({ job_type }),
    );
    assertParity(
      types,
      (jobType) => new DataAppServerSubJobs(stack, nextId(), { jobType }),
      (job_type) => parseListAppSubJobsQuery({ job_type }),
    );
    const single = types.filter((type) => !type.includes(","));
    assertParity(
      single,
      (type) => new DataImageServerSubJobCount(stack, nextId(), { jobTypes: [type] }),
      (job_type) => parseCountImageSubJobsQuery({ job_type }),
    );
    assertParity(
      single,
      (type) => new DataAppServerSubJobCount(stack, nextId(), { jobTypes: [type] }),
      (job_type) => parseCountAppSubJobsQuery({ job_type }),
    );
  });

  it("job_type lists of the counts: the same joined-length limits", () => {
    const lists = (type: string, counts: number[]) => counts.map((count) => Array<string>(count).fill(type).join(","));
    // CREATE_SERVER is 13 characters: 9 of them join to 125, 10 to 139; 18 to 251, 19 to 265.
    const image = lists("CREATE_SERVER", [1, 9, 10, 12]);
    const app = lists("CREATE_SERVER", [1, 10, 18, 19, 25]);
    assertParity(
      image,
      (joined) => new DataImageServerSubJobCount(stack, nextId(), { jobTypes: joined.split(",") }),
      (job_type) => parseCountImageSubJobsQuery({ job_type }),
    );
    assertParity(
      app,
      (joined) => new DataAppServerSubJobCount(stack, nextId(), { jobTypes: joined.split(",") }),
      (job_type) => parseCountAppSubJobsQuery({ job_type }),
    );
  });
});
