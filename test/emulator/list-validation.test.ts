import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RunningEmulator } from "../../src/emulator";
import { callAdmin, callApi, FakeClock, obj, startFakeClockEmulator, type Reply } from "../helpers/emulator-client";

let emulator: RunningEmulator;
let clock: FakeClock;

before(async () => {
  ({ emulator, clock } = await startFakeClockEmulator());
  emulator.store.createJob({ kind: "image-job", projectId: "p", jobType: "CREATE_SERVER", subJobs: 2 });
  emulator.store.createJob({ kind: "app-job", projectId: "p", jobType: "CREATE_SERVER" });
});
after(async () => {
  await emulator.close();
});

const INVALID = { error_code: "WKS.00211102", error_msg: "The parameter is invalid." };
const LISTS = {
  ListImageJobs: { path: "/v1/p/image-server-jobs", jobType: "CREATE_SERVER" },
  ListImageSubJobs: { path: "/v1/p/image-server-sub-jobs", jobType: "CREATE_SERVER" },
  ListSubJobs: { path: "/v1/p/app-server-sub-jobs", jobType: "CREATE_SERVER" },
} as const;
const COUNTS = {
  CountImageSubJobs: "/v1/p/image-server-sub-jobs/actions/count",
  CountSubJobs: "/v1/p/app-server-sub-jobs/actions/count",
} as const;

/** `query` is sent as written (already encoded), so repeated keys and odd spellings reach the server. */
const get = (path: string, query: string) => callApi(emulator.url, query ? `${path}?${query}` : path, { clock });

function assertInvalid(reply: Reply, what: string): void {
  assert.equal(reply.status, 400, `${what}: ${reply.text}`);
  assert.deepEqual(reply.json, INVALID, what);
  assert.equal(reply.headers.get("content-type"), "application/json");
  assert.match(reply.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
}

describe("400 WKS.00211102 for invalid list queries", () => {
  const common = [
    ["missing job_type", ""],
    ["empty job_type", "job_type="],
    ["lowercase job_type", "job_type=create_server"],
    ["unknown job_type", "job_type=NOPE"],
    ["a job_type list", "job_type=CREATE_SERVER,DELETE_SERVER"],
    ["repeated job_type", "job_type=CREATE_SERVER&job_type=CREATE_SERVER"],
    ["unknown status", "job_type=CREATE_SERVER&status=DONE"],
    ["lowercase status", "job_type=CREATE_SERVER&status=success"],
    ["limit 0", "job_type=CREATE_SERVER&limit=0"],
    ["limit 101", "job_type=CREATE_SERVER&limit=101"],
    ["limit abc", "job_type=CREATE_SERVER&limit=abc"],
    ["limit empty", "job_type=CREATE_SERVER&limit="],
    ["limit 1.5", "job_type=CREATE_SERVER&limit=1.5"],
    ["limit -1", "job_type=CREATE_SERVER&limit=-1"],
    ["limit +5", "job_type=CREATE_SERVER&limit=%2B5"],
    ["negative offset", "job_type=CREATE_SERVER&offset=-1"],
    ["offset abc", "job_type=CREATE_SERVER&offset=abc"],
    ["offset 1e3", "job_type=CREATE_SERVER&offset=1e3"],
    ["offset over int32", "job_type=CREATE_SERVER&offset=2147483648"],
    ["repeated limit", "job_type=CREATE_SERVER&limit=5&limit=6"],
  ] as const;
  for (const [op, { path }] of Object.entries(LISTS)) {
    it(`${op}: every bad parameter`, async () => {
      for (const [what, query] of common) assertInvalid(await get(path, query), `${op} ${what}`);
    });
  }

  it("status sets and job_type sets differ per operation", async () => {
    // Parents have four statuses; sub-jobs seven.
    assertInvalid(await get(LISTS.ListImageJobs.path, "job_type=CREATE_SERVER&status=ABNORMAL"), "ABNORMAL on parents");
    assert.equal((await get(LISTS.ListImageSubJobs.path, "job_type=CREATE_SERVER&status=ABNORMAL")).status, 200);
    assert.equal((await get(LISTS.ListSubJobs.path, "job_type=CREATE_SERVER&status=ABORTING")).status, 200);
    // App-only types on image lists, and the image-only type on ListSubJobs.
    assertInvalid(await get(LISTS.ListImageJobs.path, "job_type=REJOIN_DOMAIN"), "REJOIN_DOMAIN on ListImageJobs");
    assertInvalid(await get(LISTS.ListImageSubJobs.path, "job_type=UPGRADE_ACCESS_AGENT"), "UPGRADE_ACCESS_AGENT on ListImageSubJobs");
    assertInvalid(await get(LISTS.ListSubJobs.path, "job_type=CREATE_SERVER_IMAGE"), "CREATE_SERVER_IMAGE on ListSubJobs");
    assert.equal((await get(LISTS.ListSubJobs.path, "job_type=UPDATE_FREEZE_STATUS")).status, 200);
  });

  it("job_id: up to 128 characters on the sub-job lists", async () => {
    for (const path of [LISTS.ListImageSubJobs.path, LISTS.ListSubJobs.path]) {
      assertInvalid(await get(path, `job_type=CREATE_SERVER&job_id=${"1".repeat(129)}`), "job_id 129");
      assert.equal((await get(path, `job_type=CREATE_SERVER&job_id=${"1".repeat(128)}`)).status, 200);
    }
  });

  it("job_id and sub_job_ids count code points, as the client does: 128 emoji pass, 129 do not", async () => {
    // Each emoji is two UTF-16 units; JSON Schema's maxLength, and so the client, counts one.
    const emoji = (n: number) => encodeURIComponent("\u{1F600}".repeat(n));
    for (const path of [LISTS.ListImageSubJobs.path, LISTS.ListSubJobs.path]) {
      for (const param of ["job_id", "sub_job_ids"]) {
        const ok = await get(path, `job_type=CREATE_SERVER&${param}=${emoji(128)}`);
        assert.equal(ok.status, 200, `${path} ${param} of 128 emoji: ${ok.text}`);
        assert.deepEqual(ok.json, { count: 0, items: [] });
        assertInvalid(await get(path, `job_type=CREATE_SERVER&${param}=${emoji(129)}`), `${path} ${param} of 129 emoji`);
      }
    }
    for (const path of Object.values(COUNTS)) {
      assert.deepEqual((await get(path, `job_id=${emoji(128)}`)).json, { count: 0 }, path);
      assertInvalid(await get(path, `job_id=${emoji(129)}`), `${path} job_id of 129 emoji`);
    }
  });

  it("finds the sub-jobs of a job whose id is 128 code points of mixed astral and ASCII characters", async () => {
    // 100 emoji, as in `hwjobs list image-sub-jobs --job-id <100 emoji>`, padded to 128 code points
    // (228 UTF-16 units, which the job store's 255-unit id limit still takes).
    const id = `${"\u{1F600}".repeat(100)}${"x".repeat(28)}`;
    // Its own project, so that the other tests' counts of project "p" stay as they are.
    emulator.store.createJob({ kind: "image-job", projectId: "astral", id, jobType: "CREATE_SERVER", subJobs: 3 });
    const query = `job_type=CREATE_SERVER&job_id=${encodeURIComponent(id)}`;
    const listed = await get("/v1/astral/image-server-sub-jobs", query);
    assert.equal(listed.status, 200, listed.text);
    assert.equal(obj(listed.json).count, 3);
    assert.deepEqual((await get("/v1/astral/image-server-sub-jobs/actions/count", query)).json, { count: 3 });
    assertInvalid(await get("/v1/astral/image-server-sub-jobs", `${query}${encodeURIComponent("x")}`), "129 code points");
  });

  it("accepts the boundaries and empty optional parameters", async () => {
    for (const { path } of Object.values(LISTS)) {
      for (const query of [
        "job_type=CREATE_SERVER&limit=1&offset=0",
        "job_type=CREATE_SERVER&limit=100&offset=2147483647",
        "job_type=CREATE_SERVER&status=",
        "job_type=CREATE_SERVER&limit=007",
      ]) {
        const reply = await get(path, query);
        assert.equal(reply.status, 200, `${path}?${query}: ${reply.text}`);
      }
    }
  });
});

describe("400 WKS.00211102 for invalid count queries", () => {
  it("CountImageSubJobs", async () => {
    const path = COUNTS.CountImageSubJobs;
    for (const query of [
      "job_type=CREATE_SERVER,,DELETE_SERVER",
      "job_type=CREATE_SERVER,",
      "job_type=,CREATE_SERVER",
      `job_type=${Array(10).fill("CREATE_SERVER").join(",")}`, // 139 characters, every one valid
      "status=DONE",
      `job_id=${"x".repeat(129)}`,
      "status=SUCCESS&status=FAILED",
    ]) {
      assertInvalid(await get(path, query), query);
    }
    // The limit is on the whole text: 127 characters of valid types pass, 129 do not.
    const list = (a: number, b: number) => [...Array(a).fill("CREATE_SERVER"), ...Array(b).fill("CREATE_SERVER_IMAGE")].join(",");
    assert.deepEqual([list(2, 5).length, list(5, 3).length], [127, 129]);
    assert.deepEqual((await get(path, `job_type=${list(2, 5)}`)).json, { count: 2 });
    assertInvalid(await get(path, `job_type=${list(5, 3)}`), "129 characters");
    // No pattern in the spec: any other type is accepted, and one that no sub-job has counts 0.
    for (const query of [
      "job_type=NOPE",
      "job_type=create_server",
      "job_type=%20DELETE_SERVER",
      "job_type=REJOIN_DOMAIN",
      "job_type=FUTURE_TYPE",
    ]) {
      assert.deepEqual((await get(path, query)).json, { count: 0 }, query);
    }
  });

  it("CountSubJobs", async () => {
    const path = COUNTS.CountSubJobs;
    for (const query of [
      "job_type=CREATE_SERVER,,REJOIN_DOMAIN",
      `job_type=${Array(19).fill("CREATE_SERVER").join(",")}`,
      "status=done",
      `job_id=${"x".repeat(129)}`,
    ]) {
      assertInvalid(await get(path, query), query);
    }
    const long = Array(18).fill("CREATE_SERVER").join(",");
    assert.ok(long.length > 128 && long.length <= 256, "longer than the image limit, within the app limit");
    assert.deepEqual((await get(path, `job_type=${long}`)).json, { count: 1 });
    // No pattern in the spec: types beyond ListSubJobs' (and any others) are accepted.
    for (const query of ["job_type=CREATE_SERVER_IMAGE", "job_type=BUILD_IMAGE", "job_type=BATCH_INSTALL_APP,FUTURE_TYPE"]) {
      assert.deepEqual((await get(path, query)).json, { count: 0 }, query);
    }
  });
});

describe("methods, authentication, faults and the request log on the new paths", () => {
  const paths = [...Object.values(LISTS).map((l) => l.path), ...Object.values(COUNTS)];

  it("answers 405 WKS.00000405 with Allow: GET for other methods, POST on the count paths included", async () => {
    for (const path of paths) {
      for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
        const reply = await callApi(emulator.url, `${path}?job_type=CREATE_SERVER`, { method, clock });
        assert.equal(reply.status, 405, `${method} ${path}`);
        assert.equal(reply.headers.get("allow"), "GET");
        assert.deepEqual(reply.json, {
          error_code: "WKS.00000405",
          error_msg: "The method specified in the request is not allowed for this resource.",
        });
      }
    }
  });

  it("authenticates before validating: an unsigned bad query is 401, a token works", async () => {
    const unsigned = await callApi(emulator.url, `${LISTS.ListImageJobs.path}?limit=0`, { auth: { kind: "none" } });
    assert.equal(unsigned.status, 401);
    const token = await callApi(emulator.url, `${LISTS.ListImageJobs.path}?job_type=CREATE_SERVER`, { auth: { kind: "token" } });
    assert.equal(token.status, 200);
    assert.equal(obj(token.json).count, 1);
  });

  it("applies faults to list paths and logs list requests with their query", async () => {
    await callAdmin(emulator.url, "POST", "/_emulator/faults", { path_prefix: "/v1/p/app-server-sub-jobs", status: 503 });
    const faulted = await get(COUNTS.CountSubJobs, "job_type=CREATE_SERVER");
    assert.equal(faulted.status, 503);
    assert.equal((await get(COUNTS.CountSubJobs, "job_type=CREATE_SERVER")).status, 200);
    const log = emulator.requests.list().slice(-2);
    assert.deepEqual(
      log.map((e) => [e.path, e.status, e.fault ?? false, e.query]),
      [
        [COUNTS.CountSubJobs, 503, true, { job_type: "CREATE_SERVER" }],
        [COUNTS.CountSubJobs, 200, false, { job_type: "CREATE_SERVER" }],
      ],
    );
  });

  it("answers 404 APIGW.0101 for unpublished neighbours", async () => {
    for (const path of ["/v1/p/app-server-jobs", "/v1/p/image-server-sub-jobs/actions", "/v1/p/app-server-sub-jobs/actions/batch-delete"]) {
      assert.equal((await get(path, "")).status, 404, path);
    }
  });
});
