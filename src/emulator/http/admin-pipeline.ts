import type { EmulatorState } from "./admin-routes";
import { emulatorError } from "./error-bodies";
import type { RawResponse } from "../faults/response";
import { parseJson, toRaw } from "./http-io";
import type { Handler } from "./http-types";
import { EMULATOR_LIMITS, limitLabel } from "../limits";
import type { Router } from "./router";

/** An admin request, read once by the server. */
export interface AdminRequest {
  readonly method: string;
  readonly rawPath: string;
  readonly query: URLSearchParams;
  readonly body: Buffer;
  readonly requestId: string;
  readonly now: number;
}

/** Handles an admin request: no faults, no authentication, no request log. */
export function handleAdminRequest(req: AdminRequest, router: Router<Handler>, state: EmulatorState): RawResponse {
  const match = router.match(req.method, req.rawPath);
  if (match.kind === "not-found") return toRaw({ status: 404, body: emulatorError("NOT_FOUND", `no admin endpoint ${req.rawPath}`) });
  if (match.kind === "method-not-allowed") {
    const allow = match.allow.join(", ");
    return toRaw({ status: 405, body: emulatorError("METHOD_NOT_ALLOWED", `allowed: ${allow}`), headers: { allow } });
  }
  const parsed = parseJson(req.body);
  if (!parsed.ok) {
    const message =
      parsed.reason === "depth" ? `body: nests deeper than ${limitLabel(EMULATOR_LIMITS.jsonDepth)}` : "body: must be valid JSON";
    return toRaw({ status: 400, body: emulatorError("INVALID", message) });
  }
  return toRaw(
    match.route.handler({
      params: match.params,
      query: req.query,
      body: parsed.value,
      requestId: req.requestId,
      now: req.now,
      store: state.store,
    }),
  );
}
