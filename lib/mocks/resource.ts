/**
 * api.example.com GET /v1/resource (seeds 000–003): offset paging, bearer token or `?api_key=`.
 * Injected faults, once per instance: the first request for offset=100 gets 429 with Retry-After: 2,
 * the first request for offset=200 gets 503 (both statuses are retried by dlt's default session).
 */
import { http, type HttpHandler } from "msw";
import { resourceRecords } from "./data";
import { MOCK_DEMO_SECRETS } from "./secrets";
import { intParam, json, methodNotAllowed } from "./respond";
import { firstTime, type MockState } from "./state";
import { requireBearer } from "./tokens";

export const RESOURCE_URL = "https://api.example.com/v1/resource";
/** Issuers whose tokens /v1/resource accepts (the token endpoints of seeds 000, 001 and 004). */
const ISSUERS = ["login.example.com", "api.example.com", "identity.example.com"] as const;
export const MAX_LIMIT = 1000;
const MAX_OFFSET = 1_000_000;

function authorize(state: MockState, request: Request, url: URL): Response | null {
  const key = url.searchParams.get("api_key");
  if (key !== null) return key === MOCK_DEMO_SECRETS.api_key ? null : json({ error: "forbidden", message: "invalid api key" }, 403);
  return requireBearer(state, request, ISSUERS, "credentials required: send a bearer token or the api_key query parameter");
}

export function resourceHandlers(state: MockState): HttpHandler[] {
  const get = http.get(RESOURCE_URL, ({ request }) => {
    const url = new URL(request.url);
    const denied = authorize(state, request, url);
    if (denied) return denied;
    const offset = intParam(url, "offset", 0, 0, MAX_OFFSET);
    if (offset instanceof Response) return offset;
    const limit = intParam(url, "limit", 100, 1, MAX_LIMIT);
    if (limit instanceof Response) return limit;
    if (offset === 100 && firstTime(state, "resource:offset=100")) {
      return json({ error: "rate_limited", message: "too many requests; retry after 2 seconds" }, 429, { "Retry-After": "2" });
    }
    if (offset === 200 && firstTime(state, "resource:offset=200")) {
      return json({ error: "service_unavailable", message: "the service is temporarily unavailable" }, 503);
    }
    const all = resourceRecords();
    return json({ data: all.slice(offset, offset + limit), total: all.length, offset, limit });
  });
  return [get, methodNotAllowed(RESOURCE_URL, "GET")];
}
