// The first line of a wait echoes its timeout normalised, however it was written (issue 12, item 6).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveWaitSettings } from "../../src/cli/wait-settings";

describe("resolveWaitSettings: the timeout as the first line says it", () => {
  for (const [given, said] of [
    ["5", "5s"],
    ["90", "1m30s"],
    ["90m", "1h30m"],
    ["1h30m", "1h30m"],
    ["3600s", "1h"],
  ] as const) {
    it(`--timeout ${given} is said as ${said}, and so is HWJOBS_TIMEOUT=${given}`, () => {
      assert.equal(resolveWaitSettings({ timeout: given }, {}).timeout, said);
      assert.equal(resolveWaitSettings({}, { HWJOBS_TIMEOUT: given }).timeout, said);
    });
  }

  it("the default is said as 1h", () => {
    assert.equal(resolveWaitSettings({}, {}).timeout, "1h");
  });
});
