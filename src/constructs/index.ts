// Only the public construct API: the kind helpers in job-kind.ts stay internal, so that the package
// root (which also re-exports jobs/) never sees two exports of the same name.
export { JobKind } from "./job-kind";
export * from "./cli-asset";
export * from "./wait-for-job";
