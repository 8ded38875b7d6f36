// `hwjobs completion bash|zsh|fish` (issue 12, item 9): scripts that bash accepts and that complete
// commands, kinds, lists, flags and accepted values, run in a real bash with simulated COMP_WORDS.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { after, describe, it } from "node:test";
import { IMAGE_LIST_JOB_TYPES, JOB_STATUSES, SUB_JOB_STATUSES, APP_LIST_JOB_TYPES } from "../../src/api/enums";
import { COMMAND_NAMES } from "../../src/cli/run";
import { JOB_KINDS } from "../../src/jobs/kinds";
import { assertExit, assertUsageError, killLiveChildren, runCli } from "../helpers/cli";

after(killLiveChildren);

const hasShell = (name: string) => spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;

/** What the bash script offers for the words typed so far (the last one being completed). */
function bashComplete(script: string, words: readonly string[]): string[] {
  const array = words.map((w) => `'${w}'`).join(" ");
  const program = `${script}\nCOMP_WORDS=(${array}); COMP_CWORD=${words.length - 1}; _hwjobs; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = execFileSync("bash", ["--norc", "--noprofile", "-c", program], { encoding: "utf8", timeout: 10_000 });
  return out.split("\n").filter(Boolean);
}

describe("hwjobs completion", { concurrency: true }, () => {
  it("bash: bash -n accepts it, and it completes commands, kinds, lists, flags and values", async () => {
    const r = await runCli(["completion", "bash"], {});
    assertExit(r, 0);
    execFileSync("bash", ["-n"], { input: r.stdout, timeout: 10_000 });
    const script = r.stdout;
    assert.deepEqual(bashComplete(script, ["hwjobs", ""]), [...COMMAND_NAMES, "help"]);
    assert.deepEqual(bashComplete(script, ["hwjobs", "co"]), ["count", "completion"]);
    assert.deepEqual(bashComplete(script, ["hwjobs", "wait", ""]), [...JOB_KINDS]);
    assert.deepEqual(bashComplete(script, ["hwjobs", "list", ""]), ["image-jobs", "image-sub-jobs", "app-sub-jobs"]);
    assert.deepEqual(bashComplete(script, ["hwjobs", "list", "image-sub-jobs", "--job-t"]), ["--job-type"]);
    assert.deepEqual(bashComplete(script, ["hwjobs", "list", "image-sub-jobs", "--job-type", ""]), [...IMAGE_LIST_JOB_TYPES]);
    assert.deepEqual(
      bashComplete(script, ["hwjobs", "list", "app-sub-jobs", "--job-type", "RE"]),
      APP_LIST_JOB_TYPES.filter((t) => t.startsWith("RE")),
    );
    assert.deepEqual(bashComplete(script, ["hwjobs", "list", "image-jobs", "--status", ""]), [...JOB_STATUSES]);
    assert.deepEqual(
      bashComplete(script, ["hwjobs", "count", "app-sub-jobs", "--status", "AB"]),
      SUB_JOB_STATUSES.filter((s) => s.startsWith("AB")),
    );
    assert.deepEqual(bashComplete(script, ["hwjobs", "wait", "image-job", "--job-type", ""]), [...IMAGE_LIST_JOB_TYPES]);
    assert.deepEqual(bashComplete(script, ["hwjobs", "get", "ims-job", "x", "-o", "j"]), ["json", "jsonl"]);
    assert.deepEqual(bashComplete(script, ["hwjobs", "emulator", "--scenario", ""]), ["realistic", "small"]);
    // A flag the command does not take is not offered.
    assert.ok(!bashComplete(script, ["hwjobs", "get", "--"]).includes("--job-type"));
    assert.ok(bashComplete(script, ["hwjobs", "wait", "--"]).includes("--fail-fast"));
  });

  it("zsh: the bash function through bashcompinit, which bash -n also accepts", async () => {
    const r = await runCli(["completion", "zsh"], {});
    assertExit(r, 0);
    assert.match(r.stdout, /bashcompinit/);
    assert.match(r.stdout, /complete -F _hwjobs hwjobs/);
    if (hasShell("zsh")) execFileSync("zsh", ["-n"], { input: r.stdout, timeout: 10_000 });
    else execFileSync("bash", ["-n"], { input: r.stdout, timeout: 10_000 });
  });

  it("fish: one complete line per command, kind, flag and value list", async () => {
    const r = await runCli(["completion", "fish"], {});
    assertExit(r, 0);
    const lines = r.stdout.trimEnd().split("\n").slice(1);
    for (const line of lines)
      assert.match(line, /^complete -c hwjobs( -n "[a-z_ ;-]+")?( -l [a-z-]+)?( -s o)?( -x)?( -a "[A-Za-z0-9_ .-]+")?( -f)?$/, line);
    assert.ok(
      lines.includes(
        `complete -c hwjobs -n "__fish_seen_subcommand_from list; and __fish_seen_subcommand_from image-sub-jobs" -l job-type -x -a "${IMAGE_LIST_JOB_TYPES.join(" ")}"`,
      ),
    );
    assert.ok(lines.includes(`complete -c hwjobs -n "__fish_seen_subcommand_from wait" -a "${JOB_KINDS.join(" ")}"`));
    if (hasShell("fish")) execFileSync("fish", ["--no-execute"], { input: r.stdout, timeout: 10_000 });
  });

  it("an unknown or missing shell is a one-line usage error", async () => {
    assertUsageError(await runCli(["completion", "bassh"], {}), '"bassh"', 'did you mean "bash"?');
    assertUsageError(await runCli(["completion"], {}), "bash|zsh|fish");
  });
});
