import { startUnlessAborted } from "./abort";
import { setMaxListeners } from "node:events";
import { InvalidInputError } from "./errors";
import { ListChangedError, ListTooLongError, MAX_LIST_ITEMS } from "./list-errors";
import { mergePages, type Changed, type Complete } from "./page-merge";

/** One page as a list operation returns it: the total `count` and this page's items. */
export interface Page<T> {
  /** Total matches, as the API reports it (not the number of items on this page). */
  readonly count: number;
  /** The items of this page. */
  readonly items: T[];
}

/** Fetches the page at `offset` of at most `limit` items; should honour `signal`. */
export type FetchPage<T> = (offset: number, limit: number, signal?: AbortSignal) => Promise<Page<T>>;

/** Options of {@link fetchAllPages}. */
export interface FetchAllPagesOptions<T> {
  /** Items per request. @default 100 (the APIs' maximum `limit`) */
  readonly pageSize?: number;
  /** Requests in flight at once after the first page, 1..16. @default 4 */
  readonly concurrency?: number;
  /** Full re-reads allowed after the list is seen to change. @default 3 */
  readonly maxRereads?: number;
  /** Identity of an item, to catch one seen twice; `undefined` skips the item. */
  readonly idOf?: (item: T) => string | undefined;
  /** Aborts every request in flight; the call then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** Defaults of {@link FetchAllPagesOptions}. */
export const PAGINATION_DEFAULTS = { pageSize: 100, concurrency: 4, maxRereads: 3 } as const;

/** Most requests {@link fetchAllPages} keeps in flight: enough to be fast, few enough not to trip throttling. */
export const MAX_CONCURRENCY = 16;

/**
 * Checks a concurrency setting.
 * @returns `value` unchanged
 * @throws InvalidInputError naming `field` unless `value` is an integer from 1 to {@link MAX_CONCURRENCY}
 */
export function checkConcurrency(value: number, field = "concurrency"): number {
  return checkInteger(value, 1, MAX_CONCURRENCY, field);
}

/**
 * Reads every page of a paged list: the first page (offset 0) gives the total, then the other
 * pages are fetched concurrently by a small worker pool. The result is in API order, with no
 * duplicates and no gaps: when a page shows the list changed (a different `count`, a page of the
 * wrong size for its offset, an id seen twice, or a page boundary that moved), everything is read
 * again from scratch.
 *
 * Consecutive pages overlap by one item (page k starts where page k-1 ended), and each boundary
 * item must be the same in both pages. Counts and ids alone miss a list whose total stays the
 * same while one item leaves an already-read page and another enters a later one (jobs changing
 * status under a `status` filter): that shifts a boundary, so the overlap catches it.
 *
 * When the first page is full and its `count` equals the page size, `count` may be the page size
 * rather than the total (the docs do not say), so pages are then read one after another until a
 * short page, and the result's `count` is the number of items read.
 *
 * At most {@link MAX_LIST_ITEMS} items are read: the page offsets are made as the workers need
 * them, and every page is awaited, so an abort (a deadline) is seen between pages.
 * @returns the total from the first page of the consistent read, and every item
 * @throws ListChangedError when the list still changes after `maxRereads` re-reads
 * @throws ListTooLongError when the first page's `count` is not a safe integer from 0 to
 *   {@link MAX_LIST_ITEMS}, or the pages go on past that many items (no re-read either way)
 * @throws whatever `fetchPage` throws (the first error; other requests are aborted)
 * @throws InvalidInputError for a bad option, before any request
 */
export async function fetchAllPages<T>(fetchPage: FetchPage<T>, options: FetchAllPagesOptions<T> = {}): Promise<Page<T>> {
  const settings: ReadSettings<T> = {
    pageSize: checkInteger(options.pageSize ?? PAGINATION_DEFAULTS.pageSize, 1, Number.MAX_SAFE_INTEGER, "pageSize"),
    concurrency: checkConcurrency(options.concurrency ?? PAGINATION_DEFAULTS.concurrency),
    idOf: options.idOf,
  };
  const maxRereads = checkInteger(options.maxRereads ?? PAGINATION_DEFAULTS.maxRereads, 0, Number.MAX_SAFE_INTEGER, "maxRereads");
  let firstCount: number | undefined;
  let last: Changed | undefined;
  for (let attempt = 1; attempt <= maxRereads + 1; attempt++) {
    options.signal?.throwIfAborted();
    const outcome = await readOnce(fetchPage, settings, options.signal);
    firstCount ??= outcome.firstCount;
    if (outcome.kind === "complete") return { count: outcome.firstCount, items: outcome.items };
    last = outcome;
  }
  // The loop ran at least once and every pass ended in a change.
  const changed = last as Changed;
  throw new ListChangedError(maxRereads + 1, firstCount ?? changed.firstCount, changed.lastCount, changed.reason);
}

interface ReadSettings<T> {
  readonly pageSize: number;
  readonly concurrency: number;
  readonly idOf: ((item: T) => string | undefined) | undefined;
}

/** One full read, stopped at the first sign of change. */
async function readOnce<T>(
  fetchPage: FetchPage<T>,
  settings: ReadSettings<T>,
  outer: AbortSignal | undefined,
): Promise<Complete<T> | Changed> {
  const { pageSize } = settings;
  // A private controller lets the pool cancel its own requests on a change or an error, while
  // still following the caller's signal.
  const controller = new AbortController();
  // Every request in flight listens on this signal twice (startUnlessAborted() and the transport), so
  // above a concurrency of 4 Node's default limit of 10 listeners would print a false
  // MaxListenersExceededWarning on stderr: allow what the pool can legitimately hold.
  setMaxListeners(Math.max(10, settings.concurrency * 4), controller.signal);
  const follow = () => controller.abort(outer?.reason);
  outer?.addEventListener("abort", follow, { once: true });
  try {
    const first = await startUnlessAborted(() => fetchPage(0, pageSize, controller.signal), controller.signal);
    const total = first.count;
    // Before anything is sized by it: `count` decides how many pages are requested and held.
    if (!Number.isSafeInteger(total) || total < 0 || total > MAX_LIST_ITEMS) throw new ListTooLongError(total);
    let lastCount = total;
    const problemOf = (offset: number, page: Page<T>): string | undefined => {
      if (page.count !== total) return `count went from ${total} to ${page.count} (page at offset ${offset})`;
      const expected = Math.max(0, Math.min(pageSize, total - offset));
      if (page.items.length !== expected) return `page at offset ${offset} had ${page.items.length} items, expected ${expected}`;
      return undefined;
    };
    const firstProblem = problemOf(0, first);
    if (firstProblem) return { kind: "changed", firstCount: total, lastCount, reason: firstProblem };

    // A page of one item cannot overlap its neighbour; such reads rely on counts and ids only.
    const stride = pageSize > 1 ? pageSize - 1 : 1;
    const overlap = pageSize > 1 ? 1 : 0;

    // `count` is documented only as "Total": the total of matches (as assumed) or the size of the
    // page is UNCONFIRMED. A full first page whose count equals the page size is the one answer
    // that cannot tell them apart, so then read on one page at a time until a short page rather
    // than trust the count (a list of exactly one page costs one more request of one item).
    if (overlap > 0 && total === pageSize && first.items.length === pageSize) {
      const sequential: T[][] = [first.items];
      // Items read so far, each overlap counted once (a page longer than asked for is held whole,
      // so the raw length counts: that bounds memory even against a server that ignores `limit`).
      let itemsRead = first.items.length;
      for (let offset = stride; sequential.at(-1)!.length === pageSize; offset += stride) {
        const page = await startUnlessAborted(() => fetchPage(offset, pageSize, controller.signal), controller.signal);
        lastCount = page.count;
        itemsRead += Math.max(0, page.items.length - overlap);
        if (itemsRead > MAX_LIST_ITEMS) throw new ListTooLongError(total, itemsRead);
        sequential.push(page.items);
      }
      const merged = mergePages(sequential, stride, overlap, settings.idOf, total, lastCount);
      return merged.kind === "complete" ? { ...merged, firstCount: merged.items.length } : merged;
    }

    // Offsets are handed out one at a time as workers free up, never listed up front: page k
    // (k >= 1) starts at k * stride, up to the last one that reads more than the overlap.
    const pageCount = total - overlap > 0 ? Math.ceil((total - overlap) / stride) : 1;
    const pages: T[][] = [first.items];
    let stop: { kind: "changed"; reason: string } | { kind: "error"; error: unknown } | undefined;
    let next = 1;
    const worker = async (): Promise<void> => {
      while (stop === undefined && next < pageCount) {
        const index = next++;
        const offset = index * stride;
        let page: Page<T>;
        try {
          page = await startUnlessAborted(() => fetchPage(offset, pageSize, controller.signal), controller.signal);
        } catch (error) {
          // Requests cancelled because another page already stopped the read are not the cause.
          stop ??= { kind: "error", error };
          controller.abort();
          return;
        }
        if (stop !== undefined) return;
        lastCount = page.count;
        const problem = problemOf(offset, page);
        if (problem) {
          stop = { kind: "changed", reason: problem };
          controller.abort();
          return;
        }
        pages[index] = page.items;
      }
    };
    await Promise.all(Array.from({ length: Math.min(settings.concurrency, pageCount - 1) }, worker));
    outer?.throwIfAborted();
    if (stop?.kind === "error") throw stop.error;
    if (stop?.kind === "changed") return { kind: "changed", firstCount: total, lastCount, reason: stop.reason };

    return mergePages(pages, stride, overlap, settings.idOf, total, lastCount);
  } catch (error) {
    outer?.throwIfAborted();
    throw error;
  } finally {
    outer?.removeEventListener("abort", follow);
  }
}

function checkInteger(value: number, min: number, max: number, field: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new InvalidInputError(field, `${field}: must be an integer ${range} (got ${value})`);
  }
  return value;
}
