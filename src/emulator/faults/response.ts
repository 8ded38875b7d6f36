import { authFailed, emulatorError, throttled, workspaceError } from "../http/error-bodies";
import type { Fault } from "./spec";

/** A response with a ready-made body text (which need not be JSON). */
export interface RawResponse {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

// Cut off mid-string, as a response truncated by a broken connection or proxy would be.
const TRUNCATED_BODY = '{"id":"702364883651395584","job_type":"CREATE_SERVER_IMAGE","status":"RUNN';

/** The body a fault with this status sends when it names none: what the gateway or service would. */
export function defaultFaultBody(status: number, requestId: string): unknown {
  if (status === 429) return throttled(requestId);
  if (status === 401) return authFailed("token expires", requestId);
  if (status === 403) return workspaceError("WKS.00081102", "User does not have permission to access this resource.");
  if (status === 503) return workspaceError("WKS.00050902", "The service is now unavailable to process the request.");
  if (status >= 500) return workspaceError("WKS.00211401", "The requested operation failed. Please try again later.");
  if (status < 300) return {};
  return emulatorError("FAULT", `Injected HTTP ${status}.`);
}

/**
 * The response a fault answers with, or `undefined` for a delay-only fault (the request then
 * proceeds normally). Drop faults are handled by the server: they have no response.
 */
export function faultResponse(fault: Fault, requestId: string): RawResponse | undefined {
  if (fault.malformed) return { status: fault.status ?? 200, body: TRUNCATED_BODY, headers: fault.headers };
  if (fault.status === undefined) return undefined;
  const body = fault.body ?? defaultFaultBody(fault.status, requestId);
  return { status: fault.status, body: typeof body === "string" ? body : JSON.stringify(body), headers: fault.headers };
}
