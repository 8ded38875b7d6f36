// Shared pieces of the api/ tests: a client on an undici MockAgent that records every request,
// and a checker for the one-line InvalidInputError every bad query must raise.
import assert from "node:assert/strict";
import { MockAgent } from "undici";
import type { z } from "zod";
import { HwClient } from "../../src/core/client";
import { InvalidInputError } from "../../src/core/errors";
import { FakeClock } from "../helpers/fake-clock";

export const PROJECT = "a4da8115c9d8464ead3a38309130523f";
export const APPSTREAM = "https://appstream.cn-north-4.myhuaweicloud.com";
const IMS = "https://ims.cn-north-4.myhuaweicloud.com";

/** A raw-query parser as exported by each api/ operation file. */
export type RawParser = (raw: Readonly<Record<string, string | undefined>>, label?: (param: string) => string) => unknown;

/** One bad input: the raw query, then the field and the exact message expected. */
export type BadCase = readonly [name: string, raw: Readonly<Record<string, string | undefined>>, field: string, message: string];

/** Asserts that `run` throws an InvalidInputError with this field and this exact one-line message. */
export function assertInvalid(run: () => unknown, field: string, message: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof InvalidInputError, `expected InvalidInputError, got ${String(error)}`);
    assert.equal(error.field, field);
    assert.equal(error.message, message);
    assert.equal(error.exitCode, 2);
    assert.doesNotMatch(error.message, /[\r\n]/);
    return true;
  });
}

/** A client whose every appstream request is answered by `respond`, and recorded. */
export class MockApi {
  readonly agent = new MockAgent();
  readonly client: HwClient;
  /** URLs of the requests received, in order. */
  readonly requests: URL[] = [];
  private respond: (url: URL) => { status: number; body: unknown } = () => ({
    status: 500,
    body: { error_code: "TEST", error_msg: "no response set" },
  });

  constructor() {
    this.agent.disableNetConnect();
    this.client = new HwClient(
      {
        projectId: PROJECT,
        credentials: { type: "token", token: "mock-iam-token-0123456789" },
        endpoints: { appstream: APPSTREAM, ims: IMS },
      },
      { dispatcher: this.agent, clock: new FakeClock(), retry: { maxAttempts: 1 } },
    );
    this.agent
      .get(APPSTREAM)
      .intercept({ path: () => true, method: "GET" })
      .reply((options) => {
        const url = new URL(options.path, APPSTREAM);
        this.requests.push(url);
        const { status, body } = this.respond(url);
        return { statusCode: status, data: JSON.stringify(body), responseOptions: { headers: { "content-type": "application/json" } } };
      })
      .persist();
  }

  /** Answers every following request with `body` (or what `body` computes from the URL). */
  reply(body: unknown | ((url: URL) => unknown), status = 200): void {
    this.respond = (url) => ({ status, body: typeof body === "function" ? (body as (url: URL) => unknown)(url) : body });
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** The query of a recorded request as sorted pairs, decoded. */
export function queryOf(url: URL): Array<[string, string]> {
  return [...url.searchParams.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Asserts that `schema` parses `body`, and returns the parsed value. */
export function accepts<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  assert.ok(parsed.success, `expected ${JSON.stringify(body)} to parse: ${parsed.success ? "" : parsed.error.message}`);
  return parsed.data;
}

/** Asserts that `schema` rejects `body`, optionally at the issue path `pathHint` (e.g. `status`). */
export function rejects(schema: z.ZodType, body: unknown, pathHint?: string): void {
  const parsed = schema.safeParse(body);
  assert.equal(parsed.success, false, `expected ${JSON.stringify(body)} to be rejected`);
  if (pathHint !== undefined) assert.equal(parsed.error?.issues[0]?.path.join("."), pathHint, JSON.stringify(body));
}
