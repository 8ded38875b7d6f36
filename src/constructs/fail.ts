// How constructs report bad props: one line naming the construct. Internal. Kept apart from
// validation.ts so that the public typings, which name `Fail`, never reach the framework seam.
import { sanitizeLine } from "../core/sanitize";

/** Throws an Error whose message names the construct; `cause` is kept for debugging. */
export type Fail = (message: string, cause?: unknown) => never;

/**
 * The failure function of construct `constructName` with id `id`: `<constructName> "<id>": <message>`,
 * as one line with no control, escape or bidi characters (a quoted prop value may hold them).
 */
export function failFor(constructName: string, id: string): Fail {
  return (message: string, cause?: unknown): never => {
    throw new Error(sanitizeLine(`${constructName} ${JSON.stringify(id)}: ${message}`), cause === undefined ? undefined : { cause });
  };
}
