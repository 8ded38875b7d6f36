// The job types each list and count operation accepts, through the real bundle against the
// emulator (issue 8): every accepted type is sent as given (the emulator's request log shows it);
// an unknown value is exit 2 naming the accepted values, with no request; a value that looks like
// a type newer than the tool (upper-case words joined by _) is sent by the counts with one
// warning line, and refused by the lists, whose spec patterns the service enforces.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import {
  assertExit,
  assertUsageError,
  describeResult,
  emulatorEnv,
  killLiveChildren,
  runCli,
  stderrLines,
  type CliResult,
} from "../helpers/cli";
import { createJob, requestLog } from "../helpers/emulator-admin";
import { startHostileServer, type HostileServer } from "../helpers/hostile-server";

// Written out, not taken from src/, so that a change to what the tool accepts shows here
// (docs/reference/huawei-api.md §2.7: the spec's query patterns, ImageJobType of 2026-06-12, the Go SDK's JobType).
const IMAGE_LIST_TYPES = ["CREATE_SERVER", "CREATE_SERVER_IMAGE", "DELETE_SERVER"];
const IMAGE_TYPES = [...IMAGE_LIST_TYPES, "BUILD_IMAGE", "GENERATE_IMAGE", "DELETE_IMAGE_BUILD_SERVER", "DELETE_IMAGE"];
const APP_LIST_TYPES = [
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
];
// In the Go SDK's order, as messages list them.
const APP_TYPES = [
  "CREATE_SERVER",
  "DELETE_SERVER",
  "UPDATE_FREEZE_STATUS",
  "CREATE_SERVER_IMAGE",
  "REINSTALL_OS",
  "CHANGE_SERVER_IMAGE",
  "REJOIN_DOMAIN",
  "MIGRATE_SERVER",
  "UPGRADE_ACCESS_AGENT",
  "UPDATE_SERVER_TSVI",
  "SCHEDULED_TASK",
  "COLLECT_HDA_LOG",
  "COLLECT_APS_LOG",
  "CREATE_SERVER_SNAPSHOT",
  "DELETE_SERVER_SNAPSHOT",
  "RESTORE_SERVER_SNAPSHOT",
  "BATCH_INSTALL_APP",
  "INSTALL_CES_AGENT",
  "UNINSTALL_CES_AGENT",
];

interface Operation {
  /** `hwjobs <command…>`. */
  readonly command: readonly string[];
  /** The operation of the external protocol. */
  readonly external: string;
  /** The API operation, as warnings name it. */
  readonly api: string;
  /** The path after `/v1/{project_id}/`. */
  readonly path: string;
  readonly accepted: readonly string[];
  /** Whether a newer-looking value is sent (the counts) or refused (the lists). */
  readonly sendsNewer: boolean;
  /** The job kind whose jobs the operation reads. */
  readonly kind: "image-job" | "app-job";
}

const OPERATIONS: readonly Operation[] = [
  {
    command: ["list", "image-jobs"],
    external: "list-image-jobs",
    api: "ListImageJobs",
    path: "image-server-jobs",
    accepted: IMAGE_LIST_TYPES,
    sendsNewer: false,
    kind: "image-job",
  },
  {
    command: ["list", "image-sub-jobs"],
    external: "list-image-sub-jobs",
    api: "ListImageSubJobs",
    path: "image-server-sub-jobs",
    accepted: IMAGE_LIST_TYPES,
    sendsNewer: false,
    kind: "image-job",
  },
  {
    command: ["count", "image-sub-jobs"],
    external: "count-image-sub-jobs",
    api: "CountImageSubJobs",
    path: "image-server-sub-jobs/actions/count",
    accepted: IMAGE_TYPES,
    sendsNewer: true,
    kind: "image-job",
  },
  {
    command: ["list", "app-sub-jobs"],
    external: "list-app-sub-jobs",
    api: "ListSubJobs",
    path: "app-server-sub-jobs",
    accepted: APP_LIST_TYPES,
    sendsNewer: false,
    kind: "app-job",
  },
  {
    command: ["count", "app-sub-jobs"],
    external: "count-app-sub-jobs",
    api: "CountSubJobs",
    path: "app-server-sub-jobs/actions/count",
    accepted: APP_TYPES,
    sendsNewer: true,
    kind: "app-job",
  },
];

/** Mistakes every operation refuses: wrong case, wrong separators, one word, bad edges. */
const UNKNOWN = [
  "create_server",
  "Create_Server",
  "CREATE-SERVER",
  "SNAPSHOT",
  "1_SERVER",
  "CREATE_SERVER_",
  "CREATE__SERVER",
  " CREATE_SERVER",
  "CREATE SERVER",
  "\u00c4_SERVER",
  "CREATE_SERVER\u200b",
];

/** A value as messages quote it: JSON, with characters outside printable ASCII escaped (so a zero-width space shows). */
const quoted = (value: string): string =>
  JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** Types newer than the tool: unknown to it, in the shape of the service's types. */
const NEWER = ["FUTURE_TYPE", "EXPORT_IMAGE_V2"];

let emulator: RunningEmulator;
let projects = 0;

before(async () => {
  emulator = await startEmulator({ port: 0 });
});
after(async () => {
  killLiveChildren();
  await emulator.close();
});

/** A project of its own for each run, so that its requests can be told apart in the shared log. */
function freshProject(): string {
  projects += 1;
  return `jobtypes-${projects}`;
}

async function requestsTo(project: string, op: Operation): Promise<Record<string, string>[]> {
  return (await requestLog(emulator.url)).filter((r) => r.path === `/v1/${project}/${op.path}`).map((r) => r.query);
}

/** `hwjobs <op> --job-type <value>` in a fresh project; the result and the queries it sent. */
async function runWithType(op: Operation, value: string): Promise<{ r: CliResult; sent: Record<string, string>[] }> {
  const project = freshProject();
  const r = await runCli([...op.command, "--job-type", value], emulatorEnv(emulator.url, project));
  return { r, sent: await requestsTo(project, op) };
}

/** The one warning line a count prints for `values`. */
function newerWarning(op: Operation, field: string, values: readonly string[]): string {
  const names = values.map((v) => JSON.stringify(v)).join(", ");
  const verb = values.length === 1 ? "is not a job type" : "are not job types";
  return `hwjobs: warning: ${field}: ${names} ${verb} this version knows for ${op.api}; sent as given, since the service may define types newer than this version`;
}

for (const op of OPERATIONS) {
  describe(`hwjobs ${op.command.join(" ")} --job-type`, { concurrency: 8 }, () => {
    for (const type of op.accepted) {
      it(`sends ${type} as given, with nothing on stderr`, async () => {
        const { r, sent } = await runWithType(op, type);
        assertExit(r, 0);
        assert.equal(r.stderr, "", describeResult(r));
        assert.deepEqual(
          sent.map((q) => q.job_type),
          [type],
        );
      });
    }

    for (const value of UNKNOWN) {
      it(`refuses ${JSON.stringify(value)}: exit 2 naming the accepted values, no request`, async () => {
        const { r, sent } = await runWithType(op, value);
        assertUsageError(r, "--job-type", quoted(value), op.accepted.join(", "));
        assert.deepEqual(sent, []);
      });
    }

    if (op.sendsNewer) {
      it("sends types newer than the tool, with one warning line naming them, and counts their sub-jobs", async () => {
        const project = freshProject();
        // The service has started a type this version does not know; the count must see its sub-jobs.
        await createJob(emulator.url, { kind: op.kind, project_id: project, job_type: "FUTURE_TYPE", sub_jobs: 3 });
        const r = await runCli(
          [...op.command, "--job-type", [...NEWER, op.accepted[0]!, "FUTURE_TYPE"].join(",")],
          emulatorEnv(emulator.url, project),
        );
        assertExit(r, 0);
        assert.deepEqual(JSON.parse(r.stdout), { count: 3 });
        assert.deepEqual(stderrLines(r), [newerWarning(op, "--job-type", NEWER)]);
        assert.deepEqual(
          (await requestsTo(project, op)).map((q) => q.job_type),
          [`${NEWER.join(",")},${op.accepted[0]},FUTURE_TYPE`],
        );
      });

      it("names the other count a type of the other kind of job belongs to", async () => {
        const other = op.kind === "image-job" ? "UPGRADE_ACCESS_AGENT" : "BUILD_IMAGE";
        const otherApi = op.kind === "image-job" ? "CountSubJobs" : "CountImageSubJobs";
        const { r, sent } = await runWithType(op, other);
        assertExit(r, 0);
        assert.deepEqual(stderrLines(r), [
          newerWarning(op, "--job-type", [other]).replace(JSON.stringify(other), `${JSON.stringify(other)} (a job type of ${otherApi})`),
        ]);
        assert.deepEqual(
          sent.map((q) => q.job_type),
          [other],
        );
      });

      it("names the known type a newer-looking value is close to", async () => {
        const typo = `${op.accepted[1]!}S`;
        const { r, sent } = await runWithType(op, typo);
        assertExit(r, 0);
        assert.deepEqual(stderrLines(r), [
          newerWarning(op, "--job-type", [typo]).replace(
            JSON.stringify(typo),
            `${JSON.stringify(typo)} (did you mean ${JSON.stringify(op.accepted[1])}?)`,
          ),
        ]);
        assert.deepEqual(
          sent.map((q) => q.job_type),
          [typo],
        );
      });

      it("the external protocol sends a newer type too, and warns on stderr", async () => {
        const project = freshProject();
        const query = JSON.stringify({ operation: op.external, job_type: NEWER[0] });
        const r = await runCli(["external"], emulatorEnv(emulator.url, project), { stdin: query });
        assertExit(r, 0);
        assert.deepEqual(JSON.parse(r.stdout), { count: "0" });
        assert.deepEqual(stderrLines(r), [newerWarning(op, "job_type", [NEWER[0]!])]);
        assert.deepEqual(
          (await requestsTo(project, op)).map((q) => q.job_type),
          [NEWER[0]],
        );
      });
    } else {
      // The types the same kind's count takes but the list's pattern does not, and newer ones.
      const countTypes = op.kind === "image-job" ? IMAGE_TYPES : APP_TYPES;
      for (const value of [...countTypes.filter((type) => !op.accepted.includes(type)), ...NEWER]) {
        it(`refuses ${value}, outside the spec's query pattern: exit 2, no request`, async () => {
          const { r, sent } = await runWithType(op, value);
          assertUsageError(r, "--job-type", quoted(value), op.accepted.join(", "));
          assert.deepEqual(sent, []);
        });
      }

      it("the external protocol refuses a newer-looking value too", async () => {
        const project = freshProject();
        const r = await runCli(["external"], emulatorEnv(emulator.url, project), {
          stdin: JSON.stringify({ operation: op.external, job_type: NEWER[0] }),
        });
        assertUsageError(r, "job_type", JSON.stringify(NEWER[0]), op.accepted.join(", "));
        assert.deepEqual(await requestsTo(project, op), []);
      });
    }
  });
}

describe("responses with every image job type of the current spec", { concurrency: 4 }, () => {
  // A service that answers with the four types newer than the query pattern (docs/reference/huawei-api.md §2.7: the
  // response enums of ListImageJobs and ListImageSubJobs have them); the emulator never lists
  // them, since its lists filter by the pattern's types.
  const items = IMAGE_TYPES.map((job_type, i) => ({
    id: `70236488365139${5700 + i}`,
    job_id: "702364883651395700",
    job_type,
    status: "SUCCESS",
    begin_time: "2026-06-12T01:00:00Z",
  }));
  const page = (offset: number, limit: number) => ({ count: items.length, items: items.slice(offset, offset + limit) });
  let server: HostileServer;
  before(async () => {
    server = await startHostileServer((request) => {
      const query = new URL(request.url, "http://x").searchParams;
      return { kind: "respond", body: page(Number(query.get("offset") ?? 0), Number(query.get("limit") ?? 10)) };
    });
  });
  after(() => server.close());

  for (const [target, operation] of [
    ["image-jobs", "list-image-jobs"],
    ["image-sub-jobs", "list-image-sub-jobs"],
  ] as const) {
    it(`list ${target} --all reads every type back, as given`, async () => {
      const r = await runCli(["list", target, "--job-type", "CREATE_SERVER_IMAGE", "--all"], emulatorEnv(server.url, "p"));
      assertExit(r, 0);
      assert.equal(r.stderr, "", describeResult(r));
      const listed = JSON.parse(r.stdout) as { count: number; items: Array<{ job_type: string }> };
      assert.deepEqual(
        listed.items.map((item) => item.job_type),
        IMAGE_TYPES,
      );
    });

    it(`external ${operation} returns every type in its items`, async () => {
      const r = await runCli(["external"], emulatorEnv(server.url, "p"), {
        stdin: JSON.stringify({ operation, job_type: "CREATE_SERVER_IMAGE" }),
      });
      assertExit(r, 0);
      const result = JSON.parse(r.stdout) as { items: string };
      assert.deepEqual(
        (JSON.parse(result.items) as Array<{ job_type: string }>).map((item) => item.job_type),
        IMAGE_TYPES,
      );
    });
  }

  it("get image-job reads a BUILD_IMAGE job and its sub-jobs (emulator)", async () => {
    const id = await createJob(emulator.url, {
      kind: "image-job",
      project_id: "jobtypes-get",
      job_type: "BUILD_IMAGE",
      sub_jobs: 2,
      waiting_ms: 1000,
      running_ms: 1000,
    });
    const r = await runCli(["get", "image-job", id], emulatorEnv(emulator.url, "jobtypes-get"));
    assertExit(r, 0);
    const job = (JSON.parse(r.stdout) as { job: { job_type: string; sub_jobs: Array<{ job_type: string }> } }).job;
    assert.equal(job.job_type, "BUILD_IMAGE");
    assert.deepEqual(
      job.sub_jobs.map((s) => s.job_type),
      ["BUILD_IMAGE", "BUILD_IMAGE"],
    );
  });
});

describe("the warning comes only after every check", { concurrency: 8 }, () => {
  /** Runs in a fresh project; the result and whether any request reached it. */
  async function runAlone(
    args: readonly string[],
    extra: Record<string, string | undefined>,
    stdin?: string,
  ): Promise<{ r: CliResult; sent: number }> {
    const project = freshProject();
    const r = await runCli(args, { ...emulatorEnv(emulator.url, project), ...extra }, stdin === undefined ? {} : { stdin });
    const sent = (await requestLog(emulator.url)).filter((q) => q.path.startsWith(`/v1/${project}/`)).length;
    return { r, sent };
  }
  const cases: Array<[string, readonly string[], Record<string, string | undefined>, string]> = [
    ["a bad --status", ["count", "image-sub-jobs", "--job-type", "FUTURE_TYPE", "--status", "DONE"], {}, "--status"],
    ["a bad --timeout", ["count", "app-sub-jobs", "--job-type", "FUTURE_TYPE", "--timeout", "soon"], {}, "--timeout"],
    ["a bad --output", ["count", "app-sub-jobs", "--job-type", "FUTURE_TYPE", "--output", "xml"], {}, "--output"],
    ["a bad endpoint", ["count", "image-sub-jobs", "--job-type", "FUTURE_TYPE", "--endpoint", "http://example.com"], {}, "--endpoint"],
  ];
  for (const [name, args, extra, field] of cases) {
    it(`${name}: only the error line, no request`, async () => {
      const { r, sent } = await runAlone(args, extra);
      assertUsageError(r, field);
      assert.doesNotMatch(r.stderr, /warning/);
      assert.equal(sent, 0);
    });
  }

  it("external: an unknown key is only the error line, no request", async () => {
    const { r, sent } = await runAlone(
      ["external"],
      {},
      JSON.stringify({ operation: "count-app-sub-jobs", job_type: "FUTURE_TYPE", limit: "1" }),
    );
    assertUsageError(r, "limit");
    assert.doesNotMatch(r.stderr, /warning/);
    assert.equal(sent, 0);
  });
});
