import { HwJobsError } from "./errors";
import { ExitCode } from "./exit-codes";

// The ways reading a whole list ends without one (core/pagination.ts), and the item limit.

/**
 * Most items {@link fetchAllPages} reads and holds: a first page reporting a larger `count` is
 * refused before any other request, and a read whose pages go on past it (when `count` cannot be
 * trusted, see fetchAllPages) stops there. Every item is kept in memory until the read ends, so
 * a hostile or broken `count` must not decide how much is allocated.
 */
export const MAX_LIST_ITEMS = 100_000;

/**
 * The list is longer than {@link MAX_LIST_ITEMS} (by its `count`, or by the items its pages went
 * on to return), or its `count` is not a plausible total at all; nothing more is read.
 */
export class ListTooLongError extends HwJobsError {
  readonly exitCode = ExitCode.API;

  constructor(
    /** The `count` the first page reported. */
    readonly count: number,
    /** Items the pages had returned when the read stopped, when that (not `count`) gave it away. */
    readonly itemsRead?: number,
  ) {
    super(
      itemsRead !== undefined
        ? `the list did not end within the limit of ${MAX_LIST_ITEMS} items (count ${count}, yet its pages returned ${itemsRead} items); narrow the filter`
        : Number.isSafeInteger(count) && count >= 0
          ? `the list has count ${count}, above the limit of ${MAX_LIST_ITEMS} items read at once; narrow the filter`
          : `the list reported an implausible count ${count} (the limit is ${MAX_LIST_ITEMS} items read at once)`,
    );
  }
}

/**
 * The list kept changing while its pages were read (jobs were created or finished in between),
 * so no consistent snapshot could be assembled after every allowed re-read.
 */
export class ListChangedError extends HwJobsError {
  readonly exitCode = ExitCode.API;

  constructor(
    /** Full reads made, the first one included. */
    readonly attempts: number,
    /** `count` the first page reported on the first read. */
    readonly firstCount: number,
    /** The last `count` any page reported. */
    readonly lastCount: number,
    /** What gave the last change away, e.g. `page at offset 200 had 37 items, expected 100`. */
    readonly reason: string,
  ) {
    super(
      `the list changed while its pages were being read (${reason}); gave up after ${attempts} reads (count ${firstCount} at first, ${lastCount} last); try again or narrow the filter`,
    );
  }
}
