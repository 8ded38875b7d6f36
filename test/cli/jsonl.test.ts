// -o jsonl: one compact JSON object a line (issue 12, item 3), for lists, multi-job waits and
// single results alike; the same objects as -o json.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { assertExit, emulatorEnv, FAST_POLL, killLiveChildren, runCli } from "../helpers/cli";
import { createJob } from "../helpers/emulator-admin";
import { SCENARIO_PROJECT, startScenarioEmulator } from "../helpers/scenario";

// The scenario's list, on its frozen clock; and an emulator whose jobs move, for the waits.
let emulator: RunningEmulator;
let live: RunningEmulator;
before(async () => {
  emulator = await startScenarioEmulator(Date.now());
  live = await startEmulator({ port: 0 });
});
after(async () => {
  killLiveChildren();
  await Promise.all([emulator.close(), live.close()]);
});

const env = () => emulatorEnv(emulator.url, SCENARIO_PROJECT);
const liveEnv = () => emulatorEnv(live.url, SCENARIO_PROJECT);

/** stdout as JSON Lines: every line one object, and the text ends with a line break. */
function jsonLines(stdout: string): unknown[] {
  assert.ok(stdout.endsWith("\n"), "ends with a line break");
  return stdout
    .slice(0, -1)
    .split("\n")
    .map((line) => {
      assert.match(line, /^\{.*\}$/, "one object a line");
      return JSON.parse(line) as unknown;
    });
}

describe("-o jsonl", () => {
  it("list --all: one line per item, the same items as -o json, in the same order", async () => {
    const args = ["list", "image-sub-jobs", "--job-type", "CREATE_SERVER", "--all"];
    const json = await runCli([...args, "-o", "json"], env());
    const jsonl = await runCli([...args, "-o", "jsonl"], env());
    assertExit(json, 0);
    assertExit(jsonl, 0);
    const { items } = JSON.parse(json.stdout) as { items: unknown[] };
    assert.ok(items.length > 100, `${items.length} items: a list of several pages`);
    assert.deepEqual(jsonLines(jsonl.stdout), items);
  });

  it("wait on several jobs: one line per job, in the order given; HWJOBS_OUTPUT=jsonl too", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await createJob(live.url, { kind: "ims-job", project_id: SCENARIO_PROJECT, waiting_ms: 1, running_ms: 1 }));
    }
    const r = await runCli(["wait", "ims-job", ...ids, ...FAST_POLL], { ...liveEnv(), HWJOBS_OUTPUT: "jsonl" });
    assertExit(r, 0);
    assert.deepEqual(
      jsonLines(r.stdout).map((doc) => (doc as { job_id: string }).job_id),
      ids,
    );
  });

  it('get: the one result on one line; count: {"count": N} as with json', async () => {
    const id = await createJob(live.url, { kind: "ims-job", project_id: SCENARIO_PROJECT, waiting_ms: 1, running_ms: 1 });
    const get = await runCli(["get", "ims-job", id, "-o", "jsonl"], liveEnv());
    assertExit(get, 0);
    const [doc, ...rest] = jsonLines(get.stdout);
    assert.deepEqual(rest, []);
    assert.equal((doc as { job_id: string }).job_id, id);
    const count = await runCli(["count", "image-sub-jobs", "--job-type", "CREATE_SERVER", "-o", "jsonl"], env());
    const countJson = await runCli(["count", "image-sub-jobs", "--job-type", "CREATE_SERVER", "-o", "json"], env());
    assertExit(count, 0);
    assert.equal(count.stdout, countJson.stdout);
  });
});
