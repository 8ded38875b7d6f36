/**
 * The order of list items. UNCONFIRMED (docs/reference/huawei-api.md §9 item 2): the real order is undocumented.
 * The emulator lists newest first by `begin_time`; ties (jobs created in the same millisecond,
 * and the sub-jobs of one job, which share their parent's `begin_time`) go by id descending.
 * Ids compare shortlex (length, then character codes), which is numeric order for the 18-digit
 * Workspace ids and a total order for any string.
 */

/** Shortlex comparison: negative when `a` sorts before `b`. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Something listed: its creation instant (ms) and its id. */
export interface Listed {
  readonly beginMs: number;
  readonly id: string;
}

/** Comparator for `Array.prototype.sort`: newest first, then id descending. */
export function newestFirst(a: Listed, b: Listed): number {
  return b.beginMs - a.beginMs || compareIds(b.id, a.id);
}
