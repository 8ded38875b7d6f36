// The client and the emulator must count the `job_id` filter's length the same way (code points,
// as JSON Schema's maxLength does). When they did not, `hwjobs list image-sub-jobs --job-id
// <100 emoji>` passed the client's check and got a 400 from the emulator.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { countAppSubJobs, parseCountAppSubJobsQuery } from "../../src/api/count-app-sub-jobs";
import { countImageSubJobs, parseCountImageSubJobsQuery } from "../../src/api/count-image-sub-jobs";
import { listAppSubJobs, parseListAppSubJobsQuery } from "../../src/api/list-app-sub-jobs";
import { listImageSubJobs, parseListImageSubJobsQuery } from "../../src/api/list-image-sub-jobs";
import { HwClient } from "../../src/core/client";
import { resolveConfig } from "../../src/core/config";
import { InvalidInputError } from "../../src/core/errors";
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from "../../src/emulator";

const PROJECT = "p0123";
const EMOJI = "\u{1F600}"; // one code point, two UTF-16 units

let emulator: RunningEmulator;
let client: HwClient;

before(async () => {
  emulator = await startEmulator({});
  const env = { HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey, HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey };
  client = new HwClient(resolveConfig({ endpoint: emulator.url, projectId: PROJECT }, env), { env: {}, retry: { maxAttempts: 1 } });
});
after(async () => {
  await emulator.close();
});

/** Each sub-job operation: parse a raw `job_id` as the CLI does, then send it; resolves to the count. */
const OPERATIONS: ReadonlyArray<[name: string, run: (jobId: string) => Promise<number>]> = [
  [
    "ListImageSubJobs",
    async (job_id) => (await listImageSubJobs(client, parseListImageSubJobsQuery({ job_type: "CREATE_SERVER", job_id }))).count,
  ],
  ["ListSubJobs", async (job_id) => (await listAppSubJobs(client, parseListAppSubJobsQuery({ job_type: "CREATE_SERVER", job_id }))).count],
  ["CountImageSubJobs", async (job_id) => (await countImageSubJobs(client, parseCountImageSubJobsQuery({ job_id }))).count],
  ["CountSubJobs", async (job_id) => (await countAppSubJobs(client, parseCountAppSubJobsQuery({ job_id }))).count],
];

describe("job_id filters of astral characters, client against the emulator", () => {
  for (const [name, run] of OPERATIONS) {
    test(`${name}: 100 and 128 emoji are sent and answered; 129 are rejected before sending`, async () => {
      assert.equal(await run(EMOJI.repeat(100)), 0);
      assert.equal(await run(EMOJI.repeat(128)), 0);
      const sent = emulator.requests.list().length;
      await assert.rejects(run(EMOJI.repeat(129)), (error: unknown) => {
        assert.ok(error instanceof InvalidInputError, String(error));
        assert.equal(error.message, "job_id: at most 128 characters (got 129)");
        return true;
      });
      assert.equal(emulator.requests.list().length, sent, "nothing sent");
    });
  }

  test("the filter finds a job whose id has astral characters", async () => {
    const id = `${EMOJI.repeat(100)}${"x".repeat(28)}`; // 128 code points
    emulator.store.createJob({ kind: "app-job", projectId: PROJECT, id, jobType: "CREATE_SERVER", subJobs: 2 });
    assert.equal(await OPERATIONS[1]![1](id), 2);
    assert.equal(await OPERATIONS[3]![1](id), 2);
  });
});
