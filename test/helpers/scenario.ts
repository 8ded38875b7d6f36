// The realistic scenario as the CLI tests and the external-protocol harness use it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseScenario, startEmulator, type RunningEmulator } from "../../src/emulator";

const REPO_ROOT = join(__dirname, "..", "..");

/** The demo project of scenarios/realistic.json (about 1,500 jobs). */
export const SCENARIO_PROJECT = "0123456789abcdef0123456789abcdef";
/** The second, small project of scenarios/realistic.json. */
export const SCENARIO_SMALL_PROJECT = "fedcba9876543210fedcba9876543210";

/** Explicit jobs of scenarios/realistic.json (ids of the API documentation examples). */
export const SCENARIO_JOBS = {
  imageJobWithThreeSubJobs: "702364883651395585",
  failedImageJob: "702364883651395586",
  failedAppJob: "575768277444198401",
} as const;

/**
 * Starts an emulator on 127.0.0.1 seeded with `scenarios/<file>`, on a frozen clock: statuses
 * cannot move between a read and the expectation computed from the store.
 */
export function startScenarioEmulator(now: number, file = "realistic.json"): Promise<RunningEmulator> {
  const scenario = parseScenario(readFileSync(join(REPO_ROOT, "scenarios", file), "utf8"));
  return startEmulator({ port: 0, now: () => now, scenario });
}
