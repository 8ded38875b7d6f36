// Every document a comment cites is in the repository, and every section it names exists, so a
// maintainer who clones the repository can follow each citation.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";

const ROOT = join(__dirname, "..", "..");
const CODE_DIRS = ["src", "test", "scripts", "bench", "examples"];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules") return [];
    return statSync(path).isDirectory() ? walk(path) : /\.(ts|mjs|js)$/.test(name) ? [path] : [];
  });
}

const files = CODE_DIRS.filter((dir) => existsSync(join(ROOT, dir))).flatMap((dir) => walk(join(ROOT, dir)));

/** The section numbers a Markdown file has: `## 2. …` is "2", `### 2.7 …` is "2.7". */
function sectionsOf(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{2,4} (\d+(?:\.\d+)*)\.?\s/gm)].map((m) => m[1]!));
}

test("every cited document is in the repository and has the cited sections", () => {
  const problems: string[] = [];
  let citations = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/\b(docs\/[\w./-]+\.md)((?:\s*§\s*\d+(?:\.\d+)*(?:\s*[-–,]\s*§?\s*\d+(?:\.\d+)*)*)?)/g)) {
      citations++;
      const doc = join(ROOT, match[1]!);
      const where = `${relative(ROOT, file)}: ${match[0]}`;
      if (!existsSync(doc)) {
        problems.push(`${where}: no such file`);
        continue;
      }
      const sections = sectionsOf(readFileSync(doc, "utf8"));
      for (const number of match[2]!.matchAll(/\d+(?:\.\d+)*/g)) {
        if (!sections.has(number[0])) problems.push(`${where}: no section ${number[0]}`);
      }
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(citations > 30, `found ${citations} citations`);
});

test("no comment cites a document outside the repository", () => {
  const outside = /\b(?:design §|design\.md|shared\/(?:reference|design)|waiters-and-terraform\.md §)|(?<![\w/])reference §|(?<![\w/])huawei-api\.md/;
  // Comment lines joined, so that a citation broken across lines ("(design\n  // §5)") is seen too.
  const joined = (file: string) => readFileSync(file, "utf8").replace(/\s*\n\s*(?:\*(?!\/)|\/\/)?\s*/g, " ");
  const offenders = files.filter((file) => outside.test(joined(file)) && !file.endsWith("citations.test.ts")).map((file) => relative(ROOT, file));
  assert.deepEqual(offenders, []);
});
