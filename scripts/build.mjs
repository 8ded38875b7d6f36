// Compiles src/ to lib/ (library + typings) and bundles the CLI into one file, lib/hwjobs.cjs,
// which the constructs ship to Terraform as an asset.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

// `npm pack` and `npm publish` run `prepack` and then `prepare`, both of which build: the
// second build would redo the first, so `prepare` builds only for installs (npm ci, npm install,
// git dependencies) and leaves packing to `prepack`.
const { npm_lifecycle_event: event, npm_command: command } = process.env;
if (event === "prepare" && (command === "pack" || command === "publish")) process.exit(0);

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const version = require(join(root, "package.json")).version;

rmSync(join(root, "lib"), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.json")], {
  stdio: "inherit",
});
// The CLI bundle is shipped into every stack and started once per wait and per data source, so
// what it holds is what each run reads and compiles (docs/architecture.md §5.3).
//
// Three dependencies are trimmed to what the CLI runs:
// - zod: only the English locale (the one zod sets by default; the others are 18 % of a bundle).
// - undici: its dispatcher classes and their request API, not its index, which also loads fetch,
//   WebSocket, the cookie helpers (these load Node's own copy of undici), mocks and caches. The
//   entry is ESM so that importing anything else from "undici" fails the build.
// - undici's HTTP/2 client: the CLI never offers h2 (allowH2 stays off), and node:http2 loads tls,
//   fs/promises and readline.
const UNDICI_CLI_ENTRY = `
import Dispatcher from "undici/lib/dispatcher/dispatcher.js";
import api from "undici/lib/api/index.js";
import EnvHttpProxyAgent from "undici/lib/dispatcher/env-http-proxy-agent.js";
// What undici's index does to give every dispatcher request(), stream(), pipeline(), ...
Object.assign(Dispatcher.prototype, api);
export { EnvHttpProxyAgent };
`;
const NO_HTTP2 = `module.exports = function connectH2() {
  throw new Error("HTTP/2 is not part of the hwjobs bundle");
};`;
const trimDependencies = {
  name: "hwjobs-trim-dependencies",
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: "undici", namespace: "hwjobs-undici" }));
    build.onLoad({ filter: /.*/, namespace: "hwjobs-undici" }, () => ({ contents: UNDICI_CLI_ENTRY, resolveDir: root, loader: "js" }));
    build.onResolve({ filter: /^\.\/client-h2\.js$/ }, (args) =>
      /[\\/]undici[\\/]lib[\\/]dispatcher$/.test(args.resolveDir) ? { path: "client-h2", namespace: "hwjobs-no-http2" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "hwjobs-no-http2" }, () => ({ contents: NO_HTTP2, loader: "js" }));
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      loader: "js",
    }));
  },
};

// The bundle has two parts. The dispatcher (main.ts, run.ts, argument parsing, help, version) is
// plain code. The commands (src/cli/commands/index.ts and everything it imports that the
// dispatcher does not: undici, zod, the API, the emulator) are a second bundle carried in a
// comment at the end and compiled, with V8's code cache, when run.ts imports them
// (src/cli/embedded-commands.ts, docs/architecture.md §5.3), so `--version` does not pay for
// them. The commands take the dispatcher's modules (error classes above all, for instanceof)
// from the dispatcher's own instances, through the `require` they are given.
const COMMANDS_ENTRY = join(root, "src", "cli", "commands", "index.ts");
const SHARED_PREFIX = "hwjobs-dispatcher:";
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: true,
  // Error classes name themselves after their class (core/errors.ts): keep the names.
  keepNames: true,
  legalComments: "none",
  define: { HWJOBS_VERSION: JSON.stringify(version) },
  logLevel: "warning",
  write: false,
  metafile: true,
};

/** run.ts's `import("./commands/index.js")`, answered with `contents`. */
function commandsModule(contents) {
  return {
    name: "hwjobs-commands-module",
    setup(build) {
      build.onResolve({ filter: /^\.\/commands\/index\.js$/ }, () => ({ path: "commands", namespace: "hwjobs-commands" }));
      build.onLoad({ filter: /.*/, namespace: "hwjobs-commands" }, () => ({ contents, resolveDir: root, loader: "js" }));
    },
  };
}

// 1. The dispatcher's modules.
const probe = await build({
  ...common,
  entryPoints: [join(root, "src", "cli", "main.ts")],
  outfile: "probe.cjs",
  plugins: [commandsModule("export {};")],
});
const dispatcherFiles = new Set(Object.keys(probe.metafile.inputs).filter((file) => !file.includes(":")));
const dependencies = [...dispatcherFiles].filter((file) => file.includes("node_modules"));
if (dependencies.length > 0) {
  // Every run loads the dispatcher; a dependency there would also exist twice (once per part).
  throw new Error(`the CLI dispatcher (src/cli/main.ts without the commands) must not import dependencies: ${dependencies.join(", ")}`);
}

// 2. The commands, with the dispatcher's modules left to the dispatcher.
const shared = new Set();
const useDispatcherModules = {
  name: "hwjobs-use-dispatcher-modules",
  setup(build) {
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === "resolving") return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: "resolving",
      });
      const file = relative(root, resolved.path).split(sep).join("/");
      if (resolved.errors.length > 0 || !dispatcherFiles.has(file)) return undefined;
      shared.add(file);
      return { path: SHARED_PREFIX + file, external: true };
    });
  },
};
const commands = await build({
  ...common,
  entryPoints: [COMMANDS_ENTRY],
  outfile: "commands.cjs",
  plugins: [trimDependencies, useDispatcherModules],
});
const commandsSource = commands.outputFiles[0].text;

// 3. The bundle: the dispatcher, whose commands module runs the commands carried in a comment at
// the bundle's end (src/cli/embedded-commands.ts).
const embedded = require(join(root, "lib", "cli", "embedded-commands.js"));
const sourceKey = createHash("sha256").update(commandsSource).digest("hex").slice(0, 16);
const sharedFiles = [...shared].sort();
const loader = `
const dispatcherModules = {
${sharedFiles.map((file) => `  ${JSON.stringify(SHARED_PREFIX + file)}: require(${JSON.stringify(join(root, file))}),`).join("\n")}
};
require(${JSON.stringify(join(root, "src", "cli", "embedded-commands.ts"))}).loadEmbeddedCommands({
  bundleFile: __filename,
  sourceKey: ${JSON.stringify(sourceKey)},
  module,
  require: Object.assign((id) => dispatcherModules[id] ?? require(id), require),
  env: process.env,
});
`;
const outfile = join(root, "lib", "hwjobs.cjs");
const bundle = await build({
  ...common,
  entryPoints: [join(root, "src", "cli", "main.ts")],
  outfile,
  banner: { js: "#!/usr/bin/env node" },
  plugins: [commandsModule(loader)],
});
writeFileSync(outfile, bundle.outputFiles[0].text + embedded.commandsComment(commandsSource));
chmodSync(outfile, 0o755);
