// Start-up of the one-file CLI (lib/hwjobs.cjs, built by `node scripts/build.mjs`) against a bare
// `node -e 0`: Terraform starts it once per data source and per wait, so its start-up is paid
// many times per plan. The commands run interleaved, in a rotating order, so machine noise hits
// each alike; the emulator runs in a child process of its own, so the bench's event loop cannot
// slow the server down.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { median, round } from "./measure";
import type { BenchSection } from "./section";

const ROOT = join(__dirname, "..");
const DEFAULT_BUNDLE = join(ROOT, "lib", "hwjobs.cjs");
const PROJECT = "0123456789abcdef0123456789abcdef";
/** The bundle's budget: it is shipped into every stack as a Terraform asset. */
const MAX_BUNDLE_BYTES = 1_048_576;
const TARGET_VERSION_RATIO = 1.5;
const TARGET_GET_RATIO = 2;
const GNU_TIME = "/usr/bin/time";

interface Command {
  readonly name: string;
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** Options of {@link benchStartup}. */
export interface StartupBenchOptions {
  /** Timed rounds; each runs every command once. @default 20 */
  readonly rounds?: number;
  /** Runs per command under `/usr/bin/time` for the peak RSS (not timed). @default 3 */
  readonly rssRuns?: number;
  /** The bundle to measure, e.g. an older build to compare with. @default lib/hwjobs.cjs */
  readonly bundle?: string;
  /**
   * Run the commands in this process's environment (without its HUAWEI CLOUD, hwjobs and proxy
   * variables) rather than in one of PATH alone. Node itself may then start slower, e.g. when
   * `NODE_EXTRA_CA_CERTS` makes it load a CA bundle, and so does every command alike.
   * @default false
   */
  readonly inheritEnv?: boolean;
  /** Judge the figures against the targets (else the section only reports). @default true */
  readonly judge?: boolean;
}

/** Variables that would change what the commands do, dropped even with {@link StartupBenchOptions.inheritEnv}. */
const FOREIGN_VARIABLE = /^(HW_|HWJOBS_|OS_|HUAWEICLOUD_|NODE_OPTIONS$|(HTTPS?|NO)_PROXY$)/i;

function baseEnv(inherit: boolean): NodeJS.ProcessEnv {
  if (!inherit) return { PATH: process.env.PATH };
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !FOREIGN_VARIABLE.test(name)));
}

/**
 * A key pair shaped like a real one (random, 20 and 40 characters). Not the demo pair: its secret
 * starts with "hwjobs", as every line on stderr does, so the redactor would keep testing its full
 * pattern, which no real secret key makes it do.
 */
function randomKeyPair(): { accessKey: string; secretKey: string } {
  const chars = (n: number) => randomBytes(n).toString("base64url").replace(/[-_]/g, "A").slice(0, n);
  return { accessKey: chars(20).toUpperCase(), secretKey: chars(40) };
}

/** Starts the measured bundle's own `hwjobs emulator --port 0` as a child and resolves with its URL once it listens. */
async function startBundleEmulator(
  bundle: string,
  keys: { accessKey: string; secretKey: string },
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [bundle, "emulator", "--port", "0"], {
    env: { PATH: process.env.PATH, HWJOBS_EMULATOR_ACCESS_KEY: keys.accessKey, HWJOBS_EMULATOR_SECRET_KEY: keys.secretKey },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
    child.once("exit", (code) => reject(new Error(`the emulator exited ${code} before listening: ${err}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function createImsJob(url: string): Promise<string> {
  const res = await fetch(`${url}/_emulator/jobs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ kind: "ims-job", project_id: PROJECT, waiting_ms: 1, running_ms: 1 }),
  });
  if (res.status !== 201) throw new Error(`POST /_emulator/jobs: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Runs one command to its end (stdout and stderr piped, as Terraform reads them) and returns its wall time. */
function timeRun(command: Command): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, command.argv, { env: command.env, stdio: ["ignore", "pipe", "pipe"] });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${command.name} exited ${result.status ?? result.signal}: ${result.stderr}`);
  return ms;
}

/** Peak resident set of one run in MiB, by GNU time; undefined where it is not installed. */
function peakRssMiB(command: Command, dir: string): number | undefined {
  if (!existsSync(GNU_TIME)) return undefined;
  const file = join(dir, "rss");
  const result = spawnSync(GNU_TIME, ["-f", "%M", "-o", file, process.execPath, ...command.argv], {
    env: command.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (result.status !== 0) return undefined;
  const kib = Number(readFileSync(file, "utf8").trim().split("\n").pop());
  return Number.isFinite(kib) ? kib / 1024 : undefined;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

const round1 = (n: number) => round(n, 1);
const round2 = (n: number) => round(n, 2);

/** `node -e 0`, `hwjobs --version` and `hwjobs get` (against the emulator, in a child process), interleaved. */
export async function benchStartup(options: StartupBenchOptions = {}): Promise<BenchSection> {
  const rounds = options.rounds ?? 20;
  const rssRuns = options.rssRuns ?? 3;
  const bundle = options.bundle ?? DEFAULT_BUNDLE;
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run node scripts/build.mjs first`);
  const keys = randomKeyPair();
  const emulator = await startBundleEmulator(bundle, keys);
  const dir = mkdtempSync(join(tmpdir(), "hwjobs-bench-"));
  try {
    const jobId = await createImsJob(emulator.url);
    // A code cache of the bench's own (docs/architecture.md §5.3), warmed by the first run below.
    const bare = { ...baseEnv(options.inheritEnv ?? false), XDG_CACHE_HOME: join(dir, "cache") };
    const getEnv = {
      ...bare,
      HWJOBS_ENDPOINT: emulator.url,
      HW_PROJECT_ID: PROJECT,
      HW_ACCESS_KEY: keys.accessKey,
      HW_SECRET_KEY: keys.secretKey,
    };
    const getArgv = [bundle, "get", "ims-job", jobId, "--output", "none"];
    const commands: readonly Command[] = [
      { name: "node -e 0", argv: ["-e", "0"], env: bare },
      { name: "hwjobs --version", argv: [bundle, "--version"], env: bare },
      { name: "hwjobs get ims-job <id> --output none", argv: getArgv, env: getEnv },
      { name: "the same get, HWJOBS_NO_COMPILE_CACHE=1", argv: getArgv, env: { ...getEnv, HWJOBS_NO_COMPILE_CACHE: "1" } },
    ];
    for (const command of commands) timeRun(command); // warm the file cache, the code cache and the emulator
    const samples = commands.map((): number[] => []);
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < commands.length; i++) {
        const index = (round + i) % commands.length;
        samples[index]!.push(timeRun(commands[index]!));
      }
    }
    const rss = commands.map((command) => {
      const peaks = Array.from({ length: rssRuns }, () => peakRssMiB(command, dir)).filter((p) => p !== undefined);
      return peaks.length > 0 ? median(peaks) : undefined;
    });
    const base = median(samples[0]!);
    const ratios = samples.map((s) => median(s) / base);
    const rows = commands.map((command, i) => ({
      command: command.name,
      "median ms": round1(median(samples[i]!)),
      "mean ms": round1(mean(samples[i]!)),
      "ratio (median)": round2(ratios[i]!),
      "peak RSS MiB": rss[i] === undefined ? "n/a" : round1(rss[i]),
    }));
    const bundleBytes = statSync(bundle).size;
    const targets = [
      {
        name: `hwjobs --version within ${TARGET_VERSION_RATIO}x node -e 0`,
        met: ratios[1]! <= TARGET_VERSION_RATIO,
        detail: `${round2(ratios[1]!)}x (median of ${rounds} rounds)`,
      },
      {
        name: `hwjobs get within ${TARGET_GET_RATIO}x node -e 0`,
        met: ratios[2]! <= TARGET_GET_RATIO,
        detail: `${round2(ratios[2]!)}x (median of ${rounds} rounds)`,
      },
      {
        name: `lib/hwjobs.cjs at most ${MAX_BUNDLE_BYTES.toLocaleString("en-US")} bytes`,
        met: bundleBytes <= MAX_BUNDLE_BYTES,
        detail: `${bundleBytes.toLocaleString("en-US")} bytes (${round2(bundleBytes / 1_048_576)} MiB)`,
      },
    ];
    const env = options.inheritEnv ? "this environment" : "environment PATH only";
    const title = `CLI start-up (node ${process.version}, ${rounds} interleaved rounds, ${env}; the code cache warm)`;
    return { title, rows, targets: (options.judge ?? true) ? targets : [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await emulator.stop();
  }
}

if (require.main === module) {
  // BENCH_ROUNDS, BENCH_BUNDLE (e.g. a build of another commit) and BENCH_INHERIT_ENV=1 override the defaults.
  const rounds = process.env.BENCH_ROUNDS === undefined ? undefined : Number(process.env.BENCH_ROUNDS);
  void benchStartup({ rounds, bundle: process.env.BENCH_BUNDLE || undefined, inheritEnv: process.env.BENCH_INHERIT_ENV === "1" }).then(
    (section) => console.log(JSON.stringify(section, null, 2)),
  );
}
