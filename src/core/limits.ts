/**
 * The client's limits on the values it sends, in one place: the CLI (core/config.ts,
 * jobs/kinds.ts, api/query-fields.ts) and the constructs (constructs/validation.ts) all check
 * against these, so a value synthesized into Terraform is never one the CLI rejects at plan time.
 *
 * PURE on purpose: no imports, no I/O, so that constructs/ may use it without pulling the HTTP
 * stack into a synth (test/constructs/layering.test.ts). The emulator keeps its own copy of the
 * API limits (emulator/http/query-enums.ts), as the client's independent counterpart, but counts
 * lengths the same way ({@link codePointLength}).
 */

/** Longest job id of the Workspace APP image-server job APIs, the sub-job `job_id` filters and IMS. */
export const JOB_ID_MAX_LENGTH = 128;

/** Longest job id of the app-server job API (ShowJobDetail, `GET /v2/{project_id}/job/{job_id}`). */
export const APP_JOB_ID_MAX_LENGTH = 255;

/** Longest `job_type` list CountImageSubJobs accepts (the types joined with commas). */
export const COUNT_IMAGE_SUB_JOBS_JOB_TYPE_MAX_LENGTH = 128;

/** Longest `job_type` list CountSubJobs (app-server sub-jobs) accepts (the types joined with commas). */
export const COUNT_APP_SUB_JOBS_JOB_TYPE_MAX_LENGTH = 256;

/**
 * A region id such as `cn-north-4` or `ap-southeast-1`. Checked because the region becomes part
 * of the default endpoint host names, where anything else would reach DNS or the URL parser.
 */
export const REGION_PATTERN = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** What {@link REGION_PATTERN} accepts, for the end of a one-line message. */
export const REGION_ACCEPTED = "a region id like cn-north-4 or ap-southeast-1";

/**
 * A project id: the API's ids are 32 hex digits, but the spec only promises 1 to 128 of these
 * characters. Checked because the id becomes a path segment, where `/` or `..` would change the
 * request's target.
 */
export const PROJECT_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** What {@link PROJECT_ID_PATTERN} accepts, for the end of a one-line message. */
export const PROJECT_ID_ACCEPTED = "1-128 letters, digits, '-' or '_'";

/** True when `text` is a region id ({@link REGION_PATTERN}). */
export function isRegion(text: string): boolean {
  return REGION_PATTERN.test(text);
}

/** True when `text` is a project id ({@link PROJECT_ID_PATTERN}). */
export function isProjectId(text: string): boolean {
  return PROJECT_ID_PATTERN.test(text);
}

/**
 * The length of `text` in code points, the unit of JSON Schema's `maxLength` and so of the API
 * limits: an emoji is one character, not the two UTF-16 units `text.length` counts. (A lone
 * surrogate counts as one.)
 */
export function codePointLength(text: string): number {
  let length = 0;
  // The string iterator yields code points, pairing surrogates.
  for (const _ of text) length++;
  return length;
}

// Control characters (Cc: C0, DEL, C1 such as the 8-bit CSI U+009B), format characters (Cf:
// bidi controls such as U+202E, zero-width characters, U+FEFF) and the line and paragraph
// separators (Zl, Zp). No API id contains them, and each can forge a log line, reorder or hide
// what a terminal shows, or smuggle an escape sequence. Not global, so `exec` keeps no state.
const CONTROL_CHARACTER = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** What {@link findControlCharacter} refuses, for the end of a one-line message. */
export const CONTROL_CHARACTERS_REFUSED =
  "control characters (U+0000-U+001F, U+007F-U+009F), line separators and invisible format characters such as bidi controls";

/** The first control character of a text, for messages. */
export interface ControlCharacter {
  /** The character as `U+XXXX`. */
  readonly code: string;
  /** Its 1-based position, counted in code points as lengths are. */
  readonly position: number;
}

/**
 * The first control character of `text`, or `undefined`: a control character (C0, DEL or C1), a
 * line or paragraph separator (U+2028, U+2029) or an invisible format character (Unicode Cf: bidi
 * controls U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069, zero-width characters, U+FEFF, ...).
 */
export function findControlCharacter(text: string): ControlCharacter | undefined {
  const match = CONTROL_CHARACTER.exec(text);
  if (!match) return undefined;
  return {
    code: `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`,
    position: codePointLength(text.slice(0, match.index)) + 1,
  };
}

/** Why a text breaks a limit; each layer words its own message from this. */
export type TextProblem =
  | { readonly kind: "empty" }
  | { readonly kind: "dot-segment" }
  | { readonly kind: "too-long"; readonly length: number; readonly max: number }
  | ({ readonly kind: "control-character" } & ControlCharacter);

/**
 * Checks free text (such as a `job_id` filter, which the API allows empty): at most `max` code
 * points and no control characters. The length is checked first, so a long text is reported by
 * its length without scanning it.
 * @returns the first problem, or `undefined` when `text` is acceptable
 */
export function textProblem(text: string, max: number): TextProblem | undefined {
  const length = codePointLength(text);
  if (length > max) return { kind: "too-long", length, max };
  const control = findControlCharacter(text);
  return control && { kind: "control-character", ...control };
}

/**
 * The job id rule of every job API: 1 to `max` code points ({@link JOB_ID_MAX_LENGTH}, or
 * {@link APP_JOB_ID_MAX_LENGTH} for an app-server job), no control characters (in the broad sense
 * of {@link findControlCharacter}: bidi and other invisible format characters too). Anything else
 * passes, shell metacharacters included: the id is percent-encoded into the request path. Only
 * `.` and `..` are refused: percent-encoding leaves dots alone and URL parsing collapses such
 * segments, so the request would go to another path.
 * @returns the first problem, or `undefined` when `id` is acceptable
 */
export function jobIdProblem(id: string, max: number): TextProblem | undefined {
  if (id === "") return { kind: "empty" };
  if (id === "." || id === "..") return { kind: "dot-segment" };
  return textProblem(id, max);
}

/** Most job ids one wait takes, on the command line or in WaitForJobs (docs/architecture.md §5): more is a selector's job. */
export const MAX_WAIT_JOBS = 100;
