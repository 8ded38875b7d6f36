import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as constructs from "../../src/constructs";
import { JOB_KINDS, JobKind, isJobKind } from "../../src/constructs/job-kind";

describe("JobKind", () => {
  it("has the CLI's kind names as values", () => {
    assert.equal(JobKind.IMAGE_JOB, "image-job");
    assert.equal(JobKind.APP_JOB, "app-job");
    assert.equal(JobKind.IMS_JOB, "ims-job");
    assert.deepEqual([...JOB_KINDS], ["image-job", "app-job", "ims-job"]);
  });

  it("is the only kind name the constructs export (the package root also re-exports jobs/)", () => {
    assert.equal(constructs.JobKind, JobKind);
    assert.ok(!("JOB_KINDS" in constructs));
    assert.ok(!("isJobKind" in constructs));
  });

  it("recognises exactly those values", () => {
    for (const kind of JOB_KINDS) assert.ok(isJobKind(kind));
    for (const other of ["", "IMS-JOB", "ims", "image_job", " ims-job"]) assert.ok(!isJobKind(other), other);
  });
});
