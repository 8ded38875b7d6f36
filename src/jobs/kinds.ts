import { InvalidInputError } from "../core/errors";
import { APP_JOB_ID_MAX_LENGTH, CONTROL_CHARACTERS_REFUSED, jobIdProblem, JOB_ID_MAX_LENGTH } from "../core/limits";

/** The kinds of job `hwjobs` can wait for, as spelled on the command line (docs/architecture.md §5). */
export const JOB_KINDS = ["image-job", "app-job", "ims-job"] as const;

/** One of {@link JOB_KINDS}. */
export type JobKindName = (typeof JOB_KINDS)[number];

/**
 * Longest job id each kind's API accepts (ShowJobDetail allows 255; the others 128), from
 * core/limits.ts, which the constructs check against too.
 */
export const JOB_ID_MAX_LENGTHS: Readonly<Record<JobKindName, number>> = {
  "image-job": JOB_ID_MAX_LENGTH,
  "app-job": APP_JOB_ID_MAX_LENGTH,
  "ims-job": JOB_ID_MAX_LENGTH,
};

/** True when `text` is one of {@link JOB_KINDS}. */
export function isJobKindName(text: string): text is JobKindName {
  return (JOB_KINDS as readonly string[]).includes(text);
}

/**
 * Reads a job kind exactly as written (no case folding, so scripts stay portable).
 * @throws InvalidInputError naming `field` and the accepted kinds
 */
export function parseJobKind(text: string, field: string): JobKindName {
  if (isJobKindName(text)) return text;
  throw new InvalidInputError(field, `${field}: unknown job kind ${JSON.stringify(text)}; accepted: ${JOB_KINDS.join(", ")}`);
}

/**
 * Checks a job id before any request is sent: 1..{@link JOB_ID_MAX_LENGTHS} characters (code
 * points) and no control characters (the rule of core/limits.ts). Anything else passes verbatim,
 * shell metacharacters included, because the id is percent-encoded into the request path and
 * never reaches a shell.
 * @returns `id` unchanged
 * @throws InvalidInputError naming `field` and the limit
 */
export function validateJobId(kind: JobKindName, id: string, field: string): string {
  const max = JOB_ID_MAX_LENGTHS[kind];
  const problem = jobIdProblem(id, max);
  switch (problem?.kind) {
    case undefined:
      return id;
    case "empty":
      throw new InvalidInputError(field, `${field}: job id is empty; a ${kind} id has 1 to ${max} characters`);
    case "dot-segment":
      throw new InvalidInputError(
        field,
        `${field}: job id ${JSON.stringify(id)} is a path segment, not an id; a ${kind} id is 1 to ${max} characters other than "." or ".."`,
      );
    case "too-long":
      throw new InvalidInputError(field, `${field}: job id has ${problem.length} characters; a ${kind} id has at most ${max}`);
    case "control-character":
      throw new InvalidInputError(
        field,
        `${field}: job id contains control character ${problem.code} at position ${problem.position}; ${CONTROL_CHARACTERS_REFUSED} are not allowed`,
      );
  }
}

/** A job named by kind and id, for messages about a job not seen yet. */
export interface JobRef {
  readonly kind: JobKindName;
  readonly jobId: string;
}
