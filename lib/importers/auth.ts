/**
 * Auth as dlt configures it, from an OpenAPI security scheme or from a captured request's headers and
 * query — always with `dlt.secrets` references, never a literal credential — and the spec mock's
 * matching scheme. Secret names are the ones the mock target fills with demo values (lib/mocks).
 */
import type { MockAuth } from "../mocks";
import type { Guess, PlainObject } from "./types";
import { obj, own, str, type Obj } from "./values";
import { SENSITIVE_HEADERS, SENSITIVE_KEYS } from "../shared";

const secret = (name: string) => ({ $secret: name });

export interface AuthGuess {
  readonly guess: Guess<PlainObject>;
  readonly mock: MockAuth;
}

/** dlt auth for one OpenAPI security scheme (`name` is its key under components.securitySchemes). */
export function authFromScheme(name: string, scheme: Obj, scopes: readonly string[], baseUrl: string): AuthGuess | { note: string } {
  const type = str(own(scheme, "type"));
  const where = `security scheme \`${name}\``;
  if (type === "http" && /^bearer$/i.test(str(own(scheme, "scheme")) ?? "")) {
    return { guess: { value: { type: "bearer", token: secret("token") }, evidence: `${where}: HTTP bearer` }, mock: { kind: "bearer" } };
  }
  if (type === "http" && /^basic$/i.test(str(own(scheme, "scheme")) ?? "")) {
    return {
      guess: {
        value: { type: "http_basic", username: secret("username"), password: secret("password") },
        evidence: `${where}: HTTP basic`,
      },
      mock: { kind: "basic" },
    };
  }
  if (type === "apiKey") {
    const location = str(own(scheme, "in"));
    const key = str(own(scheme, "name")) ?? "Authorization";
    if (location === "cookie") return { note: `${where} sends the key in a cookie, which dlt does not support: add the auth by hand.` };
    const loc = location === "query" ? "query" : "header";
    return {
      guess: {
        value: { type: "api_key", name: key, api_key: secret("api_key"), location: loc },
        evidence: `${where}: an API key in the ${loc} \`${key}\``,
      },
      mock: { kind: "api_key", name: key, location: loc },
    };
  }
  if (type === "oauth2") {
    const flows = obj(own(scheme, "flows"));
    const cc = obj(own(flows, "clientCredentials"));
    const tokenUrl = str(own(cc, "tokenUrl"));
    if (tokenUrl) {
      const absolute = new URL(tokenUrl, baseUrl).href;
      return {
        guess: {
          value: {
            type: "oauth2_client_credentials",
            access_token_url: absolute,
            client_id: secret("client_id"),
            client_secret: secret("client_secret"),
            ...(scopes.length ? { access_token_request_data: { scope: scopes.join(" ") } } : {}),
          },
          evidence:
            `${where}: OAuth2 client credentials, token endpoint ${absolute}` + (scopes.length ? `, scopes ${scopes.join(", ")}` : ""),
        },
        mock: { kind: "oauth2", token_url: absolute },
      };
    }
  }
  if (type === "oauth2" || type === "openIdConnect") {
    return {
      guess: {
        value: { type: "bearer", token: secret("token") },
        evidence: `${where}: ${type} without a client-credentials flow; dlt cannot log in interactively, so supply an access token`,
      },
      mock: { kind: "bearer" },
    };
  }
  return { note: `${where} (type ${type ?? "unknown"}) has no dlt equivalent: add the auth by hand.` };
}

/** What a captured request's credentials become: an auth config, or a header to keep. */
export function authFromRequest(
  headers: readonly (readonly [string, string])[],
  query: readonly (readonly [string, string])[],
): AuthGuess | null {
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === "authorization" && /^bearer\s/i.test(value))
      return {
        guess: {
          value: { type: "bearer", token: secret("token") },
          evidence: "an `Authorization: Bearer …` header (the token itself is not imported)",
        },
        mock: { kind: "bearer" },
      };
    if (lower === "authorization" && /^basic\s/i.test(value))
      return {
        guess: {
          value: { type: "http_basic", username: secret("username"), password: secret("password") },
          evidence: "an `Authorization: Basic …` header (the credentials are not imported)",
        },
        mock: { kind: "basic" },
      };
    // A header that carries credentials (the secrets vocabulary), but not a cookie (dlt has no cookie auth).
    if (SENSITIVE_HEADERS.has(lower) && !/cookie|^proxy-/.test(lower)) {
      return {
        guess: {
          value: { type: "api_key", name, api_key: secret("api_key"), location: "header" },
          evidence: `the \`${name}\` header carries a key (not imported)`,
        },
        mock: { kind: "api_key", name, location: "header" },
      };
    }
  }
  for (const [name] of query) {
    if (SENSITIVE_KEYS.has(name.toLowerCase()) && !["client_id", "username"].includes(name.toLowerCase())) {
      return {
        guess: {
          value: { type: "api_key", name, api_key: secret("api_key"), location: "query" },
          evidence: `the query parameter \`${name}\` carries a key (not imported)`,
        },
        mock: { kind: "api_key", name, location: "query" },
      };
    }
  }
  return null;
}
