import { EnvHttpProxyAgent, type Dispatcher } from "undici";
import { proxySettings } from "./proxy";

/** Socket-level timeouts of the HTTP transport. */
export interface TransportTimeouts {
  /** TCP + TLS connect. @default 10000 */
  readonly connectMs: number;
  /** Until response headers arrive. @default 30000 */
  readonly headersMs: number;
  /** Between body chunks. @default 30000 */
  readonly bodyMs: number;
  /** Idle keep-alive sockets are closed after this. @default 30000 */
  readonly keepAliveMs: number;
}

/** Defaults sized for APIs whose backends time out at 30 s. */
export const DEFAULT_TIMEOUTS: TransportTimeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000, keepAliveMs: 30_000 };

type Env = Readonly<Record<string, string | undefined>>;

/**
 * A keep-alive undici dispatcher that honours `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` (and
 * their lowercase forms; see {@link proxySettings}, which also refuses malformed proxy URLs).
 */
export function createTransport(env: Env, timeouts: TransportTimeouts = DEFAULT_TIMEOUTS): Dispatcher {
  // "" rather than undefined for no proxy: undici falls back to process.env for an undefined one,
  // which would ignore the environment this function was given.
  const { httpProxy, httpsProxy, noProxy } = proxySettings(env);
  return new EnvHttpProxyAgent({
    httpProxy,
    httpsProxy,
    noProxy,
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    keepAliveTimeout: timeouts.keepAliveMs,
  });
}
