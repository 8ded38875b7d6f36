import { InvalidInputError } from "../core/errors";

/** The kinds of job `hwjobs` can wait for, as spelled on the command line (design §5). */
export const JOB_KINDS = ["image-job", "app-job", "ims-job"] as const;

/** One of {@link JOB_KINDS}. */
export type JobKindName = (typeof JOB_KINDS)[number];

/** Longest job id each kind's API accepts (ShowJobDetail allows 255; the others 128). */
export const JOB_ID_MAX_LENGTH: Readonly<Record<JobKindName, number>> = {
  "image-job": 128,
  "app-job": 255,
  "ims-job": 128,
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

// C0 controls and DEL: they could forge log lines or terminal escapes, and no real id has them.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * Checks a job id before any request is sent: 1..{@link JOB_ID_MAX_LENGTH} characters and no
 * control characters. Anything else passes verbatim, shell metacharacters included, because the
 * id is percent-encoded into the request path and never reaches a shell.
 * @returns `id` unchanged
 * @throws InvalidInputError naming `field` and the limit
 */
export function validateJobId(kind: JobKindName, id: string, field: string): string {
  const max = JOB_ID_MAX_LENGTH[kind];
  // Count code points, as JSON Schema maxLength does, so an emoji counts once.
  const length = [...id].length;
  if (length === 0) {
    throw new InvalidInputError(field, `${field}: job id is empty; a ${kind} id has 1 to ${max} characters`);
  }
  if (length > max) {
    throw new InvalidInputError(field, `${field}: job id has ${length} characters; a ${kind} id has at most ${max}`);
  }
  const control = CONTROL_CHARACTER.exec(id);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    throw new InvalidInputError(
      field,
      `${field}: job id contains control character U+${code} at position ${[...id.slice(0, control.index)].length + 1}; control characters (U+0000-U+001F, U+007F) are not allowed`,
    );
  }
  return id;
}

/** A job named by kind and id, for messages about a job not seen yet. */
export interface JobRef {
  readonly kind: JobKindName;
  readonly jobId: string;
}
