// Runs the real CLI bundle (lib/hwjobs.cjs, built by `node scripts/build.mjs`) as a child process,
// with an explicit environment so the developer's shell (credentials, proxies, HWJOBS_*) cannot
// leak in, and a hard timeout so a hung child can never hang the test run.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before } from "node:test";
import { DEMO_CREDENTIALS, startEmulator, type EmulatorOptions, type RunningEmulator } from "../../src/emulator";

/** Repository root. */
export const REPO_ROOT = join(__dirname, "..", "..");

/** The bundled CLI the tests run. */
export const CLI_BUNDLE = join(REPO_ROOT, "lib", "hwjobs.cjs");

/** Default hard limit of one CLI run. */
export const DEFAULT_CLI_TIMEOUT_MS = 30_000;

/** Environment overrides; `undefined` removes a variable. */
export type CliEnv = Readonly<Record<string, string | undefined>>;

/** How a CLI run ended. */
export interface CliResult {
  /** Exit code; `null` when the child was killed by a signal (e.g. the hard timeout). */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** True when the hard timeout killed the child. */
  readonly timedOut: boolean;
}

/** Options of {@link runCli} and {@link startCli}. */
export interface CliRunOptions {
  /** Hard limit: the child is SIGKILLed after this long. Default {@link DEFAULT_CLI_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  /** Send {@link CliRunOptions.signal} this long after the start. */
  readonly signalAfterMs?: number;
  /** Send {@link CliRunOptions.signal} as soon as stderr matches this (more robust than a delay). */
  readonly signalOnStderr?: RegExp;
  /** Signal sent by `signalAfterMs` / `signalOnStderr`. Default SIGINT. */
  readonly signal?: NodeJS.Signals;
  /** Written to stdin, which is then closed; default: stdin is /dev/null. */
  readonly stdin?: string;
  /** Runs this file (by its shebang) instead of `node lib/hwjobs.cjs`, e.g. an app's `node_modules/.bin/hwjobs`. */
  readonly executable?: string;
  /** Working directory; default the repository root. */
  readonly cwd?: string;
}

/** A running CLI child. */
export interface CliProcess {
  readonly child: ChildProcess;
  /** Settles when the child has exited and its streams are closed; never rejects. */
  readonly result: Promise<CliResult>;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /**
   * Resolves with the first match of `pattern` in the output so far or to come; rejects when the
   * child exits first or after `timeoutMs`.
   */
  waitFor(stream: "stdout" | "stderr", pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends a signal (no-op once the child has exited). */
  kill(signal: NodeJS.Signals): void;
}

const live = new Set<ChildProcess>();

/** The minimal environment every child starts from: PATH, HOME and XDG_CACHE_HOME only, plus `env`. */
export function childEnv(env: CliEnv): Record<string, string> {
  const out: Record<string, string> = {};
  // XDG_CACHE_HOME: the test run's own code cache (scripts/run-tests.mjs).
  for (const name of ["PATH", "HOME", "XDG_CACHE_HOME"]) {
    const value = process.env[name];
    if (value !== undefined) out[name] = value;
  }
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete out[name];
    else out[name] = value;
  }
  return out;
}

/** Starts `node lib/hwjobs.cjs ...args` (or `options.executable ...args`) with {@link childEnv}(env). */
export function startCli(args: readonly string[], env: CliEnv, options: CliRunOptions = {}): CliProcess {
  const [file, argv] = options.executable === undefined ? [process.execPath, [CLI_BUNDLE, ...args]] : [options.executable, [...args]];
  const program = options.executable ?? CLI_BUNDLE;
  assert.ok(existsSync(program), `${program} is missing${program === CLI_BUNDLE ? '; run "node scripts/build.mjs" first' : ""}`);
  const child = spawn(file, argv, {
    cwd: options.cwd ?? REPO_ROOT,
    env: childEnv(env),
    stdio: [options.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  live.add(child);
  if (options.stdin !== undefined) {
    // A CLI that stops reading early (a refused, oversized query) closes the pipe: not an error here.
    child.stdin!.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
    child.stdin!.end(options.stdin);
  }
  let stdout = "";
  let stderr = "";
  let exited = false;
  let timedOut = false;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    notify();
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    notify();
  });

  const kill = (signal: NodeJS.Signals) => {
    if (!exited && child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const hardTimer = setTimeout(() => {
    timedOut = true;
    kill("SIGKILL");
  }, options.timeoutMs ?? DEFAULT_CLI_TIMEOUT_MS);
  const signal = options.signal ?? "SIGINT";
  const signalTimer = options.signalAfterMs === undefined ? undefined : setTimeout(() => kill(signal), options.signalAfterMs);
  if (options.signalOnStderr) {
    const pattern = options.signalOnStderr;
    let sent = false;
    const onOutput = () => {
      if (!sent && pattern.test(stderr)) {
        sent = true;
        listeners.delete(onOutput);
        kill(signal);
      }
    };
    listeners.add(onOutput);
  }

  const result = new Promise<CliResult>((resolve) => {
    child.on("error", (error) => {
      stderr += `\n[spawn error: ${error.message}]`;
    });
    child.on("close", (code, sig) => {
      exited = true;
      live.delete(child);
      clearTimeout(hardTimer);
      if (signalTimer) clearTimeout(signalTimer);
      notify();
      listeners.clear();
      resolve({ code, signal: sig, stdout, stderr, timedOut });
    });
  });

  const waitFor = (stream: "stdout" | "stderr", pattern: RegExp, timeoutMs = 15_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = (stream === "stdout" ? stdout : stderr).match(pattern);
        if (match) {
          done();
          resolve(match);
        } else if (exited) {
          done();
          reject(new Error(`hwjobs exited before ${stream} matched ${pattern}\nstdout: ${stdout}\nstderr: ${stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${stream} did not match ${pattern} within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });

  return { child, result, stdout: () => stdout, stderr: () => stderr, waitFor, kill };
}

/** Runs the CLI to completion (bounded by the hard timeout). */
export function runCli(args: readonly string[], env: CliEnv, options: CliRunOptions = {}): Promise<CliResult> {
  return startCli(args, env, options).result;
}

/** SIGKILLs every child still running (for `after` hooks, so a failed test leaves nothing behind). */
export function killLiveChildren(): void {
  for (const child of live) child.kill("SIGKILL");
  live.clear();
}

/** The environment of a CLI talking to the emulator at `url` with the demo AK/SK. */
export function emulatorEnv(url: string, projectId: string, extra: CliEnv = {}): CliEnv {
  return {
    HWJOBS_ENDPOINT: url,
    HW_PROJECT_ID: projectId,
    HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey,
    HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
    ...extra,
  };
}

/** Keeps every wait short: the CLI's smallest poll interval. */
export const FAST_POLL = ["--min-poll-interval", "1s", "--max-poll-interval", "1s"] as const;

/** Text for assertion messages. */
export function describeResult(r: CliResult): string {
  return `exit ${r.code}${r.signal ? ` (signal ${r.signal})` : ""}${r.timedOut ? " [hard timeout]" : ""}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}

/** Asserts the exit code, showing the output when it differs. */
export function assertExit(r: CliResult, code: number): void {
  assert.equal(r.code, code, `expected exit ${code}, got ${describeResult(r)}`);
}

/** The `get`/`wait` result document on stdout. */
export interface JobResultDoc {
  kind: string;
  job_id: string;
  status: string;
  phase: string;
  resource_id: string;
  resource_ids: string[];
  error_code: string;
  error_message: string;
  job: Record<string, unknown>;
}

/** The documented keys of a `get`/`wait` result, in order. */
export const JOB_RESULT_KEYS = [
  "kind",
  "job_id",
  "status",
  "phase",
  "resource_id",
  "resource_ids",
  "error_code",
  "error_message",
  "job",
] as const;

/** Parses stdout as exactly one JSON document (JSON.parse rejects anything after it) with the documented keys. */
export function parseJobResult(r: CliResult): JobResultDoc {
  assert.ok(r.stdout.endsWith("\n"), `stdout should end with a newline: ${describeResult(r)}`);
  let doc: unknown;
  try {
    doc = JSON.parse(r.stdout);
  } catch (error) {
    assert.fail(`stdout is not exactly one JSON document (${String(error)}): ${describeResult(r)}`);
  }
  assert.ok(doc !== null && typeof doc === "object" && !Array.isArray(doc), `stdout is not a JSON object: ${r.stdout}`);
  assert.deepEqual(Object.keys(doc).sort(), [...JOB_RESULT_KEYS].sort());
  return doc as JobResultDoc;
}

/** The lines of stderr, without the trailing empty one. */
export function stderrLines(r: CliResult): string[] {
  return r.stderr.split("\n").filter((line, i, all) => !(line === "" && i === all.length - 1));
}

/** Asserts exit 2 with exactly one `hwjobs: error: ...` line on stderr containing every `expected` text, and nothing on stdout. */
export function assertUsageError(r: CliResult, ...expected: string[]): void {
  assertExit(r, 2);
  assert.equal(r.stdout, "", `stdout should be empty: ${describeResult(r)}`);
  const lines = stderrLines(r);
  assert.equal(lines.length, 1, `expected one line on stderr: ${describeResult(r)}`);
  assert.match(lines[0]!, /^hwjobs: error: \S/);
  for (const text of expected) assert.ok(lines[0]!.includes(text), `stderr should mention ${JSON.stringify(text)}: ${lines[0]}`);
}

/**
 * The emulator of a CLI test file: started (on a port the OS picks) before its tests, stopped after
 * them together with any CLI child still running. Read it only inside tests and hooks.
 */
export function useCliEmulator(options: EmulatorOptions = {}): RunningEmulator {
  let running: RunningEmulator | undefined;
  before(async () => {
    running = await startEmulator({ port: 0, ...options });
  });
  after(async () => {
    killLiveChildren();
    await running?.close();
  });
  return new Proxy({} as RunningEmulator, {
    get: (_target, key) => {
      assert.ok(running, "the emulator is read before the tests started it");
      const value: unknown = Reflect.get(running, key);
      return typeof value === "function" ? value.bind(running) : value;
    },
  });
}
