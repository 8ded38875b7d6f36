import { InvalidInputError } from "../core/errors";
import { checkConcurrency, MAX_CONCURRENCY, PAGINATION_DEFAULTS } from "../core/pagination";

/** Parses a page-read concurrency given as text (flag or external query); default when absent. */
export function parseConcurrency(text: string | undefined, field: string): number {
  if (text === undefined || text === "") return PAGINATION_DEFAULTS.concurrency;
  if (!/^\d+$/.test(text)) {
    throw new InvalidInputError(field, `${field}: must be an integer from 1 to ${MAX_CONCURRENCY} (got ${JSON.stringify(text)})`);
  }
  return checkConcurrency(Number(text), field);
}
