// Running one bench section on its own (`npx tsx bench/<section>.ts`): its JSON on stdout.
import type { BenchSection } from "./section";

/** Runs `bench` and prints its section as JSON; a failure goes to stderr with exit code 1. */
export function runStandalone(bench: () => Promise<BenchSection>): void {
  bench().then(
    (section) => console.log(JSON.stringify(section, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
