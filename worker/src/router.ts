// A minimal path router: exact segments and `:name` placeholders; 404 for unknown paths, 405 with an
// Allow header for a known path with the wrong method, and no internal detail ever in a response.
import { ApiError, errorResponse } from "./http";
import type { Env } from "./env";

export interface RequestContext {
  request: Request;
  env: Env;
  url: URL;
  /** Raw (still percent-encoded) path segments captured by `:name` placeholders. */
  params: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Promise<Response>;

export interface Route {
  path: string;
  methods: Partial<Record<"GET" | "POST", Handler>>;
}

function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(":")) {
      if (g === "") return null;
      params[w.slice(1)] = g;
    } else if (w !== g) {
      return null;
    }
  }
  return params;
}

function allowHeader(route: Route): string {
  const methods: string[] = Object.keys(route.methods);
  if (methods.includes("GET")) methods.push("HEAD");
  return methods.join(", ");
}

export function router(routes: Route[]) {
  return async function handle(request: Request, env: Env): Promise<Response> {
    try {
      const url = new URL(request.url);
      // "/api/health/" is the same resource as "/api/health".
      const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
      for (const route of routes) {
        const params = match(route.path, path);
        if (params === null) continue;
        const isHead = request.method === "HEAD";
        const handler = route.methods[(isHead ? "GET" : request.method) as "GET" | "POST"];
        if (!handler) {
          throw new ApiError(405, "METHOD_NOT_ALLOWED", `${request.method} is not allowed on ${route.path}`, {
            allow: allowHeader(route),
          });
        }
        const response = await handler({ request, env, url, params });
        return isHead ? new Response(null, response) : response;
      }
      throw new ApiError(404, "NOT_FOUND", "No such endpoint");
    } catch (err) {
      if (err instanceof ApiError) return errorResponse(err);
      // Details go to the Worker log only; the client gets a bare INTERNAL.
      console.error("unhandled error:", err instanceof Error ? `${err.name}: ${err.message}` : String(err));
      return errorResponse(new ApiError(500, "INTERNAL", "Internal error"));
    }
  };
}
