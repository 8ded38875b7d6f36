// The tail of the bundle's commands module (scripts/build.mjs prepends `dispatcherModules`,
// `source` and `sourceHash`): compiles the embedded commands and runs them, with V8's code cache
// kept per user, so that only a machine's first run of a build compiles them in full
// (docs/architecture.md §5.3). Plain JavaScript: it is bundled as it is.
/* global dispatcherModules, source, sourceHash */
const vm = require("node:vm");
// undici parses HTTP with llhttp, WebAssembly compiled at the first connection. V8 compiles it
// with its baseline compiler (Liftoff), then re-optimizes hot functions on background threads,
// which the process waits for at exit: about 100 ms on 2 cores. Liftoff alone is fast enough. Set
// before compiling: the flags are part of a code cache's identity.
require("node:v8").setFlagsFromString("--liftoff-only");

/** The cache file of this build on this Node, or undefined when the cache is off. */
function cacheFile() {
  const env = process.env;
  if (env.HWJOBS_NO_COMPILE_CACHE === "1" || env.HWJOBS_NO_COMPILE_CACHE === "true") return undefined;
  const path = require("node:path");
  const base = env.XDG_CACHE_HOME || path.join(require("node:os").homedir(), ".cache");
  if (!path.isAbsolute(base)) return undefined;
  return path.join(base, "hwjobs", `commands-${sourceHash}-${process.version}-${process.arch}.v8`);
}

const file = cacheFile();
let cachedData;
if (file !== undefined) {
  try {
    cachedData = require("node:fs").readFileSync(file);
  } catch {
    // No cache yet, or none readable: compile in full.
  }
}
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: __filename + " (commands)",
  cachedData,
});
if (file !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
  // Written as the process ends, so the cache holds every function this run compiled; through a
  // file of its own renamed into place, so runs in parallel never read half a cache.
  process.once("exit", () => {
    const fs = require("node:fs");
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(require("node:path").dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(temporary, file);
    } catch {
      // A cache that cannot be written only costs the next run its compile.
      try {
        fs.rmSync(temporary, { force: true });
      } catch {
        // Nothing more to do.
      }
    }
  });
}
const commandsRequire = Object.assign((id) => dispatcherModules[id] ?? require(id), require);
script.runInThisContext()(module.exports, commandsRequire, module, __filename, __dirname);
