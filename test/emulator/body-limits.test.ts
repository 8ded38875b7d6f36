// Request bodies: over the limit always gets a 413 that the client can read (whether it reads
// while sending, like fetch and curl, or only after writing everything, like node:http), is never
// buffered, and changes nothing; JSON nested past the depth limit is a 400, never a stack overflow.
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { after, before, beforeEach, describe, it } from "node:test";
import { EmulatorValidationError, parseScenario, startEmulator, type RunningEmulator } from "../../src/emulator";
import { EMULATOR_LIMITS, type EmulatorLimit } from "../../src/emulator/limits";
import { callAdmin, obj } from "../helpers/emulator-client";
import { postWholeBody, rawExchange } from "../helpers/raw-http";

let emulator: RunningEmulator;

before(async () => {
  emulator = await startEmulator();
});
after(async () => {
  await emulator.close();
});
beforeEach(() => emulator.reset());

const MIB = 1024 * 1024;
const JSON_TYPE = { "content-type": "application/json" };
const { adminBodyBytes, scenarioBytes, apiBodyBytes, jsonDepth } = EMULATOR_LIMITS;

/** A job body of exactly `bytes` bytes (valid JSON, padded with spaces). */
function jobBody(bytes: number): string {
  const json = JSON.stringify({ kind: "ims-job", project_id: "p" });
  return json + " ".repeat(bytes - json.length);
}

function assertAdminTooLarge(
  reply: { status: number; headers: Readonly<Record<string, string>> | Headers; text: string },
  limit: EmulatorLimit,
): void {
  assert.equal(reply.status, 413, reply.text);
  assert.deepEqual(JSON.parse(reply.text), {
    error_code: "EMULATOR.LIMIT_EXCEEDED",
    error_msg: `body: larger than ${limit.name} (${limit.value} bytes)`,
    limit: limit.name,
    max: limit.value,
  });
  const connection = reply.headers instanceof Headers ? reply.headers.get("connection") : reply.headers.connection;
  assert.equal(connection, "close", "the connection is not reused after an unread body");
}

describe("oversized bodies", () => {
  it("a 100 MB POST to /_emulator/jobs from fetch gets 413 and adds nothing", async () => {
    const res = await fetch(`${emulator.url}/_emulator/jobs`, {
      method: "POST",
      headers: JSON_TYPE,
      body: Buffer.alloc(100 * MIB, " "),
      signal: AbortSignal.timeout(20_000),
    });
    assertAdminTooLarge({ status: res.status, headers: res.headers, text: await res.text() }, adminBodyBytes);
    assert.equal(emulator.store.list().length, 0);
  });

  it("a client that writes its whole body before reading still reads the 413 (jobs, scenario, an API route)", async () => {
    assertAdminTooLarge(await postWholeBody(`${emulator.url}/_emulator/jobs`, JSON_TYPE, 4 * adminBodyBytes.value), adminBodyBytes);
    assertAdminTooLarge(await postWholeBody(`${emulator.url}/_emulator/scenario`, JSON_TYPE, 2 * scenarioBytes.value), scenarioBytes);
    const api = await postWholeBody(`${emulator.url}/v1/p/jobs/1`, { "x-auth-token": "hwjobs-demo-iam-token" }, 2 * apiBodyBytes.value);
    assert.equal(api.status, 413);
    const body = obj(JSON.parse(api.text));
    assert.deepEqual(
      [body.error_code, body.error_msg],
      ["APIGW.0201", `Request entity too large: the body is over ${apiBodyBytes.name} (${apiBodyBytes.value} bytes).`],
    );
    assert.equal(emulator.store.list().length, 0);
  });

  it("counts a chunked body (no content-length) as it arrives", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(32);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Bounded: far past the limit, then the stream ends.
        if (sent >= 4 * MIB) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const init = { method: "POST", headers: JSON_TYPE, body, duplex: "half", signal: AbortSignal.timeout(20_000) } as RequestInit;
    const res = await fetch(`${emulator.url}/_emulator/jobs`, init);
    assertAdminTooLarge({ status: res.status, headers: res.headers, text: await res.text() }, adminBodyBytes);
  });

  it("answers Expect: 100-continue with 413 before the body is sent", async () => {
    const head = `POST /_emulator/scenario HTTP/1.1\r\nhost: 127.0.0.1:${emulator.port}\r\ncontent-type: application/json\r\ncontent-length: ${100 * MIB}\r\nexpect: 100-continue\r\n\r\n`;
    const reply = await rawExchange(emulator.port, head);
    assertAdminTooLarge(reply, scenarioBytes);
  });

  it("sends 100 Continue when the declared body fits, then takes it", async () => {
    const body = JSON.stringify({ kind: "app-job", project_id: "p" });
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${emulator.url}/_emulator/jobs`,
        { method: "POST", headers: { ...JSON_TYPE, expect: "100-continue", "content-length": String(body.length) }, timeout: 10_000 },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("continue", () => req.end(body));
      req.on("timeout", () => req.destroy(new Error("timed out")));
      req.on("error", reject);
    });
    assert.equal(status, 201);
    assert.equal(emulator.store.list().length, 1);
  });

  it("takes a body of exactly the limit, refuses one byte more", async () => {
    assert.equal((await callAdmin(emulator.url, "POST", "/_emulator/jobs", jobBody(adminBodyBytes.value))).status, 201);
    const over = await callAdmin(emulator.url, "POST", "/_emulator/jobs", jobBody(adminBodyBytes.value + 1));
    assert.equal(over.status, 413);
    assert.equal(emulator.store.list().length, 1);
  });

  it("refuses a --scenario text over the byte limit, naming it", () => {
    const text = JSON.stringify({ seed: 1, project_id: "p" }) + " ".repeat(scenarioBytes.value);
    assert.throws(
      () => parseScenario(text),
      (e: unknown) =>
        e instanceof EmulatorValidationError && /^scenario: \d+ bytes is over max_scenario_bytes \(4194304 bytes\)$/.test(e.message),
    );
  });
});

describe("deeply nested JSON", () => {
  const nested = (levels: number, inner = "1") => `${'{"a":'.repeat(levels)}${inner}${"}".repeat(levels)}`;
  const tooDeep = `body: nests deeper than ${jsonDepth.name} (${jsonDepth.value} levels)`;

  it("answers 400 for every admin endpoint, however deep (no stack overflow, no 500)", async () => {
    // Nested objects where each endpoint walks its body, as deep as its body limit allows (six bytes a level).
    const bodies = [
      ["/_emulator/scenario", `{"seed":1,"project_id":"p","jobs":[${nested(500_000)}]}`],
      ["/_emulator/jobs", nested(10_000)],
      ["/_emulator/faults", `{"status":500,"body":${nested(10_000)}}`],
      ["/_emulator/faults", `${"[".repeat(30_000)}${"]".repeat(30_000)}`],
    ] as const;
    for (const [path, body] of bodies) {
      const reply = await callAdmin(emulator.url, "POST", path, body);
      assert.equal(reply.status, 400, `${path}: ${reply.text}`);
      assert.deepEqual(reply.json, { error_code: "EMULATOR.INVALID", error_msg: tooDeep });
    }
    assert.equal(emulator.store.list().length + emulator.faults.list().length, 0);
  });

  it("takes exactly the depth limit, refuses one level more; brackets inside strings do not count", async () => {
    // The fault object is one level; its body adds the rest.
    const fault = (levels: number) => `{"status":500,"body":${nested(levels)}}`;
    assert.equal((await callAdmin(emulator.url, "POST", "/_emulator/faults", fault(jsonDepth.value - 1))).status, 201);
    const over = await callAdmin(emulator.url, "POST", "/_emulator/faults", fault(jsonDepth.value));
    assert.deepEqual([over.status, over.json], [400, { error_code: "EMULATOR.INVALID", error_msg: tooDeep }]);
    const brackets = JSON.stringify({ status: 500, body: `${'[{\\"'.repeat(1000)}` });
    assert.equal((await callAdmin(emulator.url, "POST", "/_emulator/faults", brackets)).status, 201);
    assert.equal(emulator.faults.list().length, 2);
  });

  it("parseScenario refuses deep text and deep in-process values with a validation error", () => {
    const deepError = (field: RegExp) => (e: unknown) =>
      e instanceof EmulatorValidationError &&
      field.test(e.field) &&
      e.message === `${e.field}: nests deeper than ${jsonDepth.name} (${jsonDepth.value} levels)`;
    assert.throws(() => parseScenario(`{"seed":1,"project_id":"p","x":${nested(100_000)}}`), deepError(/^scenario$/));
    let value: unknown = 1;
    for (let i = 0; i < 100_000; i++) value = { a: value };
    assert.throws(
      () => parseScenario({ seed: 1, projects: [{ project_id: "p", jobs: [value] }] }),
      deepError(/^projects\[0\]\.jobs\[0\](\.a){60}$/),
    );
  });

  it("still answers 400 for invalid JSON", async () => {
    const reply = await callAdmin(emulator.url, "POST", "/_emulator/scenario", '{"seed": 1,');
    assert.deepEqual([reply.status, reply.json], [400, { error_code: "EMULATOR.INVALID", error_msg: "body: must be valid JSON" }]);
  });
});
