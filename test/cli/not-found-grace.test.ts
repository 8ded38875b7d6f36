// `hwjobs wait` on a job that never appears, as the real bundle against the emulator: the wait
// ends at the not-found grace (plus one request), not at the next backoff step, with exit 4 and a
// message naming the grace.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertExit, describeResult, emulatorEnv, runCli, stderrLines, useCliEmulator } from "../helpers/cli";
import { requestLog } from "../helpers/emulator-admin";

const emulator = useCliEmulator();

describe("hwjobs wait: the not-found grace ends on time", { concurrency: 2 }, () => {
  for (const kind of ["ims-job", "image-job"] as const) {
    it(`${kind}: a 3s grace with 10s polls ends after about 3 s with exit 4, not at the 10 s poll`, async () => {
      const project = `grace-${kind}`;
      const id = kind === "ims-job" ? "0123456789abcdef0123456789abcdef" : "702364883651300000";
      const started = Date.now();
      const r = await runCli(
        ["wait", kind, id, "--not-found-grace", "3s", "--min-poll-interval", "10s", "--max-poll-interval", "10s", "--timeout", "60s"],
        emulatorEnv(emulator.url, project),
        {
          timeoutMs: 30_000,
        },
      );
      const elapsedMs = Date.now() - started;
      assertExit(r, 4);
      assert.equal(r.stdout, "");
      const last = stderrLines(r).at(-1)!;
      assert.ok(last.startsWith(`hwjobs: error: ${kind} ${id} was not found within the 3s not-found grace; `), last);
      assert.match(last, /HTTP 404 (IMG\.0104|WKS\.00211902)/);
      // Before the fix the second poll came a whole 10 s interval after the first.
      assert.ok(elapsedMs < 9_000, `ended after ${elapsedMs} ms: ${describeResult(r)}`);
      const polls = (await requestLog(emulator.url)).filter((q) => q.path.includes(`/${project}/`));
      // One at the start and one as the grace ends (a timer firing a hair early may add one more).
      assert.ok(polls.length >= 2 && polls.length <= 3, `polls: ${polls.length}`);
      assert.ok(polls.every((q) => q.status === 404));
    });
  }
});
