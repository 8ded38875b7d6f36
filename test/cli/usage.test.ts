// `hwjobs` usage: --help, --version, no arguments, unknown commands and flags (bundle as a child process).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { assertExit, assertUsageError, describeResult, killLiveChildren, REPO_ROOT, runCli } from "../helpers/cli";

const version = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

after(killLiveChildren);

function assertHelp(text: string): void {
  for (const command of ["hwjobs wait", "hwjobs get", "hwjobs emulator"]) assert.ok(text.includes(command), `help lists ${command}`);
  for (const kind of ["image-job", "app-job", "ims-job"]) assert.ok(text.includes(kind), `help lists ${kind}`);
  assert.match(text, /Exit codes:/);
  for (const code of ["0 done", "1 job failed", "2 usage", "3 wait timed out", "4 API", "130 interrupted"]) {
    assert.ok(text.replace(/\s+/g, " ").includes(code), `help documents exit code "${code}"`);
  }
}

describe("hwjobs usage", { concurrency: true }, () => {
  it("--help prints the commands and exit codes on stdout and exits 0", async () => {
    for (const args of [["--help"], ["-h"], ["help"]]) {
      const r = await runCli(args, {});
      assertExit(r, 0);
      assertHelp(r.stdout);
      assert.equal(r.stderr, "", describeResult(r));
    }
  });

  it("<command> --help prints that command's help and exits 0 without sending anything", async () => {
    const r = await runCli(["wait", "--help"], {});
    assertExit(r, 0);
    assert.match(r.stdout, /^hwjobs wait - /);
    assert.match(r.stdout, /Exit codes:/);
  });

  it("no arguments prints the help on stderr (a usage error; stdout carries only results) and exits 2", async () => {
    const r = await runCli([], {});
    assertExit(r, 2);
    assert.equal(r.stdout, "");
    assertHelp(r.stderr);
  });

  it("--version prints the package.json version", async () => {
    for (const args of [["--version"], ["-v"]]) {
      const r = await runCli(args, {});
      assertExit(r, 0);
      assert.equal(r.stdout, `${version}\n`);
      assert.equal(r.stderr, "");
    }
  });

  it("an unknown command exits 2 with one line naming it and the commands", async () => {
    const r = await runCli(["frobnicate", "image-job", "1"], {});
    assertUsageError(r, '"frobnicate"', "wait", "get");
  });

  it("an unknown flag exits 2 with one line naming it", async () => {
    for (const args of [["--bogus"], ["get", "image-job", "1", "--bogus-flag"], ["wait", "image-job", "1", "-x"]]) {
      const r = await runCli(args, {});
      assertUsageError(r, args[args.length - 1]!);
    }
  });

  it("a flag without its value exits 2 naming it", async () => {
    const r = await runCli(["wait", "image-job", "1", "--timeout"], {});
    assertUsageError(r, "--timeout");
  });
});
