// Answers that must not be taken at face value: a Show answer for another job, a Workspace
// SUCCESS with failed sub-jobs, and an IMS image job that succeeded without naming its image.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ExitCode } from "../../src/core/exit-codes";
import { checkAnswerIdentity } from "../../src/jobs/answer-identity";
import { JobFailedError, JobMismatchError, WaitTimeoutError } from "../../src/jobs/errors";
import type { WaitEvent } from "../../src/jobs/events";
import { classifyPollError } from "../../src/jobs/poll-errors";
import { appJobSnapshot, imageJobSnapshot, imsJobSnapshot, type JobSnapshot } from "../../src/jobs/snapshot";
import { successWarnings } from "../../src/jobs/success-warnings";
import { WAIT_DEFAULTS, waitForJob } from "../../src/jobs/waiter";
import { FakeClock } from "../helpers/fake-clock";
import * as F from "./fixtures";
import { scriptedPoll, type Step } from "./scripted-poll";

function expectMismatch(run: () => unknown, expected: { requestedId: string; answeredId: string; field: string }): JobMismatchError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown instanceof JobMismatchError, `expected JobMismatchError, got ${String(thrown)}`);
  assert.deepEqual({ requestedId: thrown.requestedId, answeredId: thrown.answeredId, field: thrown.field }, expected);
  assert.equal(thrown.exitCode, ExitCode.API);
  // The answered id is quoted as JSON: exact (a trailing space shows) and one line.
  assert.ok(thrown.message.includes(expected.requestedId) && thrown.message.includes(JSON.stringify(expected.answeredId)), thrown.message);
  return thrown;
}

describe("an answer for another job", () => {
  test("image-job: `id` differs → JobMismatchError naming both ids; never a snapshot", () => {
    const error = expectMismatch(() => imageJobSnapshot("702364883651390000", F.parseImageJob(F.IMAGE_JOB_SUCCESS)), {
      requestedId: "702364883651390000",
      answeredId: "702364883651395584",
      field: "id",
    });
    assert.equal(error.kind, "image-job");
    assert.equal(
      error.message,
      `image-job 702364883651390000: the API answered for another job (id "702364883651395584"), which is never taken as this job's status`,
    );
  });

  test("app-job: `id` differs", () => {
    expectMismatch(() => appJobSnapshot("1", F.parseAppJob(F.APP_JOB_SUCCESS)), {
      requestedId: "1",
      answeredId: "575768277444198400",
      field: "id",
    });
  });

  test("ims-job: `job_id` differs, whatever the status (a FAIL of another job is not this job's failure either)", () => {
    expectMismatch(() => imsJobSnapshot("9a175ac792fa12d20193002100dd2762", F.parseImsJob(F.IMS_JOB_FAILED)), {
      requestedId: "9a175ac792fa12d20193002100dd2762",
      answeredId: "ff8080814dbd65d7014dbe0d84db0013",
      field: "job_id",
    });
  });

  test("a Workspace sub-job whose parent `job_id` is another job", () => {
    const body = {
      ...F.IMAGE_JOB_FAILED,
      sub_jobs: [F.IMAGE_JOB_FAILED.sub_jobs[0], { ...F.IMAGE_JOB_FAILED.sub_jobs[1], job_id: "999" }],
    };
    expectMismatch(() => imageJobSnapshot(F.IMAGE_JOB_FAILED.id, F.parseImageJob(body)), {
      requestedId: F.IMAGE_JOB_FAILED.id,
      answeredId: "999",
      field: "sub_jobs[1].job_id",
    });
  });

  test("IMS member jobs carry their own ids in job_id: not a mismatch", () => {
    const snap = imsJobSnapshot(F.IMS_JOB_OVA.job_id, F.parseImsJob(F.IMS_JOB_OVA));
    assert.equal(snap.phase, "succeeded");
  });

  test("an id left out, null or empty is no evidence either way", () => {
    for (const id of [undefined, null, ""]) {
      assert.equal(
        imageJobSnapshot("7", F.parseImageJob({ id, status: "RUNNING", sub_jobs: [{ id: "s", job_id: id, status: "RUNNING" }] })).phase,
        "pending",
      );
      assert.equal(appJobSnapshot("7", F.parseAppJob({ id, status: "SUCCESS" })).phase, "succeeded");
      assert.equal(imsJobSnapshot("7", F.parseImsJob({ job_id: id, status: "INIT" })).phase, "pending");
    }
  });

  test("the comparison is exact: no case folding or trimming", () => {
    expectMismatch(() => checkAnswerIdentity("ims-job", "abc", F.parseImsJob({ job_id: "ABC", status: "INIT" })), {
      requestedId: "abc",
      answeredId: "ABC",
      field: "job_id",
    });
    expectMismatch(() => checkAnswerIdentity("app-job", "7", F.parseAppJob({ id: "7 ", status: "INIT" })), {
      requestedId: "7",
      answeredId: "7 ",
      field: "id",
    });
  });

  test("the id in the message is one line, however the service spells it", () => {
    const error = expectMismatch(() => imsJobSnapshot("a", F.parseImsJob({ job_id: "b\n\u001b[2Jc", status: "SUCCESS" })), {
      requestedId: "a",
      answeredId: "b\n\u001b[2Jc",
      field: "job_id",
    });
    assert.doesNotMatch(error.message, /[\u0000-\u001f]/);
  });

  test("it is fatal for the waiter: the wait ends at the first such answer, with exit 4, not at the timeout", async () => {
    assert.equal(classifyPollError(new JobMismatchError("ims-job", "a", "b", "job_id")).class, "fatal");
    const clock = new FakeClock();
    // A poll that builds its snapshot from the answer, as jobPoller does.
    const answer: Step = async () =>
      imsJobSnapshot(
        "a",
        F.parseImsJob({ job_id: "b", status: "SUCCESS", job_type: "imsCreateImageByInstance", entities: { image_id: "img" } }),
      );
    const script = scriptedPoll(clock, [answer]);
    const error = await waitForJob(script.poll, { timeoutMs: 3_600_000, clock }).catch((e: unknown) => e);
    assert.ok(error instanceof JobMismatchError, String(error));
    assert.equal(script.calls.length, 1);
  });
});

/** A Workspace body: a parent with the given status and sub-jobs `[status, code, message]`. */
function workspace(status: string, subs: readonly (readonly [string, string?, string?])[]) {
  return {
    id: "702364883651400000",
    status,
    sub_jobs_total: subs.length,
    sub_jobs: subs.map(([s, code, message], i) => ({
      id: `70236488403727${1000 + i}`,
      job_id: "702364883651400000",
      status: s,
      job_execute_info: { error_code: code ?? "", error_message: message ?? "" },
      error_code: code ?? "",
      error_message: message ?? "",
      job_resource_info: { resource_id: s === "SUCCESS" ? `res-${i}` : "" },
    })),
  };
}

const PARTIAL = workspace("SUCCESS", [
  ["SUCCESS"],
  ["FAILED", "WKS.00129901", "disk quota exceeded"],
  ["ABNORMAL", "WKS.00211401", "agent lost"],
]);

describe("a Workspace SUCCESS with failed sub-jobs", () => {
  for (const [kind, make] of [
    ["image-job", (options?: { allowFailedSubJobs?: boolean }) => imageJobSnapshot(PARTIAL.id, F.parseImageJob(PARTIAL), options)],
    ["app-job", (options?: { allowFailedSubJobs?: boolean }) => appJobSnapshot(PARTIAL.id, F.parseAppJob(PARTIAL), options)],
  ] as const) {
    test(`${kind}: phase failed, status kept, error from the first failed sub-job, resources of the succeeded ones`, () => {
      const snap = make();
      assert.deepEqual([snap.status, snap.phase, snap.knownStatus], ["SUCCESS", "failed", true]);
      assert.deepEqual([snap.errorCode, snap.errorMessage], ["WKS.00129901", "disk quota exceeded"]);
      assert.deepEqual(snap.resourceIds, ["res-0"]);
      assert.deepEqual(successWarnings(snap), []);
    });

    test(`${kind}: the failure message names every failed sub-job with its status, code and message`, () => {
      assert.equal(
        new JobFailedError(make()).message,
        `${kind} 702364883651400000 ended SUCCESS but 2 of 3 sub-jobs failed; ` +
          "sub-job 702364884037271001 FAILED: WKS.00129901 disk quota exceeded; sub-job 702364884037271002 ABNORMAL: WKS.00211401 agent lost",
      );
    });

    test(`${kind}: allowFailedSubJobs makes it succeeded, with a warning naming the failed sub-jobs`, () => {
      const snap = make({ allowFailedSubJobs: true });
      assert.equal(snap.phase, "succeeded");
      const warnings = successWarnings(snap);
      assert.deepEqual(
        warnings.map((w) => w.code),
        ["failed-sub-jobs"],
      );
      assert.equal(
        warnings[0]!.message,
        `${kind} 702364883651400000 succeeded with failed sub-jobs (failed sub-jobs are allowed): ` +
          "sub-job 702364884037271001 FAILED: WKS.00129901 disk quota exceeded; sub-job 702364884037271002 ABNORMAL: WKS.00211401 agent lost",
      );
    });
  }

  test("one ABNORMAL sub-job is enough", () => {
    const body = workspace("SUCCESS", [["SUCCESS"], ["ABNORMAL", "E"]]);
    assert.equal(imageJobSnapshot(body.id, F.parseImageJob(body)).phase, "failed");
  });

  test("sub-jobs still pending (ROLLBACK, ABORTING, unknown) do not fail a SUCCESS: they keep it pending", () => {
    for (const status of ["ROLLBACK", "ABORTING", "PAUSED", "RUNNING"]) {
      const body = workspace("SUCCESS", [["SUCCESS"], [status]]);
      assert.equal(imageJobSnapshot(body.id, F.parseImageJob(body)).phase, "pending", status);
    }
  });

  test("the option never turns a FAILED or RUNNING parent into success", () => {
    for (const status of ["FAILED", "RUNNING", "WAITING"]) {
      const body = workspace(status, [["SUCCESS"], ["FAILED", "E"]]);
      assert.notEqual(appJobSnapshot(body.id, F.parseAppJob(body), { allowFailedSubJobs: true }).phase, "succeeded", status);
    }
  });

  test("a FAILED parent keeps its usual message", () => {
    const body = workspace("FAILED", [["FAILED", "E1", "m1"]]);
    assert.equal(
      new JobFailedError(imageJobSnapshot(body.id, F.parseImageJob(body))).message,
      "image-job 702364883651400000 ended FAILED: E1 m1; sub-job 702364884037271000 FAILED: E1 m1",
    );
  });

  test("many failed sub-jobs: one line naming each of them with its own error", () => {
    const body = workspace(
      "SUCCESS",
      Array.from({ length: 9 }, (_, i) => ["FAILED", `E${i}`, "x"] as const),
    );
    const message = new JobFailedError(imageJobSnapshot(body.id, F.parseImageJob(body))).message;
    assert.match(message, /^image-job 702364883651400000 ended SUCCESS but 9 of 9 sub-jobs failed; sub-job \S+ FAILED: E0 x; /);
    assert.doesNotMatch(message, /\n/);
    for (let i = 0; i < 9; i++) assert.ok(message.includes(`FAILED: E${i} x`), `sub-job ${i} is named with its error`);
  });
});

describe("a Workspace SUCCESS counts only when every sub-job it announced is listed and exactly SUCCESS", () => {
  const kinds = [
    [
      "image-job",
      (body: unknown, options?: { allowFailedSubJobs?: boolean }) => imageJobSnapshot("702364883651400000", F.parseImageJob(body), options),
    ],
    [
      "app-job",
      (body: unknown, options?: { allowFailedSubJobs?: boolean }) => appJobSnapshot("702364883651400000", F.parseAppJob(body), options),
    ],
  ] as const;
  /** A SUCCESS parent with one SUCCESS sub-job and one whose status is `status` (any JSON value). */
  const withSubStatus = (status: unknown) => {
    const body = workspace("SUCCESS", [["SUCCESS"], ["RUNNING"]]);
    return { ...body, sub_jobs: [body.sub_jobs[0], { ...body.sub_jobs[1], status }] };
  };

  for (const [kind, make] of kinds) {
    for (const status of [
      "failed",
      "Failed",
      " FAILED",
      "FAILED\n",
      "ERROR",
      "CANCELED",
      null,
      "",
      "RUNNING",
      "ROLLBACK",
      "WAITING",
      "ABORTING",
    ]) {
      test(`${kind}: a sub-job ${JSON.stringify(status)} keeps the SUCCESS pending, with a warning naming it`, () => {
        for (const options of [{}, { allowFailedSubJobs: true }]) {
          const snap = make(withSubStatus(status), options);
          assert.equal(snap.phase, "pending");
          assert.equal(snap.status, "SUCCESS");
          assert.deepEqual(successWarnings(snap), []);
          const warnings = snap.warnings ?? [];
          assert.deepEqual(
            warnings.map((w) => w.code),
            ["unsettled-sub-jobs"],
          );
          const message = warnings[0]!.message;
          assert.ok(
            message.startsWith(
              `${kind} 702364883651400000 reported SUCCESS but 1 of 2 listed sub-jobs not finished (sub-job 702364884037271001 `,
            ),
            message,
          );
          assert.ok(message.includes("never taken as success"), message);
          assert.doesNotMatch(message, /[\u0000-\u001f]/);
        }
      });
    }

    test(`${kind}: sub_jobs_total 3 with an empty list, or with fewer listed, is pending with a warning`, () => {
      for (const body of [
        { ...workspace("SUCCESS", []), sub_jobs_total: 3 },
        { ...workspace("SUCCESS", [["SUCCESS"], ["SUCCESS"]]), sub_jobs_total: 3 },
      ]) {
        const snap = make(body);
        assert.equal(snap.phase, "pending");
        assert.equal(snap.subJobsTotal, 3);
        assert.deepEqual(
          (snap.warnings ?? []).map((w) => w.message),
          [
            `${kind} 702364883651400000 reported SUCCESS but sub_jobs_total is 3 while ${body.sub_jobs.length} sub-jobs are listed; still waiting (never taken as success)`,
          ],
        );
      }
      const omitted = make({ id: "702364883651400000", status: "SUCCESS", sub_jobs_total: 3 });
      assert.equal(omitted.phase, "pending");
    });

    test(`${kind}: every sub-job SUCCESS and all listed (or no total and none listed): succeeded, no warning`, () => {
      for (const body of [
        workspace("SUCCESS", [["SUCCESS"], ["SUCCESS"]]),
        { ...workspace("SUCCESS", [["SUCCESS"]]), sub_jobs_total: 0 },
        { id: "702364883651400000", status: "SUCCESS" },
      ]) {
        const snap = make(body);
        assert.equal(snap.phase, "succeeded");
        assert.equal(snap.warnings, undefined);
      }
    });

    test(`${kind}: a known failure still fails at once, even beside unsettled sub-jobs; allowed, the unsettled ones keep it pending`, () => {
      const body = workspace("SUCCESS", [["FAILED", "E"], ["RUNNING"]]);
      assert.equal(make(body).phase, "failed");
      assert.equal(make({ ...workspace("SUCCESS", [["FAILED", "E"]]), sub_jobs_total: 2 }).phase, "failed");
      assert.equal(make(body, { allowFailedSubJobs: true }).phase, "pending");
      assert.equal(make(workspace("SUCCESS", [["FAILED", "E"], ["SUCCESS"]]), { allowFailedSubJobs: true }).phase, "succeeded");
    });
  }

  test("a warning names at most five unsettled sub-jobs", () => {
    const body = workspace(
      "SUCCESS",
      Array.from({ length: 8 }, () => ["RUNNING"] as const),
    );
    const message = imageJobSnapshot(body.id, F.parseImageJob(body)).warnings![0]!.message;
    assert.match(message, /8 of 8 listed sub-jobs not finished \((sub-job \d+ RUNNING; ){5}3 more\)/);
  });

  test("the wait reports the warning once, keeps polling, and ends SUCCESS once the sub-jobs settle", async () => {
    const clock = new FakeClock();
    const pending = workspace("SUCCESS", [["SUCCESS"], ["RUNNING"]]);
    const done = workspace("SUCCESS", [["SUCCESS"], ["SUCCESS"]]);
    const step =
      (body: unknown): Step =>
      async () =>
        imageJobSnapshot("702364883651400000", F.parseImageJob(body));
    const events: WaitEvent[] = [];
    const snap = await waitForJob(scriptedPoll(clock, [step(pending), step(pending), step(done)]).poll, {
      timeoutMs: 60_000,
      clock,
      random: () => 0,
      onEvent: (e) => events.push(e),
    });
    assert.equal(snap.phase, "succeeded");
    assert.deepEqual(
      events.map((e) => e.type),
      ["status", "warning", "status"],
    );
  });

  test("a SUCCESS whose sub-job never settles times out (never succeeds)", async () => {
    const clock = new FakeClock();
    const step: Step = async () => appJobSnapshot("702364883651400000", F.parseAppJob(workspace("SUCCESS", [["SUCCESS"], ["failed"]])));
    const error = await waitForJob(
      scriptedPoll(
        clock,
        Array.from({ length: 50 }, () => step),
      ).poll,
      { timeoutMs: 60_000, clock, random: () => 0 },
    ).catch((e: unknown) => e);
    assert.ok(error instanceof WaitTimeoutError, String(error));
    assert.equal(error.exitCode, ExitCode.TIMEOUT);
  });
});

describe("an IMS answer without job_id", () => {
  test("passes the identity check, with a missing-job-id warning the wait reports", async () => {
    for (const job_id of [undefined, null, ""]) {
      const snap = imsJobSnapshot("7", F.parseImsJob({ job_id, status: "INIT" }));
      assert.equal(snap.phase, "pending");
      assert.deepEqual(
        snap.warnings?.map((w) => [w.code, w.message]),
        [["missing-job-id", "ims-job 7: the answer has no job_id, so it could not be checked to be about this job"]],
      );
    }
    assert.equal(imsJobSnapshot("7", F.parseImsJob({ job_id: "7", status: "INIT" })).warnings, undefined);
    const clock = new FakeClock();
    const step: Step = async () => imsJobSnapshot("7", F.parseImsJob({ status: "SUCCESS", job_type: "imsAddImageMembersJob" }));
    const events: WaitEvent[] = [];
    await waitForJob(scriptedPoll(clock, [step]).poll, { timeoutMs: 60_000, clock, onEvent: (e) => events.push(e) });
    assert.deepEqual(
      events.map((e) => [e.type, e.type === "warning" ? e.code : ""]),
      [
        ["status", ""],
        ["warning", "missing-job-id"],
      ],
    );
  });
});

describe("an IMS SUCCESS that names no image", () => {
  const ims = (body: Record<string, unknown>) =>
    imsJobSnapshot("9a175ac792fa12d20193002100dd2762", F.parseImsJob({ ...F.IMS_JOB_SUCCESS, ...body }));

  test("an image-creating type without entities.image_id: succeeded, with a warning naming the job type", () => {
    for (const entities of [{}, { image_name: "test" }, { image_id: "" }, null]) {
      const snap = ims({ entities });
      assert.equal(snap.phase, "succeeded");
      assert.deepEqual(
        successWarnings(snap).map((w) => [w.code, w.message]),
        [
          [
            "missing-image-id",
            "ims-job 9a175ac792fa12d20193002100dd2762 succeeded without an image id in entities.image_id, although job type imsCreateImageByInstance creates an image",
          ],
        ],
      );
    }
  });

  test("with entities.image_id: no warning", () => {
    assert.deepEqual(successWarnings(ims({})), []);
  });

  test("types that create no image (sharing, unknown types) and jobs not succeeded: no warning", () => {
    for (const job_type of ["imsAddImageMembersJob", "imsDelImageMembersJob", "somethingNew", null]) {
      assert.deepEqual(successWarnings(ims({ job_type, entities: {} })), [], String(job_type));
    }
    assert.deepEqual(successWarnings(ims({ status: "RUNNING", entities: {} })), []);
    assert.deepEqual(successWarnings(ims({ status: "FAIL", entities: {} })), []);
  });

  test("OVA and volume jobs name their images in member jobs: a warning only when no member has one", () => {
    assert.deepEqual(successWarnings(imsJobSnapshot(F.IMS_JOB_OVA.job_id, F.parseImsJob(F.IMS_JOB_OVA))), []);
    const bare = { ...F.IMS_JOB_OVA, entities: { sub_jobs_result: [{ job_id: "m", status: "SUCCESS", entities: {} }] } };
    assert.deepEqual(
      successWarnings(imsJobSnapshot(bare.job_id, F.parseImsJob(bare))).map((w) => w.code),
      ["missing-image-id"],
    );
  });

  test("an IMS SUCCESS with a failed member job stays succeeded (the Workspace rule), with a warning", () => {
    const body = {
      ...F.IMS_JOB_OVA,
      entities: {
        sub_jobs_result: [
          { job_id: "m1", status: "SUCCESS", entities: { image_id: "img-1" } },
          { job_id: "m2", status: "FAIL", error_code: "IMG.0001", fail_reason: "disk error" },
        ],
      },
    };
    const snap = imsJobSnapshot(body.job_id, F.parseImsJob(body));
    assert.equal(snap.phase, "succeeded");
    assert.deepEqual(
      successWarnings(snap).map((w) => w.message),
      [`ims-job ${body.job_id} succeeded with failed sub-jobs (IMS reported SUCCESS): sub-job m2 FAIL: IMG.0001 disk error`],
    );
  });
});

describe("waitForJob and success warnings", () => {
  test("warning events come after the final status event, before the wait returns the snapshot", async () => {
    const clock = new FakeClock();
    const done = imsJobSnapshot("9a175ac792fa12d20193002100dd2762", F.parseImsJob({ ...F.IMS_JOB_SUCCESS, entities: {} }));
    const running = imsJobSnapshot(
      "9a175ac792fa12d20193002100dd2762",
      F.parseImsJob({ ...F.IMS_JOB_SUCCESS, status: "RUNNING", entities: {} }),
    );
    const events: WaitEvent[] = [];
    const snap = await waitForJob(scriptedPoll(clock, [running, done]).poll, {
      timeoutMs: 60_000,
      clock,
      random: () => 0,
      onEvent: (e) => events.push(e),
    });
    assert.equal(snap, done);
    assert.deepEqual(
      events.map((e) => [e.type, e.elapsedMs]),
      [
        ["status", 0],
        ["status", WAIT_DEFAULTS.minDelayMs],
        ["warning", WAIT_DEFAULTS.minDelayMs],
      ],
    );
    const warning = events[2]!;
    assert.ok(
      warning.type === "warning" &&
        warning.code === "missing-image-id" &&
        warning.snapshot === done &&
        warning.message.includes("imsCreateImageByInstance"),
    );
  });

  test("a SUCCESS with failed sub-jobs fails the wait at once, unless allowed (then a warning)", async () => {
    const build =
      (allowFailedSubJobs: boolean): Step =>
      async () =>
        imageJobSnapshot(PARTIAL.id, F.parseImageJob(PARTIAL), { allowFailedSubJobs });
    const strict = await waitForJob(scriptedPoll(new FakeClock(), [build(false)]).poll, {
      timeoutMs: 60_000,
      clock: new FakeClock(),
    }).catch((e: unknown) => e);
    assert.ok(strict instanceof JobFailedError, String(strict));
    assert.equal(strict.exitCode, ExitCode.JOB_FAILED);
    assert.equal((strict.snapshot as JobSnapshot).status, "SUCCESS");

    const events: WaitEvent[] = [];
    const allowed = await waitForJob(scriptedPoll(new FakeClock(), [build(true)]).poll, {
      timeoutMs: 60_000,
      clock: new FakeClock(),
      onEvent: (e) => events.push(e),
    });
    assert.equal(allowed.phase, "succeeded");
    assert.deepEqual(
      events.map((e) => e.type),
      ["status", "warning"],
    );
  });
});
