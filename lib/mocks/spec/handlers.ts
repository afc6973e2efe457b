/**
 * MSW handlers for an API described by a MockSpec (an imported OpenAPI document or sample): one GET
 * handler per endpoint, the auth scheme checked against the mock demo credentials (anything else gets
 * a 401 that says what was expected), an OAuth2 token endpoint when the spec has one.
 */
import { http, type HttpHandler } from "msw";
import type { JsonValue, Rec } from "../data";
import { bearerOf, json } from "../respond";
import { MOCK_DEMO_SECRETS } from "../secrets";
import { checkToken, issueToken, type MockState } from "../state";
import { getOwn, recordValues, replaceBraces, setOwn, trimChars } from "../../shared";
import { generateRecords } from "./generate";
import { pageOf } from "./paging";
import type { MockAuth, MockEndpoint, MockSpec } from "./plan";

const demo = (name: string) => getOwn(MOCK_DEMO_SECRETS, name) ?? "";
const unauthorized = (message: string) => json({ error: "unauthorized", message }, 401, { "WWW-Authenticate": "Bearer" });

function authorize(state: MockState, auth: MockAuth, request: Request, url: URL, issuer: string): Response | null {
  switch (auth.kind) {
    case "none":
      return null;
    case "bearer":
    case "oauth2": {
      const token = bearerOf(request);
      if (token === null) return unauthorized("send Authorization: Bearer <token>");
      if (auth.kind === "bearer" && (token === demo("token") || token === demo("access_token"))) return null;
      const check = checkToken(state, token);
      return check.ok && check.issuer === issuer
        ? null
        : unauthorized(
            "unknown or expired token " +
              `(the mock accepts ${auth.kind === "bearer" ? `the demo token "${demo("token")}"` : "tokens from its token endpoint"})`,
          );
    }
    case "basic": {
      const m = /^Basic\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
      if (!m?.[1]) return unauthorized("send HTTP Basic credentials");
      let pair = "";
      try {
        pair = atob(m[1]);
      } catch {
        pair = "";
      }
      return pair === `${demo("username")}:${demo("password")}`
        ? null
        : unauthorized("wrong user name or password (the mock accepts the demo username and password)");
    }
    case "api_key": {
      const value = auth.location === "header" ? request.headers.get(auth.name) : url.searchParams.get(auth.name);
      if (value === null)
        return unauthorized(`send the API key in the ${auth.location === "header" ? "header" : "query parameter"} \`${auth.name}\``);
      return value === demo("api_key") ? null : json({ error: "forbidden", message: "invalid api key" }, 403);
    }
  }
}

const getAt = (v: JsonValue | undefined, path: readonly string[]): JsonValue | undefined =>
  path.reduce<JsonValue | undefined>((o, k) => (typeof o === "object" && o !== null && !Array.isArray(o) ? getOwn(o, k) : undefined), v);

/** `obj` with `value` at `path`, creating objects on the way. */
function putAt(body: Rec, path: readonly string[], value: JsonValue): void {
  let o: Rec = body;
  path.forEach((k, i) => {
    if (i === path.length - 1) setOwn(o, k, value);
    else {
      const next = getOwn(o, k);
      const child: Rec = typeof next === "object" && next !== null && !Array.isArray(next) ? next : {};
      setOwn(o, k, child);
      o = child;
    }
  });
}

/** `/users/{user_id}/posts` → an MSW pattern with safe parameter names, and those names back. */
function pattern(base: URL, path: string): { url: string; names: string[] } {
  const names: string[] = [];
  const route = replaceBraces(path, (name) => `:p${names.push(name) - 1}`, true);
  return { url: `${base.origin}${trimChars(base.pathname, "/", "end")}${route}`, names };
}

/** Values the cached records of all endpoints may hold together (a nested path has its records per parent). */
const CACHED_VALUES = 1_000_000;

/** Generated records by endpoint and parameters, dropped all at once when they hold too many values or keys. */
class RecordCache {
  private readonly entries = new Map<string, Rec[]>();
  private values = 0;

  get(key: string, make: () => Rec[], valuesPerRecord: number): Rec[] {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const made = make();
    const values = made.length * valuesPerRecord;
    if (this.entries.size >= 1000 || this.values + values > CACHED_VALUES) {
      this.entries.clear();
      this.values = 0;
    }
    this.entries.set(key, made);
    this.values += values;
    return made;
  }
}

function endpointHandler(state: MockState, spec: MockSpec, endpoint: MockEndpoint, memo: RecordCache): HttpHandler {
  const base = new URL(spec.base_url);
  const valuesPerRecord = recordValues(endpoint.record, Number.MAX_SAFE_INTEGER);
  const { url, names } = pattern(base, endpoint.path);
  return http.get(url, ({ request, params }) => {
    const requestUrl = new URL(request.url);
    const denied = authorize(state, spec.auth, request, requestUrl, base.hostname);
    if (denied) return denied;
    const values: Record<string, string> = {};
    names.forEach((name, i) => setOwn(values, name, decodeURIComponent(String(params[`p${i}`] ?? ""))));
    const key = `${endpoint.path}?${JSON.stringify(values)}`;
    const make = () => generateRecords(endpoint.kind === "entity" ? { ...endpoint, count: 1 } : endpoint, values);
    const all = memo.get(key, make, valuesPerRecord);
    if (endpoint.kind === "entity") return json(endpoint.records_path.length ? nest(endpoint.records_path, all[0] ?? {}) : (all[0] ?? {}));
    let records = all;
    for (const f of endpoint.filters) {
      const bound = requestUrl.searchParams.get(f.param);
      if (bound === null || bound === "") continue;
      records = records.filter((r) => {
        const v = getAt(r, f.field);
        return typeof v !== "string" && typeof v !== "number" ? true : f.op === "gte" ? String(v) >= bound : String(v) <= bound;
      });
    }
    const page = pageOf(endpoint.paging, requestUrl, records);
    if (page instanceof Response) return page;
    if (endpoint.records_path.length === 0) return json(page.records as JsonValue[], 200, { ...page.headers });
    const body: Rec = {};
    putAt(body, endpoint.records_path, page.records as JsonValue[]);
    for (const [path, value] of page.fields) putAt(body, path, value);
    return json(body, 200, { ...page.headers });
  });
}

const nest = (path: readonly string[], value: JsonValue): Rec => {
  const body: Rec = {};
  putAt(body, path, value);
  return body;
};

function tokenHandler(state: MockState, tokenUrl: string, issuer: string): HttpHandler {
  return http.post(tokenUrl, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    const basic = /^Basic\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    const [id, secret] = basic ? atob(basic).split(":") : [form.get("client_id"), form.get("client_secret")];
    if (form.get("grant_type") !== "client_credentials")
      return json({ error: "unsupported_grant_type", error_description: "use grant_type=client_credentials" }, 400);
    if (id !== demo("client_id") || secret !== demo("client_secret"))
      return json({ error: "invalid_client", error_description: "the mock accepts the demo client_id and client_secret" }, 401);
    return json({ access_token: issueToken(state, issuer, 3600), token_type: "Bearer", expires_in: 3600 });
  });
}

/** Handlers for the spec; endpoints with fewer path parameters first, so `/users/me` wins over `/users/{id}`. */
export function specHandlers(state: MockState, spec: MockSpec): HttpHandler[] {
  const memo = new RecordCache();
  const issuer = new URL(spec.base_url).hostname;
  const params = (e: MockEndpoint) => (e.path.match(/\{/g) ?? []).length;
  const endpoints = [...spec.endpoints].sort((a, b) => params(a) - params(b));
  return [
    ...(spec.auth.kind === "oauth2" ? [tokenHandler(state, spec.auth.token_url, issuer)] : []),
    ...endpoints.map((e) => endpointHandler(state, spec, e, memo)),
  ];
}
