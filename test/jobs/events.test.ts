import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ApiError, InvalidInputError, NetworkError, ResponseValidationError } from "../../src/core/errors";
import { createStatusTracker } from "../../src/jobs/events";
import { classifyPollError } from "../../src/jobs/poll-errors";
import { imsJobSnapshot } from "../../src/jobs/snapshot";
import * as F from "./fixtures";
import { apiError } from "./scripted-poll";

const snap = (status: string) => imsJobSnapshot("j", F.parseImsJob({ job_id: "j", status }));

describe("createStatusTracker", () => {
  test("status first, nothing while unchanged, heartbeat after the interval, status on change", () => {
    const tracker = createStatusTracker(30_000);
    const types = (status: string, at: number) => tracker.observe(snap(status), at).map((e) => `${e.type}@${e.elapsedMs}`);
    assert.deepEqual(types("INIT", 0), ["status@0"]);
    assert.deepEqual(types("INIT", 10_000), []);
    assert.deepEqual(types("INIT", 30_000), ["heartbeat@30000"]);
    assert.deepEqual(types("INIT", 50_000), []);
    assert.deepEqual(types("RUNNING", 55_000), ["status@55000"]);
    assert.deepEqual(types("RUNNING", 85_000), ["heartbeat@85000"]);
  });

  test("one warning per unknown value; the first status event has no previous", () => {
    const tracker = createStatusTracker(60_000);
    const first = tracker.observe(snap("PAUSED"), 0);
    assert.deepEqual(
      first.map((e) => e.type),
      ["status", "unknown-status"],
    );
    assert.ok(first[0]?.type === "status" && !("previous" in first[0]));
    assert.deepEqual(
      tracker.observe(snap("PAUSED"), 1).map((e) => e.type),
      [],
    );
    assert.deepEqual(
      tracker.observe(snap("HELD"), 2).map((e) => e.type),
      ["status", "unknown-status"],
    );
    assert.deepEqual(
      tracker.observe(snap("PAUSED"), 3).map((e) => e.type),
      ["status"],
    );
  });
});

describe("classifyPollError", () => {
  test("404 is not-found", () => {
    assert.equal(classifyPollError(apiError(404)).class, "not-found");
  });
  test("network errors, 429/5xx and garbled bodies are transient", () => {
    for (const error of [
      new NetworkError("ShowJob", "/p", "ECONNRESET", 5),
      new ResponseValidationError("ShowJob", "/p", "body is not JSON (0 bytes)"),
      ...[429, 500, 502, 503, 504].map((status) => apiError(status)),
    ]) {
      assert.equal(classifyPollError(error).class, "transient", error.message);
    }
  });
  test("everything else is fatal", () => {
    for (const error of [
      ...[400, 401, 403, 405, 409, 501].map((status) => apiError(status)),
      new InvalidInputError("f", "f: bad"),
      new Error("x"),
      "text",
      undefined,
    ]) {
      assert.equal(classifyPollError(error).class, "fatal", String(error));
    }
    assert.ok(apiError(401) instanceof ApiError);
  });
});
