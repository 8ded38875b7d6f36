import { isIP } from "node:net";
import { InvalidInputError } from "./errors";

/** True for `localhost`, 127.0.0.0/8 and ::1, where plain `http://` is allowed. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host === "::1") return true;
  return isIP(host) === 4 && host.startsWith("127.");
}

/**
 * Validates an endpoint URL: `https://`, or `http://` on a loopback host only; no path, query,
 * or credentials. Returns it normalised without a trailing slash.
 * @throws InvalidInputError naming `field`
 */
export function validateEndpoint(text: string, field: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidInputError(
      field,
      `${field}: invalid URL ${JSON.stringify(redactUserinfo(text))}; use https://host[:port] (http:// only for 127.0.0.1, ::1 or localhost)`,
    );
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    throw new InvalidInputError(
      field,
      `${field}: ${url.protocol}// is not allowed for ${url.hostname}; use https:// (http:// only for 127.0.0.1, ::1 or localhost)`,
    );
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) {
    throw new InvalidInputError(
      field,
      `${field}: ${JSON.stringify(redactUserinfo(text))} must be scheme://host[:port] with no path, query or credentials`,
    );
  }
  return `${url.protocol}//${url.host}`;
}

/**
 * Hides `user:password@` so a rejected endpoint or proxy URL can be echoed without leaking a
 * password. A malformed URL has no reliable userinfo boundary (`http://user:pa/ss@proxy` is
 * refused because of the `/`), so everything after `scheme://` (or from the start, with no such
 * scheme) up to the last `@` becomes `***`.
 */
export function redactUserinfo(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^]*@/i, "$1***@");
}
