// The live line of `hwjobs wait` (issue 12, item 6): under a pseudo-terminal (util-linux `script`)
// one line redrawn in place with status, sub-job progress, elapsed and remaining time and the
// next poll, coloured unless NO_COLOR; through a pipe, plain lines only.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { liveText } from "../../src/cli/live-line";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { assertExit, describeResult, emulatorEnv, FAST_POLL, killLiveChildren, runCli } from "../helpers/cli";
import { createJob } from "../helpers/emulator-admin";
import { HAS_SCRIPT, underTerminal } from "../helpers/terminal";

let emulator: RunningEmulator;
before(async () => {
  emulator = await startEmulator({ port: 0 });
});
after(async () => {
  killLiveChildren();
  await emulator.close();
});

const CLEAR_LINE = "\r\x1b[2K";
const COLOR = /\x1b\[3\dm/;

async function newJob(project: string): Promise<string> {
  return createJob(emulator.url, {
    kind: "image-job",
    project_id: project,
    waiting_ms: 0,
    running_ms: 3500,
    outcome: "success",
    sub_jobs: 3,
  });
}

describe("the live line", { concurrency: true }, () => {
  it("liveText shows status, sub-jobs as n/total, elapsed, remaining and the next poll", () => {
    const text = liveText(
      "image-job j1",
      { status: "RUNNING", progress: { total: 3, succeeded: 2, failed: 0, pending: 1 }, nextPollAt: 17_000 },
      65_000,
      3_600_000,
      10_000,
    );
    assert.equal(text, "image-job j1: RUNNING, sub-jobs 2/3 · 1m5s elapsed, 58m55s left · next poll in 7s");
  });

  it("at a terminal: one line redrawn in place, with colour", { skip: !HAS_SCRIPT && "no util-linux script" }, async () => {
    const p = randomBytes(16).toString("hex");
    const id = await newJob(p);
    const out = (await underTerminal(["wait", "image-job", id, "-o", "none", ...FAST_POLL], emulatorEnv(emulator.url, p))).output;
    assert.ok(out.includes(CLEAR_LINE), JSON.stringify(out));
    assert.match(
      out,
      new RegExp(
        `hwjobs: image-job ${id}: \x1b\\[33mRUNNING\x1b\\[0m, sub-jobs \\d/3 · \\d+s elapsed, (1h|59m\\d+s) left · next poll in \\ds`,
      ),
    );
    assert.match(out, COLOR);
    assert.match(out, new RegExp(`hwjobs: image-job ${id} succeeded`));
  });

  it("NO_COLOR: the live line without colour", { skip: !HAS_SCRIPT && "no util-linux script" }, async () => {
    const p = randomBytes(16).toString("hex");
    const id = await newJob(p);
    const out = (
      await underTerminal(["wait", "image-job", id, "-o", "none", ...FAST_POLL], emulatorEnv(emulator.url, p, { NO_COLOR: "1" }))
    ).output;
    assert.ok(out.includes(CLEAR_LINE));
    assert.doesNotMatch(out, COLOR, JSON.stringify(out));
  });

  it("CI or --quiet at a terminal: no live line", { skip: !HAS_SCRIPT && "no util-linux script" }, async () => {
    const p = randomBytes(16).toString("hex");
    const id = await newJob(p);
    const ci = (await underTerminal(["wait", "image-job", id, "-o", "none", ...FAST_POLL], emulatorEnv(emulator.url, p, { CI: "true" })))
      .output;
    assert.ok(!ci.includes(CLEAR_LINE) && !COLOR.test(ci), JSON.stringify(ci));
    assert.match(ci, /hwjobs: waiting for image-job/);
  });

  it("through a pipe: plain lines, no carriage return, escape or colour", async () => {
    const p = randomBytes(16).toString("hex");
    const id = await newJob(p);
    const r = await runCli(["wait", "image-job", id, "-o", "none", ...FAST_POLL], emulatorEnv(emulator.url, p));
    assertExit(r, 0);
    assert.doesNotMatch(r.stderr, /[\r\x1b]/, describeResult(r));
    assert.match(r.stderr, new RegExp(`image-job ${id}: RUNNING`));
  });
});
