import { isIP } from "node:net";

/** The names every loopback-bound emulator answers to, whatever address it was given. */
const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"] as const;

// `host[:port]` or `[v6]:port` and nothing else: no userinfo, path or spaces for URL to tidy away.
const AUTHORITY = /^(?:\[[0-9A-Fa-f:.]+\]|[^\s:/?#@[\]]+)(?::\d{1,5})?$/;

/** An authority as the WHATWG URL parser normalises it: lowercase name, canonical IP, port (80 when absent). */
function parseAuthority(value: string): { readonly hostname: string; readonly port: number } | undefined {
  if (!AUTHORITY.test(value)) return undefined;
  try {
    const url = new URL(`http://${value}`);
    return { hostname: url.hostname, port: url.port === "" ? 80 : Number(url.port) };
  } catch {
    return undefined;
  }
}

const isIpLiteral = (hostname: string) => isIP(hostname.replace(/^\[|\]$/g, "")) !== 0;

/**
 * Which `Host` (and `Origin`) values the admin API accepts: the address the emulator listens on
 * and its loopback names, with its port. A page in a browser can make the browser send requests
 * to the emulator, but under DNS rebinding they carry the attacker's host name, and cross-origin
 * ones carry the page's `Origin`; both are refused. IP literals cannot be rebound, so an emulator
 * listening on every interface (`0.0.0.0`, `::`) accepts any of them.
 */
export class HostPolicy {
  private readonly names: ReadonlySet<string>;
  private readonly anyIp: boolean;

  /** @param host the address listened on, as given (`127.0.0.1`, `::1`, `localhost`, `0.0.0.0`, ...) */
  constructor(
    host: string,
    private readonly port: number,
  ) {
    const bound = parseAuthority(isIP(host) === 6 ? `[${host}]` : host)?.hostname;
    this.names = new Set<string>([...LOOPBACK_NAMES, ...(bound === undefined ? [] : [bound])]);
    this.anyIp = bound === "0.0.0.0" || bound === "[::]";
  }

  /** Whether a `Host` header value names this emulator. */
  allowsHost(value: string | undefined): boolean {
    const authority = value === undefined ? undefined : parseAuthority(value);
    if (authority === undefined || authority.port !== this.port) return false;
    return this.names.has(authority.hostname) || (this.anyIp && isIpLiteral(authority.hostname));
  }

  /** Whether an `Origin` header value is a page served by this emulator (`null` is not). */
  allowsOrigin(value: string): boolean {
    const match = /^http:\/\/([^/]+)$/i.exec(value);
    return match !== null && this.allowsHost(match[1]);
  }

  /** The accepted hosts, for messages: `127.0.0.1:8080, localhost:8080 or [::1]:8080`. */
  describe(): string {
    const hosts = [...this.names].map((name) => `${name}:${this.port}`);
    if (this.anyIp) hosts.push(`any IP address:${this.port}`);
    return `${hosts.slice(0, -1).join(", ")} or ${hosts[hosts.length - 1]!}`;
  }
}
