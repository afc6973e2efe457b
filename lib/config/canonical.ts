/** The seed dialect rewritten as dlt 1.26 accepts it (shared/spec/seed-dialect.md, dlt-rest-api.md §14). */
import type { PlainValue } from "../formats";

type Obj = { [k: string]: PlainValue };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const AUTH_SECRET_FIELDS = ["token", "api_key", "password", "client_secret", "access_token"];

export interface RuntimeRetry {
  /** dlt counts all attempts: `max_retries + 1`. */
  readonly request_max_attempts: number;
  readonly request_backoff_factor: number;
  readonly retry_status_codes: number[];
}

export interface Canonical {
  readonly config: PlainValue;
  readonly runtime: RuntimeRetry | null;
  readonly notes: string[];
}

const DLT_DEFAULT_STATUSES = (s: number) => s === 429 || (s >= 500 && s <= 599);

export function toDltCanonical(value: PlainValue): Canonical {
  const notes: string[] = [];
  const handlers: Obj[] = [];
  const copy: unknown = JSON.parse(JSON.stringify(value));

  const fixAuth = (auth: PlainValue, where: string): PlainValue => {
    if (!isObj(auth)) return auth;
    let out: Obj = { ...auth };
    if (auth.type === "oauth2") {
      const { token_url, scope, type: _t, ...rest } = auth;
      out = { type: "oauth2_client_credentials", access_token_url: token_url ?? null, ...rest };
      if (scope !== undefined) out.access_token_request_data = { scope };
      notes.push(`${where}: auth type \`oauth2\` written as \`oauth2_client_credentials\` with \`access_token_url\`.`);
    }
    for (const f of AUTH_SECRET_FIELDS) {
      if (typeof out[f] === "string") {
        out[f] = { $secret: f };
        notes.push(`${where}: the literal \`${f}\` was replaced by dlt.secrets["${f}"]; put its value in .dlt/secrets.toml.`);
      }
    }
    return out;
  };

  const fixEndpoint = (ep: PlainValue, where: string): PlainValue => {
    if (!isObj(ep)) return ep;
    const out: Obj = { ...ep };
    if ("auth" in out) out.auth = fixAuth(out.auth ?? null, where);
    const p = out.paginator;
    if (isObj(p) && p.type === "page_number" && ("limit" in p || "limit_param" in p)) {
      const { limit, limit_param, ...rest } = p;
      out.paginator = rest;
      if (limit !== undefined) {
        const param = typeof limit_param === "string" ? limit_param : "limit";
        out.params = { ...(isObj(out.params) ? out.params : {}), [param]: limit ?? null };
        notes.push(`${where}: page size moved from the paginator to \`params.${param}\`.`);
      }
    }
    if (isObj(out.error_handler)) {
      handlers.push(out.error_handler);
      delete out.error_handler;
      notes.push(`${where}: \`error_handler\` removed; dlt's retries are set globally (see the runtime settings).`);
    }
    return out;
  };

  if (isObj(copy)) {
    if (isObj(copy.client) && "auth" in copy.client) copy.client = { ...copy.client, auth: fixAuth(copy.client.auth ?? null, "client") };
    if (isObj(copy.resource_defaults) && "endpoint" in copy.resource_defaults) {
      copy.resource_defaults = { ...copy.resource_defaults, endpoint: fixEndpoint(copy.resource_defaults.endpoint ?? null, "resource_defaults") };
    }
    if (Array.isArray(copy.resources)) {
      copy.resources = copy.resources.map((r) => {
        if (!isObj(r) || !("endpoint" in r)) return r;
        return { ...r, endpoint: fixEndpoint(r.endpoint ?? null, `resource \`${String(r.name ?? "?")}\``) };
      });
    }
  }

  let runtime: RuntimeRetry | null = null;
  if (handlers.length > 0) {
    const retries = Math.max(...handlers.map((h) => (typeof h.max_retries === "number" ? h.max_retries : 4)));
    const backoff = Math.max(...handlers.map((h) => (typeof h.backoff_factor === "number" ? h.backoff_factor : 1)));
    const statuses = [...new Set(handlers.flatMap((h) => (Array.isArray(h.retry_on_status_codes) ? h.retry_on_status_codes.filter((s): s is number => typeof s === "number") : [])))].sort((a, b) => a - b);
    runtime = { request_max_attempts: retries + 1, request_backoff_factor: backoff, retry_status_codes: statuses };
  }
  return { config: copy as PlainValue, runtime, notes };
}

/** True when the retried statuses differ from dlt's fixed 429 + 5xx. */
export function needsCustomSession(runtime: RuntimeRetry | null): boolean {
  if (!runtime || runtime.retry_status_codes.length === 0) return false;
  return runtime.retry_status_codes.some((s) => !DLT_DEFAULT_STATUSES(s));
}
