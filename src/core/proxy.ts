import { redactUserinfo } from "./endpoint";
import { InvalidInputError } from "./errors";

type Env = Readonly<Record<string, string | undefined>>;

/** The proxy settings the transport uses, read from the environment and validated. */
export interface ProxySettings {
  /** Proxy for `http://` endpoints; `""` for none. */
  readonly httpProxy: string;
  /** Proxy for `https://` endpoints; `""` for none. */
  readonly httpsProxy: string;
  /** Hosts reached directly: the user's `NO_PROXY` plus the loopback hosts (or `*`). */
  readonly noProxy: string;
}

/** The variable of `names` that is set (uppercase first, as curl and undici read them), and its value. */
function pick(env: Env, names: readonly [string, string]): { name: string; value: string } {
  const name = names.find((n) => env[n] !== undefined) ?? names[0];
  return { name, value: env[name] ?? "" };
}

/**
 * A proxy URL as undici's ProxyAgent takes it: `http://` or `https://`, a host, and nothing that
 * would be silently dropped. Checked here because undici throws a bare `TypeError: Invalid URL`
 * from deep inside the first request.
 * @throws InvalidInputError naming the variable, its value shown without credentials
 */
function validateProxy(name: string, value: string): string {
  if (value === "") return "";
  const shown = JSON.stringify(redactUserinfo(value));
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") {
    throw new InvalidInputError(
      name,
      `${name}: invalid proxy URL ${shown}; use http://host:port or https://host:port (credentials as user:password@ are allowed)`,
    );
  }
  return value;
}

/**
 * The proxy settings of `env`: `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` or their lowercase forms.
 * Loopback hosts always bypass the proxy, so the emulator is reached directly even on machines
 * that set one.
 * @throws InvalidInputError for a malformed proxy URL, before any request
 */
export function proxySettings(env: Env): ProxySettings {
  const http = pick(env, ["HTTP_PROXY", "http_proxy"]);
  const https = pick(env, ["HTTPS_PROXY", "https_proxy"]);
  const userNoProxy = pick(env, ["NO_PROXY", "no_proxy"]).value;
  // undici only honours the wildcard when NO_PROXY is exactly "*"; it parses a bare "::1" as host
  // ":" port 1 and compares IPv6 hosts with their brackets, hence "[::1]".
  const noProxy = userNoProxy.split(/[,\s]/).includes("*")
    ? "*"
    : [userNoProxy, "localhost", "127.0.0.1", "[::1]"].filter(Boolean).join(",");
  return { httpProxy: validateProxy(http.name, http.value), httpsProxy: validateProxy(https.name, https.value), noProxy };
}
