// Configuration problems (issue 12, item 4): every missing or invalid setting in one run, one line
// each, naming its flag and variable at a command line and its construct prop inside Terraform
// (a wait construct's run, or `hwjobs external`); nothing is sent (bundle as a child process).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { assertExit, describeResult, killLiveChildren, REPO_ROOT, runCli, stderrLines, type CliResult } from "../helpers/cli";

/** A server that counts what reaches it: every test below must leave it at zero. */
let server: Server;
let requests = 0;
let url: string;
before(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  killLiveChildren();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.equal(requests, 0, "a run with configuration problems sent a request");
});

const SECRET = "planted-secret-key-0123456789-do-not-print";
const JOB = "4010b39f7ab4d8f8017ac1b4e5ca1234";

/** The error lines of a run that must have failed with exit 2 before sending anything. */
function problemLines(r: CliResult): string[] {
  assertExit(r, 2);
  assert.equal(r.stdout, "", describeResult(r));
  assert.ok(!r.stderr.includes(SECRET), "the secret key reached stderr");
  const lines = stderrLines(r);
  assert.ok(
    lines.every((line) => line.startsWith("hwjobs: error: ")),
    describeResult(r),
  );
  return lines.map((line) => line.slice("hwjobs: error: ".length));
}

describe("configuration problems", { concurrency: true }, () => {
  it("nothing set: project id, region and credentials in one run, each with its flag and variables", async () => {
    const lines = problemLines(await runCli(["get", "image-job", JOB], {}));
    assert.deepEqual(lines, [
      "project id: missing; pass --project-id or set HW_PROJECT_ID (or OS_PROJECT_ID, HUAWEICLOUD_SDK_PROJECT_ID)",
      "region: missing; pass --region or set HW_REGION_NAME (or OS_REGION_NAME), or give --endpoint / HWJOBS_ENDPOINT",
      "credentials: none found; set HW_ACCESS_KEY and HW_SECRET_KEY (optionally HW_SECURITY_TOKEN), or HW_AUTH_TOKEN, in the environment",
    ]);
    // The README shows this very run.
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    for (const line of lines) assert.ok(readme.includes(`  hwjobs: error: ${line}\n`), `README.md shows ${line}`);
  });

  it("invalid and missing settings together: each is named after where its value came from", async () => {
    const r = await runCli(["list", "image-jobs", "--job-type", "CREATE_SERVER_IMAGE", "--project-id", "../admin"], {
      HW_REGION_NAME: "CN_NORTH_4",
      HWJOBS_APPSTREAM_ENDPOINT: url,
      HWJOBS_IMS_ENDPOINT: "ftp://ims.example.com",
      HW_SECRET_KEY: SECRET,
    });
    const lines = problemLines(r);
    assert.equal(lines.length, 4, describeResult(r));
    assert.match(lines[0]!, /^--project-id: invalid project id "\.\.\/admin"; expected /);
    assert.match(lines[1]!, /^HW_REGION_NAME: invalid region "CN_NORTH_4"; expected .*cn-north-4/);
    assert.match(lines[2]!, /^HWJOBS_IMS_ENDPOINT: ftp:\/\/ is not allowed/);
    assert.equal(lines[3], "credentials: HW_SECRET_KEY is set but HW_ACCESS_KEY is not; set both, or use HW_AUTH_TOKEN");
  });

  it("an invalid region is reported once, not again as missing; a shared endpoint once for both services", async () => {
    const lines = problemLines(
      await runCli(["count", "image-sub-jobs", "--job-type", "CREATE_SERVER_IMAGE", "--region", "nowhere"], {
        HWJOBS_ENDPOINT: "http://example.com",
        HW_PROJECT_ID: "0123456789abcdef0123456789abcdef",
        HW_AUTH_TOKEN: SECRET,
      }),
    );
    assert.equal(lines.length, 2, lines.join("\n"));
    assert.match(lines[0]!, /^--region: invalid region "nowhere"/);
    assert.match(lines[1]!, /^HWJOBS_ENDPOINT: http:\/\/ is not allowed for example\.com/);
  });

  it("one problem keeps the one-line form", async () => {
    const lines = problemLines(
      await runCli(["get", "ims-job", JOB], { HWJOBS_ENDPOINT: url, HW_PROJECT_ID: "0123456789abcdef0123456789abcdef" }),
    );
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^credentials: none found/);
  });

  it("inside a wait construct's run (HWJOBS_KIND set): the construct props and Terraform's environment, never a flag", async () => {
    const r = await runCli(["wait"], { HWJOBS_KIND: "image-job", HWJOBS_JOB_ID: JOB, HW_ACCESS_KEY: "AK0123", HW_REGION_NAME: "x_y" });
    const lines = problemLines(r);
    assert.deepEqual(lines, [
      "project id: missing; set the construct's projectId prop, or HW_PROJECT_ID (or OS_PROJECT_ID, HUAWEICLOUD_SDK_PROJECT_ID) in the environment Terraform runs in",
      'HW_REGION_NAME: invalid region "x_y"; expected a region id like cn-north-4 or ap-southeast-1 (from the environment Terraform runs in; the construct\'s region prop, when set, wins over it)',
      "credentials: HW_ACCESS_KEY is set but HW_SECRET_KEY is not; set both, or use HW_AUTH_TOKEN (in the environment Terraform runs in)",
    ]);
    assert.ok(!/ --[a-z]/.test(r.stderr), `names a flag Terraform cannot pass: ${r.stderr}`);
    // A wait timing the construct wrote names its prop too.
    const timing = problemLines(await runCli(["wait"], { HWJOBS_KIND: "image-job", HWJOBS_JOB_ID: JOB, HWJOBS_TIMEOUT: "soon" }));
    assert.match(timing[0]!, /^HWJOBS_TIMEOUT: invalid duration "soon"; .* \(the construct's timeout prop\)$/);
  });

  it("bad flags, variables and settings of a command together: every one, in one run", async () => {
    const list = problemLines(
      await runCli(["list", "image-jobs", "--job-type", "CREATE_SERVR", "--limit", "500", "--timeout", "5x", "-o", "yaml"], {
        HTTPS_PROXY: "http://user:hunter22pw@bad host",
        HWJOBS_DEBUG: "yes",
      }),
    );
    assert.deepEqual(
      list.map((line) => line.slice(0, line.indexOf(":"))),
      ["--job-type", "--limit", "--timeout", "--output", "project id", "region", "credentials", "HWJOBS_DEBUG", "HTTPS_PROXY"],
      list.join("\n"),
    );
    assert.ok(!list.join("\n").includes("hunter22pw"), "the proxy password is never shown");
    const wait = problemLines(
      await runCli(["wait", "image-job", "--timeout", "5x", "--max-poll-interval", "0"], { HWJOBS_FAIL_FAST: "yes", HWJOBS_ENDPOINT: url }),
    );
    assert.deepEqual(
      wait.map((line) => line.slice(0, line.indexOf(":"))),
      ["--timeout", "--max-poll-interval", "HWJOBS_FAIL_FAST", "job-id", "project id", "credentials"],
      wait.join("\n"),
    );
  });

  it("hwjobs external: every unknown key, a line each, before any value is judged", async () => {
    const query = { operation: "list-image-jobs", jobtype: "CREATE_SERVER", stauts: "x", project_id: "" };
    const lines = problemLines(await runCli(["external"], {}, { stdin: JSON.stringify(query) }));
    assert.deepEqual(
      lines.map((line) => line.slice(0, line.indexOf(";"))),
      ["jobtype: unknown parameter for list-image-jobs", "stauts: unknown parameter for list-image-jobs"],
    );
  });

  it("get with HWJOBS_KIND set is a person's command: flags, not construct props", async () => {
    const lines = problemLines(
      await runCli(["get", "image-job", JOB], { HWJOBS_KIND: "image-job", HWJOBS_ENDPOINT: url, HW_AUTH_TOKEN: SECRET }),
    );
    assert.deepEqual(lines, ["project id: missing; pass --project-id or set HW_PROJECT_ID (or OS_PROJECT_ID, HUAWEICLOUD_SDK_PROJECT_ID)"]);
  });

  it("hwjobs external: the query keys and construct props, and credentials only from Terraform's environment", async () => {
    const query = { operation: "count-image-sub-jobs", job_type: "CREATE_SERVER_IMAGE", region: "CN", ims_endpoint: "https://a/b" };
    const r = await runCli(["external"], {}, { stdin: JSON.stringify(query) });
    const lines = problemLines(r);
    assert.deepEqual(lines, [
      "project id: missing; set the construct's projectId prop, or HW_PROJECT_ID (or OS_PROJECT_ID, HUAWEICLOUD_SDK_PROJECT_ID) in the environment Terraform runs in",
      `region: invalid region "CN"; expected a region id like cn-north-4 or ap-southeast-1 (the construct's region prop)`,
      `ims_endpoint: "https://a/b" must be scheme://host[:port] with no path, query or credentials (the construct's imsEndpoint prop)`,
      "credentials: none found; set HW_ACCESS_KEY and HW_SECRET_KEY (optionally HW_SECURITY_TOKEN), or HW_AUTH_TOKEN, in the environment Terraform runs in",
    ]);
    assert.ok(!/--[a-z]/.test(r.stderr), `names a flag: ${r.stderr}`);
  });
});
