// docs/api/ is generated from the TSDoc by TypeDoc (typedoc.json, `npm run docs`) and checked in:
// this test regenerates it into a temporary directory and requires the checked-in tree to match
// byte for byte, so the reference can never drift from the sources. It also fails on any TypeDoc
// error or warning (a broken {@link}, a TSDoc syntax problem, a type the root uses but does not
// export): typedoc.json treats warnings as errors, and the output is checked for them too.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { test } from "node:test";

const ROOT = join(__dirname, "..", "..");
const CHECKED_IN = join(ROOT, "docs", "api");
const TYPEDOC = join(ROOT, "node_modules", "typedoc", "bin", "typedoc");
const TIMEOUT_MS = 120_000;
const REGENERATE = "docs/api/ is not current with the sources: run `npm run docs` and commit docs/api/";

interface Run {
  readonly code: number | null;
  readonly output: string;
}

/** Runs TypeDoc with typedoc.json, as `npm run docs` does, but writing to `out`. */
function runTypedoc(out: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [TYPEDOC, "--out", out],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, timeout: TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** Every file under `dir`, as sorted `/`-separated paths relative to it. */
function listFiles(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  return walk(dir)
    .map((path) => relative(dir, path).split(sep).join("/"))
    .sort();
}

function firstDifferentLine(expected: Buffer, actual: Buffer): string {
  const want = expected.toString("utf8").split("\n");
  const got = actual.toString("utf8").split("\n");
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    if (want[i] !== got[i]) return `line ${i + 1}: generated ${JSON.stringify(want[i] ?? "<end of file>")}, checked in ${JSON.stringify(got[i] ?? "<end of file>")}`;
  }
  return "same text, different bytes";
}

function summary(label: string, paths: readonly string[]): string[] {
  if (paths.length === 0) return [];
  const shown = paths.slice(0, 10).map((p) => `    docs/api/${p}`);
  return [`  ${label} (${paths.length}):`, ...shown, ...(paths.length > shown.length ? [`    … and ${paths.length - shown.length} more`] : [])];
}

test("docs/api/ is the TypeDoc output of the current sources", { timeout: TIMEOUT_MS + 30_000 }, async () => {
  assert.ok(existsSync(CHECKED_IN), `docs/api/ is missing: ${REGENERATE}`);
  const out = mkdtempSync(join(tmpdir(), "hwjobs-api-docs-"));
  try {
    const run = await runTypedoc(out);
    assert.equal(run.code, 0, `TypeDoc failed (exit ${run.code}):\n${run.output}`);
    const problems = run.output
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => /^\[(warning|error)\]/.test(line) && !/^\[warning\] Found 0 errors and 0 warnings$/.test(line));
    assert.deepEqual(problems, [], `TypeDoc reported problems in the TSDoc:\n${problems.join("\n")}`);

    const generated = listFiles(out);
    const checkedIn = listFiles(CHECKED_IN);
    assert.ok(generated.length > 0, `TypeDoc wrote nothing:\n${run.output}`);
    const inCheckedIn = new Set(checkedIn);
    const inGenerated = new Set(generated);
    const missing = generated.filter((p) => !inCheckedIn.has(p));
    const extra = checkedIn.filter((p) => !inGenerated.has(p));
    const differing: string[] = [];
    let firstDiff = "";
    for (const path of generated.filter((p) => inCheckedIn.has(p))) {
      const want = readFileSync(join(out, path));
      const got = readFileSync(join(CHECKED_IN, path));
      if (!want.equals(got)) {
        if (differing.length === 0) firstDiff = `  first difference, docs/api/${path} ${firstDifferentLine(want, got)}`;
        differing.push(path);
      }
    }
    const report = [
      ...summary("missing from docs/api/ (generated, not checked in)", missing),
      ...summary("extra in docs/api/ (checked in, no longer generated)", extra),
      ...summary("out of date", differing),
      ...(firstDiff ? [firstDiff] : []),
    ];
    assert.ok(report.length === 0, `${REGENERATE}\n${report.join("\n")}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
