// `npm run bench`: every figure of the README's "Performance" section, measured in one run, as
// ratios beside their yardsticks; `npm run bench -- --json` writes the same sections as JSON.
// Benchmarks measure; the tests never assert timings.
import { cpus } from "node:os";
import { benchCore } from "./core";
import { benchEmulatorThroughput } from "./emulator-throughput";
import { benchListAll } from "./list-all";
import { benchStartup } from "./startup";
import type { BenchSection } from "./section";
import { benchSynth } from "./synth";
import { benchWaiter } from "./waiter";

/** The sections, in the order printed. */
const SECTIONS: readonly (() => Promise<BenchSection>)[] = [
  benchWaiter,
  // The start-up figures were measured in this machine's environment (where Node loads
  // NODE_EXTRA_CA_CERTS); the same runs with PATH alone are shown beside them, unjudged.
  () => benchStartup({ inheritEnv: true }),
  () => benchStartup({ inheritEnv: false, judge: false }),
  benchListAll,
  benchEmulatorThroughput,
  benchSynth,
  benchCore,
];

function table(section: BenchSection): string {
  const keys = Object.keys(section.rows[0] ?? {});
  const cells = [keys, ...section.rows.map((row) => keys.map((key) => String(row[key] ?? "")))];
  const widths = keys.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)));
  const numeric = keys.map((key) => section.rows.every((row) => typeof row[key] === "number" || row[key] === ""));
  const lines = cells.map((line) => line.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  "));
  lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  const targets = section.targets.map((t) => `${t.met ? "✔" : "✖"} ${t.name}: ${t.detail}`);
  return [`## ${section.title}`, ...lines, ...targets].join("\n");
}

async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  const sections: BenchSection[] = [];
  for (const run of SECTIONS) {
    const section = await run();
    sections.push(section);
    if (!json) console.log(`${table(section)}\n`);
  }
  const targets = sections.flatMap((s) => s.targets);
  const met = targets.filter((t) => t.met).length;
  const machine = { node: process.version, cores: cpus().length };
  if (json) console.log(JSON.stringify({ machine, sections, targetsMet: met, targets: targets.length }, null, 2));
  else console.log(`node ${machine.node}, ${machine.cores} cores: ${met} of ${targets.length} targets met`);
}

void main();
