/**
 * Credentials stay on their origin (decision 0014). A request to another origin than the ones the
 * auth was configured for — a redirect hop, a paginator's next link — goes without them: no auth
 * applied, no credential headers or query parameters, nothing that holds a known secret. dlt
 * re-applies auth to next links and python-requests keeps custom headers on redirects; restplay
 * deliberately does not, and says so in the trace (`credentials_withheld`).
 */
import { encodeBody, type RequestSpec } from "./request";
import { isCredentialHeader, SENSITIVE_PARAMS, type Masker } from "../shared";

export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** The origins credentials belong to: base_url's and the configured request URL's (an absolute `path` is trusted as configured). */
export function trustedOrigins(urls: readonly string[]): ReadonlySet<string> {
  return new Set(urls.map(originOf).filter((o): o is string => o !== null && o !== "null"));
}

/** A trusted origin, or the https upgrade of a trusted http origin on default ports (python-requests keeps auth there too). */
export function isTrusted(trust: ReadonlySet<string>, url: string): boolean {
  const u = parsedOrigin(url);
  return u !== null && (trust.has(u.origin) || (u.protocol === "https:" && u.port === "" && trust.has(`http://${u.host}`)));
}

type Origin = Pick<URL, "origin" | "protocol" | "port" | "host">;
/** The last URL `isTrusted` parsed: a resource's pages ask about the same URL as written. */
let lastOrigin: { readonly url: string; readonly parsed: Origin | null } | null = null;

function parsedOrigin(url: string): Origin | null {
  if (lastOrigin?.url === url) return lastOrigin.parsed;
  let parsed: Origin | null = null;
  try {
    const { origin, protocol, port, host } = new URL(url);
    parsed = { origin, protocol, port, host };
  } catch {
    parsed = null;
  }
  lastOrigin = { url, parsed };
  return parsed;
}

/** Header and query parameter names an auth added to a request (to remove them on another origin). */
export interface Added {
  readonly headers: readonly string[];
  readonly params: readonly string[];
}

export const NOTHING_ADDED: Added = { headers: [], params: [] };

export function addedBy(before: RequestSpec, after: RequestSpec): Added {
  const had = new Map(before.params);
  return {
    headers: Object.keys(after.headers).filter((k) => before.headers[k] !== after.headers[k]),
    params: after.params.filter(([k, v]) => had.get(k) !== v).map(([k]) => k),
  };
}

/**
 * `spec` without credentials: the names in `added`, credential headers and query parameters by name
 * (the masking lists), anything holding a known secret, and user info in the URL. `removed` names
 * what went (headers as written, parameters as `?name`), for the trace. A body is left as it is:
 * callers check `bodyHoldsSecret` before sending one elsewhere.
 */
export function withoutCredentials(spec: RequestSpec, masker: Masker, added: Added): { spec: RequestSpec; removed: string[] } {
  const removed: string[] = [];
  const addedHeaders = new Set(added.headers.map((h) => h.toLowerCase()));
  const addedParams = new Set(added.params);
  const secretParam = (k: string, v: string) => SENSITIVE_PARAMS.has(k.toLowerCase()) || addedParams.has(k) || masker.containsSecret(v);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.headers)) {
    if (isCredentialHeader(k) || addedHeaders.has(k.toLowerCase()) || masker.containsSecret(v)) removed.push(k);
    else headers[k] = v;
  }
  const params = spec.params.filter(([k, v]) => (secretParam(k, v) ? (removed.push(`?${k}`), false) : true));
  let url = spec.url;
  try {
    const u = new URL(spec.url);
    let changed = false;
    for (const [k, v] of [...u.searchParams]) {
      if (!secretParam(k, v)) continue;
      u.searchParams.delete(k);
      removed.push(`?${k}`);
      changed = true;
    }
    if (u.username || u.password) {
      u.username = "";
      u.password = "";
      removed.push("user info in the URL");
      changed = true;
    }
    if (changed) url = u.toString();
  } catch {
    // Not a URL: fullUrl() reports it when the request is built.
  }
  return { spec: { ...spec, url, headers, params }, removed: [...new Set(removed)] };
}

/** Whether the body a request would send holds a known secret (a token request's client_secret, a key in JSON). */
export function bodyHoldsSecret(spec: RequestSpec, masker: Masker): boolean {
  const { body } = encodeBody(spec);
  return body !== undefined && masker.containsSecret(body);
}
