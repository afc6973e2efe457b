/** Auth implementations, keyed by the schema's `type` union: the compiler checks both lists match (rule 2). */
import type { AuthType } from "../config/schema";
import { EngineError, type Json } from "./types";
import type { RunContext } from "./context";
import { send, type AuthRuntime } from "./http";
import { setParam, type RequestSpec } from "./request";
import { DLT_DEFAULT_POLICY } from "./retry";

/** An auth config after references were replaced by their values. */
export type ResolvedAuth = { readonly type: AuthType } & { readonly [key: string]: Json | undefined };

const str = (v: Json | undefined) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
const withHeader = (spec: RequestSpec, name: string, value: string): RequestSpec => ({ ...spec, headers: { ...spec.headers, [name]: value } });

function base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function oauth(ctx: RunContext, tokenUrl: string, form: Record<string, string>, defaultExpirySeconds: number, preset: string | undefined): AuthRuntime {
  let token: string | undefined = preset;
  // dlt: a pre-set token "expires" at creation, so it is refreshed on the first request anyway.
  let expiresAt = 0;
  const fetchToken = async (resource: string) => {
    ctx.emit({ type: "auth", resource, step: "token_request", detail: `POST ${ctx.masker.url(tokenUrl)} (grant_type=client_credentials)` });
    const spec: RequestSpec = { method: "POST", url: tokenUrl, params: [], headers: { accept: "application/json" }, data: { grant_type: "client_credentials", ...form } };
    let res;
    try {
      res = await send(ctx, spec, { resource, page: 0 }, DLT_DEFAULT_POLICY);
    } catch (e) {
      if (e instanceof EngineError && (e.code === "http_error" || e.code === "invalid_json")) {
        throw new EngineError("auth_failed", `The token request failed: ${e.message}`, { resource, status: e.details.status, url: e.details.url });
      }
      throw e;
    }
    const body = res.body && typeof res.body === "object" && !Array.isArray(res.body) ? res.body : {};
    // dlt quirk: a missing access_token becomes the string "None"; we stop with a clear error instead.
    if (typeof body.access_token !== "string" || body.access_token.length === 0) {
      throw new EngineError("auth_failed", "The token response has no `access_token`.", { resource, status: res.status, url: ctx.masker.url(tokenUrl) });
    }
    token = body.access_token;
    const expiresIn = typeof body.expires_in === "number" ? body.expires_in : Number(body.expires_in ?? NaN);
    const seconds = Number.isFinite(expiresIn) ? expiresIn : defaultExpirySeconds;
    expiresAt = ctx.deps.now() + seconds * 1000;
    ctx.emit({ type: "auth", resource, step: "token_ok", detail: `token valid for ${seconds} s${Number.isFinite(expiresIn) ? " (expires_in)" : " (default_token_expiration)"}` });
  };
  let announcedCache = false;
  return {
    describe: `OAuth2 client credentials via ${ctx.masker.url(tokenUrl)}`,
    async prepare(spec, resource) {
      if (!token || ctx.deps.now() >= expiresAt) {
        if (token && expiresAt > 0) ctx.emit({ type: "auth", resource, step: "token_refresh", detail: "the token expired: fetching a new one" });
        await fetchToken(resource);
        announcedCache = false;
      } else if (!announcedCache) {
        announcedCache = true;
        ctx.emit({ type: "auth", resource, step: "token_cached", detail: `reusing the token for ${Math.round((expiresAt - ctx.deps.now()) / 1000)} s more` });
      }
      return withHeader(spec, "Authorization", `Bearer ${token}`);
    },
    invalidate() {
      token = undefined;
      expiresAt = 0;
    },
  };
}

type Factory = (cfg: ResolvedAuth, ctx: RunContext) => AuthRuntime;

export const AUTH_IMPLEMENTATIONS = {
  bearer: (cfg) => ({ describe: "bearer token", prepare: async (spec) => withHeader(spec, "Authorization", `Bearer ${str(cfg.token)}`) }),
  api_key: (cfg) => {
    const name = typeof cfg.name === "string" ? cfg.name : "Authorization";
    const location = typeof cfg.location === "string" ? cfg.location : "header";
    const key = str(cfg.api_key);
    if (location === "cookie") {
      return { describe: "api_key in a cookie", prepare: async () => { throw new EngineError("unsupported", "api_key with `location: cookie` is not supported by dlt (NotImplementedError on the first request). Use `header` or `query`."); } };
    }
    if (location === "query" || location === "param") return { describe: `api_key in query parameter \`${name}\``, prepare: async (spec) => setParam(spec, name, key) };
    return { describe: `api_key in header \`${name}\``, prepare: async (spec) => withHeader(spec, name, key) };
  },
  http_basic: (cfg) => ({ describe: "HTTP basic", prepare: async (spec) => withHeader(spec, "Authorization", `Basic ${base64(`${str(cfg.username)}:${str(cfg.password)}`)}`) }),
  oauth2_client_credentials: (cfg, ctx) => {
    const extra = cfg.access_token_request_data && typeof cfg.access_token_request_data === "object" && !Array.isArray(cfg.access_token_request_data)
      ? Object.fromEntries(Object.entries(cfg.access_token_request_data).map(([k, v]) => [k, str(v)]))
      : {};
    if (!cfg.access_token_url) throw new EngineError("invalid_config", "oauth2_client_credentials needs `access_token_url`.");
    const expiry = typeof cfg.default_token_expiration === "number" ? cfg.default_token_expiration : 3600;
    return oauth(ctx, str(cfg.access_token_url), { client_id: str(cfg.client_id), client_secret: str(cfg.client_secret), ...extra }, expiry, typeof cfg.access_token === "string" ? cfg.access_token : undefined);
  },
  oauth2: (cfg, ctx) => {
    if (!cfg.token_url) throw new EngineError("invalid_config", "auth `oauth2` needs `token_url`.");
    const scope: Record<string, string> = typeof cfg.scope === "string" ? { scope: cfg.scope } : {};
    return oauth(ctx, str(cfg.token_url), { client_id: str(cfg.client_id), client_secret: str(cfg.client_secret), ...scope }, 3600, undefined);
  },
} satisfies Record<AuthType, Factory>;

export function createAuth(cfg: ResolvedAuth, ctx: RunContext): AuthRuntime {
  const factory: Factory = AUTH_IMPLEMENTATIONS[cfg.type];
  return factory(cfg, ctx);
}
