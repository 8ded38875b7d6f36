// The CLI bundle gets the version inlined by esbuild; compiled or tsx-run code reads package.json.
declare const HWJOBS_VERSION: string | undefined;

/** This package's version. */
export const VERSION: string =
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- read at run time, not bundled into the typings
  typeof HWJOBS_VERSION === "string" ? HWJOBS_VERSION : (require("../../package.json") as { version: string }).version;
