import type { Page } from "../core/pagination";
import * as z from "zod";

export type { Page } from "../core/pagination";

/** The `count` of list and count responses: an integer >= 0. */
const countField = z.number().int().min(0);

/**
 * Body of a list operation. `items` may be null or missing (an empty page) and becomes `[]`;
 * unknown top-level fields are accepted and dropped, while items keep theirs. `count` may be
 * missing too (the Go SDK marks it optional): such a body counts the items of its own page, so a
 * full page of them reads as count = page size, which makes `--all` read on, one page at a time,
 * until a short page (core/pagination.ts).
 */
export function pageResponseSchema<T extends z.ZodType>(item: T) {
  return z
    .object({
      count: countField.optional(),
      items: z
        .array(item)
        .nullish()
        .transform((items): Array<z.output<T>> => items ?? []),
    })
    .transform(({ count, items }): Page<z.output<T>> => ({ count: count ?? items.length, items }));
}

/** Body of a count operation: `{"count": N}`. */
export const countResponseSchema = z.object({ count: countField });

/** The result of a count operation. */
export type CountResponse = z.output<typeof countResponseSchema>;
