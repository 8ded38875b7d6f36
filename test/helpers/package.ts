// Packs the package the way a fresh clone would be packed, and installs the tarball into apps.
//
// `npm pack` runs in a copy of the files a clone has (tracked plus untracked, non-ignored ones),
// with node_modules symlinked: `prepack` builds lib/ inside the copy, so packing never touches the
// repository's lib/, which concurrently running tests use.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "../../scripts/stack-runner";
import { runProgram } from "./process";

/** One file of a tarball, as `npm pack --json` lists it. */
export interface PackedFile {
  readonly path: string;
  readonly size: number;
  readonly mode: number;
}

/** A packed tarball, as `npm pack --json` describes it. */
export interface PackResult {
  /** Absolute path of the .tgz. */
  readonly tarball: string;
  readonly name: string;
  readonly version: string;
  /** Bytes of the .tgz. */
  readonly size: number;
  /** Bytes of the files unpacked. */
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly files: readonly PackedFile[];
  /** The repository files the packed copy held ({@link cloneFiles} when it was made). */
  readonly sources: readonly string[];
}

/** The files a fresh clone of the working tree has: tracked and untracked non-ignored ones that exist. */
export function cloneFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  // A tracked file deleted in the working tree is listed too; a clone of the next commit lacks it.
  return [...new Set(listed.split("\0").filter((path) => path !== "" && existsSync(join(REPO_ROOT, path))))].sort();
}

/** Copies {@link cloneFiles} to `dest` and symlinks the repository's node_modules there. */
export function copyAsClone(dest: string): string[] {
  const files = cloneFiles();
  for (const path of files) {
    const to = join(dest, path);
    mkdirSync(dirname(to), { recursive: true });
    cpSync(join(REPO_ROOT, path), to, { verbatimSymlinks: true });
  }
  symlinkSync(join(REPO_ROOT, "node_modules"), join(dest, "node_modules"), "dir");
  return files;
}

/** Time limits of `npm pack` and of one `npm install`: a `before` that packs and then installs needs more than both. */
export const PACK_TIMEOUT_MS = 180_000;
export const INSTALL_TIMEOUT_MS = 300_000;

/** The environment of npm: the caller's (registry, proxy and cache settings apply), without audit or fund requests. */
function npmEnv(): NodeJS.ProcessEnv {
  return { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
}

/**
 * Runs real `npm pack --json` in a fresh copy of the repository under `work` (which must exist)
 * and returns the tarball, written to `work/dist`.
 */
export async function packFreshCopy(work: string): Promise<PackResult> {
  const source = join(work, "source");
  const dist = join(work, "dist");
  mkdirSync(dist, { recursive: true });
  const sources = copyAsClone(source);
  const run = await runProgram(["npm", "pack", "--json", "--pack-destination", dist], {
    cwd: source,
    env: npmEnv(),
    timeoutMs: PACK_TIMEOUT_MS,
  });
  assert.equal(run.code, 0, `npm pack failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
  let described: Array<Omit<PackResult, "tarball" | "sources"> & { filename: string }>;
  try {
    described = JSON.parse(run.stdout) as typeof described;
  } catch (error) {
    assert.fail(`npm pack --json printed no JSON (${String(error)}):\n${run.stdout}`);
  }
  assert.equal(described.length, 1, run.stdout);
  const { filename, name, version, size, unpackedSize, entryCount, files } = described[0]!;
  const tarball = join(dist, filename);
  assert.ok(existsSync(tarball), `npm pack wrote no ${tarball}`);
  return { tarball, name, version, size, unpackedSize, entryCount, files, sources };
}

/** One file of a tarball, as text (`path` without the `package/` prefix). */
export function readFromTarball(tarball: string, path: string): string {
  return execFileSync("tar", ["-xzOf", tarball, `package/${path}`], { encoding: "utf8", maxBuffer: 64 << 20, timeout: 30_000 });
}

/** The version in the repository's package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

/**
 * Creates an app in `dir` and installs `specs` (the tarball path among them) from the registry,
 * preferring the npm cache. Returns how long the install took.
 */
export async function installApp(dir: string, specs: readonly string[]): Promise<number> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "consumer-app", version: "0.0.0", private: true }, null, 2)}\n`);
  const started = Date.now();
  const run = await runProgram(["npm", "install", "--prefer-offline", "--no-audit", "--no-fund", ...specs], {
    cwd: dir,
    env: npmEnv(),
    timeoutMs: INSTALL_TIMEOUT_MS,
  });
  assert.equal(run.code, 0, `npm install ${specs.join(" ")} failed in ${dir} (${run.code}):\n${run.stdout}\n${run.stderr}`);
  return Date.now() - started;
}
