// Only the public construct API: the kind helpers in job-kind.ts, the validators in
// validation.ts, the framework seam (framework.ts, whose typings name cdktf and so must stay out
// of the public ones) and the internal constructs (external-data-source.ts,
// provider-requirements.ts, wait-job-data-source.ts) stay internal, so that the package root (which also re-exports jobs/)
// never sees two exports of the same name.
export { JobKind } from "./job-kind";
export type {
  IFrameworkAsset,
  IFrameworkDataSource,
  IFrameworkElement,
  IFrameworkResource,
  IResolvable,
  ITerraformDependable,
} from "./framework-types";
export type { Fail } from "./fail";
export * from "./cli-asset";
export * from "./wait-for-job";
export * from "./wait-for-job-props";
export * from "./wait-for-jobs";
export * from "./wait-for-jobs-props";
export type { WaitSettingsProps } from "./wait-settings-props";
export type { ConnectionProps } from "./connection-props";
export { HwjobsDataSource, type HwjobsDataSourceProps } from "./hwjobs-data-source";
export { HwjobsListDataSource, type HwjobsListDataSourceProps } from "./hwjobs-list-data-source";
export * from "./hwjobs-count-data-source";
export { HwjobsJobDataSource, type HwjobsJobDataSourceProps, type JobToRead } from "./hwjobs-job-data-source";
export type { SubJobFilterProps } from "./sub-job-filter-props";
export * from "./data-image-server-jobs";
export * from "./data-image-server-sub-jobs";
export * from "./data-image-server-sub-job-count";
export * from "./data-app-server-sub-jobs";
export * from "./data-app-server-sub-job-count";
export * from "./data-image-server-job";
export * from "./data-app-server-job";
export * from "./data-ims-job";
