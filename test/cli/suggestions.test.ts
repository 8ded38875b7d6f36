// A typo costs one line to recover from (issue 12, item 2): an unknown command, flag, kind, list or
// enum value is exit 2 with one line naming what was given, the closest accepted one and where to
// look; a flag given twice, a flag without its value and a boolean flag with one are exit 2 too.
// Nothing is sent: the endpoint is a closed port, which would fail the run differently.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { assertExit, assertUsageError, emulatorEnv, killLiveChildren, runCli } from "../helpers/cli";
import { createJob } from "../helpers/emulator-admin";

const PROJECT = "0123456789abcdef0123456789abcdef";

const ENV = { HWJOBS_ENDPOINT: "http://127.0.0.1:9", HW_PROJECT_ID: "p", HW_AUTH_TOKEN: "token-0000" };

after(killLiveChildren);

/** A typo, and what its one line must say. */
interface Typo {
  readonly args: readonly string[];
  readonly says: readonly string[];
}

const TYPOS: readonly Typo[] = [
  { args: ["lsit"], says: ['unknown command "lsit"', 'did you mean "list"?', "(see hwjobs --help)"] },
  { args: ["wiat", "ims-job", "1"], says: ['unknown command "wiat"', 'did you mean "wait"?'] },
  { args: ["lsit", "--outptu", "x"], says: ['unknown command "lsit"'] },
  {
    args: ["list", "image-sub-jobs", "--job-typ", "CREATE_SERVER"],
    says: ['--job-typ: unknown flag for "hwjobs list"', "did you mean --job-type?", "(see hwjobs list --help)"],
  },
  { args: ["get", "ims-job", "1", "--timout", "5m"], says: ["--timout: unknown flag", "did you mean --timeout?"] },
  { args: ["wait", "ims-job", "1", "--fail-fats"], says: ["did you mean --fail-fast?"] },
  { args: ["get", "ims-job", "1", "--ouput", "json"], says: ["did you mean --output?"] },
  { args: ["get", "ims-jb", "1"], says: ['unknown job kind "ims-jb"', 'did you mean "ims-job"?'] },
  {
    args: ["list", "image-sub-job", "--job-type", "CREATE_SERVER"],
    says: ['unknown list "image-sub-job"', 'did you mean "image-sub-jobs"?', "(see hwjobs list --help)"],
  },
  { args: ["count", "app-sub-job", "--job-type", "x"], says: ['unknown list "app-sub-job"', 'did you mean "app-sub-jobs"?'] },
  {
    args: ["list", "image-sub-jobs", "--job-type", "CREATE_SERVER_IMAG"],
    says: ['"CREATE_SERVER_IMAG"', 'did you mean "CREATE_SERVER_IMAGE"?'],
  },
  { args: ["list", "image-sub-jobs", "--job-type", "CREATE_SERVER", "--status", "RUNNIN"], says: ['did you mean "RUNNING"?'] },
];

describe("typos get one line with the closest accepted value", () => {
  for (const { args, says } of TYPOS) {
    it(`hwjobs ${args.join(" ")}`, async () => {
      const r = await runCli(args, ENV);
      assertUsageError(r, ...says);
      // None of util.parseArgs's own wording.
      assert.doesNotMatch(r.stderr, /To specify a positional argument|Unknown option|ambiguous/);
    });
  }

  it("no suggestion when nothing is close, and none for a short flag", async () => {
    for (const args of [["frobnicate"], ["get", "ims-job", "1", "--zzzzzzzz"], ["get", "ims-job", "1", "-x"]]) {
      const r = await runCli(args, ENV);
      assertUsageError(r, "(see hwjobs");
      assert.doesNotMatch(r.stderr, /did you mean/);
    }
  });
});

describe("flags are given once, with their values", () => {
  it("a flag given twice is exit 2 naming it (the last one no longer silently wins)", async () => {
    assertUsageError(await runCli(["get", "ims-job", "1", "--output", "json", "--output", "table"], ENV), "--output: given twice");
    assertUsageError(await runCli(["get", "ims-job", "1", "-o", "json", "--output", "table"], ENV), "--output: given twice");
  });

  it("a string flag followed by another flag has no value", async () => {
    assertUsageError(
      await runCli(["list", "image-jobs", "--job-type", "--all"], ENV),
      "--job-type: needs a value",
      "(see hwjobs list --help)",
    );
  });

  it("a boolean flag with a value is refused", async () => {
    assertUsageError(
      await runCli(["list", "image-jobs", "--job-type", "CREATE_SERVER", "--all=no"], ENV),
      '--all: takes no value (given "no")',
    );
  });

  it("a negative number is still a value, for the flag's own check to name the accepted ones", async () => {
    assertUsageError(await runCli(["list", "image-jobs", "--job-type", "CREATE_SERVER", "--limit", "-1"], ENV), "--limit");
  });
});

describe("-o is --output", () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  after(async () => {
    await emulator.close();
  });

  it("-o table and -o none do what --output does", async () => {
    const id = await createJob(emulator.url, { kind: "ims-job", project_id: PROJECT, waiting_ms: 1, running_ms: 1 });
    const env = emulatorEnv(emulator.url, PROJECT);
    const short = await runCli(["get", "ims-job", id, "-o", "table"], env);
    const long = await runCli(["get", "ims-job", id, "--output", "table"], env);
    assertExit(short, 0);
    assert.equal(short.stdout, long.stdout);
    assert.doesNotMatch(short.stdout, /^\{/);
    const none = await runCli(["get", "ims-job", id, "-o", "none"], env);
    assertExit(none, 0);
    assert.equal(none.stdout, "");
  });

  it("-o with a bad value names the accepted ones, as --output does", async () => {
    assertUsageError(await runCli(["get", "ims-job", "1", "-o", "yaml"], ENV), "--output", "json");
  });
});
