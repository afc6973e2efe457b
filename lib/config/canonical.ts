/**
 * The seed dialect rewritten as dlt 1.26 accepts it (shared/spec/seed-dialect.md, dlt-rest-api.md §14):
 * `oauth2` -> `oauth2_client_credentials`, page_number `limit` -> endpoint `params`, `error_handler`
 * -> global runtime retry settings, secrets written into auth -> `dlt.secrets[...]`. Pure: the input
 * is never changed.
 */
import type { PlainValue } from "../formats";
import type { RestApiConfig } from "./schema";
import { CREDENTIAL_FIELDS } from "../shared";

type Obj = { [k: string]: PlainValue };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export interface RuntimeRetry {
  /** dlt counts all attempts: `max_retries + 1`. */
  readonly request_max_attempts: number;
  readonly request_backoff_factor: number;
  /** The statuses the config retries; dlt's default session retries 429 and 5xx only. */
  readonly retry_status_codes: number[];
}

export interface Canonical {
  /** The config in dlt's form (references kept as `{"$secret": name}`). */
  readonly config: PlainValue;
  /** Global retry settings replacing `error_handler`s; `null` when there were none. */
  readonly runtime: RuntimeRetry | null;
  /** One line per rewrite, for the export's header. */
  readonly notes: string[];
}

const isDltDefaultStatus = (s: number) => s === 429 || (s >= 500 && s <= 599);

/** `keepLiteralSecrets`: the user chose to keep credentials written into auth as they are (no reference). */
export function toDltCanonical(input: PlainValue | RestApiConfig, options: { readonly keepLiteralSecrets?: boolean } = {}): Canonical {
  const notes: string[] = [];
  const handlers: Obj[] = [];
  // Literal secrets become references; different literals of one field get different names.
  const literalNames = new Map<string, string>();
  const refName = (field: string, literal: string) => {
    const key = `${field}\u0000${literal}`;
    let name = literalNames.get(key);
    if (!name) {
      const taken = [...literalNames.values()].filter((n) => n === field || n.startsWith(`${field}_`)).length;
      name = taken === 0 ? field : `${field}_${taken + 1}`;
      literalNames.set(key, name);
    }
    return name;
  };

  const fixAuth = (auth: PlainValue, where: string): PlainValue => {
    if (!isObj(auth)) return auth;
    let out: Obj = { ...auth };
    if (auth.type === "oauth2") {
      const { token_url, scope, type: _type, ...rest } = auth;
      out = { type: "oauth2_client_credentials", ...(token_url !== undefined ? { access_token_url: token_url } : {}), ...rest };
      if (scope !== undefined) out.access_token_request_data = { scope };
      notes.push(
        `${where}: auth type \`oauth2\` written as \`oauth2_client_credentials\` with \`access_token_url\`${scope !== undefined ? " (scope in `access_token_request_data`)" : ""}.`,
      );
    }
    for (const f of options.keepLiteralSecrets ? [] : CREDENTIAL_FIELDS) {
      const v = out[f];
      if (typeof v === "string" && v.length > 0) {
        const name = refName(f, v);
        out[f] = { $secret: name };
        notes.push(
          `${where}: the \`${f}\` written into the config was replaced by dlt.secrets["${name}"]; put its value in .dlt/secrets.toml.`,
        );
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
        out.params = { ...(isObj(out.params) ? out.params : {}), [param]: limit };
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

  const fixPaginator = (p: PlainValue, where: string): PlainValue => {
    if (!isObj(p) || p.type !== "page_number" || !("limit" in p || "limit_param" in p)) return p;
    const { limit: _l, limit_param: _lp, ...rest } = p;
    notes.push(`${where}: dlt's page_number has no page size; add it to each endpoint's \`params\`.`);
    return rest;
  };

  const copy = JSON.parse(JSON.stringify(input ?? null)) as unknown;
  if (isObj(copy)) {
    if (isObj(copy.client)) {
      const client: Obj = { ...copy.client };
      if ("auth" in client) client.auth = fixAuth(client.auth ?? null, "client");
      if ("paginator" in client) client.paginator = fixPaginator(client.paginator ?? null, "client");
      copy.client = client;
    }
    if (isObj(copy.resource_defaults) && "endpoint" in copy.resource_defaults) {
      copy.resource_defaults = {
        ...copy.resource_defaults,
        endpoint: fixEndpoint(copy.resource_defaults.endpoint ?? null, "resource_defaults"),
      };
    }
    if (Array.isArray(copy.resources)) {
      copy.resources = copy.resources.map((r: PlainValue) =>
        isObj(r) && "endpoint" in r
          ? { ...r, endpoint: fixEndpoint(r.endpoint ?? null, `resource \`${typeof r.name === "string" ? r.name : "?"}\``) }
          : r,
      );
    }
  }
  return { config: copy as PlainValue, runtime: runtimeOf(handlers, notes), notes };
}

/** One global setting for all handlers: the most patient one wins (dlt cannot retry per endpoint). */
function runtimeOf(handlers: readonly Obj[], notes: string[]): RuntimeRetry | null {
  if (handlers.length === 0) return null;
  const retries = handlers.map((h) => (typeof h.max_retries === "number" ? h.max_retries : 4));
  const backoffs = handlers.map((h) => (typeof h.backoff_factor === "number" ? h.backoff_factor : 1));
  const statuses = [
    ...new Set(
      handlers.flatMap((h) =>
        Array.isArray(h.retry_on_status_codes) ? h.retry_on_status_codes.filter((s): s is number => typeof s === "number") : [],
      ),
    ),
  ].sort((a, b) => a - b);
  if (new Set(retries).size > 1 || new Set(backoffs).size > 1) {
    notes.push(
      "the endpoints' error_handlers differ; dlt's retry settings are global, so the largest " +
        "max_retries and backoff_factor apply to every request.",
    );
  }
  return { request_max_attempts: Math.max(...retries) + 1, request_backoff_factor: Math.max(...backoffs), retry_status_codes: statuses };
}

/** True when the retried statuses differ from dlt's fixed 429 + 5xx. */
export function needsCustomSession(runtime: RuntimeRetry | null): boolean {
  return runtime !== null && runtime.retry_status_codes.some((s) => !isDltDefaultStatus(s));
}
