// Package root: the CDKTF constructs, plus the library API behind the hwjobs CLI for programs
// that want to poll or wait without Terraform.
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
export * from "./jobs";
