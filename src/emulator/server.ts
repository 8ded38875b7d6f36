import { setMaxListeners } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { ADMIN_PREFIX, adminBodyLimit, adminRoutes, resetState, type EmulatorState } from "./http/admin-routes";
import { checkAdminHeaders, checkAdminTarget } from "./http/admin-gate";
import { API_ROUTES } from "./http/api-routes";
import { handleAdminRequest } from "./http/admin-pipeline";
import { handleApiRequest, type ApiDeps, type ApiOutcome, type ApiRequest } from "./http/api-pipeline";
import { authSchemeOf, type AuthConfig } from "./http/auth";
import { ConnectionGuard } from "./http/connection-guard";
import { DEMO_CREDENTIALS } from "./credentials";
import { emulatorError, gatewayError } from "./http/error-bodies";
import { FaultQueue } from "./faults/queue";
import { HostPolicy } from "./http/host-policy";
import { hasBody, readBody, refuse, send, toRaw } from "./http/http-io";
import { uuid } from "./jobs/ids";
import { JobStore } from "./jobs/store";
import { isoTime } from "./jobs/snapshot";
import { EMULATOR_LIMITS, limitBody, limitLabel } from "./limits";
import type { ApiRequestInfo, EmulatorOptions, RunningEmulator } from "./options";
import { queryObject, RequestLog } from "./request-log";
import { Router } from "./http/router";
import { loadScenario } from "./scenarios/load";
import { ApiStats } from "./stats";

const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

/** How often Node checks the headers and request timeouts; its default (30 s) would stretch them. */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/** Accepts no Host at all (port -1): the admin API's answer should a request beat `listen`. */
const NO_HOSTS = new HostPolicy("", -1);

function splitTarget(target: string): { rawPath: string; query: URLSearchParams } {
  const url = new URL(target, "http://emulator");
  // Route on the path exactly as sent: the WHATWG parser would resolve `.` and `..` segments.
  const rawPath = target.startsWith("/") ? target.split("?")[0]! : url.pathname;
  return { rawPath, query: url.searchParams };
}

function decodePath(rawPath: string): string | undefined {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
}

function authConfig(options: EmulatorOptions): AuthConfig {
  return {
    credentials: options.credentials ?? [{ accessKey: DEMO_CREDENTIALS.accessKey, secretKey: DEMO_CREDENTIALS.secretKey }],
    tokens: options.tokens ?? [DEMO_CREDENTIALS.token],
    maxClockSkewMs: options.maxClockSkewMs ?? DEFAULT_MAX_SKEW_MS,
  };
}

/** 413 of the gateway for an API request body over `max_api_body_bytes`. */
function apiTooLarge(requestId: string) {
  return toRaw({
    status: 413,
    body: gatewayError("APIGW.0201", `Request entity too large: the body is over ${limitLabel(EMULATOR_LIMITS.apiBodyBytes)}.`, requestId),
  });
}

/** The hook's view of a request: the first value of each query key. */
function requestInfo(req: ApiRequest): ApiRequestInfo {
  const query: Record<string, string> = {};
  for (const [key, value] of req.query) if (!(key in query)) query[key] = value;
  return { method: req.method, path: req.path ?? req.rawPath, query };
}

/** Runs the `onApiRequest` hook; its failure becomes the request's answer (500), logged like any other. */
async function runHook(hook: EmulatorOptions["onApiRequest"], req: ApiRequest): Promise<ApiOutcome | undefined> {
  if (!hook) return undefined;
  try {
    await hook(requestInfo(req));
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      response: toRaw({ status: 500, body: emulatorError("INTERNAL", `onApiRequest failed: ${message}`) }),
      auth: authSchemeOf(req.headers),
      fault: false,
    };
  }
}

/** Listens and resolves the bound port (the OS-chosen one for port 0). */
function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts the emulator's HTTP server and resolves once it is listening. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const now = options.now ?? Date.now;
  const state: EmulatorState = { store: new JobStore(now), faults: new FaultQueue(), requests: new RequestLog(), stats: new ApiStats() };
  if (options.scenario) loadScenario(state.store, options.scenario, now());
  const closing = new AbortController();
  // Every delayed request listens on it until its delay ends, so the listeners are the delayed
  // requests in flight, not a leak: without this, the eleventh would print a false warning.
  setMaxListeners(0, closing.signal);
  const host = options.host ?? "127.0.0.1";
  // Known once listening, which is before any request can arrive.
  // eslint-disable-next-line prefer-const -- assigned once listening, read by the handler defined before
  let hosts: HostPolicy | undefined;
  const adminRouter = new Router(adminRoutes(state));
  const deps: ApiDeps = {
    router: new Router(API_ROUTES),
    store: state.store,
    faults: state.faults,
    auth: authConfig(options),
    now,
    signal: closing.signal,
  };

  async function onApiRequest(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    at: string,
    rawPath: string,
    query: URLSearchParams,
    continueBody: () => void,
  ): Promise<void> {
    const method = req.method ?? "GET";
    const read = await readBody(req, EMULATOR_LIMITS.apiBodyBytes.value, continueBody);
    if (read.kind === "aborted") return;
    if (read.kind === "too-large") return refuse(req, res, requestId, apiTooLarge(requestId));
    const body = read.body;
    const apiRequest: ApiRequest = { method, rawPath, path: decodePath(rawPath), query, headers: req.headers, body, requestId };
    const outcome = (await runHook(options.onApiRequest, apiRequest)) ?? (await handleApiRequest(apiRequest, deps));
    const status = outcome.response === "drop" ? 0 : outcome.response.status;
    // Recorded before anything is sent, so a client that reads the log after its response sees it.
    state.requests.record({
      method,
      path: apiRequest.path ?? rawPath,
      query: queryObject(query),
      status,
      auth: outcome.auth,
      ...(outcome.fault ? { fault: true } : {}),
      at,
    });
    if (outcome.response === "drop") req.socket.destroy();
    else send(res, requestId, outcome.response);
  }

  /** The admin API: its headers are checked before any of the body is read (see http/admin-gate.ts). */
  async function onAdminRequest(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    rawPath: string,
    query: URLSearchParams,
    continueBody: () => void,
  ): Promise<void> {
    const refused = checkAdminTarget(req.url ?? "/") ?? checkAdminHeaders(req.headers, hasBody(req), hosts ?? NO_HOSTS);
    if (refused) return refuse(req, res, requestId, toRaw(refused));
    const limit = adminBodyLimit(rawPath);
    const read = await readBody(req, limit.value, continueBody);
    if (read.kind === "aborted") return;
    if (read.kind === "too-large")
      return refuse(req, res, requestId, toRaw({ status: 413, body: limitBody(limit, `body: larger than ${limitLabel(limit)}`) }));
    return send(
      res,
      requestId,
      handleAdminRequest({ method: req.method ?? "GET", rawPath, query, body: read.body, requestId, now: now() }, adminRouter, state),
    );
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse, continueBody: () => void): Promise<void> {
    guard.track(req.socket, res);
    const requestId = uuid();
    const at = isoTime(now());
    const { rawPath, query } = splitTarget(req.url ?? "/");
    if (rawPath.startsWith(ADMIN_PREFIX)) return onAdminRequest(req, res, requestId, rawPath, query, continueBody);
    state.stats.begin();
    try {
      return await onApiRequest(req, res, requestId, at, rawPath, query, continueBody);
    } finally {
      state.stats.end();
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse, continueBody: () => void): void {
    onRequest(req, res, continueBody).catch((error: unknown) => {
      // Closing aborts fault delays; the connection is going away anyway. Nor can a half-sent answer be replaced.
      if (closing.signal.aborted || res.headersSent) return void req.socket.destroy();
      const message = error instanceof Error ? error.message : String(error);
      send(res, uuid(), toRaw({ status: 500, body: emulatorError("INTERNAL", message) }));
    });
  }

  // Short timeouts: a connection that sends nothing, or a request that never completes, is closed
  // within seconds instead of holding a socket for Node's default minute.
  const server: Server = createServer(
    {
      headersTimeout: EMULATOR_LIMITS.headersTimeoutMs.value,
      requestTimeout: EMULATOR_LIMITS.requestTimeoutMs.value,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    (req, res) => handle(req, res, () => {}),
  );
  server.keepAliveTimeout = EMULATOR_LIMITS.keepAliveTimeoutMs.value;
  // Without this listener Node answers `Expect: 100-continue` itself, before the size is checked.
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => handle(req, res, () => res.writeContinue()));
  const guard = new ConnectionGuard(EMULATOR_LIMITS.connections.value);
  server.on("connection", (socket: Socket) => guard.admit(socket));

  const port = await listen(server, options.port ?? 0, host);
  hosts = new HostPolicy(host, port);
  let closed: Promise<void> | undefined;
  // Idempotent (the promise is kept), so `after` hooks and `finally` blocks may both call it.
  const closeServer = () =>
    new Promise<void>((resolve, reject) => {
      closing.abort();
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    store: state.store,
    faults: state.faults,
    requests: state.requests,
    stats: () => state.stats.snapshot(),
    resetStats: () => state.stats.reset(),
    reset: () => resetState(state),
    close: () => (closed ??= closeServer()),
  };
}
