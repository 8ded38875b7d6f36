// The README's code snippets that tests run, found by their marker: a line
// `<!-- snippet: NAME ... -->` right before a fenced code block. The README is the front door: what
// it tells users to write is what the package tests install, compile, synthesize and apply.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../scripts/stack-runner";

/** The code of the README snippet `name` (the fenced block after its marker), without the fences. */
export function readmeSnippet(name: string): string {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const marker = `<!-- snippet: ${name} `;
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no snippet marker ${JSON.stringify(marker.trim())}`);
  const match = /^[^\n]*\n```[a-z]*\n([\s\S]*?)\n```\n/.exec(readme.slice(at));
  if (match === null) throw new Error(`README.md: the snippet marker ${JSON.stringify(name)} is not followed by a fenced code block`);
  if (readme.indexOf(marker, at + 1) >= 0) throw new Error(`README.md has two snippets named ${JSON.stringify(name)}`);
  return `${match[1]!}\n`;
}
