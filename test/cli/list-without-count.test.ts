// A list body without `count` (the Go SDK marks it optional) is read as the number of items on
// that page; `--all` then reads one page at a time until a short page, and prints the items read.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { assertExit, emulatorEnv, killLiveChildren, runCli } from "../helpers/cli";
import { startScriptedServer, type ScriptedServer } from "../helpers/scripted-server";

const PROJECT = "0123456789abcdef0123456789abcdef";
const TOTAL = 250;
const ITEMS = Array.from({ length: TOTAL }, (_, i) => ({ id: String(100_000 + i), job_type: "CREATE_SERVER", status: "SUCCESS" }));

describe("a list body without count", () => {
  let server: ScriptedServer;
  before(async () => {
    server = await startScriptedServer((request) => {
      const url = new URL(request.url, "http://x");
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 100);
      return { status: 200, body: { items: ITEMS.slice(offset, offset + limit) } };
    });
  });
  after(async () => {
    killLiveChildren();
    await server?.close();
  });

  test("one page: count is the number of items on it", async () => {
    const r = await runCli(["list", "image-jobs", "--job-type", "CREATE_SERVER", "--limit", "7"], emulatorEnv(server.url, PROJECT));
    assertExit(r, 0);
    const doc = JSON.parse(r.stdout) as { count: number; items: Array<{ id: string }> };
    assert.equal(doc.count, 7);
    assert.deepEqual(
      doc.items.map((i) => i.id),
      ITEMS.slice(0, 7).map((i) => i.id),
    );
  });

  test("--all reads on until a short page and returns every item once, in order", async () => {
    const before = server.requests.length;
    const r = await runCli(["list", "image-jobs", "--job-type", "CREATE_SERVER", "--all"], emulatorEnv(server.url, PROJECT));
    assertExit(r, 0);
    const doc = JSON.parse(r.stdout) as { count: number; items: Array<{ id: string }> };
    assert.equal(doc.count, TOTAL);
    assert.deepEqual(
      doc.items.map((i) => i.id),
      ITEMS.map((i) => i.id),
    );
    // Pages of 100 overlapping by one, one after another: offsets 0, 99, 198 (the last one short).
    const offsets = server.requests.slice(before).map((req) => Number(new URL(req.url, "http://x").searchParams.get("offset") ?? 0));
    assert.deepEqual(offsets, [0, 99, 198]);
  });
});
