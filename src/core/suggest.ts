/**
 * The candidate a mistyped value most likely meant, for "did you mean" hints. Written here rather
 * than taken from a library: it is a dozen lines, and the package keeps its dependencies to
 * `undici` and `zod`. PURE (no imports), so constructs/ may use it too.
 */

/**
 * Edit distance (insertions, deletions, substitutions, and swaps of neighbours) between `a` and
 * `b`, counted in code points.
 */
export function editDistance(left: string, right: string): number {
  const a = Array.from(left);
  const b = Array.from(right);
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

// Values longer than this are not compared: a hint is for a slip of the fingers, and the table
// above grows with the product of the lengths.
const MAX_COMPARED_LENGTH = 64;

/**
 * The candidate closest to `value` ignoring case, when it is close enough to be a slip: at most
 * two edits, and fewer than a third of the value's length. `undefined` when none is, when two are
 * equally close, or when `value` itself is a candidate.
 */
export function closestMatch(value: string, candidates: readonly string[]): string | undefined {
  const length = Array.from(value).length;
  if (length === 0 || length > MAX_COMPARED_LENGTH || candidates.includes(value)) return undefined;
  const wanted = value.toUpperCase();
  const limit = Math.min(2, Math.ceil(length / 3) - 1);
  let best: string | undefined;
  let bestDistance = Infinity;
  let tied = false;
  for (const candidate of candidates) {
    if (Array.from(candidate).length > MAX_COMPARED_LENGTH) continue;
    const distance = editDistance(wanted, candidate.toUpperCase());
    if (distance < bestDistance) [best, bestDistance, tied] = [candidate, distance, false];
    else if (distance === bestDistance) tied = true;
  }
  return best !== undefined && !tied && bestDistance <= limit ? best : undefined;
}

/** `; did you mean "X"?` for the end of a message, or `""` when no candidate is close. */
export function didYouMean(value: string, candidates: readonly string[]): string {
  const match = closestMatch(value, candidates);
  return match === undefined ? "" : `; did you mean ${JSON.stringify(match)}?`;
}
