/** Job kinds, status classification, snapshots and the waiter (docs/architecture.md §2, §5). */
export {
  describeStatus,
  JobFailedError,
  JobMismatchError,
  JobNotFoundError,
  WaitAbortedError,
  WaitTimeoutError,
  type JobNotFoundDetails,
  type WaitAbortedDetails,
  type WaitTimeoutDetails,
} from "./errors";
export { checkAnswerIdentity } from "./answer-identity";
export {
  createStatusTracker,
  type HeartbeatEvent,
  type NotFoundEvent,
  type StatusEvent,
  type StatusTracker,
  type TransientErrorEvent,
  type UnknownStatusEvent,
  type WaitEvent,
  type WarningEvent,
} from "./events";
export { fetchJob, jobPoller } from "./fetch-job";
export {
  APP_JOB_KIND,
  getOperationOf,
  IMAGE_JOB_KIND,
  IMS_JOB_KIND,
  isJobKindName,
  JOB_ID_MAX_LENGTHS,
  JOB_KIND_SPECS,
  JOB_KINDS,
  parseJobKind,
  validateJobId,
  type GetOperation,
  type JobFamily,
  type JobKindName,
  type JobKindSpec,
  type JobRef,
  type PendingSelector,
  type ShowOperation,
} from "./kinds";
export {
  classifyJobStatus,
  classifyStatus,
  classifySubJobStatus,
  pendingStatuses,
  type Classification,
  type Phase,
  type StatusTable,
} from "./phase";
export { classifyPollError, type PollErrorVerdict } from "./poll-errors";
export {
  appJobSnapshot,
  appSubJobSnapshot,
  imageJobSnapshot,
  imageSubJobSnapshot,
  imsJobSnapshot,
  type JobSnapshot,
  type SnapshotOptions,
  type SnapshotWarning,
  type SnapshotWarningCode,
  type SubJobSnapshot,
} from "./snapshot";
export { subJobProgress, type SubJobProgress } from "./sub-job-progress";
export {
  IMS_IMAGE_JOB_TYPES,
  IMS_MEMBER_IMAGE_JOB_TYPES,
  successWarnings,
  type SuccessWarning,
  type SuccessWarningCode,
} from "./success-warnings";
export {
  ageDelayMs,
  estimateEnd,
  POLL_SCHEDULE,
  progressDelayMs,
  scheduledDelayMs,
  type EndEstimate,
  type PollSample,
  type ScheduleBounds,
} from "./poll-schedule";
export { FINAL_POLL_GRACE_MS, WAIT_DEFAULTS, waitForJob, type PollJob, type WaitOptions } from "./waiter";
export {
  checkOutcomes,
  JobsWaitError,
  MAX_WAIT_JOBS,
  sharedFloorMs,
  WAIT_MANY_POLLS_PER_SECOND,
  waitForJobs,
  type WaitOutcome,
  type JobToWaitFor,
  type WaitManyOptions,
} from "./wait-many";
export { parsePendingSelection, selectableKinds, selectPendingJobs, type PendingSelection } from "./select-pending";
export { defaultWaitMs, WAIT_ENV, WAIT_TIMINGS, type WaitTiming, type WaitTimingProp } from "./wait-timings";
export { summarizeItem, type ItemSummary } from "./item-summary";
export {
  isListOperation,
  isQueryOperation,
  parseQuery,
  QUERY_OPERATIONS,
  queryParameters,
  QUERY_APIS,
  queryService,
  queryTargets,
  queryWarnings,
  runQuery,
  type CountOperation,
  type CountResult,
  type ListOperation,
  type ListResult,
  type ParsedQuery,
  type ParseQueryOptions,
  type QueryItem,
  type QueryApis,
  type QueryOf,
  type QueryOperation,
  type QueryParameters,
  type RunQueryOptions,
} from "./queries";
