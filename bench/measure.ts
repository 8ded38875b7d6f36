// Small measuring helpers shared by the bench sections.
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { DEMO_CREDENTIALS } from "../src/emulator";

/** The median of `samples` (the mean of the middle two for an even count). */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `value` rounded to `digits` decimals, for a table cell. */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Runs `node <args>` with `env`, output discarded, and resolves its wall time in ms; rejects unless it exits 0. */
export function timeNode(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(performance.now() - start) : reject(new Error(`node ${args.join(" ")} exited ${code}: ${stderr}`)),
    );
  });
}

/** The environment of a CLI child reading `projectId` from the emulator at `endpoint` with the demo AK/SK. */
export function cliEnv(endpoint: string, projectId: string): NodeJS.ProcessEnv {
  const { accessKey, secretKey } = DEMO_CREDENTIALS;
  return {
    PATH: process.env.PATH,
    HWJOBS_ENDPOINT: endpoint,
    HW_PROJECT_ID: projectId,
    HW_ACCESS_KEY: accessKey,
    HW_SECRET_KEY: secretKey,
  };
}
