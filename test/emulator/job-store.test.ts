import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DuplicateJobError, EmulatorValidationError, JobStore, type CreateJobInput } from "../../src/emulator";

const store = () => new JobStore(() => Date.parse("2026-03-01T08:00:00Z"));

function rejects(input: unknown, message: RegExp): void {
  assert.throws(
    () => store().createJob(input as CreateJobInput),
    (e: unknown) => e instanceof EmulatorValidationError && message.test(e.message),
  );
}

describe("JobStore", () => {
  it("applies the defaults of each kind", () => {
    const s = store();
    const image = s.createJob({ kind: "image-job", projectId: "p" });
    assert.match(image.id, /^[1-9]\d{17}$/);
    assert.equal(image.jobType, "CREATE_SERVER_IMAGE");
    assert.deepEqual([image.waitingMs, image.runningMs, image.outcome, image.subJobs], [1000, 5000, "success", 1]);
    assert.match(image.subJobIds[0]!, /^\d{18}$/);
    assert.match(image.resourceIds[0]!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(s.createJob({ kind: "app-job", projectId: "p" }).jobType, "CREATE_SERVER");
    const ims = s.createJob({ kind: "ims-job", projectId: "p", subJobs: 3 });
    assert.match(ims.id, /^[0-9a-f]{32}$/);
    assert.equal(ims.jobType, "imsCreateImageByInstance");
    assert.equal(ims.subJobs, 1, "IMS jobs have one track whatever subJobs says");
    assert.equal(ims.createdAt, Date.parse("2026-03-01T08:00:00Z"));
  });

  it("defaults failure codes per API family and keeps given ones", () => {
    const s = store();
    assert.equal(s.createJob({ kind: "image-job", projectId: "p", outcome: "failure" }).errorCode, "WKS.00129901");
    assert.equal(s.createJob({ kind: "ims-job", projectId: "p", outcome: "failure" }).errorCode, "IMG.0033");
    const custom = s.createJob({ kind: "app-job", projectId: "p", outcome: "failure", errorCode: "WKS.0001", errorMessage: "boom" });
    assert.deepEqual([custom.errorCode, custom.errorMessage], ["WKS.0001", "boom"]);
  });

  it("finds jobs by kind, project and id only", () => {
    const s = store();
    s.createJob({ kind: "image-job", projectId: "p", id: "1" });
    assert.ok(s.get("image-job", "p", "1"));
    assert.equal(s.get("image-job", "q", "1"), undefined);
    assert.equal(s.get("app-job", "p", "1"), undefined);
    s.createJob({ kind: "app-job", projectId: "p", id: "1" });
    s.createJob({ kind: "image-job", projectId: "q", id: "1" });
    assert.throws(() => s.createJob({ kind: "image-job", projectId: "p", id: "1" }), DuplicateJobError);
    assert.equal(s.list().length, 3);
    s.clear();
    assert.equal(s.list().length, 0);
  });

  it("rejects bad input naming the field and what it accepts", () => {
    rejects({ kind: "vm-job", projectId: "p" }, /^kind: must be one of image-job, app-job, ims-job$/);
    rejects({ kind: "ims-job" }, /^projectId: must be a string of 1 to 128 characters$/);
    rejects({ kind: "ims-job", projectId: "" }, /^projectId: /);
    rejects({ kind: "ims-job", projectId: "p", waitingMs: -1 }, /^waitingMs: must be an integer from 0 to /);
    rejects({ kind: "ims-job", projectId: "p", runningMs: 1.5 }, /^runningMs: /);
    rejects({ kind: "image-job", projectId: "p", subJobs: 0 }, /^subJobs: must be an integer from 1 to 100$/);
    rejects({ kind: "image-job", projectId: "p", outcome: "maybe" }, /^outcome: must be one of success, failure, never$/);
    rejects({ kind: "image-job", projectId: "p", errorCode: "X" }, /^errorCode: .*only with outcome "failure"/);
    rejects({ kind: "image-job", projectId: "p", errorMessage: "X" }, /^errorMessage: /);
    rejects({ kind: "image-job", projectId: "p", colour: "red" }, /^colour: is not a known field/);
    rejects("nope", /^body: must be a JSON object$/);
  });
});
