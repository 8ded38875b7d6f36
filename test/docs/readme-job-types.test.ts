// The README's table of accepted job types is rendered here from the registry
// (src/api/job-type-filters.ts), so a type added in code cannot leave the README behind; and the
// count data sources' prop docs name every type their operation knows.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { defaultJobTypes, JOB_TYPE_FILTERS, type JobTypeFilter } from "../../src/api/job-type-filters";

const ROOT = join(__dirname, "..", "..");

/** The README's table: one row per operation of the registry. */
function jobTypesTable(): string {
  const rows = Object.values(JOB_TYPE_FILTERS).map((filter: JobTypeFilter) => {
    const form = filter.maxListLength === undefined ? "one type, required" : `comma-separated, at most ${filter.maxListLength} characters; optional (without it: ${defaultJobTypes(filter)})`;
    const newer = filter.sendsNewer
      ? "sent, with one warning line (a synth warning for a data source)"
      : `refused (exit 2), as the spec's pattern says the service does${filter.countedBy ? `; ${filter.countedBy.operation} takes the other types` : ""}`;
    const known = filter.known.map((type) => `\`${type}\``).join(", ");
    return `| ${filter.operation} | ${form} | ${known} | ${filter.source} | ${newer} |`;
  });
  return ["| operation | `job_type` | accepted | from | a newer-looking type |", "|---|---|---|---|---|", ...rows, ""].join("\n");
}

test("the README's job types table is rendered from the registry", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const table = jobTypesTable();
  assert.ok(readme.includes(table), `README.md's job types table is stale; it should read:\n${table}`);
});

test("the jobTypes prop docs of the count data sources name every known type", () => {
  for (const [file, filter] of [
    ["data-image-server-sub-job-count.ts", JOB_TYPE_FILTERS.CountImageSubJobs],
    ["data-app-server-sub-job-count.ts", JOB_TYPE_FILTERS.CountSubJobs],
  ] as const) {
    const source = readFileSync(join(ROOT, "src", "constructs", file), "utf8");
    const doc = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*readonly jobTypes\?/.exec(source)?.[1] ?? "";
    const named = new Set([...doc.matchAll(/`([A-Z][A-Z_]*)`/g)].map((m) => m[1]));
    assert.deepEqual(named, new Set(filter.known), file);
  }
});
