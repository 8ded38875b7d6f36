// Runs every test/**/*.test.ts with node:test and tsx (Node 20's --test takes no globs).
// HWJOBS_TEST_FILTER=<substring> limits the run to matching files.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const filter = process.env.HWJOBS_TEST_FILTER ?? "";

function collect(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return collect(path);
    return entry.name.endsWith(".test.ts") ? [relative(root, path)] : [];
  });
}

const files = collect(join(root, "test"))
  .filter((f) => f.includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${JSON.stringify(filter)}`);
  process.exit(1);
}
// Every temporary file of the run (cdktf's Testing outdirs, synthesized stacks, Terraform state)
// goes under one directory that is removed afterwards, whatever the tests forget to clean up; so
// does the CLI's code cache (docs/architecture.md §5.3), so no run depends on an earlier one's.
const scratch = mkdtempSync(join(tmpdir(), "hwjobs-tests-"));
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-reporter=spec", "--test-concurrency=2", "--test-timeout=300000", ...files],
  { cwd: root, stdio: "inherit", env: { ...process.env, TMPDIR: scratch, XDG_CACHE_HOME: join(scratch, "cache") } },
);
rmSync(scratch, { recursive: true, force: true });
process.exit(result.status ?? 1);
