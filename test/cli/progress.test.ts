// The progress lines `hwjobs wait` writes to stderr, which Terraform shows prefixed with the
// resource address: one per status change, heartbeats with elapsed time, warnings, retries.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { describeRetry, describeWaitEvent, progressLine } from "../../src/cli/progress";
import { ApiError, NetworkError } from "../../src/core/errors";
import { imageJobSnapshot, imsJobSnapshot, subJobProgress } from "../../src/jobs";
import { IMAGE_JOB_FAILED, IMAGE_JOB_RUNNING, IMS_JOB_INIT, IMS_JOB_RUNNING, parseImageJob, parseImsJob } from "../jobs/fixtures";

// Each answer carries the id asked for: an answer for another job is refused (JobMismatchError).
const running = imageJobSnapshot("702364883651395584", parseImageJob({ ...IMAGE_JOB_RUNNING, id: "702364883651395584" }));
const failed = imageJobSnapshot(IMAGE_JOB_FAILED.id, parseImageJob(IMAGE_JOB_FAILED));
const ims = imsJobSnapshot(
  "ff8080814dbd65d7014dbe0d84db0013",
  parseImsJob({ ...IMS_JOB_INIT, job_id: "ff8080814dbd65d7014dbe0d84db0013" }),
);
const imsMembers = imsJobSnapshot("9a175ac692fa125401930037d9e3ffff", parseImsJob(IMS_JOB_RUNNING));

describe("progress lines", () => {
  test("a status change names the kind, the id, the status, the elapsed time and sub-job progress", () => {
    const p = subJobProgress(running);
    assert.ok(p.total > 0, "the fixture has sub-jobs");
    const line = describeWaitEvent({ type: "status", elapsedMs: 65_000, snapshot: running, progress: p });
    assert.equal(
      line,
      `[1m5s] image-job 702364883651395584: ${running.status} (sub-jobs ${p.succeeded}/${p.total} succeeded${p.failed ? `, ${p.failed} failed` : ""})`,
    );
  });

  test("failed sub-jobs are counted in the line", () => {
    const p = subJobProgress(failed);
    assert.ok(p.failed > 0);
    assert.match(
      describeWaitEvent({ type: "status", elapsedMs: 0, snapshot: failed, progress: p }),
      new RegExp(`, ${p.failed} failed\\)$`),
    );
  });

  test("a job without sub-jobs shows no progress part", () => {
    assert.equal(
      describeWaitEvent({ type: "status", elapsedMs: 3_000, snapshot: ims, progress: subJobProgress(ims) }),
      `[3s] ims-job ff8080814dbd65d7014dbe0d84db0013: ${ims.status}`,
    );
  });

  test("an IMS job's member jobs count as its sub-jobs", () => {
    assert.equal(
      describeWaitEvent({ type: "status", elapsedMs: 0, snapshot: imsMembers, progress: subJobProgress(imsMembers) }),
      "[0s] ims-job 9a175ac692fa125401930037d9e3ffff: RUNNING (sub-jobs 2/3 succeeded)",
    );
  });

  test("a heartbeat names the job and says it is still in its status, with the elapsed time", () => {
    const line = describeWaitEvent({ type: "heartbeat", elapsedMs: 3_600_000, snapshot: running, progress: subJobProgress(running) });
    assert.match(line, new RegExp(`^\\[1h\\] image-job 702364883651395584: still ${running.status} \\(sub-jobs \\d+/\\d+ succeeded`));
  });

  test("warnings, not-found and transient errors are one line each", () => {
    const unknown = describeWaitEvent({ type: "unknown-status", elapsedMs: 1_000, status: "PAUSED", snapshot: running });
    assert.equal(unknown, '[1s] warning: unknown status "PAUSED"; treating it as pending (never as success)');
    const notFound = new ApiError({ operation: "ShowJob", method: "GET", path: "/v1/p/jobs/j", status: 404, attempts: 1 });
    assert.match(describeWaitEvent({ type: "not-found", elapsedMs: 2_000, graceMs: 60_000, error: notFound }), /^\[2s\] job not found yet/);
    const transient = new NetworkError("ShowJob", "/v1/p/jobs/j", "ECONNRESET", 5);
    const line = describeWaitEvent({ type: "transient-error", elapsedMs: 90_000, error: transient });
    assert.equal(line, `[1m30s] transient error, still waiting: ${transient.message}`);
    for (const text of [unknown, line]) assert.doesNotMatch(text, /\n/);
  });

  test("a retry line names the operation, the delay, the reason and the attempt", () => {
    assert.equal(
      describeRetry({ operation: "ShowImageJob", attempt: 2, maxAttempts: 5, delayMs: 1_250, reason: "HTTP 429 APIG.0308" }),
      "retrying ShowImageJob in 1.3s after HTTP 429 APIG.0308 (attempt 2/5)",
    );
  });

  test("every stderr line carries the hwjobs: prefix and ends with a newline", () => {
    assert.equal(progressLine("x"), "hwjobs: x\n");
  });
});
