/** One entry of a route table: a method, a path pattern such as `/v1/{project_id}/jobs/{job_id}`, a handler. */
export interface Route<H> {
  readonly method: string;
  readonly pattern: string;
  readonly handler: H;
}

/** What a path and method resolve to. */
export type RouteMatch<H> =
  | { readonly kind: "found"; readonly route: Route<H>; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: "method-not-allowed"; readonly allow: readonly string[] }
  | { readonly kind: "not-found" };

type Segment = { readonly literal: string } | { readonly param: string };

interface CompiledRoute<H> {
  readonly route: Route<H>;
  readonly segments: readonly Segment[];
}

function compile<H>(route: Route<H>): CompiledRoute<H> {
  const segments = route.pattern.split("/").map((part): Segment => {
    const param = /^\{(\w+)\}$/.exec(part);
    return param ? { param: param[1]! } : { literal: part };
  });
  return { route, segments };
}

function literalCount(c: CompiledRoute<unknown>): number {
  return c.segments.filter((s) => "literal" in s).length;
}

/**
 * Matches raw (still percent-encoded) path segments, then decodes each parameter on its own,
 * so an id containing an encoded `/` or any other character stays one parameter.
 */
function matchSegments(segments: readonly Segment[], raw: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== raw.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    const part = raw[i]!;
    if ("literal" in segment) {
      if (part !== segment.literal) return undefined;
    } else {
      if (part === "") return undefined;
      try {
        params[segment.param] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    }
  }
  return params;
}

/** A route table. More specific patterns (more literal segments) win, so `/x/actions/count` beats `/x/{id}/count`. */
export class Router<H> {
  private readonly routes: readonly CompiledRoute<H>[];

  constructor(routes: readonly Route<H>[]) {
    this.routes = routes.map(compile).sort((a, b) => literalCount(b) - literalCount(a));
  }

  /** Resolves `method` and a raw path (no query) against the table. */
  match(method: string, rawPath: string): RouteMatch<H> {
    const raw = rawPath.split("/");
    const allow: string[] = [];
    for (const compiled of this.routes) {
      const params = matchSegments(compiled.segments, raw);
      if (!params) continue;
      if (compiled.route.method === method) return { kind: "found", route: compiled.route, params };
      allow.push(compiled.route.method);
    }
    return allow.length > 0 ? { kind: "method-not-allowed", allow: [...new Set(allow)] } : { kind: "not-found" };
  }
}
