// Network errors name the host and port and say what failed, in words (issue 12, item 4): a wrong
// region shows as a name that does not resolve, with what to check.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, describe, it } from "node:test";
import { describeNetworkFailure } from "../../src/core/network-failure";
import { assertExit, killLiveChildren, runCli } from "../helpers/cli";

after(killLiveChildren);

/** A port on 127.0.0.1 that nothing listens on (the OS chose it, then it was closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const env = (endpoint: string) => ({ HWJOBS_ENDPOINT: endpoint, HW_PROJECT_ID: "p", HW_AUTH_TOKEN: "token-0000" });

describe("network errors on the command line", () => {
  it("a closed port: connection refused by 127.0.0.1:<port>, exit 4", async () => {
    const port = await closedPort();
    const r = await runCli(["get", "ims-job", "1", "--timeout", "30s"], env(`http://127.0.0.1:${port}`));
    assertExit(r, 4);
    assert.match(
      r.stderr,
      new RegExp(
        `^hwjobs: error: ShowJob GET /v1/p/jobs/1: connection refused by 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\) after 5 attempt\\(s\\)$`,
        "m",
      ),
    );
  });

  it("a name that does not resolve: could not resolve <name>, and check the region", async () => {
    // .invalid never resolves (RFC 2606).
    const r = await runCli(["get", "ims-job", "1", "--timeout", "60s"], env("https://hwjobs-test.invalid"));
    assertExit(r, 4);
    assert.match(
      r.stderr,
      /^hwjobs: error: ShowJob GET \/v1\/p\/jobs\/1: could not resolve hwjobs-test\.invalid \((ENOTFOUND|EAI_AGAIN)\) after \d attempt\(s\); check the region \(--region, HW_REGION_NAME\) or the endpoint$/m,
    );
  });
});

describe("describeNetworkFailure", () => {
  it("names the host and port, and keeps the code", () => {
    assert.deepEqual(describeNetworkFailure("UND_ERR_HEADERS_TIMEOUT", "ims.cn-north-4.myhuaweicloud.com"), {
      what: "no answer from ims.cn-north-4.myhuaweicloud.com in time (UND_ERR_HEADERS_TIMEOUT)",
    });
    assert.deepEqual(describeNetworkFailure("ECONNRESET", "[::1]:8080"), { what: "connection to [::1]:8080 reset (ECONNRESET)" });
    assert.equal(describeNetworkFailure("EAI_AGAIN", "[::1]:8080").what, "could not resolve ::1 (EAI_AGAIN)");
  });

  it("an untrusted certificate says so; an unknown code is still named", () => {
    assert.equal(
      describeNetworkFailure("UNABLE_TO_VERIFY_LEAF_SIGNATURE", "h:443").what,
      "the TLS certificate of h:443 is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE)",
    );
    assert.equal(describeNetworkFailure("ERR_SOMETHING_NEW", "h").what, "network error ERR_SOMETHING_NEW talking to h");
  });
});
