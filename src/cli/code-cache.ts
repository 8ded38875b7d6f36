import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  type Stats,
} from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { Script } from "node:vm";

// V8's code cache of the bundle's embedded commands (docs/architecture.md §5.3): without it every
// run compiles them from source. V8 checks a cache's V8 version, flags and source length, but in
// release builds not its bytes, so each file starts with a SHA-256 of the rest and is used only
// when that matches, and only when the file and its directory are this user's own and nobody
// else may write to them (a cache is code the process runs).

/** The variable that turns the cache off (`1` or `true`). */
export const NO_CODE_CACHE_VARIABLE = "HWJOBS_NO_COMPILE_CACHE";

const DIGEST_BYTES = 32;

/**
 * The cache file of the source identified by `sourceKey` on this Node and architecture, or
 * undefined when the cache is off: `$XDG_CACHE_HOME/hwjobs/` (an absolute path only, as the XDG
 * base directory specification asks), else `~/.cache/hwjobs/`.
 */
export function codeCachePath(env: Readonly<Record<string, string | undefined>>, sourceKey: string): string | undefined {
  const off = env[NO_CODE_CACHE_VARIABLE];
  if (off === "1" || off === "true") return undefined;
  const xdg = env.XDG_CACHE_HOME;
  let base: string;
  if (xdg && isAbsolute(xdg)) base = xdg;
  else {
    const home = homedir();
    if (!isAbsolute(home)) return undefined;
    base = join(home, ".cache");
  }
  return join(base, "hwjobs", `commands-${sourceKey}-${process.version}-${process.arch}.v8`);
}

/** What a run did with the cache. */
export type CodeCacheOutcome =
  /** No cache file is used (turned off, or no home directory). */
  | "off"
  /** The cache was accepted: nothing was compiled from the whole source. */
  | "used"
  /** There was no usable cache (none, corrupt, foreign, or rejected by V8): one is written at exit. */
  | "written";

/** A compiled CommonJS module body and what happened to its cache. */
export interface CachedModule {
  /** The module's function: `(exports, require, module, __filename, __dirname)`. */
  readonly run: (exports: unknown, require: NodeJS.Require, module: NodeJS.Module, filename: string, dirname: string) => void;
  /** Whether the cache was off, used, or is to be written. */
  readonly outcome: CodeCacheOutcome;
  /**
   * Writes the cache when {@link outcome} is `"written"` (else does nothing); called as the
   * process exits, so the cache holds every function the run compiled, not only the top level.
   * Never throws.
   */
  readonly writeCache: () => void;
}

/** The digest a cache file starts with. */
const digestOf = (data: Buffer) => createHash("sha256").update(data).digest();

/** Owner and mode checks mean nothing on Windows, where the cache is the user's profile's. */
const CHECK_OWNER = process.platform !== "win32";

/** This user's own, and nobody else may write to it: what a cache file and its directory must be. */
function isPrivate(stat: Stats): boolean {
  return !CHECK_OWNER || (stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0);
}

/** Whether `dir` is a directory (not a link to one) that is {@link isPrivate}. */
function isPrivateDirectory(dir: string): boolean {
  try {
    const stat = lstatSync(dir);
    return stat.isDirectory() && isPrivate(stat);
  } catch {
    return false;
  }
}

/** The cache's bytes when `file` is a private regular file in a private directory, and intact. */
function readCache(file: string): Buffer | undefined {
  if (!isPrivateDirectory(dirname(file))) return undefined;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || !isPrivate(stat)) return undefined;
    const bytes = readFileSync(fd);
    if (bytes.length <= DIGEST_BYTES) return undefined;
    const data = bytes.subarray(DIGEST_BYTES);
    return digestOf(data).equals(bytes.subarray(0, DIGEST_BYTES)) ? data : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `data` with its digest into a private directory, through a new file of its own (created
 * exclusively, under a name nobody can guess) renamed into place, so that runs in parallel never
 * read half a cache and nothing planted in the directory is written through. A cache that cannot
 * be written only costs the next run its compile, so failures are ignored.
 */
function writeCache(file: string, data: () => Buffer): void {
  const dir = dirname(file);
  const temporary = `${file}.${process.pid}.${randomBytes(8).toString("hex")}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!isPrivateDirectory(dir)) return;
    const bytes = data();
    writeFileSync(temporary, Buffer.concat([digestOf(bytes), bytes]), { mode: 0o600, flag: "wx" });
    renameSync(temporary, file);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing more to do: the directory itself is what failed.
    }
  }
}

/**
 * Compiles `source` as the body of a CommonJS module, with V8's code cache from `cacheFile` when
 * that is usable.
 */
export function compileWithCodeCache(source: string, filename: string, cacheFile: string | undefined): CachedModule {
  const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename, cachedData });
  const outcome: CodeCacheOutcome =
    cacheFile === undefined ? "off" : cachedData !== undefined && !script.cachedDataRejected ? "used" : "written";
  return {
    run: script.runInThisContext() as CachedModule["run"],
    outcome,
    writeCache: () => {
      if (outcome === "written" && cacheFile !== undefined) writeCache(cacheFile, () => script.createCachedData());
    },
  };
}
