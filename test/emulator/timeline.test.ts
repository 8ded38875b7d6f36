import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { subJobFinishOffset, timelineAt, type TimelineSpec } from "../../src/emulator/jobs/timeline";

const spec = (over: Partial<TimelineSpec> = {}): TimelineSpec => ({
  waitingMs: 1000,
  runningMs: 5000,
  outcome: "success",
  subJobs: 1,
  ...over,
});
const statuses = (s: TimelineSpec, t: number) => timelineAt(s, t).subJobs.map((j) => j.status);

describe("timelineAt", () => {
  it("moves WAITING → RUNNING → SUCCESS at exact boundaries", () => {
    const s = spec();
    assert.deepEqual(timelineAt(s, 0), { status: "WAITING", subJobs: [{ status: "WAITING" }] });
    assert.equal(timelineAt(s, 999).status, "WAITING");
    assert.deepEqual(timelineAt(s, 1000), { status: "RUNNING", runningShare: 0, subJobs: [{ status: "RUNNING" }] });
    assert.equal(timelineAt(s, 3500).runningShare, 0.5);
    assert.equal(timelineAt(s, 5999).status, "RUNNING");
    assert.deepEqual(timelineAt(s, 6000), { status: "SUCCESS", endOffsetMs: 6000, subJobs: [{ status: "SUCCESS", endOffsetMs: 6000 }] });
    assert.deepEqual(timelineAt(s, 1e12), timelineAt(s, 6000), "a finished job never changes");
  });

  it("finishes sub-jobs one by one so progress is visible", () => {
    const s = spec({ subJobs: 3, runningMs: 3000 });
    assert.deepEqual(
      [0, 1, 2].map((i) => subJobFinishOffset(s, i)),
      [2000, 3000, 4000],
    );
    assert.deepEqual(statuses(s, 1999), ["RUNNING", "RUNNING", "RUNNING"]);
    assert.deepEqual(statuses(s, 2000), ["SUCCESS", "RUNNING", "RUNNING"]);
    assert.deepEqual(statuses(s, 3000), ["SUCCESS", "SUCCESS", "RUNNING"]);
    assert.equal(timelineAt(s, 3000).status, "RUNNING");
    assert.deepEqual(statuses(s, 4000), ["SUCCESS", "SUCCESS", "SUCCESS"]);
    assert.equal(timelineAt(s, 4000).status, "SUCCESS");
  });

  it("ends the last sub-job exactly at waiting + running despite rounding", () => {
    const s = spec({ subJobs: 3, runningMs: 1000 });
    assert.deepEqual(
      [0, 1, 2].map((i) => subJobFinishOffset(s, i)),
      [1333, 1667, 2000],
    );
  });

  it("fails the last sub-job after a ROLLBACK in the last 20% of its window", () => {
    const s = spec({ outcome: "failure", subJobs: 2, runningMs: 1000 });
    // Window of the last sub-job: 1000..2000 → ROLLBACK from 1800.
    assert.deepEqual(statuses(s, 1500), ["SUCCESS", "RUNNING"]);
    assert.deepEqual(statuses(s, 1799), ["SUCCESS", "RUNNING"]);
    assert.deepEqual(statuses(s, 1800), ["SUCCESS", "ROLLBACK"]);
    assert.equal(timelineAt(s, 1999).status, "RUNNING");
    const end = timelineAt(s, 2000);
    assert.equal(end.status, "FAILED");
    assert.equal(end.endOffsetMs, 2000);
    assert.deepEqual(end.subJobs, [
      { status: "SUCCESS", endOffsetMs: 1500 },
      { status: "FAILED", endOffsetMs: 2000 },
    ]);
  });

  it("keeps outcome never RUNNING forever while the other sub-jobs finish", () => {
    const s = spec({ outcome: "never", subJobs: 2 });
    const late = timelineAt(s, 1e12);
    assert.equal(late.status, "RUNNING");
    assert.equal(late.endOffsetMs, undefined);
    assert.deepEqual(
      late.subJobs.map((j) => j.status),
      ["SUCCESS", "RUNNING"],
    );
    assert.equal(timelineAt(s, 10).status, "WAITING");
  });

  it("handles zero durations and a clock earlier than creation", () => {
    assert.equal(timelineAt(spec({ waitingMs: 0, runningMs: 0 }), 0).status, "SUCCESS");
    assert.equal(timelineAt(spec({ waitingMs: 0, runningMs: 0, outcome: "failure" }), 0).status, "FAILED");
    assert.equal(timelineAt(spec(), -5000).status, "WAITING");
  });
});
