// `hwjobs wait`, `get` and `external` get-* on answers that must not be taken at face value, as the
// real bundle against a scripted server: a Show answer for another job (exit 4 naming both ids), a
// Workspace SUCCESS with FAILED/ABNORMAL sub-jobs (wait: exit 1 unless --allow-failed-sub-jobs or
// HWJOBS_ALLOW_FAILED_SUB_JOBS; get: phase failed, exit 0), and an IMS image job that succeeded
// without naming its image (exit 0 and a warning).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  assertExit,
  assertUsageError,
  describeResult,
  emulatorEnv,
  FAST_POLL,
  killLiveChildren,
  parseJobResult,
  runCli,
  stderrLines,
  type CliEnv,
  type CliResult,
} from "../helpers/cli";
import { startScriptedServer, type ScriptedServer } from "../helpers/scripted-server";

type Kind = "image-job" | "app-job" | "ims-job";
const KINDS: readonly Kind[] = ["image-job", "app-job", "ims-job"];
const PROJECT = "0123456789abcdef0123456789abcdef";

const pathOf = (kind: Kind, id: string) =>
  kind === "image-job"
    ? `/v1/${PROJECT}/image-server-jobs/${id}`
    : kind === "app-job"
      ? `/v2/${PROJECT}/job/${id}`
      : `/v1/${PROJECT}/jobs/${id}`;

// Bodies by request path; each test answers under its own job ids.
const bodies = new Map<string, unknown>();
let server: ScriptedServer;
before(async () => {
  server = await startScriptedServer((request) => {
    const body = bodies.get(request.url);
    if (body !== undefined) return { body };
    return { status: 404, body: { error_code: "WKS.00211902", error_msg: "The job does not exist." } };
  });
});
after(async () => {
  killLiveChildren();
  await server.close();
});

let counter = 0;
/** A fresh 18-digit Workspace id or 32-hex IMS id, unique within the run. */
function newId(kind: Kind): string {
  counter++;
  return kind === "ims-job" ? `9a175ac792fa12d2${String(counter).padStart(16, "0")}` : `70236488365${String(counter).padStart(7, "0")}`;
}

const env = (extra: CliEnv = {}) => emulatorEnv(server.url, PROJECT, extra);
const requestsTo = (kind: Kind, id: string) => server.requests.filter((r) => r.url === pathOf(kind, id)).length;

/** A terminal answer of `kind` whose own id is `answeredId`. */
function answerFor(kind: Kind, answeredId: string): Record<string, unknown> {
  if (kind === "ims-job") {
    return {
      job_id: answeredId,
      job_type: "imsCreateImageByInstance",
      status: "SUCCESS",
      error_code: null,
      fail_reason: null,
      entities: { image_id: "3f7185de-b59a-4bb8-aa1d-7a513528b0e9" },
    };
  }
  return {
    id: answeredId,
    job_type: kind === "image-job" ? "CREATE_SERVER_IMAGE" : "CREATE_SERVER",
    status: "SUCCESS",
    sub_jobs_total: 1,
    sub_jobs: [
      {
        id: `${answeredId}1`,
        job_id: answeredId,
        status: "SUCCESS",
        job_resource_info: { resource_id: "f5d443de-a623-4950-a74d-569fe63c1f7a" },
      },
    ],
  };
}

/** A Workspace SUCCESS whose sub-jobs are SUCCESS, FAILED (WKS.00129901) and ABNORMAL (WKS.00211401). */
function partialSuccess(kind: "image-job" | "app-job", id: string) {
  const sub = (n: number, status: string, code: string, message: string) => {
    const error =
      kind === "image-job"
        ? { job_execute_info: { error_code: code, error_message: message } }
        : { error_code: code, error_message: message };
    return {
      id: `${id.slice(0, -1)}${n}`,
      job_id: id,
      status,
      ...error,
      job_resource_info: { resource_id: status === "SUCCESS" ? `res-${n}` : "" },
    };
  };
  const failed = [
    {
      id: `${id.slice(0, -1)}2`,
      status: "FAILED",
      code: "WKS.00129901",
      message: "The service is now unavailable to process the request.",
    },
    { id: `${id.slice(0, -1)}3`, status: "ABNORMAL", code: "WKS.00211401", message: "The requested operation failed." },
  ];
  const subJobs = [sub(1, "SUCCESS", "", ""), ...failed.map((f, i) => sub(i + 2, f.status, f.code, f.message))];
  return {
    body: {
      id,
      job_type: kind === "image-job" ? "CREATE_SERVER_IMAGE" : "CREATE_SERVER",
      status: "SUCCESS",
      sub_jobs_total: 3,
      sub_jobs: subJobs,
    },
    failed,
  };
}

function external(query: Record<string, string>, extra: CliEnv = {}): Promise<CliResult> {
  return runCli(["external"], env(extra), { stdin: JSON.stringify(query), timeoutMs: 20_000 });
}

const lastLine = (r: CliResult) => stderrLines(r).at(-1) ?? "";

function assertNamesBoth(line: string, kind: Kind, asked: string, answered: string): void {
  const field = kind === "ims-job" ? "job_id" : "id";
  assert.ok(line.includes(`${kind} ${asked}: the API answered for another job (${field} "${answered}")`), line);
}

describe("an answer for another job: exit 4 naming both ids", { concurrency: 4 }, () => {
  for (const kind of KINDS) {
    it(`wait ${kind}: ends at the first such answer, nothing on stdout`, async () => {
      const asked = newId(kind);
      const answered = newId(kind);
      bodies.set(pathOf(kind, asked), answerFor(kind, answered));
      const r = await runCli(["wait", kind, asked, "--timeout", "30s", ...FAST_POLL], env());
      assertExit(r, 4);
      assert.equal(r.stdout, "", describeResult(r));
      assert.match(lastLine(r), /^hwjobs: error: /);
      assertNamesBoth(lastLine(r), kind, asked, answered);
      assert.ok(!r.stderr.includes("succeeded"), describeResult(r));
      assert.equal(requestsTo(kind, asked), 1, "not polled again: the answer is not transient");
    });

    it(`get ${kind}: one error line, nothing on stdout`, async () => {
      const asked = newId(kind);
      const answered = newId(kind);
      bodies.set(pathOf(kind, asked), answerFor(kind, answered));
      const r = await runCli(["get", kind, asked], env());
      assertExit(r, 4);
      assert.equal(r.stdout, "");
      assert.equal(stderrLines(r).length, 1, describeResult(r));
      assertNamesBoth(lastLine(r), kind, asked, answered);
    });

    it(`external get-${kind}: exit 4 naming both ids`, async () => {
      const asked = newId(kind);
      const answered = newId(kind);
      bodies.set(pathOf(kind, asked), answerFor(kind, answered));
      const r = await external({ operation: `get-${kind}`, job_id: asked });
      assertExit(r, 4);
      assert.equal(r.stdout, "");
      assertNamesBoth(lastLine(r), kind, asked, answered);
    });
  }

  it("a Workspace sub-job naming another parent is a mismatch too", async () => {
    const asked = newId("image-job");
    const body = answerFor("image-job", asked) as { sub_jobs: Record<string, unknown>[] };
    body.sub_jobs[0]!.job_id = "702364883651399999";
    bodies.set(pathOf("image-job", asked), body);
    const r = await runCli(["wait", "image-job", asked, ...FAST_POLL], env());
    assertExit(r, 4);
    assert.ok(
      lastLine(r).includes(`image-job ${asked}: the API answered for another job (sub_jobs[0].job_id "702364883651399999")`),
      describeResult(r),
    );
  });
});

describe("a Workspace SUCCESS with failed sub-jobs", { concurrency: 4 }, () => {
  for (const kind of ["image-job", "app-job"] as const) {
    it(`wait ${kind}: exit 1; each failed sub-job's id, status, code and message in the error; the result on stdout`, async () => {
      const id = newId(kind);
      const { body, failed } = partialSuccess(kind, id);
      bodies.set(pathOf(kind, id), body);
      const r = await runCli(["wait", kind, id, ...FAST_POLL], env());
      assertExit(r, 1);
      const result = parseJobResult(r);
      assert.deepEqual([result.status, result.phase, result.error_code], ["SUCCESS", "failed", "WKS.00129901"]);
      assert.deepEqual(result.resource_ids, ["res-1"]);
      const line = lastLine(r);
      assert.ok(line.startsWith(`hwjobs: error: ${kind} ${id} ended SUCCESS but 2 of 3 sub-jobs failed; `), line);
      for (const sub of failed) assert.ok(line.includes(`sub-job ${sub.id} ${sub.status}: ${sub.code} ${sub.message}`), line);
      assert.ok(
        r.stderr.includes("--allow-failed-sub-jobs (or HWJOBS_ALLOW_FAILED_SUB_JOBS=true) accepts it"),
        `says how to accept it: ${describeResult(r)}`,
      );
    });

    for (const [how, args, extra] of [
      ["--allow-failed-sub-jobs", ["--allow-failed-sub-jobs"], {}],
      ["HWJOBS_ALLOW_FAILED_SUB_JOBS=true", [], { HWJOBS_ALLOW_FAILED_SUB_JOBS: "true" }],
      ["HWJOBS_ALLOW_FAILED_SUB_JOBS=1", [], { HWJOBS_ALLOW_FAILED_SUB_JOBS: "1" }],
    ] as const) {
      it(`wait ${kind} with ${how}: exit 0 and a warning line naming the failed sub-jobs`, async () => {
        const id = newId(kind);
        const { body, failed } = partialSuccess(kind, id);
        bodies.set(pathOf(kind, id), body);
        const r = await runCli(["wait", kind, id, ...args, ...FAST_POLL], env(extra));
        assertExit(r, 0);
        const result = parseJobResult(r);
        assert.deepEqual([result.status, result.phase, result.resource_id], ["SUCCESS", "succeeded", "res-1"]);
        const warnings = stderrLines(r).filter((line) => /^hwjobs: \[\d+s\] warning: /.test(line));
        assert.equal(warnings.length, 1, describeResult(r));
        assert.ok(warnings[0]!.includes(`${kind} ${id} succeeded with failed sub-jobs`), warnings[0]);
        for (const sub of failed)
          assert.ok(warnings[0]!.includes(`sub-job ${sub.id} ${sub.status}: ${sub.code} ${sub.message}`), warnings[0]);
        assert.equal(lastLine(r), `hwjobs: ${kind} ${id} succeeded; resource res-1`);
      });
    }

    it(`get ${kind}: reports phase failed with exit 0 (get reports, it does not gate)`, async () => {
      const id = newId(kind);
      bodies.set(pathOf(kind, id), partialSuccess(kind, id).body);
      const r = await runCli(["get", kind, id], env());
      assertExit(r, 0);
      assert.equal(r.stderr, "", describeResult(r));
      const result = parseJobResult(r);
      assert.deepEqual([result.status, result.phase, result.error_code], ["SUCCESS", "failed", "WKS.00129901"]);
    });

    it(`external get-${kind}: phase failed, exit 0`, async () => {
      const id = newId(kind);
      bodies.set(pathOf(kind, id), partialSuccess(kind, id).body);
      const r = await external({ operation: `get-${kind}`, job_id: id });
      assertExit(r, 0);
      const flat = JSON.parse(r.stdout) as Record<string, string>;
      assert.deepEqual([flat.status, flat.phase, flat.error_code], ["SUCCESS", "failed", "WKS.00129901"]);
    });
  }

  it("an empty HWJOBS_ALLOW_FAILED_SUB_JOBS is the default: exit 1", async () => {
    const id = newId("image-job");
    bodies.set(pathOf("image-job", id), partialSuccess("image-job", id).body);
    const r = await runCli(["wait", "image-job", id, ...FAST_POLL], env({ HWJOBS_ALLOW_FAILED_SUB_JOBS: "" }));
    assertExit(r, 1);
  });

  for (const value of ["yes", "TRUE", "false", "0", " true"]) {
    it(`HWJOBS_ALLOW_FAILED_SUB_JOBS=${JSON.stringify(value)}: exit 2 naming the variable and the accepted values; nothing sent`, async () => {
      const id = newId("app-job");
      bodies.set(pathOf("app-job", id), partialSuccess("app-job", id).body);
      const r = await runCli(["wait", "app-job", id, ...FAST_POLL], env({ HWJOBS_ALLOW_FAILED_SUB_JOBS: value }));
      assertUsageError(r, "HWJOBS_ALLOW_FAILED_SUB_JOBS", JSON.stringify(value), "true", "1");
      assert.equal(requestsTo("app-job", id), 0);
    });
  }

  it("get does not take --allow-failed-sub-jobs", async () => {
    const r = await runCli(["get", "image-job", newId("image-job"), "--allow-failed-sub-jobs"], env());
    assertUsageError(r, "--allow-failed-sub-jobs");
  });
});

describe("an IMS image job that succeeded without entities.image_id", { concurrency: 2 }, () => {
  const noImage = (id: string) => ({
    job_id: id,
    job_type: "imsCreateImageByInstance",
    status: "SUCCESS",
    error_code: null,
    fail_reason: null,
    entities: { image_name: "img" },
  });

  it("wait: exit 0 with a warning naming the job type", async () => {
    const id = newId("ims-job");
    bodies.set(pathOf("ims-job", id), noImage(id));
    const r = await runCli(["wait", "ims-job", id, ...FAST_POLL], env());
    assertExit(r, 0);
    assert.equal(parseJobResult(r).resource_id, "");
    const warning = stderrLines(r).find((line) => line.includes("warning:"));
    assert.equal(
      warning?.replace(/^hwjobs: \[\d+s\] /, ""),
      `warning: ims-job ${id} succeeded without an image id in entities.image_id, although job type imsCreateImageByInstance creates an image`,
    );
    assert.equal(lastLine(r), `hwjobs: ims-job ${id} succeeded`);
  });

  it("get: phase succeeded, empty resource_id, exit 0", async () => {
    const id = newId("ims-job");
    bodies.set(pathOf("ims-job", id), noImage(id));
    const r = await runCli(["get", "ims-job", id], env());
    assertExit(r, 0);
    const result = parseJobResult(r);
    assert.deepEqual([result.phase, result.resource_id], ["succeeded", ""]);
  });
});
