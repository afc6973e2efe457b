/**
 * OAuth2 client-credentials token endpoints (RFC 6749 §4.4) and the bearer check the APIs share.
 * Client authentication by form fields or by HTTP Basic (§2.3.1: id and secret form-encoded, then
 * base64). Tokens are opaque, remembered per instance, and tied to the host that issued them.
 */
import { http, type HttpHandler } from "msw";
import { MOCK_DEMO_SECRETS } from "./secrets";
import { bearerOf, json, methodNotAllowed } from "./respond";
import { checkToken, issueToken, type MockState } from "./state";

export const TOKEN_ENDPOINTS = [
  "https://login.example.com/oauth2/v2.0/token",
  "https://api.example.com/oauth/token",
  "https://identity.example.com/connect/token",
] as const;

export const TOKEN_LIFETIME_SECONDS = 3600;

const oauthError = (status: number, error: string, description: string, headers: Record<string, string> = {}) =>
  json({ error, error_description: description }, status, { "Cache-Control": "no-store", ...headers });

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
};

/** Client id and secret from `Authorization: Basic …`; null if absent, "malformed" if unreadable. */
function basicCredentials(request: Request): { id: string; secret: string } | null | "malformed" {
  const m = /^Basic\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  if (!m?.[1]) return null;
  let raw: string;
  try {
    raw = atob(m[1]);
  } catch {
    return "malformed";
  }
  const colon = raw.indexOf(":");
  if (colon < 0) return "malformed";
  return { id: decode(raw.slice(0, colon)), secret: decode(raw.slice(colon + 1)) };
}

export function tokenEndpoint(state: MockState, url: string): HttpHandler[] {
  const issuer = new URL(url).hostname;
  const post = http.post(url, async ({ request }) => {
    const body = await request.text();
    const type = request.headers.get("content-type") ?? "";
    if (body.length > 0 && !/^application\/x-www-form-urlencoded\b/i.test(type)) {
      return oauthError(
        400,
        "invalid_request",
        `the token request body must be application/x-www-form-urlencoded, got "${type || "no Content-Type"}"`,
      );
    }
    const form = new URLSearchParams(body);
    const grant = form.get("grant_type");
    if (grant === null) return oauthError(400, "invalid_request", "missing form field grant_type (expected client_credentials)");
    if (grant !== "client_credentials")
      return oauthError(400, "unsupported_grant_type", `grant_type "${grant}" is not supported; use client_credentials`);

    const basic = basicCredentials(request);
    if (basic === "malformed") {
      return oauthError(401, "invalid_client", "the Authorization: Basic header is not base64 of client_id:client_secret", {
        "WWW-Authenticate": `Basic realm="${issuer}"`,
      });
    }
    const id = basic ? basic.id : form.get("client_id");
    const secret = basic ? basic.secret : form.get("client_secret");
    if (!id || !secret) {
      return oauthError(
        401,
        "invalid_client",
        "client authentication required: send client_id and client_secret as form fields or HTTP Basic",
        basic ? { "WWW-Authenticate": `Basic realm="${issuer}"` } : {},
      );
    }
    if (id !== MOCK_DEMO_SECRETS.client_id || secret !== MOCK_DEMO_SECRETS.client_secret) {
      return oauthError(
        401,
        "invalid_client",
        "client authentication failed: unknown client_id or wrong client_secret",
        basic ? { "WWW-Authenticate": `Basic realm="${issuer}"` } : {},
      );
    }
    const token = issueToken(state, issuer, TOKEN_LIFETIME_SECONDS);
    return json({ access_token: token, token_type: "Bearer", expires_in: TOKEN_LIFETIME_SECONDS }, 200, { "Cache-Control": "no-store" });
  });
  return [post, methodNotAllowed(url, "POST")];
}

const unauthorized = (realm: string, message: string) =>
  json({ error: "unauthorized", message }, 401, { "WWW-Authenticate": `Bearer realm="${realm}"` });

const invalidToken = (realm: string, message: string) =>
  json({ error: "invalid_token", message }, 401, {
    "WWW-Authenticate": `Bearer realm="${realm}", error="invalid_token", error_description="${message}"`,
  });

/**
 * Checks `Authorization: Bearer`: the demo access_token, or a live token from one of `issuers`.
 * Returns null when the request may proceed, else the 401 to send.
 */
export function requireBearer(state: MockState, request: Request, issuers: readonly string[], missingMessage: string): Response | null {
  const realm = new URL(request.url).hostname;
  const token = bearerOf(request);
  if (token === null) return unauthorized(realm, missingMessage);
  if (token === MOCK_DEMO_SECRETS.access_token) return null;
  const check = checkToken(state, token);
  if (!check.ok) return invalidToken(realm, check.reason === "expired" ? "the access token expired" : "the access token is invalid");
  if (!issuers.includes(check.issuer))
    return invalidToken(realm, `the access token was issued by ${check.issuer}; this API accepts tokens from ${issuers.join(", ")}`);
  return null;
}
