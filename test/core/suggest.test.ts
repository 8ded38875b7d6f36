import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { closestMatch, didYouMean, editDistance } from "../../src/core/suggest";

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and swaps of neighbours", () => {
    const cases: Array<[string, string, number]> = [
      ["", "", 0],
      ["", "ABC", 3],
      ["ABC", "ABC", 0],
      ["CREATE_SERVER", "CREATE_SERVR", 1],
      ["CREATE_SERVER", "CRAETE_SERVER", 1],
      ["CREATE_SERVER", "DELETE_SERVER", 4],
      ["kitten", "sitting", 3],
      ["AB", "BA", 1],
    ];
    for (const [a, b, d] of cases) {
      assert.equal(editDistance(a, b), d, `${a} / ${b}`);
      assert.equal(editDistance(b, a), d, `${b} / ${a}`);
    }
  });
});

describe("closestMatch", () => {
  const TYPES = ["CREATE_SERVER", "CREATE_SERVER_IMAGE", "DELETE_SERVER", "BUILD_IMAGE", "DELETE_IMAGE"];

  it("finds a slip: case, a missing or extra letter, a swap, a separator", () => {
    for (const [typed, meant] of [
      ["create_server", "CREATE_SERVER"],
      ["CREATE_SERVR", "CREATE_SERVER"],
      ["BUILD_IMAGES", "BUILD_IMAGE"],
      ["CRAETE_SERVER", "CREATE_SERVER"],
      ["DELETE-IMAGE", "DELETE_IMAGE"],
      ["createServer", "CREATE_SERVER"],
    ]) {
      assert.equal(closestMatch(typed!, TYPES), meant, typed);
    }
  });

  it("finds nothing for a value that is a candidate, far from all, short, empty, tied or very long", () => {
    for (const typed of ["CREATE_SERVER", "FUTURE_TYPE", "XYZ", "", "C", "X".repeat(65)])
      assert.equal(closestMatch(typed, TYPES), undefined, typed);
    assert.equal(closestMatch("AC", ["AB", "AD"]), undefined, "two equally close");
  });

  it("didYouMean is the end of a message, or empty", () => {
    assert.equal(didYouMean("RUNING", ["RUNNING", "WAITING"]), '; did you mean "RUNNING"?');
    assert.equal(didYouMean("DONE", ["RUNNING", "WAITING"]), "");
  });
});
