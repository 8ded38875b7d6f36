// API text can hold newlines or terminal escape sequences; in a table they would break rows or
// drive the terminal, so control characters are shown escaped.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

function safeCell(cell: string): string {
  return cell.replace(CONTROL, (c) => (c === "\n" ? "\\n" : c === "\t" ? "\\t" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}

/** Renders rows as columns aligned with spaces; the first row is the header. Control characters are escaped. */
export function renderTable(rawRows: readonly (readonly string[])[]): string {
  const rows = rawRows.map((row) => row.map(safeCell));
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ").trimEnd()).join("\n");
}
