import { sanitizeLine } from "../core/sanitize";
import { displayWidth, padToWidth, truncateToWidth } from "./display-width";
import type { CliIo } from "./io";

/** One column of a table. */
export interface TableColumn {
  /** The header, e.g. `PARENT_ID`. */
  readonly header: string;
  /**
   * Whether the column's cells may be cut (with an ellipsis) to fit the terminal: free text such as
   * an error message may, an id (which people copy) may not.
   * @default false
   */
  readonly shrink?: boolean;
}

/** Options of {@link renderTable}. */
export interface TableOptions {
  /**
   * The width to fit, in columns: the terminal's when stdout is one. Rows wider than this have
   * their shrinkable columns cut to a common width. Left out (a pipe, a file), nothing is cut.
   * @default - nothing is cut
   */
  readonly maxWidth?: number;
}

const GAP = "  ";

/** Tables on stdout fit the terminal when stdout is one; piped or redirected, every value is whole. */
export function stdoutTable(io: CliIo): TableOptions {
  const maxWidth = io.stdoutColumns?.();
  return maxWidth === undefined ? {} : { maxWidth };
}

/**
 * Renders rows under a header, aligned in display columns (a CJK character or an emoji takes two),
 * without trailing spaces. The chokepoint of table output: API text can hold newlines, escape
 * sequences or bidi controls, which would break rows, drive the terminal or reorder columns, so
 * every cell is made one safe line (core/sanitize.ts) before it is measured.
 */
export function renderTable(columns: readonly TableColumn[], rawRows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const rows = [columns.map((c) => c.header), ...rawRows].map((row) => row.map(sanitizeLine));
  const natural = columns.map((_, i) => Math.max(...rows.map((row) => displayWidth(row[i] ?? ""))));
  const widths = options.maxWidth === undefined ? natural : fitWidths(columns, natural, options.maxWidth);
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const cut = truncateToWidth(cell, widths[i]!);
          return i === row.length - 1 ? cut : padToWidth(cut, widths[i]!);
        })
        .join(GAP)
        .trimEnd(),
    )
    .join("\n");
}

/**
 * The column widths that fit `maxWidth`: the shrinkable columns are capped at the largest common
 * width that fits (so the widest give way first, and evenly), never below their header's width.
 * When even that is too wide, the rows stay wider than the terminal rather than lose an id.
 */
function fitWidths(columns: readonly TableColumn[], natural: readonly number[], maxWidth: number): number[] {
  const total = (widths: readonly number[]) => widths.reduce((sum, w) => sum + w, 0) + GAP.length * (widths.length - 1);
  if (total(natural) <= maxWidth) return [...natural];
  const floor = columns.map((c) => displayWidth(c.header));
  const capped = (cap: number) => natural.map((w, i) => (columns[i]!.shrink ? Math.min(w, Math.max(cap, floor[i]!)) : w));
  for (let cap = Math.max(...natural); cap > 0; cap--) {
    const widths = capped(cap);
    if (total(widths) <= maxWidth) return widths;
  }
  return capped(0);
}
