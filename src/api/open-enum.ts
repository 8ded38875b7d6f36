import * as z from "zod";

/** A known enum value, or any newer string the service may start sending. */
export type OpenEnum<T extends string> = T | (string & {});

/**
 * A string schema typed as an open enum: the known values give editor completion, yet values
 * newer than the docs still parse (the services add enum values without notice).
 */
export function openEnum<const T extends readonly string[]>(_known: T): z.ZodType<OpenEnum<T[number]>> {
  return z.string() as z.ZodType<OpenEnum<T[number]>>;
}

/** Optional text that the service may send as a string, an empty string, null, or not at all. */
export const optionalText = z.string().nullish();

/** A status: required and non-empty, since a missing status would make any verdict wrong. */
export function requiredStatus<const T extends readonly string[]>(_known: T): z.ZodType<OpenEnum<T[number]>> {
  return z.string().min(1, "status is missing or empty") as z.ZodType<OpenEnum<T[number]>>;
}
