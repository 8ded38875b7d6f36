import type { z } from "zod";
import type { HwClient } from "../core/client";
import type { ApiOperation } from "./operations";
import { countResponseSchema, pageResponseSchema } from "./page";
import { checkQuery, encodeQuery, parseRawQuery, type ParamLabel, type QuerySchema, type RawQuery } from "./raw-query";

/** What a query operation returns: pages of items, or a count. */
export type QueryResultKind = "list" | "count";

/**
 * One list or count API operation, made by `listApi` or `countApi`: where it lives, its
 * query and response schemas, and the two functions every such operation has.
 */
export interface QueryApi<K extends QueryResultKind, S extends QuerySchema, R extends z.ZodType> {
  readonly result: K;
  readonly api: ApiOperation;
  /** The query, read from raw strings (`api/query-fields.ts`). */
  readonly querySchema: S;
  readonly responseSchema: R;
  /**
   * Reads a query from strings, before anything is sent.
   * @param label spells a parameter for messages (default: the API name)
   * @throws InvalidInputError naming the parameter and the accepted values
   */
  readonly parse: (raw: RawQuery, label?: ParamLabel) => z.output<S>;
  /**
   * Sends one request (one page of a list, or the count), after checking the query again.
   * @throws InvalidInputError (rejected, nothing sent) when `query` is invalid
   */
  readonly call: (client: HwClient, query: z.output<S>, signal?: AbortSignal) => Promise<z.output<R>>;
}

function queryApi<K extends QueryResultKind, S extends QuerySchema, R extends z.ZodType>(
  result: K,
  api: ApiOperation,
  querySchema: S,
  responseSchema: R,
): QueryApi<K, S, R> {
  return {
    result,
    api,
    querySchema,
    responseSchema,
    parse: (raw, label) => parseRawQuery(querySchema, raw, label),
    // async, so that a query refused before sending rejects the promise rather than throwing.
    call: async (client, query, signal) =>
      client.get({ ...api, query: encodeQuery(checkQuery(querySchema, query)), schema: responseSchema, signal }),
  };
}

/** A list operation: its body is a page of `item`s (`api/page.ts`). */
export function listApi<S extends QuerySchema, I extends z.ZodType>(api: ApiOperation, querySchema: S, item: I) {
  return queryApi("list", api, querySchema, pageResponseSchema(item));
}

/** A count operation: its body is `{"count": N}`. */
export function countApi<S extends QuerySchema>(api: ApiOperation, querySchema: S) {
  return queryApi("count", api, querySchema, countResponseSchema);
}
