// Only the public construct API: the kind helpers in job-kind.ts and the validators in
// validation.ts stay internal, so that the package root (which also re-exports jobs/) never sees
// two exports of the same name.
export { JobKind } from "./job-kind";
export * from "./cli-asset";
export * from "./wait-for-job";
export {
  HwjobsCountDataSource,
  HwjobsDataSource,
  type HwjobsDataSourceProps,
  HwjobsJobDataSource,
  HwjobsListDataSource,
  type HwjobsListDataSourceProps,
} from "./hwjobs-data-source";
export * from "./data-image-server-jobs";
export * from "./data-image-server-sub-jobs";
export * from "./data-image-server-sub-job-count";
export * from "./data-app-server-sub-jobs";
export * from "./data-app-server-sub-job-count";
export * from "./data-image-server-job";
export * from "./data-app-server-job";
export * from "./data-ims-job";
