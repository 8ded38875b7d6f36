// Synthesis of a large stack beside an empty one: 200 WaitForJob gates and 200 data sources,
// and as a yardstick as many plain `terraform_data` resources, so a team with many image
// pipelines can see what the constructs cost `cdktf synth`. Measured as a child process (what a
// user waits for: node, cdktf and the library loading, then synthesis) and in process.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { median, round } from "./measure";
import type { BenchSection } from "./section";
import { runStandalone } from "./standalone";

const GATES = 200;
const ROUNDS = 7;
const APP = join(__dirname, "synth-app.mjs");

interface Shape {
  readonly name: string;
  readonly shape: "gates" | "plain";
  readonly count: number;
}

const SHAPES: readonly Shape[] = [
  { name: "empty stack", shape: "plain", count: 0 },
  { name: `${2 * GATES} terraform_data`, shape: "plain", count: 2 * GATES },
  { name: `${GATES} WaitForJob + ${GATES} DataImsJob`, shape: "gates", count: GATES },
];

function synthOnce(shape: Shape): number {
  const outdir = mkdtempSync(join(tmpdir(), "hwjobs-bench-synth-"));
  try {
    const start = performance.now();
    const run = spawnSync(process.execPath, [APP, shape.shape, String(shape.count), outdir], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`synth-app failed: ${run.stderr}`);
    return performance.now() - start;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** `cdktf synth` of 200 waits + 200 data sources vs an empty stack (interleaved rounds, after a warm-up). */
export async function benchSynth(): Promise<BenchSection> {
  const samples = SHAPES.map(() => [] as number[]);
  SHAPES.forEach(synthOnce);
  for (let round = 0; round < ROUNDS; round++) SHAPES.forEach((shape, i) => samples[i]!.push(synthOnce(shape)));
  const empty = median(samples[0]!);
  return {
    title: `cdktf synth as a child process (node + cdktf + the library, then synthesis; ${ROUNDS} interleaved rounds, median)`,
    rows: SHAPES.map((shape, i) => ({
      stack: shape.name,
      "median ms": Math.round(median(samples[i]!)),
      "vs empty": round(median(samples[i]!) / empty),
    })),
    targets: [],
  };
}

if (require.main === module) runStandalone(benchSynth);
