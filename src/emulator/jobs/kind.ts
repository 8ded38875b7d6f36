/**
 * The job APIs the emulator serves. Same values as the CLI's `<kind>`; redeclared here because
 * the emulator must not import the layers above it.
 */
export type EmulatorJobKind = "image-job" | "app-job" | "ims-job";

/** Every {@link EmulatorJobKind}, for validation and messages. */
export const EMULATOR_JOB_KINDS = ["image-job", "app-job", "ims-job"] as const satisfies readonly EmulatorJobKind[];

/** `job_type` given to a job created without one. */
export const DEFAULT_JOB_TYPES: Readonly<Record<EmulatorJobKind, string>> = {
  "image-job": "CREATE_SERVER_IMAGE",
  "app-job": "CREATE_SERVER",
  "ims-job": "imsCreateImageByInstance",
};

/** True for the two Workspace APP kinds, which share ids, error shapes and sub-jobs. */
export function isWorkspaceKind(kind: EmulatorJobKind): boolean {
  return kind !== "ims-job";
}
