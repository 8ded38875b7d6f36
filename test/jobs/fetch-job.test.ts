import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { MockAgent } from "undici";
import { HwClient } from "../../src/core/client";
import { ApiError, InvalidInputError } from "../../src/core/errors";
import { JobMismatchError } from "../../src/jobs/errors";
import { fetchJob, jobPoller } from "../../src/jobs/fetch-job";
import { waitForJob } from "../../src/jobs/waiter";
import { FakeClock } from "../helpers/fake-clock";
import * as F from "./fixtures";

const APPSTREAM = "https://appstream.cn-north-4.myhuaweicloud.com";
const IMS = "https://ims.cn-north-4.myhuaweicloud.com";
// Realistic length: the client redacts the token from answers, so a one-letter one would mangle them.
const TOKEN = "MIIT-example-iam-token-0123456789abcdef";

describe("fetchJob", () => {
  let agent: MockAgent;
  let client: HwClient;

  before(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    client = new HwClient(
      { projectId: F.PROJECT, credentials: { type: "token", token: TOKEN }, endpoints: { appstream: APPSTREAM, ims: IMS } },
      { dispatcher: agent, clock: new FakeClock(), retry: { maxAttempts: 1 } },
    );
  });
  after(() => agent.close());

  const reply = (origin: string, path: string, status: number, body: unknown) =>
    agent
      .get(origin)
      .intercept({ path, method: "GET" })
      .reply(status, JSON.stringify(body), { headers: { "content-type": "application/json" } });

  test("image-job → ShowImageJob", async () => {
    reply(APPSTREAM, `/v1/${F.PROJECT}/image-server-jobs/702364883651395584`, 200, F.IMAGE_JOB_SUCCESS);
    const snap = await fetchJob(client, "image-job", "702364883651395584");
    assert.deepEqual([snap.kind, snap.phase, snap.resourceId], ["image-job", "succeeded", "f5d443de-a623-4950-a74d-569fe63c1f7a"]);
  });

  test("app-job → ShowJobDetail (v2)", async () => {
    reply(APPSTREAM, `/v2/${F.PROJECT}/job/575768277444198400`, 200, F.APP_JOB_SUCCESS);
    const snap = await fetchJob(client, "app-job", "575768277444198400");
    assert.deepEqual([snap.kind, snap.phase, snap.resourceId], ["app-job", "succeeded", "a2a6f5af-cbf7-4242-8988-109426870886"]);
  });

  test("ims-job → IMS ShowJob", async () => {
    reply(IMS, `/v1/${F.PROJECT}/jobs/ff8080814dbd65d7014dbe0d84db0013`, 200, F.IMS_JOB_FAILED);
    const snap = await fetchJob(client, "ims-job", "ff8080814dbd65d7014dbe0d84db0013");
    assert.deepEqual([snap.kind, snap.phase, snap.errorCode], ["ims-job", "failed", "IMG.0044"]);
  });

  test("an id with shell metacharacters is percent-encoded into the path, verbatim", async () => {
    const id = "a b;$(rm -rf)/../x";
    reply(IMS, `/v1/${F.PROJECT}/jobs/${encodeURIComponent(id)}`, 200, { ...F.IMS_JOB_INIT, job_id: id });
    const snap = await fetchJob(client, "ims-job", id);
    assert.equal(snap.jobId, id);
  });

  test("an empty id is rejected before any request", async () => {
    await assert.rejects(fetchJob(client, "ims-job", ""), InvalidInputError);
  });

  test("an answer for another job rejects with JobMismatchError naming both ids", async () => {
    reply(IMS, `/v1/${F.PROJECT}/jobs/9a175ac792fa12d20193002100dd0000`, 200, F.IMS_JOB_SUCCESS);
    await assert.rejects(
      fetchJob(client, "ims-job", "9a175ac792fa12d20193002100dd0000"),
      (error: unknown) =>
        error instanceof JobMismatchError &&
        error.requestedId === "9a175ac792fa12d20193002100dd0000" &&
        error.answeredId === F.IMS_JOB_SUCCESS.job_id,
    );
  });

  test("allowFailedSubJobs reaches the snapshot: a SUCCESS with a FAILED sub-job is failed by default, succeeded when allowed", async () => {
    const body = { ...F.IMAGE_JOB_FAILED, status: "SUCCESS" };
    const path = `/v1/${F.PROJECT}/image-server-jobs/${body.id}`;
    reply(APPSTREAM, path, 200, body);
    reply(APPSTREAM, path, 200, body);
    assert.equal((await fetchJob(client, "image-job", body.id)).phase, "failed");
    assert.equal((await fetchJob(client, "image-job", body.id, undefined, { allowFailedSubJobs: true })).phase, "succeeded");
  });

  test("API errors surface as ApiError", async () => {
    reply(APPSTREAM, `/v1/${F.PROJECT}/image-server-jobs/404`, 404, { error_code: "WKS.00211902", error_msg: "not found" });
    await assert.rejects(fetchJob(client, "image-job", "404"), (error: unknown) => error instanceof ApiError && error.isNotFound);
  });

  test("jobPoller + waitForJob: 404, then RUNNING, then SUCCESS", async () => {
    const path = `/v1/${F.PROJECT}/jobs/9a175ac792fa12d20193002100dd2762`;
    reply(IMS, path, 404, { error: { code: "IMG.0001", message: "job not found" } });
    reply(IMS, path, 200, { ...F.IMS_JOB_SUCCESS, status: "RUNNING", entities: {} });
    reply(IMS, path, 200, F.IMS_JOB_SUCCESS);
    const events: string[] = [];
    const snap = await waitForJob(jobPoller(client, "ims-job", "9a175ac792fa12d20193002100dd2762"), {
      timeoutMs: 600_000,
      clock: new FakeClock(),
      onEvent: (e) => events.push(e.type),
    });
    assert.equal(snap.resourceId, "3f7185de-b59a-4bb8-aa1d-7a513528b0e9");
    assert.deepEqual(events, ["not-found", "status", "status"]);
  });
});
