import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { canonicalRequest, computeSignature, formatSdkDate, parseAuthorization, sha256Hex } from "../../core/signer";
import type { EmulatorCredential } from "../credentials";

/** How a request presented itself: with a signature, a token, or neither. */
export type AuthScheme = "aksk" | "token" | "none";

/** Who may call the emulated APIs. */
export interface AuthConfig {
  readonly credentials: readonly EmulatorCredential[];
  readonly tokens: readonly string[];
  /** Largest accepted difference between `X-Sdk-Date` and the emulator clock. */
  readonly maxClockSkewMs: number;
}

/** The parts of a request authentication looks at. */
export interface AuthInput {
  readonly method: string;
  /** Percent-decoded path without the query; the signer re-encodes it. */
  readonly path: string;
  /** Decoded query pairs, as `URLSearchParams` yields them. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** Emulator clock, ms since the epoch. */
  readonly now: number;
}

/** The verdict; a failure `reason` is safe to return to the caller (it never holds a secret). */
export type AuthResult =
  { readonly ok: true; readonly scheme: AuthScheme } | { readonly ok: false; readonly scheme: AuthScheme; readonly reason: string };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** Equality that takes the same time wherever the strings differ (hashing first hides the length). */
function safeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** The scheme a request uses, decided as the gateway does: a token header wins over a signature. */
export function authSchemeOf(headers: IncomingHttpHeaders): AuthScheme {
  if (headers["x-auth-token"] !== undefined) return "token";
  return headers.authorization !== undefined ? "aksk" : "none";
}

/** Parses `YYYYMMDDTHHMMSSZ`; `undefined` unless it is a real instant in exactly that format. */
export function parseSdkDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 20240230 over into March; the round trip rejects such dates.
  return formatSdkDate(new Date(ms)) === value ? ms : undefined;
}

function checkToken(input: AuthInput, config: AuthConfig): AuthResult {
  const token = header(input.headers, "x-auth-token") ?? "";
  // Compare against every token so the time taken does not reveal which one nearly matched.
  const known = config.tokens.map((t) => safeEqual(t, token)).includes(true);
  return known ? { ok: true, scheme: "token" } : { ok: false, scheme: "token", reason: "token decrypt fail" };
}

function checkSignature(input: AuthInput, config: AuthConfig): AuthResult {
  const fail = (reason: string): AuthResult => ({ ok: false, scheme: "aksk", reason });
  const auth = parseAuthorization(header(input.headers, "authorization"));
  if (!auth) return fail("authorization header is not a valid SDK-HMAC-SHA256 header");
  const credential = config.credentials.find((c) => c.accessKey === auth.accessKey);
  if (!credential) return fail("ak not found");
  const signed = auth.signedHeaders.map((h) => h.toLowerCase());
  if (!signed.includes("host") || !signed.includes("x-sdk-date")) return fail("host and x-sdk-date must be signed headers");
  const sdkDate = header(input.headers, "x-sdk-date") ?? "";
  const signedAt = parseSdkDate(sdkDate);
  if (signedAt === undefined) return fail("x-sdk-date invalid");
  if (Math.abs(input.now - signedAt) > config.maxClockSkewMs) return fail("x-sdk-date expired");
  if (credential.securityToken !== undefined) {
    const sent = header(input.headers, "x-security-token");
    if (!signed.includes("x-security-token") || sent === undefined || !safeEqual(sent, credential.securityToken)) {
      return fail("x-security-token invalid");
    }
  }
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = header(input.headers, name);
    if (value === undefined) return fail("verify aksk signature fail");
    headers[name] = value;
  }
  const canonical = canonicalRequest({
    method: input.method,
    path: input.path,
    query: input.query,
    headers,
    payloadSha256: header(input.headers, "x-sdk-content-sha256") ?? sha256Hex(input.body),
  });
  const expected = Buffer.from(computeSignature(credential.secretKey, canonical, sdkDate), "hex");
  const given = Buffer.from(auth.signature, "hex");
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? { ok: true, scheme: "aksk" }
    : fail("verify aksk signature fail");
}

/**
 * Authenticates an API request: an `X-Auth-Token` must be a known token; otherwise the request
 * must carry a valid SDK-HMAC-SHA256 signature, rebuilt with the same canonical rules as the client.
 */
export function authenticate(input: AuthInput, config: AuthConfig): AuthResult {
  switch (authSchemeOf(input.headers)) {
    case "token":
      return checkToken(input, config);
    case "aksk":
      return checkSignature(input, config);
    case "none":
      return { ok: false, scheme: "none", reason: "x-auth-token not found" };
  }
}
