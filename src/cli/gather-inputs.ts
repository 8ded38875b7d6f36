import { inputError, InvalidInputError, inputProblems, type InputProblem } from "../core/errors";

/**
 * Runs a command's independent input checks, each to its end, so that one run reports every
 * problem of its flags, variables and configuration together instead of one per run
 * (docs/architecture.md, section 5). Nothing is sent by any check.
 * @returns each check's result, in order
 * @throws the check's own error when only one check failed (a ConfigError stays one), else an
 *   InvalidInputsError with every problem, in the order of the checks
 */
export function gatherInputs<T extends readonly unknown[]>(...checks: { readonly [K in keyof T]: () => T[K] }): T {
  const results: unknown[] = [];
  const failures: InvalidInputError[] = [];
  for (const check of checks) {
    try {
      results.push(check());
    } catch (error) {
      // Anything but bad input (a bug) ends the run as it would have.
      if (!(error instanceof InvalidInputError)) throw error;
      failures.push(error);
      results.push(undefined);
    }
  }
  if (failures.length === 1) throw failures[0];
  const [first, ...rest]: InputProblem[] = failures.flatMap(inputProblems);
  if (first) throw inputError([first, ...rest]);
  return results as unknown as T;
}
