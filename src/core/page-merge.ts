// Assembling the pages of one read of a list (core/pagination.ts) into one list, or telling that
// the list changed under the read.

/** A read that assembled one consistent list. */
export interface Complete<T> {
  readonly kind: "complete";
  readonly firstCount: number;
  readonly items: T[];
}

/** A read that saw the list change; `reason` says how. */
export interface Changed {
  readonly kind: "changed";
  readonly firstCount: number;
  readonly lastCount: number;
  readonly reason: string;
}

/**
 * Joins pages read with a stride of `pageSize - overlap`: each page after the first must start
 * with the previous page's last item (else the list shifted), which is then dropped, and no id
 * may appear twice.
 */
export function mergePages<T>(
  pages: readonly T[][],
  stride: number,
  overlap: number,
  idOf: ((item: T) => string | undefined) | undefined,
  total: number,
  lastCount: number,
): Complete<T> | Changed {
  const keyOf = (item: T): string => idOf?.(item) ?? JSON.stringify(item);
  const items: T[] = [];
  for (const [index, page] of pages.entries()) {
    if (index > 0 && overlap > 0) {
      const before = pages[index - 1]!.at(-1);
      if (before === undefined || page[0] === undefined || keyOf(before) !== keyOf(page[0])) {
        return { kind: "changed", firstCount: total, lastCount, reason: `the list shifted at offset ${index * stride}` };
      }
    }
    for (const item of index > 0 ? page.slice(overlap) : page) items.push(item);
  }
  const duplicate = idOf && firstDuplicate(items, idOf);
  if (duplicate !== undefined)
    return { kind: "changed", firstCount: total, lastCount, reason: `item ${JSON.stringify(duplicate)} was listed twice` };
  return { kind: "complete", firstCount: total, items };
}

/** The first id that appears twice in `items`, or `undefined`. */
function firstDuplicate<T>(items: readonly T[], idOf: (item: T) => string | undefined): string | undefined {
  const seen = new Set<string>();
  for (const item of items) {
    const id = idOf(item);
    if (id === undefined) continue;
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return undefined;
}
