/** A Workspace APP error body. */
export interface WorkspaceErrorBody {
  error_code: string;
  error_msg: string;
}

/** An API Gateway error body: the Workspace shape plus the request id. */
export interface GatewayErrorBody extends WorkspaceErrorBody {
  request_id: string;
}

/** An IMS error body. */
export interface ImsErrorBody {
  error: { code: string; message: string };
}

/** `{"error_code", "error_msg"}`, as Workspace APP answers errors. */
export function workspaceError(code: string, message: string): WorkspaceErrorBody {
  return { error_code: code, error_msg: message };
}

/** `{"error_code", "error_msg", "request_id"}`, as the API Gateway answers errors. */
export function gatewayError(code: string, message: string, requestId: string): GatewayErrorBody {
  return { error_code: code, error_msg: message, request_id: requestId };
}

/** `{"error": {"code", "message"}}`, as IMS answers errors. */
export function imsError(code: string, message: string): ImsErrorBody {
  return { error: { code, message } };
}

/** 404 of Workspace APP for an unknown job. UNCONFIRMED code: the spec's 404 example code, with a job-specific message. */
export const WORKSPACE_JOB_NOT_FOUND = workspaceError("WKS.00211902", "The job does not exist.");

/** 404 of IMS for an unknown job. UNCONFIRMED: IMS documents no 404 for ShowJob; code and message are a choice. */
export const IMS_JOB_NOT_FOUND = imsError("IMG.0104", "The job does not exist.");

/** 405 for a known path with the wrong method (spec example code). */
export const METHOD_NOT_ALLOWED = workspaceError("WKS.00000405", "The method specified in the request is not allowed for this resource.");

/** 404 of the gateway for a path no API is published on. */
export function apiNotFound(requestId: string): GatewayErrorBody {
  return gatewayError("APIGW.0101", "The API does not exist or has not been published in the environment.", requestId);
}

/** 401 of the gateway; `reason` says which check failed and never contains a secret. */
export function authFailed(reason: string, requestId: string): GatewayErrorBody {
  return gatewayError("APIG.0301", `Incorrect IAM authentication information: ${reason}`, requestId);
}

/** 429 of the gateway: the throttling body of the APIG error table. */
export function throttled(requestId: string): GatewayErrorBody {
  return gatewayError(
    "APIG.0308",
    "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 minute",
    requestId,
  );
}

/** An error of the emulator's own admin API (or its internals); codes start with `EMULATOR.`. */
export function emulatorError(code: string, message: string): WorkspaceErrorBody {
  return workspaceError(`EMULATOR.${code}`, message);
}

/** 400 of Workspace APP for a missing or invalid query parameter (the spec's BadRequest example). */
export const INVALID_PARAMETER = workspaceError("WKS.00211102", "The parameter is invalid.");
