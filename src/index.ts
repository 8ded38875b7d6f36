// Package root: the CDKTF constructs, plus the library API behind the hwjobs CLI for programs
// that want to poll or wait without Terraform, and the local emulator to run them against.
export * from "./constructs";
export { HwClient, type AttemptEvent, type HwClientOptions, type RetryEvent } from "./core/client";
export { resolveConfig, type ClientConfig, type ConfigFlags, type ResolveConfigOptions, type Service } from "./core/config";
export { ConfigError, type ConfigAudience, type ConfigProblem, type ConfigSettingName } from "./core/config-error";
export {
  CONNECTION_SETTING_NAMES,
  CONNECTION_SETTINGS,
  type ConnectionSetting,
  type ConnectionSettingKind,
  type ConnectionSettingName,
} from "./core/connection-settings";
export type { Credentials, AccessKeyCredentials, TokenCredentials } from "./core/credentials";
export {
  ApiError,
  HwJobsError,
  InvalidInputError,
  InvalidInputsError,
  NetworkError,
  ResponseValidationError,
  type InputProblem,
} from "./core/errors";
export { ExitCode } from "./core/exit-codes";
export { signRequest } from "./core/signer";
export { createRedactor, credentialSecrets, environmentSecrets, MIN_SECRET_LENGTH, REDACTED, type Redactor } from "./core/redact";
export { sanitizeLine } from "./core/sanitize";
export { API_OPERATIONS, type ApiOperation, type ApiOperationName } from "./api/operations";
export { JOB_TYPE_FILTERS, NEWER_JOB_TYPE_PATTERN, type JobTypeFilter } from "./api/job-type-filters";
export { showImageJob, type ImageJob, type ImageSubJob } from "./api/image-job";
export { showAppJob, type AppJob, type AppSubJob } from "./api/app-job";
export { showImsJob, type ImsJob } from "./api/ims-job";
export {
  listImageJobs,
  parseListImageJobsQuery,
  listImageJobsQuerySchema,
  listImageJobsResponseSchema,
  type ImageJobInfo,
  type ListImageJobsQuery,
} from "./api/list-image-jobs";
export {
  listImageSubJobs,
  parseListImageSubJobsQuery,
  listImageSubJobsQuerySchema,
  listImageSubJobsResponseSchema,
  type ListImageSubJobsQuery,
} from "./api/list-image-sub-jobs";
export {
  countImageSubJobs,
  parseCountImageSubJobsQuery,
  countImageSubJobsQuerySchema,
  type CountImageSubJobsQuery,
} from "./api/count-image-sub-jobs";
export {
  listAppSubJobs,
  parseListAppSubJobsQuery,
  listAppSubJobsQuerySchema,
  listAppSubJobsResponseSchema,
  type ListAppSubJobsQuery,
} from "./api/list-app-sub-jobs";
export {
  countAppSubJobs,
  parseCountAppSubJobsQuery,
  countAppSubJobsQuerySchema,
  type CountAppSubJobsQuery,
} from "./api/count-app-sub-jobs";
export { imageJobSchema, imageSubJobSchema } from "./api/image-job";
export { appJobSchema, appSubJobSchema } from "./api/app-job";
export { imsJobSchema } from "./api/ims-job";
export type { Page } from "./api/page";
export { fetchAllPages, type FetchAllPagesOptions, type FetchPage } from "./core/pagination";
export { ListChangedError, ListTooLongError, MAX_LIST_ITEMS } from "./core/list-errors";
export { DeadlineExceededError, type DeadlineDetails } from "./core/deadline-error";
export * from "./jobs";
export { DEMO_CREDENTIALS, startEmulator, type EmulatorOptions, type RunningEmulator } from "./emulator";
// Types that the exports above take or return, so that users (and the API reference) can name them.
export type { ApiErrorDetails } from "./core/errors";
export type { ExitCodeValue } from "./core/exit-codes";
export type { Clock } from "./core/sleep";
export type { RetryPolicy } from "./core/retry";
export type { SignInput } from "./core/signer";
export type { GetRequest } from "./core/client";
export { imageJobInfoSchema } from "./api/image-job";
export type { ListImageJobsResponse } from "./api/list-image-jobs";
export type { ListImageSubJobsResponse } from "./api/list-image-sub-jobs";
export type { ListAppSubJobsResponse } from "./api/list-app-sub-jobs";
export type { OpenEnum } from "./api/open-enum";
export type { QueryApi, QueryResultKind } from "./api/query-api";
export type { ParamLabel, QuerySchema, RawQuery } from "./api/raw-query";
export type { ApiRequestInfo, EmulatorCredential, EmulatorStats, Scenario } from "./emulator";
export type {
  AuthScheme,
  CreateJobInput,
  EmulatedJob,
  EmulatorJobKind,
  Fault,
  FaultInput,
  FaultQueue,
  JobSpec,
  JobStore,
  RequestLog,
  RequestLogEntry,
  JobOutcome,
  ScenarioJob,
  ScenarioProject,
} from "./emulator";
