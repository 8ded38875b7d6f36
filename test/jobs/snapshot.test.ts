import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { appJobSnapshot, appSubJobSnapshot, imageJobSnapshot, imsJobSnapshot } from "../../src/jobs/snapshot";
import { subJobProgress } from "../../src/jobs/sub-job-progress";
import * as F from "./fixtures";

describe("imageJobSnapshot", () => {
  test("§2.5 SUCCESS example: resource id from the succeeded sub-job, empty error strings", () => {
    const job = F.parseImageJob(F.IMAGE_JOB_SUCCESS);
    const snap = imageJobSnapshot("702364883651395584", job);
    assert.deepEqual(
      { ...snap, job: undefined },
      {
        kind: "image-job",
        jobId: "702364883651395584",
        status: "SUCCESS",
        phase: "succeeded",
        knownStatus: true,
        resourceIds: ["f5d443de-a623-4950-a74d-569fe63c1f7a"],
        resourceId: "f5d443de-a623-4950-a74d-569fe63c1f7a",
        errorCode: "",
        errorMessage: "",
        subJobs: [
          {
            id: "702364884037271552",
            status: "SUCCESS",
            phase: "succeeded",
            knownStatus: true,
            errorCode: "",
            errorMessage: "",
            resourceId: "f5d443de-a623-4950-a74d-569fe63c1f7a",
          },
        ],
        subJobsTotal: 1,
        progress: 1,
        beginMs: Date.parse("2024-05-20T10:39:49.61Z"),
        job: undefined,
      },
    );
    assert.equal(snap.job, job, "the API object is kept as is");
    assert.deepEqual(subJobProgress(snap), { total: 1, succeeded: 1, failed: 0, pending: 0 });
  });

  test("FAILED: the parent takes the failed sub-job's code and message; only succeeded sub-jobs give resource ids", () => {
    const snap = imageJobSnapshot("702364883651391552", F.parseImageJob(F.IMAGE_JOB_FAILED));
    assert.equal(snap.phase, "failed");
    assert.equal(snap.errorCode, "WKS.00129901");
    assert.equal(snap.errorMessage, "The service is now unavailable to process the request.");
    assert.deepEqual(snap.resourceIds, ["0b3c3bb0-7a6f-4f4e-8d6e-8b7a1f6d2c11"]);
    assert.deepEqual(
      snap.subJobs.map((s) => [s.id, s.phase, s.errorCode]),
      [
        ["702364884037271553", "succeeded", ""],
        ["702364884037271554", "failed", "WKS.00129901"],
      ],
    );
    assert.deepEqual(subJobProgress(snap), { total: 2, succeeded: 1, failed: 1, pending: 0 });
  });

  test("RUNNING with nulls, a missing end_time and fewer sub-jobs listed than announced", () => {
    const snap = imageJobSnapshot("702364883651395999", F.parseImageJob(F.IMAGE_JOB_RUNNING));
    assert.equal(snap.phase, "pending");
    assert.deepEqual(snap.resourceIds, ["img-1"], "a finished sub-job's resource shows before the parent ends");
    assert.equal(snap.resourceId, "img-1");
    assert.equal(snap.errorCode, "");
    assert.deepEqual(snap.subJobs[1], {
      id: "702364884037270002",
      status: "RUNNING",
      phase: "pending",
      knownStatus: true,
      errorCode: "",
      errorMessage: "",
      resourceId: "",
    });
    assert.deepEqual(subJobProgress(snap), { total: 3, succeeded: 1, failed: 0, pending: 2 });
  });

  test("resource ids keep order, drop blanks and duplicates, and skip unsuccessful sub-jobs", () => {
    const sub = (id: string, status: string, resource: string | null) => ({ id, status, job_resource_info: { resource_id: resource } });
    const job = F.parseImageJob({
      id: "1",
      status: "SUCCESS",
      sub_jobs: [
        sub("a", "SUCCESS", "r2"),
        sub("b", "SUCCESS", ""),
        sub("c", "SUCCESS", "r1"),
        sub("d", "SUCCESS", "r2"),
        sub("e", "FAILED", "r3"),
        sub("f", "ROLLBACK", "r4"),
        sub("g", "SUCCESS", null),
      ],
    });
    assert.deepEqual(imageJobSnapshot("1", job).resourceIds, ["r2", "r1"]);
  });

  test("no sub_jobs at all (null or absent): no resources, no progress", () => {
    for (const body of [
      { id: "1", status: "WAITING" },
      { id: "1", status: "WAITING", sub_jobs: null, sub_jobs_total: null },
    ]) {
      const snap = imageJobSnapshot("1", F.parseImageJob(body));
      assert.deepEqual([snap.resourceIds, snap.resourceId, snap.subJobs, snap.subJobsTotal], [[], "", [], 0]);
      assert.deepEqual(subJobProgress(snap), { total: 0, succeeded: 0, failed: 0, pending: 0 });
    }
  });

  test("unknown parent and sub-job statuses are pending and marked unknown", () => {
    const snap = imageJobSnapshot("1", F.parseImageJob({ status: "PAUSED", sub_jobs: [{ id: "s", status: "SUSPENDED" }] }));
    assert.deepEqual([snap.phase, snap.knownStatus], ["pending", false]);
    assert.deepEqual([snap.subJobs[0]?.phase, snap.subJobs[0]?.knownStatus], ["pending", false]);
    assert.equal(snap.jobId, "1", "the id asked for is used when the body has none");
  });

  test("a failed sub-job without details is skipped in favour of one that says why", () => {
    const snap = imageJobSnapshot(
      "1",
      F.parseImageJob({
        status: "FAILED",
        sub_jobs: [
          { id: "a", status: "FAILED", job_execute_info: { error_code: "", error_message: "" } },
          { id: "b", status: "ABNORMAL", job_execute_info: { error_code: "WKS.1", error_message: "broken" } },
        ],
      }),
    );
    assert.deepEqual([snap.errorCode, snap.errorMessage], ["WKS.1", "broken"]);
  });
});

describe("appJobSnapshot", () => {
  test("§2.8 ShowJobDetail SUCCESS example", () => {
    const snap = appJobSnapshot("575768277444198400", F.parseAppJob(F.APP_JOB_SUCCESS));
    assert.equal(snap.kind, "app-job");
    assert.equal(snap.phase, "succeeded");
    assert.deepEqual(snap.resourceIds, ["a2a6f5af-cbf7-4242-8988-109426870886"]);
    assert.deepEqual([snap.errorCode, snap.errorMessage], ["", ""]);
  });

  test("flat sub-job errors (ABNORMAL counts as failed)", () => {
    const snap = appJobSnapshot("575768277444190001", F.parseAppJob(F.APP_JOB_FAILED_FLAT));
    assert.equal(snap.phase, "failed");
    assert.deepEqual([snap.errorCode, snap.errorMessage], ["WKS.00211401", "The requested operation failed. Please try again later."]);
    assert.deepEqual(snap.resourceIds, []);
    assert.deepEqual(subJobProgress(snap), { total: 1, succeeded: 0, failed: 1, pending: 0 });
  });

  test("nested job_execute_info when the flat fields are empty or null", () => {
    const snap = appJobSnapshot("575768277444190002", F.parseAppJob(F.APP_JOB_FAILED_NESTED));
    assert.deepEqual([snap.errorCode, snap.errorMessage], ["WKS.00050902", "The service is now unavailable to process the request."]);
  });

  test("flat fields win over nested ones, and code and message come from the same place", () => {
    const sub = F.parseAppJob({
      status: "FAILED",
      sub_jobs: [
        { id: "s", status: "FAILED", error_code: "WKS.FLAT", job_execute_info: { error_code: "WKS.NESTED", error_message: "nested" } },
      ],
    }).sub_jobs?.[0];
    assert.ok(sub);
    const snap = appSubJobSnapshot(sub);
    assert.deepEqual([snap.errorCode, snap.errorMessage], ["WKS.FLAT", ""]);
  });
});

describe("imsJobSnapshot", () => {
  test("§3 SUCCESS example: entities.image_id, null errors become empty strings", () => {
    const snap = imsJobSnapshot("9a175ac792fa12d20193002100dd2762", F.parseImsJob(F.IMS_JOB_SUCCESS));
    assert.deepEqual(
      [
        snap.kind,
        snap.status,
        snap.phase,
        snap.knownStatus,
        snap.resourceIds,
        snap.resourceId,
        snap.errorCode,
        snap.errorMessage,
        snap.subJobs,
      ],
      [
        "ims-job",
        "SUCCESS",
        "succeeded",
        true,
        ["3f7185de-b59a-4bb8-aa1d-7a513528b0e9"],
        "3f7185de-b59a-4bb8-aa1d-7a513528b0e9",
        "",
        "",
        [],
      ],
    );
    assert.deepEqual(subJobProgress(snap), { total: 0, succeeded: 0, failed: 0, pending: 0 });
  });

  test("§3 OVA example: the image id of a successful member job", () => {
    const snap = imsJobSnapshot("9a175ac892fa13420193006a49173317", F.parseImsJob(F.IMS_JOB_OVA));
    assert.deepEqual(snap.resourceIds, ["fc496c19-40c2-4220-8b1a-eba9d53fca7b"]);
    assert.deepEqual(snap.subJobs, [
      {
        id: "9a175ac892fa13420193006c29e133f0",
        status: "SUCCESS",
        phase: "succeeded",
        knownStatus: true,
        errorCode: "",
        errorMessage: "",
        resourceId: "fc496c19-40c2-4220-8b1a-eba9d53fca7b",
      },
    ]);
    assert.deepEqual(subJobProgress(snap), { total: 1, succeeded: 1, failed: 0, pending: 0 });
  });

  test("FAIL: top-level error_code and fail_reason", () => {
    const snap = imsJobSnapshot("ff8080814dbd65d7014dbe0d84db0013", F.parseImsJob(F.IMS_JOB_FAILED));
    assert.deepEqual(
      [snap.phase, snap.errorCode, snap.errorMessage, snap.resourceIds],
      ["failed", "IMG.0044", "The ECS is not stopped.", []],
    );
  });

  test("RUNNING with member jobs: own image first, then members' images, deduplicated", () => {
    const snap = imsJobSnapshot(F.IMS_JOB_RUNNING.job_id, F.parseImsJob(F.IMS_JOB_RUNNING));
    assert.equal(snap.phase, "pending");
    assert.deepEqual(snap.resourceIds, ["img-a", "img-b"]);
    assert.deepEqual(subJobProgress(snap), { total: 3, succeeded: 2, failed: 0, pending: 1 });
    const withOwn = imsJobSnapshot(
      F.IMS_JOB_RUNNING.job_id,
      F.parseImsJob({ ...F.IMS_JOB_RUNNING, entities: { ...F.IMS_JOB_RUNNING.entities, image_id: "img-b" } }),
    );
    assert.deepEqual(withOwn.resourceIds, ["img-b", "img-a"]);
  });

  test("sub_jobs_list announces member jobs not reported yet", () => {
    const snap = imsJobSnapshot("x", F.parseImsJob({ status: "RUNNING", entities: { sub_jobs_list: ["a", "b"], sub_jobs_result: [] } }));
    assert.deepEqual(subJobProgress(snap), { total: 2, succeeded: 0, failed: 0, pending: 2 });
  });

  test("INIT with no entities and no end_time", () => {
    const snap = imsJobSnapshot("9a175ac692fa125401930037d9e30000", F.parseImsJob(F.IMS_JOB_INIT));
    assert.deepEqual([snap.phase, snap.knownStatus, snap.resourceIds, snap.resourceId, snap.errorCode], ["pending", true, [], "", ""]);
  });

  test("a FAIL without its own reason reports the failed member job's", () => {
    const snap = imsJobSnapshot(
      "x",
      F.parseImsJob({
        status: "FAIL",
        error_code: null,
        fail_reason: "",
        entities: {
          sub_jobs_result: [
            { job_id: "m1", status: "FAIL", error_code: "IMG.0001", fail_reason: "disk error", entities: { image_id: "img-x" } },
          ],
        },
      }),
    );
    assert.deepEqual([snap.errorCode, snap.errorMessage, snap.resourceIds], ["IMG.0001", "disk error", []]);
  });

  test("a member job without a status is pending and unknown", () => {
    const snap = imsJobSnapshot("x", F.parseImsJob({ status: "RUNNING", entities: { sub_jobs_result: [{ job_id: "m", status: null }] } }));
    assert.deepEqual([snap.subJobs[0]?.status, snap.subJobs[0]?.phase, snap.subJobs[0]?.knownStatus], ["", "pending", false]);
  });
});
