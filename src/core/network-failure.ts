// What a failed connection means, in words a person can act on (the low-level code stays, in
// parentheses, for searching): a name that does not resolve is most often a wrong region.

/** Codes of a name that did not resolve. */
const UNRESOLVED = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME"]);
/** Codes of a server certificate that is not trusted. */
const UNTRUSTED =
  /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH)/;

/** Phrases by code; `{host}` is the host and port. */
const PHRASES: Readonly<Record<string, string>> = {
  ECONNREFUSED: "connection refused by {host}",
  ECONNRESET: "connection to {host} reset",
  EPIPE: "connection to {host} closed while sending",
  ETIMEDOUT: "no connection to {host} in time",
  EHOSTUNREACH: "{host} is unreachable",
  ENETUNREACH: "no route to {host}",
  UND_ERR_CONNECT_TIMEOUT: "no connection to {host} in time",
  UND_ERR_HEADERS_TIMEOUT: "no answer from {host} in time",
  UND_ERR_BODY_TIMEOUT: "the answer from {host} stalled",
  UND_ERR_SOCKET: "connection to {host} lost",
  UND_ERR_CLOSED: "connection to {host} closed",
};

/** A network failure in words: what happened (with the code), and what to check when that is known. */
export interface NetworkFailureText {
  readonly what: string;
  readonly check?: string;
}

/** Describes a network failure against `host` (`URL.host`: `name:port` or `name`). */
export function describeNetworkFailure(code: string, host: string): NetworkFailureText {
  const name = host.replace(/:\d+$/, "").replace(/^\[(.*)\]$/, "$1");
  if (UNRESOLVED.has(code))
    return { what: `could not resolve ${name} (${code})`, check: "check the region (--region, HW_REGION_NAME) or the endpoint" };
  if (UNTRUSTED.test(code)) return { what: `the TLS certificate of ${host} is not trusted (${code})` };
  const phrase = PHRASES[code];
  return { what: phrase === undefined ? `network error ${code} talking to ${host}` : `${phrase.replace("{host}", host)} (${code})` };
}
