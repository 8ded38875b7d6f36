import { createHash, createHmac } from "node:crypto";

/** Algorithm name in the `Authorization` header and the string to sign. */
export const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";
/** SHA-256 of the empty body. */
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** What is signed: everything the canonical request is built from. */
export interface SignableRequest {
  /** HTTP method, e.g. `GET`. */
  readonly method: string;
  /** Decoded URL path, e.g. `/v1/p/jobs/j` (the trailing `/` is added for signing only). */
  readonly path: string;
  /** Decoded query parameters in any order; repeated keys allowed. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Headers to sign, name → value; names are case-insensitive. Must include `host` and `x-sdk-date`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Lowercase hex SHA-256 of the body; default: the empty-body hash. */
  readonly payloadSha256?: string;
}

/**
 * Percent-encodes with the RFC 3986 unreserved set (`A-Z a-z 0-9 - . _ ~`) and uppercase hex,
 * UTF-8 for non-ASCII: the encoding of the official SDK signer.
 */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Compares by UTF-16 code units, as JavaScript's default sort does. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Canonical URI: each segment encoded, always ending in `/`. */
export function canonicalUri(path: string): string {
  const encoded = path.split("/").map(encodeRfc3986).join("/");
  return encoded.endsWith("/") ? encoded : `${encoded}/`;
}

/** Canonical query: pairs sorted by key then value, each side encoded, joined with `&`. */
export function canonicalQuery(query: ReadonlyArray<readonly [string, string]>): string {
  return [...query]
    .sort(([ka, va], [kb, vb]) => byCodeUnits(ka, kb) || byCodeUnits(va, vb))
    .map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`)
    .join("&");
}

/** The signed-headers list: lowercased names in code-unit order, joined with `;`. */
export function signedHeaderNames(headers: Readonly<Record<string, string>>): string[] {
  return Object.keys(headers)
    .map((name) => name.toLowerCase())
    .sort(byCodeUnits);
}

/** Builds the canonical request string exactly as the official signer does. */
export function canonicalRequest(req: SignableRequest): string {
  const lower = new Map(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const names = signedHeaderNames(req.headers);
  const headerLines = names.map((name) => `${name}:${lower.get(name)}\n`).join("");
  return [
    req.method.toUpperCase(),
    canonicalUri(req.path),
    canonicalQuery(req.query),
    headerLines,
    names.join(";"),
    req.payloadSha256 ?? EMPTY_BODY_SHA256,
  ].join("\n");
}

/** Lowercase hex SHA-256 of a string or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The string to sign for a canonical request at an `X-Sdk-Date` time stamp. */
export function stringToSign(canonical: string, sdkDate: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

/** Lowercase hex HMAC-SHA256 signature of a canonical request. */
export function computeSignature(secretKey: string, canonical: string, sdkDate: string): string {
  return createHmac("sha256", secretKey).update(stringToSign(canonical, sdkDate)).digest("hex");
}

/** Formats a time as `YYYYMMDDTHHMMSSZ` (UTC), the `X-Sdk-Date` format. */
export function formatSdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** Input of {@link signRequest}. */
export interface SignInput {
  /** HTTP method, e.g. `GET`. */
  readonly method: string;
  /** Full request URL; its host (with port) is signed as `host`. */
  readonly url: URL;
  /** Headers to send and sign (e.g. `content-type`, `x-project-id`, `x-security-token`). */
  readonly headers: Readonly<Record<string, string>>;
  /** Access key id, sent in the clear in `Authorization`. */
  readonly accessKey: string;
  /** Secret key: the HMAC key, never sent. */
  readonly secretKey: string;
  /** Signing time; default now. */
  readonly date?: Date;
  /** Request body; default none. */
  readonly body?: string | Uint8Array;
}

/**
 * Signs a request with SDK-HMAC-SHA256 and returns the headers to send: the input headers plus
 * `host`, `x-sdk-date` and `authorization`.
 */
export function signRequest(input: SignInput): Record<string, string> {
  const sdkDate = formatSdkDate(input.date ?? new Date());
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers)) headers[k.toLowerCase()] = v;
  headers.host = input.url.host;
  headers["x-sdk-date"] = sdkDate;
  const canonical = canonicalRequest({
    method: input.method,
    path: decodeURIComponent(input.url.pathname),
    query: [...input.url.searchParams.entries()],
    headers,
    // As the official signer: an explicit content hash (e.g. UNSIGNED-PAYLOAD) is signed as given.
    payloadSha256: headers["x-sdk-content-sha256"] ?? (input.body === undefined ? undefined : sha256Hex(input.body)),
  });
  const signature = computeSignature(input.secretKey, canonical, sdkDate);
  headers.authorization = `${SIGNING_ALGORITHM} Access=${input.accessKey}, SignedHeaders=${signedHeaderNames(headers).join(";")}, Signature=${signature}`;
  return headers;
}

/** The parts of an `Authorization: SDK-HMAC-SHA256 …` header. */
export interface ParsedAuthorization {
  /** The `Access=` value. */
  readonly accessKey: string;
  /** The `SignedHeaders=` names, lowercase, in the order given. */
  readonly signedHeaders: string[];
  /** The `Signature=` value: 64 lowercase hex digits. */
  readonly signature: string;
}

/** Parses an `Authorization` header; `undefined` when it is not SDK-HMAC-SHA256 or is malformed. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  const match = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(header?.trim() ?? "");
  if (!match) return undefined;
  return { accessKey: match[1]!, signedHeaders: match[2]!.split(";"), signature: match[3]! };
}
