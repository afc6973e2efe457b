/**
 * The seed APIs, implemented server-side with MSW and independent of the engine (ARCHITECTURE rule 4):
 * OAuth2 token endpoints, an offset-paginated listing and two page-number listings, with realistic
 * auth failures and one deterministic fault of each kind per instance ("per run").
 */
import { http, HttpResponse, type HttpHandler } from "msw";
import { datasets, type Rec } from "./data";
import { LAB_SECRETS, labHandlers } from "./lab";

export const MOCK_DEMO_SECRETS: Readonly<Record<string, string>> = {
  client_id: "demo-client-id",
  client_secret: "demo-client-secret",
  api_key: "demo-api-key",
  access_token: "demo-access-token",
  token: "demo-access-token",
  ...LAB_SECRETS,
};

export interface MockState {
  readonly tokens: Set<string>;
  readonly faultsFired: Set<string>;
  tokenCounter: number;
}

export const newState = (): MockState => ({ tokens: new Set(), faultsFired: new Set(), tokenCounter: 0 });

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => HttpResponse.json(body as Record<string, unknown>, { status, headers });

function tokenHandler(state: MockState, url: string): HttpHandler {
  return http.post(url, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    let id = form.get("client_id");
    let secret = form.get("client_secret");
    const basic = /^Basic\s+(.+)$/i.exec(request.headers.get("authorization") ?? "");
    if (basic?.[1]) {
      const [u, p] = atob(basic[1]).split(":");
      id ??= u ?? null;
      secret ??= p ?? null;
    }
    if (form.get("grant_type") !== "client_credentials") {
      return json({ error: "unsupported_grant_type", error_description: "grant_type must be client_credentials" }, 400);
    }
    if (id !== MOCK_DEMO_SECRETS.client_id || secret !== MOCK_DEMO_SECRETS.client_secret) {
      return json({ error: "invalid_client", error_description: "Client authentication failed: unknown client_id or wrong client_secret." }, 401);
    }
    state.tokenCounter += 1;
    const token = `mock-token-${new URL(url).hostname.split(".")[0]}-${state.tokenCounter}-7f3a9c`;
    state.tokens.add(token);
    return json({ access_token: token, token_type: "Bearer", expires_in: 3600 });
  });
}

type AuthCheck = Response | null;

function checkAuth(state: MockState, request: Request, allowApiKey: boolean): AuthCheck {
  const url = new URL(request.url);
  const key = url.searchParams.get("api_key");
  if (allowApiKey && key !== null) {
    return key === MOCK_DEMO_SECRETS.api_key ? null : json({ error: "forbidden", message: "invalid api key" }, 403);
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!bearer) {
    return json({ error: "unauthorized", message: allowApiKey ? "Provide a bearer token or the api_key query parameter." : "Provide a bearer token." }, 401, { "WWW-Authenticate": 'Bearer realm="api.example.com"' });
  }
  if (bearer === MOCK_DEMO_SECRETS.access_token || state.tokens.has(bearer)) return null;
  return json({ error: "invalid_token", message: "The access token is invalid or expired." }, 401, { "WWW-Authenticate": 'Bearer error="invalid_token"' });
}

function intParam(url: URL, name: string, fallback: number, min: number, max: number): number | Response {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^-?\d+$/.test(raw)) return json({ error: "bad_request", message: `\`${name}\` must be an integer, got "${raw}".` }, 400);
  const v = Number(raw);
  if (v < min || v > max) return json({ error: "bad_request", message: `\`${name}\` must be between ${min} and ${max}.` }, 400);
  return v;
}

/** A fault that fires once per mock instance. */
function once(state: MockState, key: string): boolean {
  if (state.faultsFired.has(key)) return false;
  state.faultsFired.add(key);
  return true;
}

function offsetListing(state: MockState): HttpHandler {
  return http.get("https://api.example.com/v1/resource", ({ request }) => {
    const denied = checkAuth(state, request, true);
    if (denied) return denied;
    const url = new URL(request.url);
    const offset = intParam(url, "offset", 0, 0, 1_000_000);
    if (offset instanceof Response) return offset;
    const limit = intParam(url, "limit", 100, 1, 1000);
    if (limit instanceof Response) return limit;
    if (offset === 100 && once(state, "resource-429")) {
      return json({ error: "rate_limited", message: "Too many requests, retry later." }, 429, { "Retry-After": "2" });
    }
    if (offset === 200 && once(state, "resource-503")) {
      return json({ error: "unavailable", message: "The service is temporarily unavailable." }, 503);
    }
    const all = datasets().resource;
    return json({ data: all.slice(offset, offset + limit), total: all.length, offset, limit });
  });
}

function pageListing(state: MockState, path: string, key: string, rows: () => Rec[]): HttpHandler {
  return http.get(`https://api.example.com${path}`, ({ request }) => {
    const denied = checkAuth(state, request, false);
    if (denied) return denied;
    const url = new URL(request.url);
    const page = intParam(url, "page", 0, 0, 100_000);
    if (page instanceof Response) return page;
    const size = intParam(url, "page_size", 100, 1, 1000);
    if (size instanceof Response) return size;
    if (page === 1 && once(state, `${path}-429`)) {
      return json({ Title: "Rate limit exceeded", Detail: "Retry after 2 seconds." }, 429, { "Retry-After": "2" });
    }
    const all = rows();
    return json({ [key]: all.slice(page * size, page * size + size), total: Math.ceil(all.length / size), page, page_size: size });
  });
}

export function createHandlers(state: MockState): HttpHandler[] {
  return [
    tokenHandler(state, "https://login.example.com/oauth2/v2.0/token"),
    tokenHandler(state, "https://api.example.com/oauth/token"),
    tokenHandler(state, "https://identity.example.com/connect/token"),
    offsetListing(state),
    pageListing(state, "/v1/bank_transactions", "BankTransactions", () => datasets().bankTransactions),
    pageListing(state, "/v1/contacts", "Contacts", () => datasets().contacts),
    ...labHandlers(state),
  ];
}
