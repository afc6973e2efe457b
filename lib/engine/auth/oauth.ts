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
import { getOwn, isPyNumber, jsonShown, PY_NUMBER, pyIntFromText, pyRepr, pyStr } from "../../shared";

interface OAuthOptions {
  readonly tokenUrl: string;
  readonly form: Readonly<Record<string, Json>>;
  readonly defaultExpirySeconds: number;
  readonly preset: string | null;
}

const TRANSPORT_FAILURES = new Set(["http_error", "invalid_json", "network_error", "timeout"]);

const INT_TYPE_ERROR = "TypeError: int() argument must be a string, a bytes-like object or a real number, not";

/** Python's type name of a JSON value (`'list'`, `'NoneType'`), as its errors name it. */
function pyTypeName(v: Json | undefined): string {
  if (v === null || v === undefined) return "NoneType";
  if (Array.isArray(v)) return "list";
  if (isPyNumber(v)) return /^-?\d+$/.test(v[PY_NUMBER]) ? "int" : "float";
  if (typeof v === "object") return "dict";
  return typeof v === "string" ? "str" : typeof v === "boolean" ? "bool" : Number.isInteger(v) ? "int" : "float";
}

/**
 * dlt's `int(response_json.get("expires_in", default_token_expiration))`: the token's lifetime in whole
 * seconds, or the error `int()` raises (a string that is no integer, a null, a list).
 */
function expiresIn(body: { readonly [k: string]: Json }, fallback: number): number | string {
  const v = getOwn<Json>(body, "expires_in");
  if (v === undefined) return fallback;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number" || isPyNumber(v)) {
    const n = typeof v === "number" ? v : Number(v[PY_NUMBER]);
    if (Number.isNaN(n)) return "ValueError: cannot convert float NaN to integer";
    if (!Number.isFinite(n)) return "OverflowError: cannot convert float infinity to integer";
    return Math.trunc(n);
  }
  if (typeof v === "string") {
    const n = pyIntFromText(v);
    return n === null ? `ValueError: invalid literal for int() with base 10: ${pyRepr(v)}` : Number(n);
  }
  return `${INT_TYPE_ERROR} '${pyTypeName(v)}'`;
}

function oauthRuntime(ctx: RunContext, o: OAuthOptions): AuthRuntime {
  let token: string | null = o.preset;
  // dlt: a pre-set token "expires" when the auth is created, so the first request fetches one anyway.
  let expiresAt = 0;
  /** Resources told the token is reused (one auth object may serve several). */
  const announced = new Set<string>();
  /** A token request under way: a resource sharing the object waits for it instead of sending its own. */
  let pending: Promise<string> | null = null;
  const url = () => ctx.masker.url(o.tokenUrl);

  async function fetchToken(resource: string): Promise<string> {
    const extra = Object.keys(o.form).filter((k) => !["client_id", "client_secret", "grant_type"].includes(k));
    ctx.emit({
      type: "auth",
      resource,
      step: "token_request",
      detail: `POST ${url()} (grant_type=client_credentials, client_id, client_secret${extra.map((k) => `, ${k}`).join("")})`,
    });
    const spec: RequestSpec = { method: "POST", url: o.tokenUrl, params: [], headers: {}, data: { ...o.form } };
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
    const body = sent.kind === "ok" ? sent.body : null;
    if (body === null || typeof body !== "object" || Array.isArray(body) || isPyNumber(body)) {
      throw new EngineError(
        "auth_failed",
        `The token response from ${url()} is not a JSON object: dlt's OAuth2ClientCredentials fails reading it ` +
          `(AttributeError: '${pyTypeName(body)}' object has no attribute 'get').`,
        { resource, status: sent.status, url: url() },
      );
    }
    const spellings = ctx.numberText.get(body);
    const access = getOwn<Json>(body, "access_token");
    // dlt's `str(response_json.get("access_token"))`: a missing or null token is sent as `Bearer None`.
    const value = pyStr(access ?? null, spellings?.access_token);
    if (access === undefined || access === null || access === "") {
      const what =
        access === undefined
          ? `no \`access_token\` (keys: ${Object.keys(body).join(", ") || "none"})`
          : `\`access_token: ${jsonShown(access)}\``;
      ctx.emit({
        type: "warning",
        resource,
        code: "no_access_token",
        message: ctx.masker.text(
          `The token response from ${url()} has ${what}: dlt's OAuth2ClientCredentials sends \`Authorization: Bearer ${value}\` ` +
            "then, and so does this run; the API will likely answer 401.",
        ),
      });
    } else ctx.masker.add(value);
    const lifetime = expiresIn(body, o.defaultExpirySeconds);
    if (typeof lifetime === "string")
      throw new EngineError(
        "auth_failed",
        ctx.masker.text(
          `The token response from ${url()} has an \`expires_in\` dlt cannot read as seconds: its OAuth2ClientCredentials ` +
            `reads it with int(), which raises ${lifetime}.`,
        ),
        { resource, status: sent.status, url: url() },
      );
    const fromResponse = Object.hasOwn(body, "expires_in");
    expiresAt = ctx.deps.now() + lifetime * 1000;
    ctx.emit({
      type: "auth",
      resource,
      step: "token_ok",
      detail: `token received, valid for ${lifetime} s (${fromResponse ? "expires_in" : "default_token_expiration"})`,
    });
    return value;
  }

  return {
    describe: `OAuth2 client credentials via ${url()}`,
    async prepare(spec, resource) {
      const now = ctx.deps.now();
      if (!pending && (token === null || now >= expiresAt)) {
        if (token !== null) {
          const detail =
            expiresAt === 0
              ? "the pre-set access_token counts as expired (as in dlt): fetching a token"
              : `the token expired ${Math.round((now - expiresAt) / 1000)} s ago: fetching a new one`;
          ctx.emit({ type: "auth", resource, step: "token_refresh", detail });
        }
        announced.clear();
        pending = fetchToken(resource).finally(() => (pending = null));
        token = await pending;
        return withHeader(spec, "Authorization", `Bearer ${token}`);
      }
      if (pending) token = await pending;
      if (!announced.has(resource)) {
        announced.add(resource);
        const left = Math.round((expiresAt - ctx.deps.now()) / 1000);
        ctx.emit({ type: "auth", resource, step: "token_cached", detail: `reusing the token (valid for ${left} s more)` });
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

/** `access_token_request_data` as dlt spreads it into the form: values as they are (requests encodes a list as repeated fields). */
const formFields = (v: Json | undefined): Record<string, Json> =>
  v && typeof v === "object" && !Array.isArray(v) && !isPyNumber(v) ? { ...v } : {};

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
