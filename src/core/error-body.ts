import { sanitizeLine } from "./sanitize";

/** The error fields of a response body, whichever of the service shapes it has. */
export interface ErrorBodyFields {
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly requestId?: string;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A non-empty string field as one safe line (server text ends up in one-line error messages). */
function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const line = sanitizeLine(value).trim();
  return line === "" ? undefined : line;
}

/**
 * Reads `error_code`/`error_msg` (Workspace APP, API Gateway) or `error.code`/`error.message`
 * (IMS) from a body; a body that is neither yields an empty result, never a throw. Each field is
 * read on its own, so one field of an unexpected type does not hide the others; the IMS shape
 * wins where both are present (as in the Node SDK: `error.code ?? error_code`).
 */
export function parseErrorBody(body: string): ErrorBodyFields {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return {};
  }
  if (!isObject(json)) return {};
  const nested = isObject(json.error) ? json.error : {};
  const fields = {
    errorCode: text(nested.code) ?? text(json.error_code),
    errorMessage: text(nested.message) ?? text(json.error_msg) ?? text(json.error_message),
    requestId: text(json.request_id),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as ErrorBodyFields;
}
