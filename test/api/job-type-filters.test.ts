import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { APP_JOB_TYPES, APP_LIST_JOB_TYPES, IMAGE_JOB_TYPES, IMAGE_LIST_JOB_TYPES } from "../../src/api/enums";
import {
  JOB_TYPE_FILTERS,
  judgeJobType,
  NEWER_JOB_TYPE_PATTERN,
  newerJobTypes,
  newerJobTypesWarning,
} from "../../src/api/job-type-filters";

describe("JOB_TYPE_FILTERS", () => {
  it("has the list operations on the spec's query patterns and the counts on the service's enums", () => {
    assert.deepEqual(
      Object.values(JOB_TYPE_FILTERS).map((f) => [f.operation, f.known.length, f.required, f.maxListLength ?? null, f.sendsNewer]),
      [
        ["ListImageJobs", 3, true, null, false],
        ["ListImageSubJobs", 3, true, null, false],
        ["CountImageSubJobs", 7, false, 128, true],
        ["ListSubJobs", 10, true, null, false],
        ["CountSubJobs", 19, false, 256, true],
      ],
    );
    for (const [key, filter] of Object.entries(JOB_TYPE_FILTERS)) assert.equal(filter.operation, key);
  });

  it("a list's types are a subset of its count's, which the list points to", () => {
    for (const [list, count] of [
      [IMAGE_LIST_JOB_TYPES, IMAGE_JOB_TYPES],
      [APP_LIST_JOB_TYPES, APP_JOB_TYPES],
    ] as const) {
      for (const type of list) assert.ok((count as readonly string[]).includes(type), type);
    }
    assert.equal(JOB_TYPE_FILTERS.ListImageJobs.countedBy, JOB_TYPE_FILTERS.CountImageSubJobs);
    assert.equal(JOB_TYPE_FILTERS.ListImageSubJobs.countedBy, JOB_TYPE_FILTERS.CountImageSubJobs);
    assert.equal(JOB_TYPE_FILTERS.ListSubJobs.countedBy, JOB_TYPE_FILTERS.CountSubJobs);
  });

  it("the newer-type pattern is the shape of every type the services define, and no duplicates exist", () => {
    for (const type of [...IMAGE_JOB_TYPES, ...APP_JOB_TYPES]) assert.match(type, NEWER_JOB_TYPE_PATTERN);
    for (const list of [IMAGE_JOB_TYPES, APP_JOB_TYPES, IMAGE_LIST_JOB_TYPES, APP_LIST_JOB_TYPES])
      assert.equal(new Set(list).size, list.length);
    for (const other of ["imsCreateImageByInstance", "createServer", "SNAPSHOT", "A__B", "_A_B", "A_B_", "1_A", "A-B", "A B", "Ä_B", ""]) {
      assert.doesNotMatch(other, NEWER_JOB_TYPE_PATTERN, other);
    }
  });
});

describe("judgeJobType and the warning", () => {
  it("known, newer (counts only) or unknown", () => {
    const count = JOB_TYPE_FILTERS.CountImageSubJobs;
    const list = JOB_TYPE_FILTERS.ListImageJobs;
    assert.equal(judgeJobType(count, "BUILD_IMAGE"), "known");
    assert.equal(judgeJobType(count, "FUTURE_TYPE"), "newer");
    assert.equal(judgeJobType(count, "future_type"), "unknown");
    assert.equal(judgeJobType(list, "BUILD_IMAGE"), "unknown");
    assert.equal(judgeJobType(list, "FUTURE_TYPE"), "unknown");
    assert.deepEqual(newerJobTypes(count, ["CREATE_SERVER", "FUTURE_TYPE", "NEXT_TYPE", "FUTURE_TYPE"]), ["FUTURE_TYPE", "NEXT_TYPE"]);
  });

  it("one line naming each newer value once, a close known type, and what is known", () => {
    const line = newerJobTypesWarning(JOB_TYPE_FILTERS.CountSubJobs, "--job-type", ["BATCH_INSTAL_APP", "FUTURE_TYPE"]);
    assert.equal(
      line,
      `--job-type: "BATCH_INSTAL_APP" (did you mean "BATCH_INSTALL_APP"?), "FUTURE_TYPE" are not job types this version knows for CountSubJobs; ` +
        "sent as given, since the service may define types newer than this version",
    );
    assert.doesNotMatch(line, /\n/);
  });
});
