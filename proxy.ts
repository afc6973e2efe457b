/**
 * Security headers on every response (issue #13, finding 6; docs/security.md). Next 16's `proxy`
 * (formerly middleware) runs before every request, static files included:
 * - pages get a strict, nonce-based CSP (`'strict-dynamic'`: only scripts Next rendered with this
 *   request's nonce, and what they load, run). Next reads the nonce from the request's CSP header and
 *   puts it on its own scripts; the layout puts it on the before-paint theme script. Pages are
 *   therefore rendered per request.
 * - scripts and workers under /_next get a nonce-free policy that lets Monaco's module workers load
 *   their chunks from this origin;
 * Plus nosniff, no framing, no referrer and an isolated browsing context everywhere (./security-headers.js).
 * The API routes are not matched: next.config.js gives them the same headers and a CSP that loads
 * nothing, and their request bodies reach the routes' own caps unbuffered (the proxy would read up to
 * 10 MB of a body first, and cut a larger one).
 */
import { NextResponse, type NextRequest } from "next/server";
import { COMMON_HEADERS, policy } from "./security-headers";

/** For scripts, workers, styles and fonts served from this origin (no nonce: workers load their chunks). */
const ASSET_CSP = policy([
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
]);

/** The page policy. Monaco styles its DOM inline, so styles may be inline; scripts may not. */
export function pageCsp(nonce: string, dev: boolean): string {
  return policy([
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ]);
}

export function proxy(request: NextRequest): NextResponse {
  const path = request.nextUrl.pathname;
  let response: NextResponse;
  let csp: string;
  if (path.startsWith("/_next/") || /\.[a-z0-9]+$/i.test(path)) {
    response = NextResponse.next();
    csp = ASSET_CSP;
  } else {
    const nonce = btoa(crypto.randomUUID());
    csp = pageCsp(nonce, process.env.NODE_ENV === "development");
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set("content-security-policy", csp);
  for (const [k, v] of Object.entries(COMMON_HEADERS)) response.headers.set(k, v);
  return response;
}

/** Everything but the API routes (see above). */
export const config = { matcher: ["/((?!api/).*)"] };
