// The code cache of the bundle's commands (src/cli/code-cache.ts, docs/architecture.md §5.3):
// where it lives, when it is used, and that a corrupt, foreign or unwritable cache never breaks a
// run. The end-to-end runs of the real bundle are in startup.test.ts.
import assert from "node:assert/strict";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { codeCachePath, compileWithCodeCache, NO_CODE_CACHE_VARIABLE } from "../../src/cli/code-cache";
import { commandsComment, commandsSource } from "../../src/cli/embedded-commands";

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), "hwjobs-code-cache-"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const freshFile = () => join(dir, `cache-${files++}`, "commands.v8");

// Enough functions that V8 has something to cache beyond the top level.
const SOURCE = `${Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x + ${i}; }`).join("\n")}
module.exports.answer = f41(1);`;

/** Runs a compiled module body and returns its exports. */
function evaluate(run: ReturnType<typeof compileWithCodeCache>["run"]): Record<string, unknown> {
  const module = { exports: {} } as NodeJS.Module;
  run(module.exports, require, module, "commands.js", ".");
  return module.exports as Record<string, unknown>;
}

describe("codeCachePath", () => {
  it("is under $XDG_CACHE_HOME/hwjobs, named by the source key, Node's version and the architecture", () => {
    assert.equal(codeCachePath({ XDG_CACHE_HOME: "/c" }, "k1"), join("/c", "hwjobs", `commands-k1-${process.version}-${process.arch}.v8`));
  });

  it("is under ~/.cache without XDG_CACHE_HOME, or with a relative one (which the XDG specification says to ignore)", () => {
    const expected = join(homedir(), ".cache", "hwjobs", `commands-k-${process.version}-${process.arch}.v8`);
    assert.equal(codeCachePath({}, "k"), expected);
    assert.equal(codeCachePath({ XDG_CACHE_HOME: "relative/cache" }, "k"), expected);
    assert.equal(codeCachePath({ XDG_CACHE_HOME: "" }, "k"), expected);
  });

  for (const value of ["1", "true"]) {
    it(`is off with ${NO_CODE_CACHE_VARIABLE}=${value}`, () => {
      assert.equal(codeCachePath({ XDG_CACHE_HOME: "/c", [NO_CODE_CACHE_VARIABLE]: value }, "k"), undefined);
    });
  }

  it(`stays on with ${NO_CODE_CACHE_VARIABLE}=0`, () => {
    assert.notEqual(codeCachePath({ XDG_CACHE_HOME: "/c", [NO_CODE_CACHE_VARIABLE]: "0" }, "k"), undefined);
  });
});

describe("compileWithCodeCache", () => {
  it("off: compiles, runs, and writes nothing", () => {
    const compiled = compileWithCodeCache(SOURCE, "commands.js", undefined);
    assert.equal(compiled.outcome, "off");
    assert.equal(evaluate(compiled.run).answer, 42);
    compiled.writeCache();
  });

  it("writes a cache when there is none (in a private directory, as a private file), and uses it next time", () => {
    const file = freshFile();
    const first = compileWithCodeCache(SOURCE, "commands.js", file);
    assert.equal(first.outcome, "written");
    assert.equal(evaluate(first.run).answer, 42);
    assert.equal(existsSync(file), false, "written only when asked (at exit)");
    first.writeCache();
    assert.ok(readFileSync(file).length > 32);
    if (process.platform !== "win32") {
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(statSync(join(file, "..")).mode & 0o777, 0o700);
    }
    const second = compileWithCodeCache(SOURCE, "commands.js", file);
    assert.equal(second.outcome, "used");
    assert.equal(evaluate(second.run).answer, 42);
  });

  it("a cache whose bytes changed is not used, and is rewritten", () => {
    const file = freshFile();
    compileWithCodeCache(SOURCE, "commands.js", file).writeCache();
    const bytes = readFileSync(file);
    bytes[bytes.length >> 1]! ^= 0xff;
    writeFileSync(file, bytes, { mode: 0o600 });
    const corrupt = compileWithCodeCache(SOURCE, "commands.js", file);
    assert.equal(corrupt.outcome, "written");
    assert.equal(evaluate(corrupt.run).answer, 42);
    corrupt.writeCache();
    assert.equal(compileWithCodeCache(SOURCE, "commands.js", file).outcome, "used");
  });

  for (const [name, bytes] of [
    ["empty", Buffer.alloc(0)],
    ["shorter than its digest", Buffer.alloc(10, 1)],
    ["garbage", Buffer.from("not a V8 code cache at all, but long enough to hold a digest")],
  ] as const) {
    it(`a cache file that is ${name} is not used`, () => {
      const file = freshFile();
      compileWithCodeCache(SOURCE, "commands.js", file).writeCache();
      writeFileSync(file, bytes);
      const compiled = compileWithCodeCache(SOURCE, "commands.js", file);
      assert.equal(compiled.outcome, "written");
      assert.equal(evaluate(compiled.run).answer, 42);
    });
  }

  it("the cache of another source is rejected by V8, and rewritten", () => {
    const file = freshFile();
    compileWithCodeCache(SOURCE, "commands.js", file).writeCache();
    const other = `${SOURCE}\nmodule.exports.other = f1(1);`;
    const compiled = compileWithCodeCache(other, "commands.js", file);
    assert.equal(compiled.outcome, "written");
    assert.equal(evaluate(compiled.run).other, 2);
  });

  it("a cache file others may write to is not used (a cache is code the process runs)", { skip: process.platform === "win32" }, () => {
    const file = freshFile();
    compileWithCodeCache(SOURCE, "commands.js", file).writeCache();
    chmodSync(file, 0o666);
    assert.equal(compileWithCodeCache(SOURCE, "commands.js", file).outcome, "written");
    chmodSync(file, 0o600);
    assert.equal(compileWithCodeCache(SOURCE, "commands.js", file).outcome, "used");
  });

  it("a cache directory others may write to is neither read nor written", { skip: process.platform === "win32" }, () => {
    const file = freshFile();
    compileWithCodeCache(SOURCE, "commands.js", file).writeCache();
    const before = readFileSync(file);
    chmodSync(join(file, ".."), 0o777);
    const compiled = compileWithCodeCache(SOURCE, "commands.js", file);
    assert.equal(compiled.outcome, "written");
    rmSync(file);
    compiled.writeCache();
    assert.equal(existsSync(file), false, "nothing written into a directory others can write to");
    chmodSync(join(file, ".."), 0o700);
    writeFileSync(file, before, { mode: 0o600 });
    assert.equal(compileWithCodeCache(SOURCE, "commands.js", file).outcome, "used");
  });

  it(
    "links are not followed: a cache file or directory that is a symbolic link is not read",
    { skip: process.platform === "win32" },
    () => {
      const real = freshFile();
      compileWithCodeCache(SOURCE, "commands.js", real).writeCache();
      const linkedFile = freshFile();
      mkdirSync(join(linkedFile, ".."), { mode: 0o700 });
      symlinkSync(real, linkedFile);
      assert.equal(compileWithCodeCache(SOURCE, "commands.js", linkedFile).outcome, "written");
      const linkedDir = join(dir, `linked-dir-${files++}`);
      symlinkSync(join(real, ".."), linkedDir);
      assert.equal(compileWithCodeCache(SOURCE, "commands.js", join(linkedDir, "commands.v8")).outcome, "written");
      // Writing replaces the link itself, never the file it points to.
      const before = readFileSync(real);
      const compiled = compileWithCodeCache(`${SOURCE}\n// another build`, "commands.js", linkedFile);
      compiled.writeCache();
      assert.deepEqual(readFileSync(real), before);
      assert.equal(lstatSync(linkedFile).isSymbolicLink(), false);
    },
  );

  it("a cache that cannot be written (its directory is a file) costs nothing but the cache", () => {
    const blocker = join(dir, "a-file");
    writeFileSync(blocker, "");
    const file = join(blocker, "hwjobs", "commands.v8");
    const compiled = compileWithCodeCache(SOURCE, "commands.js", file);
    assert.equal(compiled.outcome, "written");
    assert.equal(evaluate(compiled.run).answer, 42);
    assert.doesNotThrow(() => compiled.writeCache());
    assert.equal(existsSync(file), false);
  });
});

describe("the commands' comment at the end of the bundle", () => {
  for (const source of ["", "a", "x = /a*/g; y = '*/'; z = `/* */`", "*/*/*/", "ends with *"]) {
    it(`carries ${JSON.stringify(source)} back unchanged, and no */ before its end`, () => {
      const comment = commandsComment(source);
      assert.equal(comment.indexOf("*/"), comment.length - 3, comment);
      assert.equal(commandsSource(`#!/usr/bin/env node\nmain();\n${comment}`), source);
    });
  }

  it("refuses a source that holds the escape itself", () => {
    assert.throws(() => commandsComment("a*\u0001/b"), /escape/);
  });

  it("a bundle without the comment is an error that says to rebuild", () => {
    assert.throws(() => commandsSource("main();\n"), /rebuild/);
  });
});
