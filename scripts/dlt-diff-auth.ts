/**
 * The auth cases of scripts/dlt-diff.ts (`--auth`): bearer, api_key (header or query, beside the endpoint's own
 * params), http_basic (a non-ASCII password too) and OAuth2 client credentials (with and without
 * `access_token_request_data`), on the client, the endpoint or `resource_defaults`, against an API that records
 * what each request carried. Compared by every request the API saw: method, path, query, the auth headers, and a
 * token request's content type and body.
 */
import type { Json } from "../lib/engine";
import { rng } from "./dlt-diff-cases";

export interface AuthCase {
  readonly config: Record<string, Json>;
  /** The API's answer, and the request as the comparison writes it. */
  serve(request: Seen): { status?: number; body: string; headers: Record<string, string>; seen: string };
}

export interface Seen {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export function makeAuthCase(seed: number, baseUrl: string): AuthCase {
  const r = rng(seed);
  const kind = r.pick(["bearer", "api_key", "api_key", "http_basic", "oauth2_client_credentials"] as const);
  let auth: Record<string, Json>;
  if (kind === "bearer") auth = { type: "bearer", token: "tok-123" };
  else if (kind === "api_key") {
    const query = r.next() < 0.5;
    auth = { type: "api_key", name: query ? r.pick(["api_key", "key"]) : r.pick(["X-API-Key", "Authorization"]), api_key: "k-456" };
    if (query || r.next() < 0.5) auth.location = query ? "query" : "header";
  } else if (kind === "http_basic") auth = { type: "http_basic", username: "user", password: r.pick(["pw", "pässwörd", "a:b"]) };
  else {
    auth = { type: "oauth2_client_credentials", access_token_url: `${baseUrl}oauth/token`, client_id: "cid", client_secret: "csecret" };
    if (r.next() < 0.5) auth.access_token_request_data = { scope: "read" };
  }
  const where = r.pick(["client", "endpoint", "defaults"] as const);
  const endpoint: Record<string, Json> = {
    path: "items",
    data_selector: "data",
    paginator: { type: "page_number", base_page: 1, total_path: "total" },
  };
  if (r.next() < 0.5) endpoint.params = { a: "1" };
  if (where === "endpoint") endpoint.auth = auth;
  return {
    config: {
      client: { base_url: baseUrl, ...(where === "client" ? { auth } : {}) },
      ...(where === "defaults" ? { resource_defaults: { endpoint: { auth } } } : {}),
      resources: [{ name: "items", endpoint }],
    },
    serve({ method, url, headers, body }) {
      const q = [...url.searchParams]
        .map(([k, v]) => `${k}=${v}`)
        .sort()
        .join("&");
      const h = (name: string) => String(headers[name] ?? "-");
      const form = body === "" ? "" : ` ${headers["content-type"] ?? "-"} ${body.split("&").sort().join("&")}`;
      const seen = `${method} ${url.pathname}?${q} authorization=${h("authorization")} x-api-key=${h("x-api-key")}${form}`;
      if (url.pathname === "/oauth/token") return { body: JSON.stringify({ access_token: "at-789", expires_in: 3600 }), headers: {}, seen };
      const page = Number(url.searchParams.get("page") ?? 1);
      return { body: JSON.stringify({ data: page === 1 ? [{ id: 1 }, { id: 2 }] : [{ id: 3 }], total: 2 }), headers: {}, seen };
    },
  };
}
