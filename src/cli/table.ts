import { sanitizeLine } from "../core/sanitize";

/**
 * Renders rows as columns aligned with spaces; the first row is the header. The chokepoint of
 * table output: API text can hold newlines, escape sequences or bidi controls, which would break
 * rows, drive the terminal or reorder columns, so every cell is made one safe line (core/sanitize.ts).
 */
export function renderTable(rawRows: readonly (readonly string[])[]): string {
  const rows = rawRows.map((row) => row.map(sanitizeLine));
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
