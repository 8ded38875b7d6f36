// `hwjobs <command> [<what>] --help` and `hwjobs help <command>` (issue 12, item 1): each command's
// usage, flags with defaults and variables, accepted values, exit codes and an example, derived
// from the registries (bundle as a child process).
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { APP_LIST_JOB_TYPES, IMAGE_JOB_TYPES, IMAGE_LIST_JOB_TYPES, SUB_JOB_STATUSES, JOB_STATUSES } from "../../src/api/enums";
import { COMMAND_FLAGS, parseCommandLine } from "../../src/cli/args";
import { COMMAND_NAMES } from "../../src/cli/run";
import { CONNECTION_SETTINGS } from "../../src/core/connection-settings";
import { JOB_KINDS } from "../../src/jobs/kinds";
import { WAIT_TIMINGS, type WaitTimingProp } from "../../src/jobs/wait-timings";
import { assertExit, describeResult, killLiveChildren, runCli } from "../helpers/cli";

after(killLiveChildren);

/** The section of `text` after `title` up to the next blank line. */
function section(text: string, title: string): string {
  const start = text.indexOf(`\n${title}\n`);
  assert.ok(start >= 0, `no "${title}" section in:\n${text}`);
  const rest = text.slice(start + title.length + 2);
  return rest.slice(0, rest.search(/\n\n|$/));
}

/** The example's argv, parsed as the CLI would (it must be a valid command line). */
function exampleArgs(text: string): string[] {
  // external's example pipes its query in: the command line is what follows the pipe.
  const line = section(text, "Example:")
    .trim()
    .replace(/^.*\| /, "");
  assert.match(line, /^hwjobs /);
  return line.replace(/^hwjobs /, "").split(" ");
}

describe("per-command help", { concurrency: true }, () => {
  for (const command of COMMAND_NAMES) {
    it(`${command} --help: usage, every flag, exit codes and a valid example; help ${command} says the same`, async () => {
      const r = await runCli([command, "--help"], {});
      assertExit(r, 0);
      assert.equal(r.stderr, "", describeResult(r));
      assert.ok(r.stdout.startsWith(`hwjobs ${command} - `), r.stdout);
      assert.match(section(r.stdout, "Usage:"), new RegExp(`^  hwjobs ${command}`));
      for (const flag of COMMAND_FLAGS[command] ?? []) assert.match(r.stdout, new RegExp(`\\n  --${flag}\\b`), `--${flag}`);
      assert.match(r.stdout, /Exit codes: 0 done\/succeeded, 1 job failed, 2 usage/);
      const parsed = parseCommandLine(exampleArgs(r.stdout));
      assert.equal(parsed.command, command);
      const other = await runCli(["help", command], {});
      assert.equal(other.stdout, r.stdout);
    });
  }

  it("wait --help names each timing flag with its default and variable, the kinds and the --all-pending job types", async () => {
    const r = await runCli(["wait", "-h"], {});
    assertExit(r, 0);
    const flags = section(r.stdout, "Flags:");
    for (const prop of Object.keys(WAIT_TIMINGS) as WaitTimingProp[]) {
      const t = WAIT_TIMINGS[prop];
      const line = flags.split("\n").find((l) => l.startsWith(`  --${t.flag} `));
      assert.ok(line?.includes(`default ${t.default}`) && line.includes(t.env), `${t.flag}: ${line}`);
    }
    for (const kind of JOB_KINDS) assert.match(section(r.stdout, "Kinds:"), new RegExp(`^  ${kind} `, "m"));
    assert.ok(section(r.stdout, "Accepted values of --job-type (with --all-pending):").includes(IMAGE_LIST_JOB_TYPES.join(", ")));
  });

  it("list image-sub-jobs --help lists that list's --job-type and --status values only", async () => {
    const r = await runCli(["list", "image-sub-jobs", "--help"], {});
    assertExit(r, 0);
    const values = section(r.stdout, "Accepted values:");
    assert.match(values, /image-sub-jobs:/);
    assert.doesNotMatch(values, /app-sub-jobs:|image-jobs:/);
    assert.ok(values.includes(`(required) ${IMAGE_LIST_JOB_TYPES.join(", ")}`), values);
    assert.ok(values.includes(SUB_JOB_STATUSES.join(", ")), values);
    // The list's own flags, and no variable of the wait's (HWJOBS_JOB_TYPE is WaitForJobs' only).
    assert.doesNotMatch(section(r.stdout, "Flags:"), /HWJOBS_JOB_TYPE|HWJOBS_TIMEOUT/);
    for (const s of Object.values(CONNECTION_SETTINGS)) assert.ok(r.stdout.includes(`--${s.flag}`) && r.stdout.includes(s.env[0]), s.flag);
  });

  it("list --help covers every list; count --help every count, with the count's own job types and defaults", async () => {
    const list = await runCli(["list", "--help"], {});
    const values = section(list.stdout, "Accepted values:");
    for (const what of ["image-jobs", "image-sub-jobs", "app-sub-jobs"]) assert.match(values, new RegExp(`^  ${what}:`, "m"));
    assert.ok(values.includes(JOB_STATUSES.join(", ")) && values.includes(APP_LIST_JOB_TYPES.join(", ")), values);
    const count = await runCli(["help", "count", "image-sub-jobs"], {});
    assertExit(count, 0);
    const countValues = section(count.stdout, "Accepted values:");
    assert.ok(countValues.includes(`one or more of ${IMAGE_JOB_TYPES.join(", ")}`), countValues);
    assert.match(countValues, /left out: the service's default/);
  });

  it("emulator --help names the built-in scenarios and the default host and port", async () => {
    const r = await runCli(["emulator", "--help"], {});
    assertExit(r, 0);
    assert.match(section(r.stdout, "Accepted values:"), /--scenario {2}realistic, small, or a path/);
    assert.match(r.stdout, /--host H +address to listen on \(default 127\.0\.0\.1\)/);
    assert.match(r.stdout, /--port P +.*\(default 8080\)/);
  });

  it("the global help lists each command with one line, and help of an unknown command is a one-line usage error", async () => {
    const r = await runCli(["--help"], {});
    const commands = section(r.stdout, "Commands:").split("\n");
    assert.deepEqual(
      commands.map((line) => line.trim().split(" ")[0]),
      [...COMMAND_NAMES],
    );
    const bad = await runCli(["help", "lsit"], {});
    assertExit(bad, 2);
    assert.equal(bad.stdout, "");
    assert.match(bad.stderr, /^hwjobs: error: unknown command "lsit".*did you mean "list"\?/);
    assert.equal(bad.stderr.split("\n").length, 2, bad.stderr);
  });
});
