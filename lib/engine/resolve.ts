/**
 * From the validated config to what runs: resources expanded, defaults merged (resource wins; params
 * and json one level deep), paginator precedence, the single-entity rule, references replaced by
 * their values (dlt-rest-api.md §4, §7.2).
 */
import type { EndpointConfig, ErrorHandlerConfig, IncrementalConfig, PaginatorTypedConfig, RestApiConfig } from "../config/schema";
import type { Json } from "./types";
import type { ResolvedAuth } from "./auth";
import { findParentRefs } from "./interpolate";

type Obj = { [k: string]: Json };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export interface ResolvedResource {
  readonly name: string;
  readonly table_name: string;
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly url: string;
  readonly params: Obj;
  readonly json?: Json;
  readonly data?: Json;
  readonly headers: Obj;
  /** `null`: none configured anywhere (auto-detection). */
  readonly paginator: PaginatorTypedConfig | null;
  readonly data_selector: string | null;
  readonly selector_source: "configured" | "single_entity" | "detected";
  /** `undefined`: none; `null`: disabled for this endpoint. */
  readonly auth: ResolvedAuth | null | undefined;
  readonly error_handler?: ErrorHandlerConfig;
  readonly response_actions: Json[];
  readonly incremental?: IncrementalConfig;
  readonly primary_key: string[] | null;
  readonly write_disposition: string;
  readonly selected: boolean;
  readonly parent: { readonly name: string; readonly fields: string[] } | null;
  readonly include_from_parent: string[];
  /** Secrets the resource needs that were not supplied. */
  readonly missing_secrets: string[];
  /** Config keys holding Python code, skipped in the playground. */
  readonly python_keys: string[];
}

function substitute(v: unknown, secrets: Readonly<Record<string, string>>, missing: Set<string>, python: string[], path: string): Json | undefined {
  if (Array.isArray(v)) return v.map((x, i) => substitute(x, secrets, missing, python, `${path}[${i}]`) ?? null);
  if (isObj(v)) {
    const ref = typeof v.$secret === "string" ? v.$secret : typeof v.$config === "string" ? v.$config : null;
    if (ref !== null) {
      const value = secrets[ref];
      if (value === undefined) missing.add(ref);
      return value ?? "";
    }
    if (typeof v.$python === "string") {
      python.push(path);
      return undefined;
    }
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) {
      const s = substitute(x, secrets, missing, python, path ? `${path}.${k}` : k);
      if (s !== undefined) out[k] = s;
    }
    return out;
  }
  return v as Json;
}

function joinUrl(base: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  if (!base) return path;
  if (!path) return base;
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

const SINGLE_ENTITY = /\{([a-zA-Z0-9.\-_]+)\}/;

function normalisePaginator(p: unknown): PaginatorTypedConfig | null | "python" {
  if (p === undefined || p === null || p === "auto") return null;
  if (typeof p === "string") return { type: p } as PaginatorTypedConfig;
  if (isObj(p) && typeof p.$python === "string") return "python";
  if (isObj(p) && p.type === "auto") return null;
  return p as unknown as PaginatorTypedConfig;
}

export function resolveResources(config: RestApiConfig, secrets: Readonly<Record<string, string>>): ResolvedResource[] {
  const defaults = config.resource_defaults ?? {};
  const client = config.client;
  return config.resources.flatMap((entry): ResolvedResource[] => {
    if (isObj(entry) && "$python" in entry) return [];
    const res = typeof entry === "string" ? { name: entry, endpoint: { path: entry } } : entry;
    const name = res.name ?? "";
    const epRaw = (e: unknown): EndpointConfig => (typeof e === "string" ? { path: e } : isObj(e) ? (e as EndpointConfig) : {});
    const dEp = epRaw(defaults.endpoint);
    const rEp = epRaw(res.endpoint);
    const ep: EndpointConfig = { ...dEp, ...rEp };
    if (isObj(dEp.params) || isObj(rEp.params)) ep.params = { ...(dEp.params ?? {}), ...(rEp.params ?? {}) };
    if (isObj(dEp.json) || isObj(rEp.json)) ep.json = { ...(dEp.json ?? {}), ...(rEp.json ?? {}) };
    const merged = { ...defaults, ...res };
    const path = rEp.path ?? name;

    const missing = new Set<string>();
    const python: string[] = [];
    const sub = (v: unknown, p: string) => substitute(v, secrets, missing, python, p);
    const baseUrl = sub(client.base_url, "client.base_url");
    let paginator = normalisePaginator(ep.paginator);
    if (paginator === "python") {
      python.push("endpoint.paginator");
      paginator = null;
    }
    const lastSegment = path.split("/").pop() ?? "";
    const singleEntity = SINGLE_ENTITY.test(lastSegment) && (ep.paginator === undefined || ep.paginator === null);
    if (paginator === null && !singleEntity) {
      const cp = normalisePaginator(client.paginator);
      if (cp === "python") python.push("client.paginator");
      else paginator = cp;
    }
    if (singleEntity) paginator = { type: "single_page" };
    let selector = ep.data_selector ?? null;
    let source: ResolvedResource["selector_source"] = selector ? "configured" : "detected";
    if (singleEntity && !selector) [selector, source] = ["$", "single_entity"];

    const authRaw = "auth" in ep ? ep.auth : client.auth;
    let auth: ResolvedAuth | null | undefined;
    if (authRaw === null) auth = null;
    else if (authRaw === undefined) auth = undefined;
    else if (typeof authRaw === "string") auth = { type: authRaw };
    else if (isObj(authRaw) && "$python" in authRaw) {
      python.push("auth");
      auth = undefined;
    } else {
      const a = sub(authRaw, "auth") as Obj;
      auth = { ...a, type: (typeof a.type === "string" ? a.type : "bearer") as ResolvedAuth["type"] } as ResolvedAuth;
    }
    const params = (sub(ep.params ?? {}, "endpoint.params") ?? {}) as Obj;
    const headers = { ...((sub(client.headers ?? {}, "client.headers") ?? {}) as Obj), ...((sub(ep.headers ?? {}, "endpoint.headers") ?? {}) as Obj) };
    const json = ep.json === undefined ? undefined : sub(ep.json, "endpoint.json");
    const data = ep.data === undefined ? undefined : sub(ep.data, "endpoint.data");

    // Parents: placeholders anywhere in the request, or legacy `resolve` params.
    const refs = [path, JSON.stringify(params), JSON.stringify(json ?? null), JSON.stringify(data ?? null), JSON.stringify(ep.headers ?? {})].flatMap(findParentRefs);
    let boundPath = path;
    for (const [k, v] of Object.entries(params)) {
      if (isObj(v) && v.type === "resolve" && typeof v.resource === "string" && typeof v.field === "string") {
        refs.push({ parent: v.resource, field: v.field });
        boundPath = boundPath.split(`{${k}}`).join(`{resources.${v.resource}.${v.field}}`);
        delete params[k];
      } else if (!isObj(v) && boundPath.includes(`{${k}}`)) {
        boundPath = boundPath.split(`{${k}}`).join(v === null ? "None" : String(v));
        delete params[k];
      }
    }
    const parentName = refs[0]?.parent ?? null;
    const pk = merged.primary_key;
    const wd: unknown = merged.write_disposition;
    return [{
      name,
      table_name: typeof merged.table_name === "string" ? merged.table_name : name,
      method: ep.method ?? "GET",
      path: boundPath,
      url: joinUrl(typeof baseUrl === "string" ? baseUrl : "", boundPath),
      params,
      json,
      data,
      headers,
      paginator,
      data_selector: selector,
      selector_source: source,
      auth,
      error_handler: ep.error_handler,
      response_actions: (sub(ep.response_actions ?? [], "endpoint.response_actions") ?? []) as Json[],
      incremental: ep.incremental,
      primary_key: typeof pk === "string" ? [pk] : Array.isArray(pk) ? pk : null,
      write_disposition: typeof wd === "string" ? wd : isObj(wd) && typeof wd.disposition === "string" ? wd.disposition : "append",
      selected: merged.selected ?? true,
      parent: parentName ? { name: parentName, fields: [...new Set(refs.map((r) => r.field))] } : null,
      include_from_parent: merged.include_from_parent ?? [],
      missing_secrets: [...missing],
      python_keys: python,
    }];
  });
}
