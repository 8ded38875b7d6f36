// The start-up contract of the one-file bundle (docs/architecture.md §5.3): what it holds, what
// `--version`, `--help` and usage errors load (nothing of the commands: no undici, zod or
// emulator), and that a run's whole output still reaches a slow reader through a pipe. Timings
// are measured by `npm run bench` (bench/startup.ts), never asserted here.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { NO_CODE_CACHE_VARIABLE } from "../../src/cli/code-cache";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { assertExit, childEnv, CLI_BUNDLE, describeResult, emulatorEnv, killLiveChildren, runCli } from "../helpers/cli";
import { createJob } from "../helpers/emulator-admin";
import { SCENARIO_PROJECT, startScenarioEmulator } from "../helpers/scenario";

const PROJECT = "0123456789abcdef0123456789abcdef";
const MAX_BUNDLE_BYTES = 1_048_576;

// Records every module the CLI requires (built-ins included: the bundle holds everything else)
// and whether zod was evaluated (zod v4 keeps its configuration on globalThis).
const RECORDER = `
const Module = require("node:module");
const { writeFileSync } = require("node:fs");
const required = new Set();
const original = Module.prototype.require;
Module.prototype.require = function (id) {
  required.add(id);
  return original.apply(this, arguments);
};
process.on("exit", () => {
  writeFileSync(process.env.HWJOBS_TEST_LOADS, JSON.stringify({ required: [...required], zod: globalThis.__zod_globalConfig !== undefined }));
});
`;

interface Loads {
  readonly required: readonly string[];
  readonly zod: boolean;
}

let dir: string;
let emulator: RunningEmulator;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "hwjobs-startup-"));
  writeFileSync(join(dir, "recorder.cjs"), RECORDER);
  emulator = await startEmulator({ port: 0 });
});
after(async () => {
  killLiveChildren();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the bundle with the recorder preloaded; returns the exit code, stdout and what it loaded. */
async function runRecorded(args: readonly string[], env: Record<string, string | undefined> = {}) {
  const out = join(dir, `loads-${Math.random().toString(36).slice(2)}.json`);
  const result = await runCli(args, { ...env, NODE_OPTIONS: `--require ${join(dir, "recorder.cjs")}`, HWJOBS_TEST_LOADS: out });
  const loads = JSON.parse(readFileSync(out, "utf8")) as Loads;
  return { result, loads };
}

// node:vm compiles the embedded commands, node:v8 turns off wasm tier-up for undici's parser,
// node:net and node:http are undici's, node:crypto the signer's.
const COMMAND_MODULES = ["node:vm", "node:v8", "node:net", "node:http", "node:crypto"];

describe("hwjobs start-up", () => {
  for (const args of [["--version"], ["--help"], [], ["bogus"], ["get", "--version"]]) {
    it(`\`hwjobs ${args.join(" ")}\` loads none of the commands, nor undici or zod`, async () => {
      const { result, loads } = await runRecorded(args);
      assert.ok(result.code === 0 || result.code === 2, describeResult(result));
      for (const id of COMMAND_MODULES) assert.ok(!loads.required.includes(id), `${id} was loaded: ${loads.required.join(", ")}`);
      assert.equal(loads.zod, false, "zod was evaluated");
    });
  }

  it("`hwjobs get` loads the commands, undici and zod, but not node:http2", async () => {
    const id = await createJob(emulator.url, { kind: "ims-job", project_id: PROJECT, waiting_ms: 1, running_ms: 1 });
    const { result, loads } = await runRecorded(["get", "ims-job", id], emulatorEnv(emulator.url, PROJECT));
    assertExit(result, 0);
    assert.equal((JSON.parse(result.stdout) as { job_id: string }).job_id, id);
    for (const module of COMMAND_MODULES) assert.ok(loads.required.includes(module), `${module} was not loaded`);
    assert.equal(loads.zod, true);
    // The bundle leaves out undici's HTTP/2 client (the CLI never offers h2), which loads tls too.
    assert.ok(!loads.required.includes("node:http2"), loads.required.join(", "));
  });

  it("an error thrown in the commands is reported as the dispatcher's own error class", async () => {
    // The commands share the dispatcher's error classes; a copy would make this an "unexpected error".
    const r = await runCli(["get", "ims-job", "a-job"], emulatorEnv(emulator.url, PROJECT, { HW_PROJECT_ID: undefined }));
    assertExit(r, 2);
    assert.match(r.stderr, /^hwjobs: error: .*project/m, describeResult(r));
  });
});

describe("the code cache of the commands, with the real bundle", () => {
  let cacheHome: string;
  before(() => {
    cacheHome = mkdtempSync(join(tmpdir(), "hwjobs-cache-home-"));
  });
  after(() => rmSync(cacheHome, { recursive: true, force: true }));

  const cacheFiles = (home: string) => (existsSync(join(home, "hwjobs")) ? readdirSync(join(home, "hwjobs")) : []);

  it("the first command writes one cache file, the next ones use it untouched, with the same result", async () => {
    const id = await createJob(emulator.url, { kind: "ims-job", project_id: PROJECT, waiting_ms: 1, running_ms: 1 });
    const env = emulatorEnv(emulator.url, PROJECT, { XDG_CACHE_HOME: cacheHome });
    const first = await runCli(["get", "ims-job", id], env);
    assertExit(first, 0);
    const [name, ...others] = cacheFiles(cacheHome);
    assert.deepEqual(others, [], "one file, no temporary left behind");
    assert.match(name!, new RegExp(`^commands-[0-9a-f]{16}-${process.version.replace(/\./g, "\\.")}-${process.arch}\\.v8$`));
    const file = join(cacheHome, "hwjobs", name!);
    const written = statSync(file);
    const second = await runCli(["get", "ims-job", id], env);
    assertExit(second, 0);
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.stderr, "");
    const after = statSync(file);
    assert.deepEqual([after.ino, after.mtimeMs], [written.ino, written.mtimeMs], "a cache that was used is not rewritten");
  });

  it("--version reads and writes no cache", async () => {
    const home = mkdtempSync(join(cacheHome, "version-"));
    assertExit(await runCli(["--version"], { XDG_CACHE_HOME: home }), 0);
    assert.deepEqual(cacheFiles(home), []);
  });

  /** A `get` of a fresh job that succeeds, with the cache under `home` (and `extra` variables). */
  async function getWithCache(home: string, extra: Record<string, string> = {}) {
    const id = await createJob(emulator.url, { kind: "ims-job", project_id: PROJECT, waiting_ms: 1, running_ms: 1 });
    return runCli(["get", "ims-job", id, "--output", "none"], emulatorEnv(emulator.url, PROJECT, { XDG_CACHE_HOME: home, ...extra }));
  }

  it("a corrupt cache file is not used: the command runs as ever and the file is rewritten", async () => {
    const home = mkdtempSync(join(cacheHome, "corrupt-"));
    assertExit(await getWithCache(home), 0);
    const file = join(home, "hwjobs", cacheFiles(home)[0]!);
    const bytes = readFileSync(file);
    for (let i = 40; i < bytes.length; i += 97) bytes[i] = 0xa5;
    writeFileSync(file, bytes, { mode: 0o600 });
    const second = await getWithCache(home);
    assertExit(second, 0);
    assert.equal(second.stderr, "");
    assert.notDeepEqual(readFileSync(file), bytes, "rewritten");
  });

  it("a usage error writes no cache (it compiled little of the commands); the next command does", async () => {
    const home = mkdtempSync(join(cacheHome, "usage-"));
    assertExit(await runCli(["get", "ims-job", "a-job"], { XDG_CACHE_HOME: home, HW_PROJECT_ID: undefined }), 2);
    assert.deepEqual(cacheFiles(home), []);
    assertExit(await getWithCache(home), 0);
    assert.equal(cacheFiles(home).length, 1);
  });

  it(`${NO_CODE_CACHE_VARIABLE}=1 writes no cache`, async () => {
    const home = mkdtempSync(join(cacheHome, "off-"));
    assertExit(await getWithCache(home, { [NO_CODE_CACHE_VARIABLE]: "1" }), 0);
    assert.deepEqual(cacheFiles(home), []);
  });

  it("a cache directory that cannot be created changes nothing: exit 0, nothing on stderr", async () => {
    const blocker = join(cacheHome, "a-file");
    writeFileSync(blocker, "");
    const r = await getWithCache(blocker);
    assertExit(r, 0);
    assert.equal(r.stderr, "");
  });
});

describe("lib/hwjobs.cjs", () => {
  const text = readFileSync(CLI_BUNDLE, "utf8");

  it(`is at most ${MAX_BUNDLE_BYTES} bytes (it is shipped into every stack)`, (t) => {
    const { size } = statSync(CLI_BUNDLE);
    t.diagnostic(`${size} bytes`);
    assert.ok(size <= MAX_BUNDLE_BYTES, `${size} bytes`);
  });

  it("holds zod's English messages only", () => {
    assert.ok(text.includes("Invalid input"), "the English locale is missing");
    // Dutch, Indonesian and Italian, as zod words "Invalid input" in them.
    for (const message of ["Ongeldige invoer", "Input tidak valid", "Input non valido"]) assert.ok(!text.includes(message), message);
  });

  it("requires nothing but Node's built-in modules (it is one file)", () => {
    // The commands are carried in a comment at the end (docs/architecture.md §5.3).
    const ids = new Set([...text.matchAll(/require\(\\?"([^"\\]+)\\?"\)/g)].map((m) => m[1]!));
    assert.ok(ids.size > 0);
    const foreign = [...ids].filter((id) => !id.startsWith("node:") && !id.startsWith("hwjobs-dispatcher:"));
    assert.deepEqual(foreign, []);
  });
});

describe("output through a pipe", () => {
  let scenario: RunningEmulator;
  before(async () => {
    scenario = await startScenarioEmulator(Date.now());
  });
  after(async () => {
    await scenario.close();
  });

  it("a reader that starts late still gets the whole of a large list", async () => {
    const env = childEnv(emulatorEnv(scenario.url, SCENARIO_PROJECT));
    const child = spawn(process.execPath, [CLI_BUNDLE, "list", "image-sub-jobs", "--job-type", "CREATE_SERVER", "--all"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Far more than a pipe buffer: the CLI must wait for the reader, not exit before it has read.
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    const stdout = Buffer.concat(chunks).toString("utf8");
    assert.equal(code, 0, stderr);
    assert.ok(stdout.length > 65_536, `only ${stdout.length} bytes: pick a longer list`);
    const doc = JSON.parse(stdout) as { count: number; items: unknown[] };
    assert.equal(doc.items.length, doc.count);
  });
});
