// The README's table of the emulator's limits is the registry's own rendering (src/emulator/limits.ts),
// so a limit changed in code cannot leave the README behind.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { limitsTable } from "../../src/emulator/limits";

test("the README's emulator limits table is limitsTable()", () => {
  const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
  assert.ok(readme.includes(`${limitsTable().trimEnd()}\n`), "README.md's limits table is stale: paste the output of limitsTable() from src/emulator/limits.ts");
});
