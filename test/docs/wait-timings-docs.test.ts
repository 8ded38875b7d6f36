// The wait defaults are defined once (src/jobs/wait-timings.ts); the places that can only spell
// them out, the WaitForJob props' `@default` docs and the README, are held to that table here.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { HELP } from "../../src/cli/help";
import { WAIT_TIMINGS, type WaitTimingProp } from "../../src/jobs/wait-timings";

const ROOT = join(__dirname, "..", "..");
const PROPS = Object.keys(WAIT_TIMINGS) as WaitTimingProp[];

test("the wait props (WaitForJob, WaitForJobs) document the table's defaults", () => {
  const source = readFileSync(join(ROOT, "src", "constructs", "wait-settings-props.ts"), "utf8");
  for (const prop of PROPS) {
    const doc = new RegExp(`@default "([^"]*)"\\s*\\*/\\s*readonly ${prop}\\?`).exec(source);
    assert.equal(doc?.[1], WAIT_TIMINGS[prop].default, `${prop}'s @default`);
  }
});

test("the README's props table and usage line give the table's defaults", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const { timeout, notFoundGrace, minPollInterval, maxPollInterval } = WAIT_TIMINGS;
  assert.ok(readme.includes(`| \`timeout\` | \`${timeout.default}\` |`), "timeout row");
  assert.ok(readme.includes(`| \`notFoundGrace\` | \`${notFoundGrace.default}\` |`), "notFoundGrace row");
  assert.ok(readme.includes(`| \`minPollInterval\` / \`maxPollInterval\` | \`${minPollInterval.default}\` / \`${maxPollInterval.default}\` |`), "poll interval row");
  const usage = PROPS.map((prop) => `[--${WAIT_TIMINGS[prop].flag} ${WAIT_TIMINGS[prop].default}]`).join(" ");
  assert.ok(readme.includes(`hwjobs wait  <kind> <job-id> [<job-id> ...] ${usage}`), `README usage: ${usage}`);
});

test("the help names every flag with its default, and every variable", () => {
  for (const prop of PROPS) {
    assert.ok(HELP.includes(`[--${WAIT_TIMINGS[prop].flag} ${WAIT_TIMINGS[prop].default}]`), prop);
    assert.ok(HELP.includes(WAIT_TIMINGS[prop].env), WAIT_TIMINGS[prop].env);
  }
});
