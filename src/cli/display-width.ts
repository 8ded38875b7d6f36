// How wide text is on a terminal, in columns: a CJK character or an emoji takes two, a combining
// mark none. Measured by string-width (graphemes, East Asian Width, RGI emoji), which the CLI
// bundle carries; only cutting to a width is done here, on the same graphemes.
//
// Both are loaded on the first table, not with the commands: creating an Intl.Segmenter (which
// string-width does as it loads) costs milliseconds, which a `wait` run by Terraform, printing no
// table, would pay at every start (docs/architecture.md, section 5.3).

// string-width is ESM-only: its types are read as an import's, and esbuild bundles the require.
type StringWidthModule = typeof import("string-width", { with: { "resolution-mode": "import" } });
type StringWidth = StringWidthModule["default"];
let measure: StringWidth | undefined;
let graphemes: Intl.Segmenter | undefined;

/** The ellipsis that ends a cut value: one column. */
export const ELLIPSIS = "…";

/** The width of `text` in terminal columns. */
export function displayWidth(text: string): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
  measure ??= (require("string-width") as StringWidthModule).default;
  return measure(text);
}

/**
 * `text` cut to at most `width` columns, ending in {@link ELLIPSIS} when anything was cut; whole
 * graphemes only, so a CJK character, an emoji or a letter with its accents is never split.
 */
export function truncateToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return "";
  let kept = "";
  let used = 0;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  for (const { segment } of graphemes.segment(text)) {
    const w = displayWidth(segment);
    if (used + w > width - 1) break;
    kept += segment;
    used += w;
  }
  return kept + ELLIPSIS;
}

/** `text` followed by spaces up to `width` columns. */
export function padToWidth(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}
