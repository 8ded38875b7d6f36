import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, it } from "node:test";
import { build } from "esbuild";

const ROOT = resolve(__dirname, "..", "..");

// constructs/ only synthesizes configuration that runs the CLI: it may use pure constants from
// the layers below, never the HTTP stack, the emulator or the CLI itself (docs/architecture.md §2).
const ALLOWED = new Set([
  "src/api/enums.ts",
  // Where each API operation lives (service, path), which the job-kind registry names; it imports nothing.
  "src/api/operations.ts",
  // The registry of the job_type parameters, so that props accept exactly what the CLI does; it
  // imports only the enums, core/limits.ts and core/suggest.ts.
  "src/api/job-type-filters.ts",
  "src/core/duration.ts",
  "src/core/endpoint.ts",
  "src/core/errors.ts",
  // A network failure in words, which core/errors.ts puts in NetworkError's message; it imports nothing.
  "src/core/network-failure.ts",
  "src/core/exit-codes.ts",
  // The limits the CLI checks values against (job ids, region, project id), so that the
  // constructs check the same ones at synth time; it imports nothing.
  "src/core/limits.ts",
  "src/core/pagination.ts",
  // The errors and item limit of core/pagination.ts; it imports only core/errors.ts and core/exit-codes.ts.
  "src/core/list-errors.ts",
  // How core/pagination.ts assembles pages; it imports nothing.
  "src/core/page-merge.ts",
  // The abort helper core/pagination.ts uses (for MAX_CONCURRENCY's module); it imports nothing.
  "src/core/abort.ts",
  // Pure text sanitizing, which core/errors.ts applies to every error message; it imports nothing.
  "src/core/sanitize.ts",
  // The connection settings table (flags, variables, query keys, props); it imports nothing.
  "src/core/connection-settings.ts",
  // "Did you mean" hints for refused values; it imports nothing.
  "src/core/suggest.ts",
  // The job-kind registry (name, Show operation, id limit, status tables, family), from which
  // JobKind's list and the job data sources' operations and id limits derive; it imports only
  // api/operations.ts, api/job-type-filters.ts, core/errors.ts, core/limits.ts and core/suggest.ts.
  "src/jobs/kinds.ts",
  // The wait timings table (flags, variables, props, defaults); it imports only core/duration.ts.
  "src/jobs/wait-timings.ts",
]);

describe("constructs layering", () => {
  it("imports nothing from the HTTP stack, the emulator or the CLI", async () => {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [join(ROOT, "src", "constructs", "index.ts")],
      bundle: true,
      write: false,
      metafile: true,
      platform: "node",
      logLevel: "silent",
      // The peer dependencies; anything else (undici, zod, ...) gets bundled and so shows up below.
      external: ["cdktf", "cdktn", "constructs"],
    });
    const inputs = Object.keys(result.metafile.inputs).map((path) => relative(ROOT, resolve(ROOT, path)).split("\\").join("/"));
    const outside = inputs.filter((path) => !path.startsWith("src/constructs/") && !ALLOWED.has(path));
    assert.deepEqual(outside, []);
  });

  it("names a framework package only in the framework seam, constructs/framework.ts", () => {
    // Any import, require or type import of "cdktf"/"cdktn" (or a file of theirs) anywhere else would
    // build constructs from a fixed framework, or put a framework's types into the public typings.
    const specifier = /(?:from\s*|import\s*\(\s*|require\s*\(\s*)["'](cdktf|cdktn)(\/[^"']*)?["']/;
    const offenders = walk(join(ROOT, "src"))
      .filter((file) => file.endsWith(".ts"))
      .map((file) => relative(ROOT, file).split("\\").join("/"))
      .filter((file) => file !== "src/constructs/framework.ts" && specifier.test(readFileSync(join(ROOT, file), "utf8")));
    assert.deepEqual(offenders, []);
    assert.match(
      readFileSync(join(ROOT, "src", "constructs", "framework.ts"), "utf8"),
      specifier,
      "the seam itself names the framework (else this test checks nothing)",
    );
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
