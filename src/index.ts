// Package root: the CDKTF constructs, plus the library API behind the hwjobs CLI for programs
// that want to poll or wait without Terraform, and the local emulator to run them against.
export * from "./constructs";
export { HwClient, type HwClientOptions, type RetryEvent } from "./core/client";
export { resolveConfig, type ClientConfig, type ConfigFlags, type Service } from "./core/config";
export type { Credentials, AccessKeyCredentials, TokenCredentials } from "./core/credentials";
export { ApiError, HwJobsError, InvalidInputError, NetworkError, ResponseValidationError } from "./core/errors";
export { ExitCode } from "./core/exit-codes";
export { signRequest } from "./core/signer";
export { showImageJob, type ImageJob, type ImageSubJob } from "./api/image-job";
export { showAppJob, type AppJob, type AppSubJob } from "./api/app-job";
export { showImsJob, type ImsJob } from "./api/ims-job";
export { listImageJobs, parseListImageJobsQuery, listImageJobsQuerySchema, listImageJobsResponseSchema, type ImageJobInfo, type ListImageJobsQuery } from "./api/list-image-jobs";
export { listImageSubJobs, parseListImageSubJobsQuery, listImageSubJobsQuerySchema, listImageSubJobsResponseSchema, type ListImageSubJobsQuery } from "./api/list-image-sub-jobs";
export { countImageSubJobs, parseCountImageSubJobsQuery, countImageSubJobsQuerySchema, type CountImageSubJobsQuery } from "./api/count-image-sub-jobs";
export { listAppSubJobs, parseListAppSubJobsQuery, listAppSubJobsQuerySchema, listAppSubJobsResponseSchema, type ListAppSubJobsQuery } from "./api/list-app-sub-jobs";
export { countAppSubJobs, parseCountAppSubJobsQuery, countAppSubJobsQuerySchema, type CountAppSubJobsQuery } from "./api/count-app-sub-jobs";
export { imageJobSchema, imageSubJobSchema } from "./api/image-job";
export { appJobSchema, appSubJobSchema } from "./api/app-job";
export { imsJobSchema } from "./api/ims-job";
export type { Page } from "./api/page";
export { fetchAllPages, ListChangedError, type FetchAllPagesOptions, type FetchPage } from "./core/pagination";
export * from "./jobs";
export { DEMO_CREDENTIALS, startEmulator, type EmulatorOptions, type RunningEmulator } from "./emulator";
