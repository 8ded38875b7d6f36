import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { IMS_JOB_STATUSES, JOB_STATUSES, SUB_JOB_STATUSES } from "../../src/api/enums";
import { JOB_KINDS } from "../../src/jobs/kinds";
import { classifyJobStatus, classifyStatus, classifySubJobStatus, type Phase, type StatusTable } from "../../src/jobs/phase";

// Design §5, written out independently of the implementation.
const EXPECTED: Record<StatusTable, Record<string, Phase>> = {
  job: { WAITING: "pending", RUNNING: "pending", SUCCESS: "succeeded", FAILED: "failed" },
  "sub-job": {
    WAITING: "pending",
    RUNNING: "pending",
    ROLLBACK: "pending",
    ABORTING: "pending",
    SUCCESS: "succeeded",
    FAILED: "failed",
    ABNORMAL: "failed",
  },
  ims: { INIT: "pending", RUNNING: "pending", SUCCESS: "succeeded", FAIL: "failed" },
};

// Values a table must not know: other tables' words, case variants, prototype keys, blanks.
const FOREIGN = [
  "FAIL",
  "FAILED",
  "ABNORMAL",
  "ROLLBACK",
  "ABORTING",
  "INIT",
  "WAITING",
  "success",
  "Success",
  " SUCCESS",
  "SUCCESS ",
  "COMPLETE",
  "DONE",
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "",
];

describe("classifyStatus", () => {
  test("every documented status of the api enums is in its table", () => {
    assert.deepEqual(Object.keys(EXPECTED.job).sort(), [...JOB_STATUSES].sort());
    assert.deepEqual(Object.keys(EXPECTED["sub-job"]).sort(), [...SUB_JOB_STATUSES].sort());
    assert.deepEqual(Object.keys(EXPECTED.ims).sort(), [...IMS_JOB_STATUSES].sort());
  });

  for (const [table, rows] of Object.entries(EXPECTED) as Array<[StatusTable, Record<string, Phase>]>) {
    for (const [status, phase] of Object.entries(rows)) {
      test(`${table}: ${status} -> ${phase}`, () => {
        assert.deepEqual(classifyStatus(table, status), { phase, known: true });
      });
    }
    test(`${table}: anything else is pending and unknown, never succeeded`, () => {
      for (const status of [...FOREIGN.filter((s) => !Object.hasOwn(rows, s)), "PAUSED", "😀", null, undefined]) {
        assert.deepEqual(classifyStatus(table, status), { phase: "pending", known: false }, `${table} ${String(status)}`);
      }
    });
  }
});

describe("classifyJobStatus / classifySubJobStatus", () => {
  const tables: Record<string, { job: StatusTable; sub: StatusTable }> = {
    "image-job": { job: "job", sub: "sub-job" },
    "app-job": { job: "job", sub: "sub-job" },
    "ims-job": { job: "ims", sub: "ims" },
  };
  for (const kind of JOB_KINDS) {
    test(`${kind} uses the ${tables[kind]?.job} / ${tables[kind]?.sub} tables`, () => {
      const expected = tables[kind];
      assert.ok(expected);
      const samples = [...new Set([...JOB_STATUSES, ...SUB_JOB_STATUSES, ...IMS_JOB_STATUSES, "PAUSED", ""])];
      for (const status of samples) {
        assert.deepEqual(classifyJobStatus(kind, status), classifyStatus(expected.job, status), `${kind} job ${status}`);
        assert.deepEqual(classifySubJobStatus(kind, status), classifyStatus(expected.sub, status), `${kind} sub ${status}`);
      }
    });
  }

  test("a parent ABNORMAL is not failure and an IMS FAILED is not failure: both unknown, pending", () => {
    assert.deepEqual(classifyJobStatus("image-job", "ABNORMAL"), { phase: "pending", known: false });
    assert.deepEqual(classifyJobStatus("ims-job", "FAILED"), { phase: "pending", known: false });
    assert.deepEqual(classifyJobStatus("app-job", "FAIL"), { phase: "pending", known: false });
  });
});
