// The CLI bundle gets the version inlined by esbuild; compiled or tsx-run code reads package.json.
declare const HWJOBS_VERSION: string | undefined;

/** This package's version. */
export const VERSION: string =
  typeof HWJOBS_VERSION === "string" ? HWJOBS_VERSION : (require("../../package.json") as { version: string }).version;
