/** Response and request helpers shared by the mock APIs. */
import { http, HttpResponse, type HttpHandler, type JsonBodyType } from "msw";

/** A JSON response (`Content-Type: application/json`). */
export const json = (body: JsonBodyType, status = 200, headers: Record<string, string> = {}): Response =>
  HttpResponse.json(body, { status, headers });

/**
 * An integer query parameter, validated like a real API: absent -> `fallback`; not an integer or
 * outside [min, max] -> a 400 response naming the parameter, the value received and the valid range.
 */
export function intParam(url: URL, name: string, fallback: number, min: number, max: number): number | Response {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^-?\d+$/.test(raw.trim()))
    return json({ error: "bad_request", message: `query parameter \`${name}\` must be an integer, got "${raw}"` }, 400);
  const value = Number(raw);
  if (value < min || value > max)
    return json({ error: "bad_request", message: `query parameter \`${name}\` must be between ${min} and ${max}, got ${value}` }, 400);
  return value;
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export const bearerOf = (request: Request): string | null =>
  /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? null;

/** 405 for any other method on a known route (placed after the route's own handlers). */
export function methodNotAllowed(url: string, allow: string): HttpHandler {
  return http.all(url, ({ request }) =>
    json(
      { error: "method_not_allowed", message: `${request.method} is not allowed on ${new URL(request.url).pathname}; use ${allow}` },
      405,
      { Allow: allow },
    ),
  );
}
