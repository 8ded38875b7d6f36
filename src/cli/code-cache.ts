import { createHash } from "node:crypto";
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { Script } from "node:vm";

// V8's code cache of the bundle's embedded commands (docs/architecture.md §5.3): without it every
// run compiles them from source. V8 checks a cache's V8 version, flags and source length, but in
// release builds not its bytes, so each file starts with a SHA-256 of the rest and is used only
// when that matches, and only when it is this user's own file and nobody else may write to it
// (a cache is code the process runs).

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
  readonly outcome: CodeCacheOutcome;
  /**
   * Writes the cache when {@link outcome} is `"written"` (else does nothing); called as the
   * process exits, so the cache holds every function the run compiled, not only the top level.
   * Never throws.
   */
  readonly writeCache: () => void;
}

/** The cache's bytes when `file` is this user's own, not writable by others, and intact. */
function readCache(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    const uid = process.getuid?.();
    if (!stat.isFile() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0) return undefined;
    const bytes = readFileSync(fd);
    if (bytes.length <= DIGEST_BYTES) return undefined;
    const data = bytes.subarray(DIGEST_BYTES);
    const digest = createHash("sha256").update(data).digest();
    return digest.equals(bytes.subarray(0, DIGEST_BYTES)) ? data : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `data` with its digest through a file of its own renamed into place, so that runs in
 * parallel never read half a cache. A cache that cannot be written only costs the next run its
 * compile, so failures are ignored.
 */
function writeCache(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, Buffer.concat([createHash("sha256").update(data).digest(), data]), { mode: 0o600 });
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
      if (outcome === "written" && cacheFile !== undefined) writeCache(cacheFile, script.createCachedData());
    },
  };
}
