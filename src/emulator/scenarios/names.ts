import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const PACKAGE_NAME = "cdktf-huaweicloud-jobs";

/**
 * The package root: the nearest directory above `from` holding this package's package.json.
 *
 * Searched rather than fixed, because this code runs at different depths: `src/emulator/` (tsx),
 * `lib/emulator/` (compiled) and `lib/` (inlined into the one-file bundle `lib/hwjobs.cjs`).
 * Returns undefined when there is none within a few levels (a bundle copied elsewhere).
 */
export function findPackageRoot(from: string = __dirname): string | undefined {
  let dir = from;
  for (let depth = 0; depth < 5; depth++) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === PACKAGE_NAME) return dir;
      } catch {
        // Not ours if it does not parse; keep looking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/** The scenario files shipped with the package: `<package root>/scenarios`. */
export function scenariosDir(): string | undefined {
  const root = findPackageRoot();
  return root === undefined ? undefined : join(root, "scenarios");
}

/** Names of the scenarios in `dir` (`realistic` for `realistic.json`), sorted. */
export function scenarioNames(dir: string | undefined = scenariosDir()): string[] {
  if (dir === undefined || !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .map((file) => file.slice(0, -".json".length))
    .sort();
}

/** What a `--scenario` value refers to. */
export type ScenarioRef =
  | { readonly kind: "path"; readonly path: string }
  | { readonly kind: "name"; readonly name: string; readonly path: string }
  | { readonly kind: "unknown"; readonly name: string; readonly accepted: readonly string[] };

/**
 * Resolves a `--scenario` value: one containing `/` (or `\`) or ending in `.json` is a file path,
 * anything else the name of a shipped scenario (`small` is `<package root>/scenarios/small.json`).
 */
export function resolveScenarioRef(value: string, dir: string | undefined = scenariosDir()): ScenarioRef {
  if (/[/\\]/.test(value) || value.endsWith(".json")) return { kind: "path", path: value };
  const accepted = scenarioNames(dir);
  if (dir !== undefined && accepted.includes(value)) return { kind: "name", name: value, path: join(dir, `${value}.json`) };
  return { kind: "unknown", name: value, accepted };
}
