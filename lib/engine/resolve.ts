/**
 * From the validated config to what runs (dlt-rest-api.md §4, §7.2): resources expanded, defaults
 * merged (resource wins; `params`/`json` one level deep; explicit null overrides), the paginator by
 * precedence (endpoint > resource_defaults > client; single-entity paths get single_page), auth,
 * references replaced by their values. Paths and paginators are compiled here, once per run.
 * A resource whose config cannot run carries a `problem`, reported before any of its requests.
 */
import type { EndpointConfig, IncrementalConfig, PaginatorTypedConfig, RestApiConfig } from "../config/schema";
import { EngineError, type Json, type TableHints } from "./types";
import { isObj, isPython, RefResolver, type Obj } from "./refs";
import { bindEndpoint } from "./bind";
import { createPaginator, type PaginatorImpl } from "./paginators";
import { REQUIRED_AUTH_FIELDS, type ResolvedAuth } from "./auth";
import { policyFrom, type RetryPolicy } from "./retry";
import { toActions, type ResponseAction } from "./actions";
import { CREDENTIAL_FIELDS, getOwn, secretEnvName } from "../shared";
import { tableHints } from "./table-hints";

export interface ResolvedResource {
  readonly name: string;
  readonly method: "GET" | "POST";
  readonly baseUrl: string;
  /** Path template (placeholders still in it). */
  readonly path: string;
  readonly params: Obj;
  readonly json?: Json;
  readonly data?: Json;
  /** Endpoint headers (interpolated per request sequence). */
  readonly headers: Obj;
  /** Client headers: sent verbatim, never interpolated. */
  readonly clientHeaders: Readonly<Record<string, string>>;
  /** `null` only together with a `problem`. */
  readonly paginator: PaginatorImpl<unknown> | null;
  readonly data_selector: string | null;
  readonly selector_source: "configured" | "single_entity" | "detected";
  readonly auth: ResolvedAuth | null;
  readonly retry: RetryPolicy;
  readonly actions: readonly ResponseAction[];
  readonly incremental: IncrementalConfig | null;
  readonly primary_key: string[] | null;
  readonly write_disposition: string;
  readonly selected: boolean;
  /** `parallelized: true` (resource or resource_defaults). */
  readonly parallelized: boolean;
  readonly parent: { readonly name: string; readonly fields: string[] } | null;
  readonly include_from_parent: string[];
  /** Config paths of Python values that are skipped. */
  readonly python_keys: string[];
  /** Why this resource cannot run (missing secret, unsupported auth, invalid config). */
  readonly problem: EngineError | null;
  /** Credential values written literally in the auth config (masked like secrets). */
  readonly credentials: string[];
  /** The hints that shape its tables (`resource_start`). */
  readonly table: TableHints;
}

const SINGLE_ENTITY = /\{([a-zA-Z0-9.\-_]+)\}/;
const ep = (e: unknown): EndpointConfig => (typeof e === "string" ? { path: e } : isObj(e) ? (e as EndpointConfig) : {});

/** `"auto"`, null, absent and Python all mean "not configured here". */
function paginatorConfig(p: unknown): PaginatorTypedConfig | null {
  if (p === undefined || p === null || p === "auto" || isPython(p)) return null;
  if (typeof p === "string") return { type: p } as PaginatorTypedConfig;
  if (isObj(p) && p.type === "auto") return null;
  return isObj(p) ? (p as unknown as PaginatorTypedConfig) : null;
}

function mergeEndpoints(d: EndpointConfig, r: EndpointConfig): EndpointConfig {
  const out: EndpointConfig = { ...d, ...r };
  for (const key of ["params", "json"] as const) {
    if (Object.hasOwn(r, key) && r[key] === null) delete out[key];
    else if (isObj(d[key]) || isObj(r[key])) out[key] = { ...(isObj(d[key]) ? d[key] : {}), ...(isObj(r[key]) ? r[key] : {}) };
  }
  return out;
}

export function joinUrl(base: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  if (!base) return path;
  if (!path) return base;
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

function missingSecretError(resource: string, names: string[]): EngineError {
  const list = names.map((n) => `dlt.secrets["${n}"]`).join(", ");
  const how = names.map((n) => `--secret ${n}=… or the environment variable ${secretEnvName(n)}`).join("; ");
  return new EngineError("missing_secret", `Missing ${list}: enter ${names.length > 1 ? "them" : "it"} in the Secrets panel, or pass ${how}.`, { resource });
}

function resolveAuth(raw: unknown, refs: RefResolver, where: string): { auth: ResolvedAuth | null; problem: EngineError | null } {
  if (raw === undefined || raw === null) return { auth: null, problem: null };
  if (isPython(raw)) {
    return { auth: null, problem: new EngineError("unsupported", `\`${where}\` is Python code (a custom auth object): validated, not executed in the playground. Use one of bearer, api_key, http_basic, oauth2_client_credentials.`) };
  }
  const dict = typeof raw === "string" ? { type: raw } : refs.dict(raw, where);
  const type = (typeof dict.type === "string" ? dict.type : "bearer") as ResolvedAuth["type"];
  const auth = { ...dict, type } as ResolvedAuth;
  const missing = (getOwn(REQUIRED_AUTH_FIELDS, type) ?? []).filter((f) => auth[f] === undefined || auth[f] === null);
  if (missing.length > 0) {
    const fields = missing.map((f) => `\`${f}\``).join(", ");
    return { auth, problem: new EngineError("missing_secret", `\`${where}\` (type \`${type}\`) has no ${fields}: dlt would look ${missing.length > 1 ? "them" : "it"} up in its secrets. Add ${missing.map((f) => `"${f}": dlt.secrets["${f}"]`).join(", ")} to the auth config and supply the value${missing.length > 1 ? "s" : ""}.`) };
  }
  return { auth, problem: null };
}

function resolveOne(config: RestApiConfig, entry: Exclude<RestApiConfig["resources"][number], string>, index: number, secrets: Readonly<Record<string, string>>): ResolvedResource {
  const defaults = config.resource_defaults ?? {};
  const client = config.client;
  const res = entry as Record<string, unknown>;
  const name = typeof res.name === "string" ? res.name : `resources[${index}]`;
  const merged: Record<string, unknown> = { ...defaults, ...res };
  const endpoint = mergeEndpoints(ep(defaults.endpoint), ep(res.endpoint));
  const refs = new RefResolver(secrets);
  let problem: EngineError | null = typeof res.name === "string" ? null : new EngineError("invalid_config", `The resource at resources[${index}] has no \`name\` (dlt fails with KeyError: 'name').`);
  const path = typeof ep(res.endpoint).path === "string" ? (ep(res.endpoint).path as string) : name;

  // Python values anywhere in the resource (paginator and auth are handled below).
  for (const [k, v] of Object.entries(merged)) if (k !== "endpoint" && k !== "name") refs.resolve(v, k);
  const explicitAuth = Object.hasOwn(endpoint, "auth");
  const authResult = resolveAuth(explicitAuth ? endpoint.auth : client.auth, refs, explicitAuth ? "endpoint.auth" : "client.auth");
  problem ??= authResult.problem;
  if (isPython(endpoint.paginator)) refs.python.push("endpoint.paginator");
  if (isPython(client.session)) refs.python.push("client.session");

  // Paginator precedence and the single-entity rule (§7.2).
  const singleEntity = SINGLE_ENTITY.test(path.split("/").pop() ?? "") && (endpoint.paginator === undefined || endpoint.paginator === null);
  let pagConfig = singleEntity ? ({ type: "single_page" } as const) : paginatorConfig(endpoint.paginator);
  if (pagConfig === null) {
    if (isPython(client.paginator)) refs.python.push("client.paginator");
    pagConfig = paginatorConfig(client.paginator);
  }
  let paginator: PaginatorImpl<unknown> | null = null;
  try {
    paginator = createPaginator(pagConfig ?? { type: "auto" });
  } catch (e) {
    problem ??= e instanceof EngineError ? e : new EngineError("invalid_config", String(e));
  }
  let selector: string | null = typeof endpoint.data_selector === "string" ? endpoint.data_selector : null;
  let selectorSource: ResolvedResource["selector_source"] = selector !== null ? "configured" : "detected";
  if (singleEntity && selector === null) [selector, selectorSource] = ["$", "single_entity"];

  const baseUrl = refs.resolve(client.base_url, "client.base_url");
  const clientHeaders = Object.fromEntries(Object.entries(refs.dict(client.headers, "client.headers")).map(([k, v]) => [k, typeof v === "string" ? v : String(v)]));
  const params = refs.dict(endpoint.params, "endpoint.params");
  const json = endpoint.json === undefined ? undefined : refs.resolve(endpoint.json, "endpoint.json");
  const data = endpoint.data === undefined ? undefined : refs.resolve(endpoint.data, "endpoint.data");
  const headers = refs.dict(endpoint.headers, "endpoint.headers");
  const actions = toActions((refs.resolve(endpoint.response_actions ?? [], "endpoint.response_actions") ?? []) as Json[]);
  const incrementalBlock = endpoint.incremental ? (refs.resolve(endpoint.incremental, "endpoint.incremental") as IncrementalConfig) : null;

  let bound: ReturnType<typeof bindEndpoint> = { path, params, incremental: incrementalBlock, parent: null };
  try {
    bound = bindEndpoint({ resource: name, path, params, json, data, headers, incremental: incrementalBlock });
  } catch (e) {
    problem ??= e instanceof EngineError ? e : new EngineError("invalid_config", String(e));
  }
  const includeFromParent = Array.isArray(merged.include_from_parent) ? merged.include_from_parent.filter((x): x is string => typeof x === "string") : [];
  if (includeFromParent.length > 0 && bound.parent === null) problem ??= new EngineError("invalid_config", `Resource \`${name}\` has \`include_from_parent\` but is not dependent on another resource`);
  if (typeof baseUrl !== "string" || baseUrl === "") {
    if (!/^https?:\/\//i.test(bound.path)) problem ??= new EngineError("invalid_config", "`client.base_url` is missing (dlt fails with KeyError: 'base_url'): set it, e.g. \"https://api.example.com\", or use a full URL as the endpoint path.");
  }
  if (refs.missing.size > 0) problem ??= missingSecretError(name, [...refs.missing]);
  if (problem && problem.details.resource === undefined) problem = new EngineError(problem.code, problem.message, { ...problem.details, resource: name });

  const pk = merged.primary_key;
  const wd = merged.write_disposition;
  return {
    name,
    method: endpoint.method ?? "GET",
    baseUrl: typeof baseUrl === "string" ? baseUrl : "",
    path: bound.path,
    params: bound.params,
    ...(json !== undefined ? { json } : {}),
    ...(data !== undefined ? { data } : {}),
    headers,
    clientHeaders,
    paginator,
    data_selector: selector,
    selector_source: selectorSource,
    auth: authResult.auth,
    retry: policyFrom(endpoint.error_handler),
    actions,
    incremental: bound.incremental,
    primary_key: typeof pk === "string" ? [pk] : Array.isArray(pk) ? pk.filter((x): x is string => typeof x === "string") : null,
    write_disposition: typeof wd === "string" ? wd : isObj(wd) && typeof wd.disposition === "string" ? wd.disposition : "append",
    selected: merged.selected !== false,
    parallelized: merged.parallelized === true,
    parent: bound.parent,
    include_from_parent: includeFromParent,
    python_keys: [...new Set(refs.python)],
    problem,
    table: tableHints(name, defaults as Readonly<Record<string, unknown>>, res),
    credentials: authResult.auth ? CREDENTIAL_FIELDS.flatMap((f) => (typeof authResult.auth?.[f] === "string" ? [authResult.auth[f] as string] : [])) : [],
  };
}

export interface Resolution {
  readonly resources: ResolvedResource[];
  /** Problems of the whole config (duplicate names). */
  readonly errors: EngineError[];
  /** Python entries in `resources` (dlt resource objects) that are skipped. */
  readonly skipped: string[];
}

export function resolveConfig(config: RestApiConfig, secrets: Readonly<Record<string, string>>): Resolution {
  const resources: ResolvedResource[] = [];
  const errors: EngineError[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  config.resources.forEach((entry, i) => {
    if (isPython(entry)) {
      skipped.push(`resources[${i}]`);
      return;
    }
    const dict = typeof entry === "string" ? { name: entry, endpoint: { path: entry } } : entry;
    const r = resolveOne(config, dict, i, secrets);
    if (seen.has(r.name)) errors.push(new EngineError("invalid_config", `Resource \`${r.name}\` is already defined.`));
    seen.add(r.name);
    resources.push(r);
  });
  return { resources, errors, skipped };
}
