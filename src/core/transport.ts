import { EnvHttpProxyAgent, type Dispatcher } from "undici";

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
 * their lowercase forms). Loopback hosts always bypass the proxy, so the emulator is reached
 * directly even on machines that set a proxy.
 */
export function createTransport(env: Env, timeouts: TransportTimeouts = DEFAULT_TIMEOUTS): Dispatcher {
  const userNoProxy = env.NO_PROXY ?? env.no_proxy ?? "";
  // undici only honours the wildcard when NO_PROXY is exactly "*"; it parses a bare "::1" as host
  // ":" port 1 and compares IPv6 hosts with their brackets, hence "[::1]".
  const noProxy = userNoProxy.split(/[,\s]/).includes("*") ? "*" : [userNoProxy, "localhost", "127.0.0.1", "[::1]"].filter(Boolean).join(",");
  return new EnvHttpProxyAgent({
    // "" rather than undefined: undici falls back to process.env for an undefined proxy, which
    // would ignore the environment this function was given.
    httpProxy: env.HTTP_PROXY ?? env.http_proxy ?? "",
    httpsProxy: env.HTTPS_PROXY ?? env.https_proxy ?? "",
    noProxy,
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    keepAliveTimeout: timeouts.keepAliveMs,
  });
}
