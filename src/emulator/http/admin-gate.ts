import type { IncomingHttpHeaders } from "node:http";
import { emulatorError } from "./error-bodies";
import type { HostPolicy } from "./host-policy";
import type { JsonResponse } from "./http-types";

/** The one media type admin bodies may have (a `charset=utf-8` parameter is allowed). */
export const ADMIN_CONTENT_TYPE = "application/json";

/** Whether a `content-type` value is `application/json`, with no parameter but `charset=utf-8`. */
export function isJsonContentType(value: string): boolean {
  const [type, ...params] = value.split(";").map((part) => part.trim().toLowerCase());
  if (type !== ADMIN_CONTENT_TYPE) return false;
  return params.every((param) => /^charset=(?:utf-8|"utf-8")$/.test(param));
}

/** A header value as sent, cut short and quoted for a message. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);
}

/**
 * Checks the request target of an admin request: origin-form only (`/_emulator/…`). An
 * absolute-form target (`http://evil.example/_emulator/reset`) names its own authority, which
 * RFC 9112 puts before the `Host` header, so the Host check below would judge the wrong host.
 * @returns the 403 answer, or `undefined` when the request may proceed
 */
export function checkAdminTarget(target: string): JsonResponse | undefined {
  if (target.startsWith("/")) return undefined;
  return {
    status: 403,
    body: emulatorError("FORBIDDEN", `target: admin requests must use a path (/_emulator/…), not an absolute URL (got ${quoted(target)})`),
  };
}

/**
 * Checks the headers of an admin request before its body is read: it must be addressed to this
 * emulator (`Host`), not come from another origin's page (`Origin`), and carry JSON. Those are
 * what a web page open in the user's browser cannot fake: DNS rebinding changes the `Host`, a
 * cross-origin request carries the page's `Origin`, and a body a page may send without a CORS
 * preflight is `text/plain`, form data or multipart, never `application/json`.
 * @returns the 403 or 415 answer, or `undefined` when the request may proceed
 */
export function checkAdminHeaders(headers: IncomingHttpHeaders, withBody: boolean, hosts: HostPolicy): JsonResponse | undefined {
  const host = headers.host;
  if (!hosts.allowsHost(host)) {
    const got = host === undefined ? "none" : quoted(host);
    return {
      status: 403,
      body: emulatorError(
        "FORBIDDEN",
        `host: admin requests must be addressed to ${hosts.describe()}, not ${got} (a guard against DNS rebinding)`,
      ),
    };
  }
  const origin = headers.origin;
  if (origin !== undefined && !hosts.allowsOrigin(origin)) {
    return {
      status: 403,
      body: emulatorError("FORBIDDEN", `origin: admin requests from web pages of other origins are refused (got ${quoted(origin)})`),
    };
  }
  const type = headers["content-type"];
  // A content-type is checked even without a body: an empty text/plain POST is what a page can send.
  if ((withBody || type !== undefined) && (type === undefined || !isJsonContentType(type))) {
    const got = type === undefined ? "none" : quoted(type);
    return {
      status: 415,
      body: emulatorError(
        "UNSUPPORTED_MEDIA_TYPE",
        `content-type: admin request bodies must be ${ADMIN_CONTENT_TYPE} (got ${got}); with curl, add -H 'content-type: ${ADMIN_CONTENT_TYPE}'`,
      ),
    };
  }
  return undefined;
}
