/**
 * OAuth2 client credentials (dlt-rest-api.md §9.3) and the seed dialect's `oauth2` run the same way:
 * POST the token URL (form-encoded), send `Authorization: Bearer <access_token>`, reuse the token
 * until `expires_in` (or `default_token_expiration`) has passed, fetch a fresh one when the API
 * answers 401. Token requests are traced like any request (page 0) with the form body masked.
 */
import { EngineError, type Json } from "../types";
import type { RunContext } from "../context";
import type { RequestSpec } from "../request";
import { DLT_DEFAULT_POLICY } from "../retry";
import { send } from "../http";
import { str, withHeader, type AuthFactory, type AuthRuntime } from "./types";

interface OAuthOptions {
  readonly tokenUrl: string;
  readonly form: Readonly<Record<string, string>>;
  readonly defaultExpirySeconds: number;
  readonly preset: string | null;
}

const TRANSPORT_FAILURES = new Set(["http_error", "invalid_json", "network_error", "timeout"]);

function seconds(v: Json | undefined): number | null {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

function oauthRuntime(ctx: RunContext, o: OAuthOptions): AuthRuntime {
  let token: string | null = o.preset;
  // dlt: a pre-set token "expires" when the auth is created, so the first request fetches one anyway.
  let expiresAt = 0;
  let announced = false;
  const url = () => ctx.masker.url(o.tokenUrl);

  async function fetchToken(resource: string): Promise<string> {
    const extra = Object.keys(o.form).filter((k) => !["client_id", "client_secret", "grant_type"].includes(k));
    ctx.emit({
      type: "auth",
      resource,
      step: "token_request",
      detail: `POST ${url()} (grant_type=client_credentials, client_id, client_secret${extra.map((k) => `, ${k}`).join("")})`,
    });
    const spec: RequestSpec = { method: "POST", url: o.tokenUrl, params: [], headers: { accept: "application/json" }, data: { ...o.form } };
    let sent;
    try {
      sent = await send(ctx, spec, { resource, page: 0, policy: DLT_DEFAULT_POLICY, maskBody: (b) => ctx.masker.form(b) });
    } catch (e) {
      if (e instanceof EngineError && TRANSPORT_FAILURES.has(e.code)) {
        throw new EngineError("auth_failed", `The token request to ${url()} failed: ${e.message}`, {
          resource,
          ...(e.details.status !== undefined ? { status: e.details.status } : {}),
          url: url(),
        });
      }
      throw e;
    }
    const body = sent.kind === "ok" && sent.body !== null && typeof sent.body === "object" && !Array.isArray(sent.body) ? sent.body : {};
    const access = body.access_token;
    // dlt would send the string "None" for a missing token; restplay stops with the reason instead.
    if ((typeof access !== "string" && typeof access !== "number") || access === "") {
      throw new EngineError(
        "auth_failed",
        `The token response from ${url()} has no \`access_token\` (keys: ${Object.keys(body).join(", ") || "none"}).`,
        { resource, status: sent.status, url: url() },
      );
    }
    const value = String(access);
    ctx.masker.add(value);
    const fromResponse = seconds(body.expires_in);
    const lifetime = fromResponse ?? o.defaultExpirySeconds;
    expiresAt = ctx.deps.now() + lifetime * 1000;
    ctx.emit({
      type: "auth",
      resource,
      step: "token_ok",
      detail: `token received, valid for ${lifetime} s (${fromResponse !== null ? "expires_in" : "default_token_expiration"})`,
    });
    return value;
  }

  return {
    describe: `OAuth2 client credentials via ${url()}`,
    async prepare(spec, resource) {
      const now = ctx.deps.now();
      if (token === null || now >= expiresAt) {
        if (token !== null) {
          const detail =
            expiresAt === 0
              ? "the pre-set access_token counts as expired (as in dlt): fetching a token"
              : `the token expired ${Math.round((now - expiresAt) / 1000)} s ago: fetching a new one`;
          ctx.emit({ type: "auth", resource, step: "token_refresh", detail });
        }
        token = await fetchToken(resource);
        announced = false;
      } else if (!announced) {
        announced = true;
        ctx.emit({
          type: "auth",
          resource,
          step: "token_cached",
          detail: `reusing the token (valid for ${Math.round((expiresAt - now) / 1000)} s more)`,
        });
      }
      return withHeader(spec, "Authorization", `Bearer ${token}`);
    },
    invalidate(resource, why) {
      if (token !== null) ctx.emit({ type: "auth", resource, step: "token_refresh", detail: why });
      token = null;
      expiresAt = 0;
    },
  };
}

const formFields = (v: Json | undefined): Record<string, string> =>
  v && typeof v === "object" && !Array.isArray(v)
    ? Object.fromEntries(
        Object.entries(v)
          .filter(([, x]) => x !== null)
          .map(([k, x]) => [k, str(x)]),
      )
    : {};

export const oauth2ClientCredentials: AuthFactory = (cfg, ctx) => {
  if (!cfg.access_token_url)
    throw new EngineError("missing_secret", "`oauth2_client_credentials` needs `access_token_url`, the token endpoint.");
  return oauthRuntime(ctx, {
    tokenUrl: str(cfg.access_token_url),
    form: {
      client_id: str(cfg.client_id),
      client_secret: str(cfg.client_secret),
      grant_type: "client_credentials",
      ...formFields(cfg.access_token_request_data),
    },
    defaultExpirySeconds: typeof cfg.default_token_expiration === "number" ? cfg.default_token_expiration : 3600,
    preset: typeof cfg.access_token === "string" && cfg.access_token !== "" ? cfg.access_token : null,
  });
};

/** Seed dialect: `{type: "oauth2", token_url, client_id, client_secret, scope?}` runs as client credentials. */
export const seedOauth2: AuthFactory = (cfg, ctx) => {
  if (!cfg.token_url) throw new EngineError("missing_secret", "auth `oauth2` needs `token_url`, the token endpoint.");
  return oauthRuntime(ctx, {
    tokenUrl: str(cfg.token_url),
    form: {
      client_id: str(cfg.client_id),
      client_secret: str(cfg.client_secret),
      grant_type: "client_credentials",
      ...(typeof cfg.scope === "string" ? { scope: cfg.scope } : {}),
    },
    defaultExpirySeconds: 3600,
    preset: null,
  });
};
