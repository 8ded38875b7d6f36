/**
 * Local HTTP emulator of the Workspace APP image/app-server job APIs (Show, List and Count
 * operations) and the IMS job API: real HTTP, real SDK-HMAC-SHA256 verification, jobs whose
 * status moves with the clock, seeded scenarios of realistic job histories, and an admin API
 * under `/_emulator/` for creating jobs, loading scenarios, injecting faults and reading the
 * request log and counters. Every kind of state, body and connection is bounded (`EMULATOR_LIMITS`).
 */
export { startEmulator } from "./server";
export type { ApiRequestInfo, EmulatorOptions, RunningEmulator } from "./options";
export type { EmulatorStats } from "./stats";
export { checkScenario, SCENARIO_LIMITS, type Scenario, type ScenarioJob, type ScenarioProject } from "./scenarios/schema";
export { parseScenario } from "./scenarios/file";
export { findPackageRoot, resolveScenarioRef, scenarioNames, scenariosDir, type ScenarioRef } from "./scenarios/names";
export { loadScenario, type ScenarioLoadResult, type ScenarioProjectCounts } from "./scenarios/load";
export { APP_QUERY_JOB_TYPES, IMAGE_QUERY_JOB_TYPES, PARENT_QUERY_STATUSES, SUB_JOB_QUERY_STATUSES } from "./http/query-enums";
export { DEMO_CREDENTIALS, type EmulatorCredential } from "./credentials";
export {
  EMULATOR_JOB_KINDS,
  EMULATOR_KINDS,
  DEFAULT_JOB_TYPES,
  type EmulatorJobFamily,
  type EmulatorJobKind,
  type EmulatorKindSpec,
} from "./jobs/kind";
export { JobStore, DuplicateJobError, type EmulatedJob } from "./jobs/store";
export { DEFAULT_IMS_FAILURE, DEFAULT_WORKSPACE_FAILURE, type CreateJobInput, type JobSpec } from "./jobs/spec";
export { FaultQueue } from "./faults/queue";
export type { Fault, FaultInput } from "./faults/spec";
export { RequestLog, type RequestLogEntry } from "./request-log";
export type { AuthScheme } from "./http/auth";
export { EmulatorValidationError } from "./validation";
export { EMULATOR_LIMITS, LimitExceededError, limitsTable, type EmulatorLimit } from "./limits";
export {
  timelineAt,
  ROLLBACK_SHARE,
  type JobOutcome,
  type ParentStatus,
  type SubJobStatus,
  type TimelineSnapshot,
  type TimelineSpec,
} from "./jobs/timeline";
export type { ImageSubJobBody, AppSubJobBody, WorkspaceJobBody, WorkspaceJobInfo } from "./jobs/workspace-job-view";
export type { ImsJobBody, ImsJobStatus } from "./jobs/ims-job-view";
export type { JobSummary } from "./jobs/summary";
