import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { HwJobsError, NetworkError } from "../../src/core/errors";
import { ExitCode } from "../../src/core/exit-codes";
import { JobFailedError, WaitAbortedError, WaitTimeoutError } from "../../src/jobs/errors";
import { appJobSnapshot, imageJobSnapshot, imsJobSnapshot } from "../../src/jobs/snapshot";
import * as F from "./fixtures";

describe("JobFailedError", () => {
  test("names kind, job id, status, the job's code and message, and each failed sub-job", () => {
    const snap = imageJobSnapshot("702364883651391552", F.parseImageJob(F.IMAGE_JOB_FAILED));
    const error = new JobFailedError(snap);
    assert.ok(error instanceof HwJobsError);
    assert.equal(error.exitCode, ExitCode.JOB_FAILED);
    assert.equal(error.name, "JobFailedError");
    assert.equal(error.snapshot, snap);
    assert.equal(
      error.message,
      "image-job 702364883651391552 ended FAILED: WKS.00129901 The service is now unavailable to process the request.; " +
        "sub-job 702364884037271554 FAILED: WKS.00129901 The service is now unavailable to process the request.",
    );
  });

  test("IMS: top-level error_code and fail_reason", () => {
    const error = new JobFailedError(imsJobSnapshot("ff8080814dbd65d7014dbe0d84db0013", F.parseImsJob(F.IMS_JOB_FAILED)));
    assert.equal(error.message, "ims-job ff8080814dbd65d7014dbe0d84db0013 ended FAIL: IMG.0044 The ECS is not stopped.");
  });

  test("app job with a nested sub-job error and an ABNORMAL sub-job", () => {
    const nested = new JobFailedError(appJobSnapshot("575768277444190002", F.parseAppJob(F.APP_JOB_FAILED_NESTED)));
    assert.match(
      nested.message,
      /^app-job 575768277444190002 ended FAILED: WKS\.00050902 .*; sub-job 575768277481940002 FAILED: WKS\.00050902 /,
    );
    const flat = new JobFailedError(appJobSnapshot("575768277444190001", F.parseAppJob(F.APP_JOB_FAILED_FLAT)));
    assert.match(flat.message, /sub-job 575768277481940001 ABNORMAL: WKS\.00211401 The requested operation failed/);
  });

  test("says so when the service gives no reason", () => {
    const error = new JobFailedError(imsJobSnapshot("j", F.parseImsJob({ status: "FAIL", error_code: null, fail_reason: null })));
    assert.equal(error.message, "ims-job j ended FAIL; the service gave no error code or message");
  });

  test("one line even when the service sends newlines or escapes, naming every failed sub-job", () => {
    const subJobs = Array.from({ length: 8 }, (_, i) => ({
      id: `s${i}`,
      status: "FAILED",
      job_execute_info: { error_code: "E", error_message: `line\n\u001b[31mred\r\n` },
    }));
    const error = new JobFailedError(imageJobSnapshot("j\nx", F.parseImageJob({ status: "FAILED", sub_jobs: subJobs })));
    assert.doesNotMatch(error.message, /[\u0000-\u001f]/);
    // Whole escape sequences go (core/sanitize.ts), not just their ESC byte.
    assert.match(error.message, /^image-job j x ended FAILED: E line red; sub-job s0 FAILED: E line red; /);
    assert.match(error.message, /sub-job s7 FAILED: E line red$/);
  });
});

describe("WaitTimeoutError", () => {
  test("last status with sub-job progress", () => {
    const snap = imsJobSnapshot("9a175ac692fa125401930037d9e3ffff", F.parseImsJob(F.IMS_JOB_RUNNING));
    const error = new WaitTimeoutError({ timeoutMs: 600_000, lastSnapshot: snap });
    assert.equal(error.exitCode, ExitCode.TIMEOUT);
    assert.equal(error.timeoutMs, 600_000);
    assert.equal(error.lastSnapshot, snap);
    assert.equal(
      error.message,
      "timed out after 10m waiting for ims-job 9a175ac692fa125401930037d9e3ffff; last status RUNNING (2/3 sub-jobs succeeded)",
    );
  });

  test("no sub-jobs: just the status; failed sub-jobs are counted", () => {
    const plain = new WaitTimeoutError({
      timeoutMs: 90_000,
      lastSnapshot: imsJobSnapshot("j", F.parseImsJob({ ...F.IMS_JOB_INIT, job_id: "j" })),
    });
    assert.equal(plain.message, "timed out after 1m30s waiting for ims-job j; last status INIT");
    const mixed = imageJobSnapshot(
      "j",
      F.parseImageJob({ status: "RUNNING", sub_jobs_total: 3, sub_jobs: [{ status: "FAILED" }, { status: "SUCCESS" }] }),
    );
    assert.equal(
      new WaitTimeoutError({ timeoutMs: 3_600_000, lastSnapshot: mixed }).message,
      "timed out after 1h waiting for image-job j; last status RUNNING (1/3 sub-jobs succeeded, 1 failed)",
    );
  });

  test("never seen: names the target and the last error", () => {
    const lastError = new NetworkError("ShowJob", "/v1/p/jobs/j", "ECONNREFUSED", 5);
    const error = new WaitTimeoutError({ timeoutMs: 60_000, target: { kind: "ims-job", jobId: "j" }, lastError });
    assert.equal(error.lastError, lastError);
    assert.equal(error.cause, lastError);
    assert.equal(
      error.message,
      "timed out after 1m waiting for ims-job j; no status received; last error: ShowJob GET /v1/p/jobs/j: network error ECONNREFUSED after 5 attempt(s)",
    );
  });
});

describe("WaitAbortedError", () => {
  test("exit code 130, elapsed time and last status", () => {
    const error = new WaitAbortedError({
      elapsedMs: 12_000,
      lastSnapshot: imsJobSnapshot("j", F.parseImsJob({ ...F.IMS_JOB_INIT, job_id: "j" })),
      cause: "SIGINT",
    });
    assert.equal(error.exitCode, ExitCode.INTERRUPTED);
    assert.equal(error.cause, "SIGINT");
    assert.equal(error.message, "wait for ims-job j interrupted after 12s; last status INIT");
    assert.equal(
      new WaitAbortedError({ elapsedMs: 0, target: { kind: "app-job", jobId: "a" } }).message,
      "wait for app-job a interrupted after 0s",
    );
  });
});
