import type { z } from "zod";

/** Input the emulator rejected; `message` is `<field>: <what is accepted>`. */
export class EmulatorValidationError extends Error {
  constructor(
    /** The offending field, as the caller spelled it (snake_case over HTTP, camelCase in-process). */
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "EmulatorValidationError";
  }
}

/** Maps a schema field name to the caller's spelling of it. */
export type FieldNamer = (field: string) => string;

/** camelCase → snake_case, for messages about admin request bodies. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** snake_case → camelCase, to feed admin request bodies to the camelCase schemas. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Validates `value` and returns the parsed data, or throws {@link EmulatorValidationError} for the
 * first problem, phrased from `accepts` rather than zod's wording so messages stay stable.
 */
export function validate<T>(
  schema: z.ZodType<T>,
  value: unknown,
  accepts: Readonly<Record<string, string>>,
  name: FieldNamer = (f) => f,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    throw new EmulatorValidationError(
      name(key),
      `${name(key)}: is not a known field (known: ${Object.keys(accepts).map(name).join(", ")})`,
    );
  }
  const top = issue.path[0];
  if (typeof top !== "string") throw new EmulatorValidationError("body", "body: must be a JSON object");
  // A refinement that brings its own message explains itself better than the generic text.
  if (issue.code === "custom" && issue.message !== "Invalid input") {
    throw new EmulatorValidationError(name(top), `${name(top)}: ${issue.message}`);
  }
  throw new EmulatorValidationError(name(top), `${name(top)}: must be ${accepts[top] ?? issue.message}`);
}

/**
 * Validates a snake_case JSON body (the admin API's spelling) against a camelCase schema;
 * messages name fields in snake_case. camelCase keys are rejected, not silently accepted.
 */
export function validateSnake<T>(schema: z.ZodType<T>, body: unknown, accepts: Readonly<Record<string, string>>): T {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new EmulatorValidationError("body", "body: must be a JSON object");
  }
  const renamed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const camel = camelCase(key);
    if (!(camel in accepts) || snakeCase(camel) !== key) {
      const known = Object.keys(accepts).map(snakeCase).join(", ");
      throw new EmulatorValidationError(key, `${key}: is not a known field (known: ${known})`);
    }
    renamed[camel] = value;
  }
  return validate(schema, renamed, accepts, snakeCase);
}
