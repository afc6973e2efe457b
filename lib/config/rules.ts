/**
 * Checks beyond the schema: the seed dialect (shared/spec/seed-dialect.md) and what dlt only finds
 * at build time (dlt-rest-api.md §4–§7), reported at edit time with a location and a fix.
 */
import type { Diagnostic, PlainValue, QuickFix } from "../formats";
import { maskValue, type Locator, type Path } from "./located";
import { newEntryText, quoteLike, refText, renderValue } from "./fixes";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isRef = (v: unknown) => isObj(v) && ("$secret" in v || "$config" in v || "$python" in v);

const AUTH_SECRET_FIELDS = ["token", "api_key", "password", "client_secret", "access_token"];

export function runRules(plain: unknown, loc: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (d: Omit<Diagnostic, "path"> & { at: Path }) => {
    const { at, ...rest } = d;
    out.push({ ...rest, path: loc.pointer(at) });
  };
  if (!isObj(plain)) return out;
  const format = loc.doc.format;
  const text = loc.doc.text;

  const checkAuth = (auth: unknown, at: Path) => {
    if (!isObj(auth)) return;
    if (auth.type === "oauth2") {
      const typeRange = loc.value([...at, "type"]);
      const fix: QuickFix = {
        title: "Rewrite as dlt's `oauth2_client_credentials`",
        edits: [
          { range: typeRange, newText: quoteLike(text.slice(typeRange.start, typeRange.end), "oauth2_client_credentials") },
          ...("token_url" in auth ? [{ range: loc.key([...at, "token_url"]), newText: quoteLike(text.slice(loc.key([...at, "token_url"]).start, loc.key([...at, "token_url"]).end), "access_token_url") }] : []),
        ],
      };
      add({ at: [...at, "type"], severity: "warning", code: "dialect_oauth2", range: typeRange, fixes: [fix],
        message: "dlt rejects auth type `oauth2` (and the key `token_url`); restplay runs it as the OAuth2 client-credentials flow. dlt's form is {type: \"oauth2_client_credentials\", access_token_url, client_id, client_secret}." });
    }
    if (auth.type === "api_key" && auth.location === "cookie") {
      add({ at: [...at, "location"], severity: "warning", code: "auth_cookie_unsupported", range: loc.value([...at, "location"]),
        message: "dlt accepts `location: cookie` but fails on the first request (not implemented). Use `header` or `query`." });
    }
    for (const field of AUTH_SECRET_FIELDS) {
      const v = auth[field];
      if (typeof v === "string" && v.length > 0) {
        const range = loc.value([...at, field]);
        add({ at: [...at, field], severity: "warning", code: "hardcoded_secret", range,
          message: `\`${field}\` is written into the config (${maskValue(v)}): anyone with the file has it. Use dlt.secrets["${field}"] and supply the value at run time.`,
          fixes: [{ title: `Replace with dlt.secrets["${field}"]`, edits: [{ range, newText: refText(format, field) }] }] });
      }
    }
  };

  const checkPaginator = (p: unknown, at: Path) => {
    if (!isObj(p)) return;
    if ((p.type === "offset" || p.type === "page_number") && !("total_path" in p) && !("has_more_path" in p) && !("maximum_page" in p) && !("maximum_offset" in p)) {
      const what = p.type === "offset" ? "total number of items" : "total number of pages";
      add({ at: [...at, "type"], severity: "info", code: "default_total_path", range: loc.value([...at, "type"]),
        message: `\`${p.type}\` reads \`total\` (the ${what}) from every response by default (total_path: "total"); the run fails when it is missing. Set \`total_path: None\` (null) if the API has no total.` });
    }
    if (p.type === "page_number" && ("page_param" in p) && ("page_body_path" in p)) {
      add({ at: [...at, "page_body_path"], severity: "error", code: "page_param_and_body_path", range: loc.key([...at, "page_body_path"]),
        message: "Either `page_param` or `page_body_path` must be provided, not both." });
    }
  };

  const checkEndpoint = (ep: unknown, at: Path) => {
    if (!isObj(ep)) return;
    checkPaginator(ep.paginator, [...at, "paginator"]);
    checkAuth(ep.auth, [...at, "auth"]);
    const p = ep.paginator;
    if (isObj(p) && p.type === "page_number" && ("limit" in p || "limit_param" in p)) {
      const limitParam = typeof p.limit_param === "string" ? p.limit_param : "limit";
      const cleaned = Object.fromEntries(Object.entries(p).filter(([k]) => k !== "limit" && k !== "limit_param")) as PlainValue;
      const pRange = loc.value([...at, "paginator"]);
      const edits = [];
      const params = isObj(ep.params) ? ep.params : null;
      const extra = "limit" in p ? { [limitParam]: p.limit as PlainValue } : {};
      if (params) {
        const r = loc.value([...at, "params"]);
        edits.push({ range: pRange, newText: renderValue(cleaned, format, text, pRange) });
        edits.push({ range: r, newText: renderValue({ ...(params as Record<string, PlainValue>), ...extra }, format, text, r) });
      } else {
        const keyStart = loc.key([...at, "paginator"]).start;
        edits.push({ range: pRange, newText: renderValue(cleaned, format, text, pRange) + (Object.keys(extra).length ? newEntryText(format, text, keyStart, "params", extra) : "") });
      }
      for (const key of ["limit", "limit_param"].filter((k) => k in p)) {
        add({ at: [...at, "paginator", key], severity: "warning", code: "dialect_page_number_limit", range: loc.key([...at, "paginator", key]),
          fixes: [{ title: `Move the page size to endpoint params (\`${limitParam}\`)`, edits }],
          message: `dlt's page_number paginator has no \`${key}\` (dlt rejects the config). restplay sends \`${limitParam}=${String(p.limit ?? "")}\` on every page; in dlt put it in the endpoint's \`params\`.` });
      }
    }
    if (isObj(ep.error_handler)) {
      const eh = ep.error_handler;
      const retries = typeof eh.max_retries === "number" ? eh.max_retries : 3;
      add({ at: [...at, "error_handler"], severity: "warning", code: "dialect_error_handler", range: loc.key([...at, "error_handler"]),
        message: `dlt rejects \`error_handler\`: its retries are global runtime settings (request_max_attempts = ${retries + 1} for max_retries ${retries}, request_backoff_factor = ${String(eh.backoff_factor ?? 1)}; statuses fixed to 429 and 5xx unless a custom client session). restplay honours it for this endpoint, and the Python download writes the runtime settings.` });
    }
    const hasJson = isObj(ep.json) && Object.keys(ep.json).length > 0;
    const hasData = ep.data !== undefined && ep.data !== null && !(isObj(ep.data) && Object.keys(ep.data).length === 0);
    if (hasJson && hasData) {
      add({ at: [...at, "data"], severity: "error", code: "json_and_data", range: loc.key([...at, "data"]),
        message: "Cannot use both `json` and `data`: use `json` for JSON bodies or `data` for form/raw bodies." });
    }
  };

  const client = plain.client;
  if (isObj(client)) {
    checkAuth(client.auth, ["client", "auth"]);
    checkPaginator(client.paginator, ["client", "paginator"]);
  }
  const defaults = plain.resource_defaults;
  if (isObj(defaults) && isObj(defaults.endpoint)) checkEndpoint(defaults.endpoint, ["resource_defaults", "endpoint"]);

  const resources = Array.isArray(plain.resources) ? plain.resources : [];
  const names = resources.map((r) => (typeof r === "string" ? r : isObj(r) && typeof r.name === "string" ? r.name : null));
  const seen = new Map<string, number>();
  resources.forEach((r, i) => {
    const at: Path = ["resources", i];
    const name = names[i];
    if (name) {
      if (seen.has(name)) {
        const range = typeof r === "string" ? loc.value(at) : loc.value([...at, "name"]);
        add({ at, severity: "error", code: "duplicate_resource_name", range, message: `Resource \`${name}\` is already defined (resources[${seen.get(name)}]).` });
      } else seen.set(name, i);
    } else if (isObj(r) && !isRef(r)) {
      add({ at, severity: "error", code: "missing_resource_name", range: loc.value(at), message: "This resource has no `name` (dlt fails with KeyError: 'name'). Add \"name\": \"...\"." });
    }
    if (isRef(r)) return;
    const ep = isObj(r) ? r.endpoint : undefined;
    const path = typeof ep === "string" ? ep : isObj(ep) && typeof ep.path === "string" ? ep.path : name ?? "";
    const base = isObj(client) ? client.base_url : undefined;
    if (base === undefined && isObj(client) && !/^https?:\/\//.test(path)) {
      add({ at: typeof r === "string" ? at : [...at, "endpoint"], severity: "error", code: "missing_base_url", range: loc.missing(["client", "base_url"]),
        message: `\`client.base_url\` is missing and resource \`${name ?? i}\` uses the relative path \`${path}\` (dlt fails with KeyError: 'base_url').` });
    }
    if (!isObj(r)) return;
    checkEndpoint(ep, [...at, "endpoint"]);
    const refs = [...JSON.stringify(ep ?? "").matchAll(/\{resources\.([^.}]+)(\.[^}]*)?\}/g)];
    for (const m of refs) {
      const parent = m[1] ?? "";
      if (parent === name || !names.includes(parent)) {
        add({ at: [...at, "endpoint"], severity: "error", code: "placeholder_unknown_resource", range: loc.value([...at, "endpoint"]),
          message: parent === name ? `Resource \`${name}\` refers to itself in \`{resources.${parent}…}\`.` : `\`{resources.${parent}…}\` names no resource; defined: ${names.filter(Boolean).map((n) => `\`${n}\``).join(", ")}.` });
      }
    }
    if (Array.isArray(r.include_from_parent) && refs.length === 0 && !(isObj(ep) && isObj(ep.params) && Object.values(ep.params).some((v) => isObj(v) && v.type === "resolve"))) {
      add({ at: [...at, "include_from_parent"], severity: "error", code: "include_from_parent_without_parent", range: loc.key([...at, "include_from_parent"]),
        message: `Resource \`${name ?? i}\` has \`include_from_parent\` but does not depend on another resource.` });
    }
  });
  return out;
}
