// Resolution of `--scenario` values: shipped names, paths, and where the shipped files are found.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { findPackageRoot, resolveScenarioRef, scenarioNames, scenariosDir } from "../../src/emulator";

const REPO_ROOT = join(__dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "hwjobs-scenario-names-"));
after(() => rmSync(work, { recursive: true, force: true }));

describe("scenario names", () => {
  it("finds the package root above the source (and the compiled and bundled code, one or two levels below it)", () => {
    assert.equal(findPackageRoot(), REPO_ROOT);
    assert.equal(findPackageRoot(join(REPO_ROOT, "lib")), REPO_ROOT);
    assert.equal(findPackageRoot(join(REPO_ROOT, "lib", "emulator")), REPO_ROOT);
    assert.equal(scenariosDir(), join(REPO_ROOT, "scenarios"));
  });

  it("finds no package root outside the package, even under another package.json", () => {
    const other = join(work, "other", "lib");
    mkdirSync(other, { recursive: true });
    writeFileSync(join(work, "other", "package.json"), '{"name":"someone-else"}');
    assert.equal(findPackageRoot(other), undefined);
  });

  it("names are the .json files of the directory, sorted", () => {
    const dir = join(work, "scenarios");
    mkdirSync(dir);
    for (const file of ["zeta.json", "alpha.json", "notes.txt"]) writeFileSync(join(dir, file), "{}");
    assert.deepEqual(scenarioNames(dir), ["alpha", "zeta"]);
    assert.deepEqual(scenarioNames(join(work, "missing")), []);
    assert.deepEqual(scenarioNames(), ["realistic", "small"]);
  });

  it("a value with a slash or ending in .json is a path; anything else a name", () => {
    const dir = join(REPO_ROOT, "scenarios");
    assert.deepEqual(resolveScenarioRef("small", dir), { kind: "name", name: "small", path: join(dir, "small.json") });
    assert.deepEqual(resolveScenarioRef("small.json", dir), { kind: "path", path: "small.json" });
    assert.deepEqual(resolveScenarioRef("./small", dir), { kind: "path", path: "./small" });
    assert.deepEqual(resolveScenarioRef("/tmp/x", dir), { kind: "path", path: "/tmp/x" });
    assert.deepEqual(resolveScenarioRef("huge", dir), { kind: "unknown", name: "huge", accepted: ["realistic", "small"] });
    assert.deepEqual(resolveScenarioRef("small", join(work, "missing")), { kind: "unknown", name: "small", accepted: [] });
  });
});
