// Compiles src/ to lib/ (library + typings) and bundles the CLI into one file, lib/hwjobs.cjs,
// which the constructs ship to Terraform as an asset.
import { execFileSync } from "node:child_process";
import { chmodSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
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
const outfile = join(root, "lib", "hwjobs.cjs");
await build({
  entryPoints: [join(root, "src", "cli", "main.ts")],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: false,
  legalComments: "none",
  banner: { js: "#!/usr/bin/env node" },
  define: { HWJOBS_VERSION: JSON.stringify(version) },
  logLevel: "warning",
});
chmodSync(outfile, 0o755);
