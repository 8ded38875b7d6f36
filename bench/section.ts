/** One table of `npm run bench`: printed as aligned columns, and written as-is by `--json`. */
export interface BenchSection {
  readonly title: string;
  /** Rows of one table; every row has the same keys, numbers are printed as they are. */
  readonly rows: readonly Record<string, string | number>[];
  /** Targets this section checks, each met or not. */
  readonly targets: readonly { readonly name: string; readonly met: boolean; readonly detail: string }[];
}
