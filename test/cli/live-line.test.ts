// The live line of `hwjobs wait` (issue 12, item 6): under a pseudo-terminal (util-linux `script`)
// one line redrawn in place with status, sub-job progress, elapsed and remaining time and the
// next poll, coloured unless NO_COLOR; through a pipe, plain lines only.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { liveText } from "../../src/cli/live-line";
import { assertExit, describeResult, emulatorEnv, FAST_POLL, runCli, useCliEmulator } from "../helpers/cli";
import { createJob, injectFault } from "../helpers/emulator-admin";
import { HAS_SCRIPT, underTerminal } from "../helpers/terminal";

const emulator = useCliEmulator();

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

  it("liveText of several jobs: how many ended and failed, the others by status", () => {
    const jobs = { total: 3, done: 1, failed: 1, pending: [["RUNNING", 2]] as const, unseen: 0 };
    assert.equal(
      liveText("3 image-job jobs", { jobs, nextPollAt: 12_000 }, 5_000, 60_000, 10_000),
      "3 image-job jobs: 1/3 done (1 failed), 2 RUNNING · 5s elapsed, 55s left · next poll in 2s",
    );
    // Before every job has answered, and once a poll is due (its request may still be out).
    const early = { total: 3, done: 0, failed: 0, pending: [["WAITING", 1]] as const, unseen: 2 };
    assert.equal(
      liveText("3 image-job jobs", { jobs: early, nextPollAt: 9_000 }, 1_000, 60_000, 10_000),
      "3 image-job jobs: 0/3 done, 1 WAITING, 2 not seen yet · 1s elapsed, 59s left · polling",
    );
  });

  it(
    "a wait on several jobs at a terminal: one live line counting them, no plain count lines",
    { skip: !HAS_SCRIPT && "no util-linux script" },
    async () => {
      const p = randomBytes(16).toString("hex");
      const ids = [await newJob(p), await newJob(p)];
      const { output: out, code } = await underTerminal(
        ["wait", "image-job", ...ids, "-o", "none", ...FAST_POLL],
        emulatorEnv(emulator.url, p),
      );
      assert.equal(code, 0, out);
      assert.ok(out.includes(CLEAR_LINE), JSON.stringify(out));
      assert.match(
        out,
        /hwjobs: 2 image-job jobs: 0\/2 done, 2 (\x1b\[\d+m)?RUNNING(\x1b\[0m)? · \d+s elapsed, (1h|59m\d+s) left · next poll in \ds/,
      );
      assert.match(out, /hwjobs: 2 image-job jobs: 1\/2 done/);
      assert.doesNotMatch(out, /jobs done, \d+ failed/, "the live line keeps the count");
      assert.match(out, /hwjobs: all 2 image-job jobs succeeded/);
      const piped = await runCli(["wait", "image-job", ...ids, "-o", "none", ...FAST_POLL], emulatorEnv(emulator.url, p));
      assertExit(piped, 0);
      assert.doesNotMatch(piped.stderr, /[\r\x1b]/, describeResult(piped));
      assert.match(piped.stderr, /hwjobs: 2\/2 jobs done, 0 failed/);
    },
  );

  it(
    "a failed job among several: the live line is cleared, and the failure is printed after it",
    { skip: !HAS_SCRIPT && "no util-linux script" },
    async () => {
      const p = randomBytes(16).toString("hex");
      const failing = await createJob(emulator.url, {
        kind: "image-job",
        project_id: p,
        waiting_ms: 0,
        running_ms: 1500,
        outcome: "failure",
        error_code: "WKS.00170002",
        error_message: "The image server is abnormal.",
      });
      const ids = [await newJob(p), failing];
      const { output: out, code } = await underTerminal(
        ["wait", "image-job", ...ids, "-o", "none", ...FAST_POLL],
        emulatorEnv(emulator.url, p),
      );
      assert.equal(code, 1, out);
      const afterLast = out.slice(out.lastIndexOf(CLEAR_LINE) + CLEAR_LINE.length);
      assert.doesNotMatch(afterLast, /image-job jobs: /, `no live line left on screen: ${JSON.stringify(afterLast)}`);
      assert.match(afterLast, /^hwjobs: error: 1 of 2 jobs succeeded; 1 failed/, JSON.stringify(afterLast));
      assert.match(out, /hwjobs: failed: .*WKS\.00170002/, "the job's own error is printed above the live line");
    },
  );

  it(
    "an HTTP retry during the live line is printed above it, not torn into it",
    { skip: !HAS_SCRIPT && "no util-linux script" },
    async () => {
      const p = randomBytes(16).toString("hex");
      const id = await newJob(p);
      await injectFault(emulator.url, { path_prefix: `/v1/${p}/image-server-jobs/${id}`, status: 503 });
      const { output: out, code } = await underTerminal(
        ["wait", "image-job", id, "-o", "none", ...FAST_POLL],
        emulatorEnv(emulator.url, p),
      );
      assert.equal(code, 0, out);
      assert.ok(out.includes(`${CLEAR_LINE}hwjobs: retrying ShowImageJob in `), JSON.stringify(out));
      // Every retry line starts a line of its own, on a cleared line.
      for (const at of [...out.matchAll(/hwjobs: retrying/g)].map((m) => m.index))
        assert.equal(out.slice(at - CLEAR_LINE.length, at), CLEAR_LINE, JSON.stringify(out));
    },
  );

  it("through a pipe: plain lines, no carriage return, escape or colour", async () => {
    const p = randomBytes(16).toString("hex");
    const id = await newJob(p);
    const r = await runCli(["wait", "image-job", id, "-o", "none", ...FAST_POLL], emulatorEnv(emulator.url, p));
    assertExit(r, 0);
    assert.doesNotMatch(r.stderr, /[\r\x1b]/, describeResult(r));
    assert.match(r.stderr, new RegExp(`image-job ${id}: RUNNING`));
  });
});
