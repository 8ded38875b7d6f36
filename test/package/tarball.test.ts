// What `npm pack` ships, packed from a fresh copy of the repository (prepack builds lib/ there):
// exactly the compiled library with typings, the CLI bundle, the scenarios, README and LICENSE.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { execFileSync, spawnSync } from "node:child_process";
import { join, posix } from "node:path";
import { after, before, describe, test } from "node:test";
import { REPO_ROOT } from "../../scripts/stack-runner";
import { packageVersion, packFreshCopy, readFromTarball, type PackResult } from "../helpers/package";

// Measured at about 540 kB packed and 2.6 MB unpacked (the CLI bundle is 2 MB of it); about 25 %
// headroom, so that a dependency pulled into the bundle by mistake (or a shipped test) fails.
const MAX_PACKED_BYTES = 680_000;
const MAX_UNPACKED_BYTES = 3_250_000;

describe("npm pack", () => {
  let work: string;
  let packed: PackResult;
  let sources: readonly string[];

  before(
    async () => {
      work = mkdtempSync(join(tmpdir(), "hwjobs-pack-"));
      packed = await packFreshCopy(work);
      sources = packed.sources;
    },
    { timeout: 280_000 },
  );

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("a clone has no lib/ (git ignores it), so prepack built what the tarball ships", () => {
    const ignored = spawnSync("git", ["check-ignore", "lib/index.js", "lib/hwjobs.cjs"], { cwd: REPO_ROOT, encoding: "utf8" });
    assert.equal(ignored.status, 0, "lib/ must be ignored by git: a clone does not have it");
    assert.deepEqual(
      sources.filter((path) => path.startsWith("lib/")),
      [],
    );
    assert.ok(packed.files.some((f) => f.path === "lib/index.js"));
    assert.equal(packed.name, "cdktf-huaweicloud-jobs");
    assert.equal(packed.version, packageVersion());
  });

  test("ships exactly lib/ compiled from src/ (.js and .d.ts; cli/ only as the bundle), the CLI bundle, the scenarios, README, LICENSE and package.json", () => {
    // src/cli/ reaches users only inside lib/hwjobs.cjs: nothing the package root loads imports it.
    const compiled = sources
      .filter((path) => path.startsWith("src/") && !path.startsWith("src/cli/") && path.endsWith(".ts") && !path.endsWith(".d.ts"))
      .flatMap((path) => {
        const base = `lib/${path.slice("src/".length, -".ts".length)}`;
        return [`${base}.js`, `${base}.d.ts`];
      });
    const scenarios = sources.filter((path) => /^scenarios\/[^/]+\.json$/.test(path));
    assert.ok(scenarios.includes("scenarios/realistic.json") && scenarios.includes("scenarios/small.json"), scenarios.join(", "));
    const expected = [...compiled, ...scenarios, "lib/hwjobs.cjs", "LICENSE", "README.md", "package.json"].sort();
    assert.deepEqual(packed.files.map((f) => f.path).sort(), expected);
    assert.equal(packed.entryCount, expected.length);
  });

  test("every relative import of the shipped library resolves inside the tarball", () => {
    const paths = new Set(packed.files.map((f) => f.path));
    const unpacked = join(work, "unpacked");
    mkdirSync(unpacked);
    execFileSync("tar", ["-xzf", packed.tarball, "-C", unpacked], { timeout: 60_000 });
    const unresolved: string[] = [];
    for (const file of paths) {
      if (!/^lib\/.+\.(js|d\.ts)$/.test(file) || file === "lib/hwjobs.cjs") continue;
      const text = readFileSync(join(unpacked, "package", file), "utf8");
      for (const [, specifier] of text.matchAll(/(?:require\(|from |import\()"(\.{1,2}\/[^"]+)"/g)) {
        const base = posix.join(posix.dirname(file), specifier!);
        const candidates = file.endsWith(".d.ts") ? [`${base}.d.ts`, `${base}/index.d.ts`] : [`${base}.js`, base, `${base}/index.js`];
        if (!candidates.some((candidate) => paths.has(candidate))) unresolved.push(`${file}: ${specifier}`);
      }
    }
    assert.deepEqual(unresolved, []);
  });

  test("the CLI bundle is executable, main, types and bin point into the tarball, and LICENSE is Apache 2.0", () => {
    const modeOf = (path: string) => packed.files.find((f) => f.path === path)?.mode;
    assert.equal(modeOf("lib/hwjobs.cjs")! & 0o111, 0o111, "lib/hwjobs.cjs must be executable");
    const manifest = JSON.parse(readFromTarball(packed.tarball, "package.json")) as {
      main: string;
      types: string;
      bin: Record<string, string>;
      license: string;
    };
    const paths = new Set(packed.files.map((f) => f.path));
    for (const target of [manifest.main, manifest.types, ...Object.values(manifest.bin)])
      assert.ok(paths.has(target), `${target} is not in the tarball`);
    assert.deepEqual(manifest.bin, { hwjobs: "lib/hwjobs.cjs" });
    assert.equal(manifest.license, "Apache-2.0");
    const license = readFromTarball(packed.tarball, "LICENSE");
    assert.match(license, /^\s*Apache License\s+Version 2\.0, January 2004\s+http:\/\/www\.apache\.org\/licenses\//);
    // The full text: all nine sections and the appendix, not a stub.
    assert.match(license, /9\. Accepting Warranty or Additional Liability\./);
    assert.match(license, /END OF TERMS AND CONDITIONS\s+APPENDIX: How to apply the Apache License to your work\./);
  });

  test(`stays within the size budget (${MAX_PACKED_BYTES} bytes packed, ${MAX_UNPACKED_BYTES} unpacked)`, (t) => {
    t.diagnostic(`packed ${packed.size} bytes, unpacked ${packed.unpackedSize} bytes, ${packed.entryCount} files`);
    assert.ok(packed.size <= MAX_PACKED_BYTES, `packed ${packed.size} bytes > ${MAX_PACKED_BYTES}`);
    assert.ok(packed.unpackedSize <= MAX_UNPACKED_BYTES, `unpacked ${packed.unpackedSize} bytes > ${MAX_UNPACKED_BYTES}`);
  });
});
