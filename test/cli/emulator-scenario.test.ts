// `hwjobs emulator --scenario`: a shipped scenario by name, a file by path, and an unknown name
// (bundle as a child process).
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { assertUsageError, describeResult, killLiveChildren, REPO_ROOT, runCli, startCli } from "../helpers/cli";
import { listJobs, type ListedJob } from "../helpers/emulator-admin";

after(killLiveChildren);

/** Starts the emulator with `--scenario value`, returns what it seeded and said, and stops it. */
async function seeded(value: string): Promise<{ jobs: ListedJob[]; stderr: string }> {
  const cli = startCli(["emulator", "--port", "0", "--scenario", value], {}, { timeoutMs: 60_000 });
  try {
    const [, url] = await cli.waitFor("stdout", /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/, 30_000);
    return { jobs: await listJobs(url!), stderr: cli.stderr() };
  } finally {
    cli.kill("SIGTERM");
    const r = await cli.result;
    assert.equal(r.code, 0, describeResult(r));
  }
}

describe("hwjobs emulator --scenario", { concurrency: true }, () => {
  for (const name of ["small", "realistic"]) {
    it(`seeds the shipped scenario "${name}" by name, the same jobs as its file by path`, async () => {
      const byName = await seeded(name);
      const byPath = await seeded(join(REPO_ROOT, "scenarios", `${name}.json`));
      assert.ok(byName.jobs.length > 0);
      assert.deepEqual(byName.jobs.map((j) => j.id).sort(), byPath.jobs.map((j) => j.id).sort());
      const count = byName.jobs.length.toLocaleString("en-US");
      assert.match(byName.stderr, new RegExp(`^hwjobs: seeded ${count} jobs from scenario ${name}$`, "m"));
      assert.ok(
        byPath.stderr.includes(`hwjobs: seeded ${count} jobs from ${join(REPO_ROOT, "scenarios", `${name}.json`)}\n`),
        byPath.stderr,
      );
      assert.match(byName.stderr, /^hwjobs: admin API at http:\/\/127\.0\.0\.1:\d+\/_emulator\/ /m);
    });
  }

  it("takes a relative path (a value with a slash) relative to the working directory", async () => {
    const { jobs } = await seeded("scenarios/small.json");
    // scenarios/small.json: 40 generated jobs plus 5 explicit ones: the documentation examples and one job of a newer type per kind.
    assert.equal(jobs.length, 45);
    assert.ok(jobs.some((j) => j.id === "702364883651395584"));
  });

  it("treats a value ending in .json as a path, not a name", async () => {
    const r = await runCli(["emulator", "--port", "0", "--scenario", "small.json"], {});
    assertUsageError(r, "--scenario", "cannot read", '"small.json"', "ENOENT");
  });

  it("refuses an unknown name with exit 2, naming the value and the shipped names", async () => {
    const r = await runCli(["emulator", "--port", "0", "--scenario", "huge"], {});
    assertUsageError(r, "--scenario", '"huge"', "realistic, small");
  });
});
