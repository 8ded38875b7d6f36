import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidInputError } from "../../src/core/errors";
import { redactUserinfo } from "../../src/core/endpoint";
import { proxySettings } from "../../src/core/proxy";

describe("proxy settings", () => {
  it("takes the uppercase variables first, then the lowercase ones, and always bypasses loopback", () => {
    assert.deepEqual(
      proxySettings({
        HTTPS_PROXY: "http://proxy:3128",
        https_proxy: "http://other:1",
        http_proxy: "http://plain:8080",
        NO_PROXY: "corp.example",
      }),
      {
        httpProxy: "http://plain:8080",
        httpsProxy: "http://proxy:3128",
        noProxy: "corp.example,localhost,127.0.0.1,[::1]",
      },
    );
    assert.deepEqual(proxySettings({}), { httpProxy: "", httpsProxy: "", noProxy: "localhost,127.0.0.1,[::1]" });
    assert.equal(proxySettings({ no_proxy: "a, *" }).noProxy, "*");
  });

  it("accepts http:// and https:// proxies, with credentials", () => {
    for (const value of ["http://proxy.example:3128", "https://proxy.example", "http://user:p%40ss@10.0.0.1:8080", "http://[::1]:3128/"]) {
      assert.equal(proxySettings({ HTTPS_PROXY: value }).httpsProxy, value);
    }
  });

  it("refuses a malformed proxy URL in one line naming the variable, never showing its password", () => {
    const cases: ReadonlyArray<[Record<string, string>, string]> = [
      [{ HTTPS_PROXY: "proxy.example:3128" }, "HTTPS_PROXY"],
      [{ https_proxy: "::::" }, "https_proxy"],
      [{ HTTP_PROXY: "ftp://proxy:21" }, "HTTP_PROXY"],
      [{ http_proxy: "http://" }, "http_proxy"],
      [{ HTTPS_PROXY: "socks5://proxy:1080" }, "HTTPS_PROXY"],
      [{ HTTPS_PROXY: "http://user:hunter2@[bad" }, "HTTPS_PROXY"],
      // Refused for the "/" in the password, which ends the authority: still not shown.
      [{ HTTPS_PROXY: "http://user:hun/ter2@proxy:8080" }, "HTTPS_PROXY"],
      [{ HTTPS_PROXY: "http://user:hun?ter2@proxy:8080" }, "HTTPS_PROXY"],
      [{ HTTPS_PROXY: "http://user:hun#ter2@proxy:8080" }, "HTTPS_PROXY"],
      [{ HTTPS_PROXY: "http://us@er:hunter2@x@[bad" }, "HTTPS_PROXY"],
      [{ HTTP_PROXY: "user:hunter2@proxy:8080" }, "HTTP_PROXY"],
    ];
    for (const [env, variable] of cases) {
      assert.throws(
        () => proxySettings(env),
        (error: unknown) => {
          assert.ok(error instanceof InvalidInputError, String(error));
          assert.equal(error.field, variable);
          assert.equal(error.exitCode, 2);
          assert.match(error.message, new RegExp(`^${variable}: invalid proxy URL .+; use http://host:port or https://host:port`));
          assert.doesNotMatch(error.message, /hunter2|hun|ter2|\n/);
          return true;
        },
      );
    }
  });

  it("redactUserinfo hides everything up to the last @, whatever the password holds", () => {
    const cases: ReadonlyArray<[string, string]> = [
      ["http://user:pa/ss@proxy:8080", "http://***@proxy:8080"],
      ["https://u:p?q#r@host", "https://***@host"],
      ["http://a@b:c@d/e", "http://***@d/e"],
      ["user:pw@example.com", "***@example.com"],
      ["http:/user:pw@host", "***@host"],
      ["https://example.com:8443", "https://example.com:8443"],
      ["http://proxy.example/path", "http://proxy.example/path"],
    ];
    for (const [text, shown] of cases) assert.equal(redactUserinfo(text), shown, text);
  });
});
