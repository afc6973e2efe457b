/**
 * A resource's endpoint merged with `resource_defaults.endpoint` as dlt merges it (dlt-rest-api.md
 * §4.3): the resource's keys replace the defaults' (an explicit `null` too), `params` and `json` merge
 * one level deep, `path` is the resource's own. Then the paginator by precedence and the
 * single-entity rule (§7.2), the auth (§9), the body (`json` and `data` exclude each other, §5).
 */
import type { ErrorHandlerConfig } from "../schema";
import type { ConfigValue, LayeredDict, ResolvedEndpoint, ResolvedResponseAction } from "../resolved";
import { where, type Path } from "../located";
import { isUnreadPython, type RuleContext } from "../rules/context";
import type { DefaultsPlan } from "./defaults";
import { bindEndpoint, type Bindings } from "./bindings";
import { resolveAuth } from "./auth";
import { checkIncrementalBlock, resolveIncremental } from "./incremental";
import { checkPaginatorBuild, isSingleEntity, typedPaginator } from "./paginator";
import { isObj, isPython, hasMarker, pick, strip, type Obj, type Stripped } from "./values";
import { insertEntryEdit } from "../fixes";

/** What the client contributes to every resource, worked out once. */
export interface ClientPlan {
  readonly raw: Obj;
  readonly auth: ReturnType<typeof resolveAuth>;
}

/** Whether a dict has a key (without listing a body of 30,000 keys to count them). */
function hasKeys(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true;
  return false;
}

export function resolveEndpoint(
  ctx: RuleContext,
  plan: DefaultsPlan,
  client: ClientPlan,
  r: unknown,
  at: Path,
  name: string,
): { endpoint: ResolvedEndpoint; bindings: Bindings; python: string[] } {
  const epRaw = isObj(r) ? r.endpoint : undefined;
  const own = isObj(epRaw) && !hasMarker(epRaw) ? epRaw : null;
  const epAt: Path = [...at, "endpoint"];
  if (own) {
    checkPaginatorBuild(ctx, own.paginator, [...epAt, "paginator"]);
    if (isObj(own.incremental)) checkIncrementalBlock(ctx, own.incremental, [...epAt, "incremental"]);
  }
  const bindings = bindEndpoint(ctx, plan, r, at, name);
  /** The merged endpoint's `key`, without Python (the defaults' stripped once). */
  const value = (key: string): Stripped & { present: boolean } => {
    const p = pick(own, plan.endpoint, key);
    return { ...(p.fromDefaults ? plan.endpointValue(key) : strip(p.value, `endpoint.${key}`)), present: p.present };
  };
  const python: string[] = [];

  // Auth: an `auth` key in the merged endpoint (null included) wins over the client's.
  const explicitAuth = pick(own, plan.endpoint, "auth");
  const authAt: Path = explicitAuth.fromDefaults ? ["resource_defaults", "endpoint", "auth"] : [...epAt, "auth"];
  const auth = explicitAuth.present ? resolveAuth(explicitAuth.value, "endpoint.auth", ctx.loc, authAt) : client.auth;
  python.push(...auth.python);

  // Paginator: endpoint > defaults > client; `auto`, null and Python fall back to the client's.
  const written = pick(own, plan.endpoint, "paginator").value;
  if (isPython(written)) python.push("endpoint.paginator");
  if (isPython(client.raw.session)) python.push("client.session");
  const singleEntity = isSingleEntity(bindings.written) && (written === undefined || written === null);
  let paginator = singleEntity ? ({ type: "single_page" } as const) : typedPaginator(written);
  if (paginator === null) {
    if (isPython(client.raw.paginator)) python.push("client.paginator");
    paginator = typedPaginator(client.raw.paginator);
  }
  const selector = pick(own, plan.endpoint, "data_selector").value;

  python.push(...bindings.python);
  const json = jsonLayers(plan, own, python);
  const data = value("data");
  const headers = value("headers");
  const actions = value("response_actions");
  python.push(...data.python, ...headers.python, ...actions.python);
  const { incremental, python: incPython } = resolveIncremental(ctx.loc, plan, own, epAt, bindings.incrementalParam);
  python.push(...incPython);
  bodies(ctx, plan, own, epAt);

  const method = pick(own, plan.endpoint, "method").value;
  const errorHandler = pick(own, plan.endpoint, "error_handler").value;
  const endpoint: ResolvedEndpoint = {
    method: method === "POST" ? "POST" : "GET",
    path: bindings.path,
    path_params: bindings.pathParams,
    params: bindings.params,
    json,
    data: data.value ?? null,
    headers: isObj(headers.value) ? (headers.value as Record<string, ConfigValue>) : {},
    paginator: paginator ?? { type: "auto" },
    data_selector:
      typeof selector === "string"
        ? { path: selector, source: "configured" }
        : singleEntity
          ? { path: "$", source: "single_entity" }
          : null,
    auth: auth.auth,
    error_handler: isObj(errorHandler) ? (errorHandler as ErrorHandlerConfig) : null,
    response_actions: Array.isArray(actions.value) ? (actions.value.filter(isObj) as ResolvedResponseAction[]) : [],
    incremental,
  };
  return { endpoint, bindings, python };
}

/** `json` merged one level (`null` in the resource removes it); its Python values go to `python`. */
function jsonLayers(plan: DefaultsPlan, own: Obj | null, python: string[]): LayeredDict | null {
  const ownJson = own && Object.hasOwn(own, "json") ? own.json : undefined;
  if (ownJson === null) return null;
  const d = plan.endpointValue("json");
  const defaults = isObj(d.value) ? (d.value as Record<string, ConfigValue>) : null;
  const mine = isObj(ownJson) ? strip(ownJson, "endpoint.json") : null;
  if (defaults) python.push(...d.python.filter((p) => !(mine && isObj(ownJson) && Object.hasOwn(ownJson, keyOf(p)))));
  if (mine) python.push(...mine.python);
  if (!defaults && !mine) return null;
  return { defaults, own: mine && isObj(mine.value) ? (mine.value as Record<string, ConfigValue>) : null, omit: [] };
}

/** The first key of a path under `endpoint.json.`. */
const keyOf = (p: string) => p.slice("endpoint.json.".length).split(/[.[]/)[0] ?? "";

/** dlt refuses `json` and `data` together (on the first request): reported where `data` is written. */
function bodies(ctx: RuleContext, plan: DefaultsPlan, own: Obj | null, epAt: Path): void {
  const json = pick(own, plan.endpoint, "json");
  const ownJson = own && isObj(own.json) ? own.json : null;
  const defaultsJson = json.value !== null && isObj(plan.endpoint?.json) ? plan.endpoint.json : null;
  const hasJson = (ownJson !== null && hasKeys(ownJson)) || (defaultsJson !== null && hasKeys(defaultsJson));
  const data = pick(own, plan.endpoint, "data");
  const d = data.value;
  const hasData = d !== undefined && d !== null && d !== "" && !(isObj(d) && !hasKeys(d)) && !(Array.isArray(d) && d.length === 0);
  // A `json` dict is sent even when empty (as the engine sends it); a `data` body when it has content.
  const sentJson = json.value !== undefined && json.value !== null;
  const method = pick(own, plan.endpoint, "method");
  // A method written as Python restplay left out (`"method": METHOD`) may be POST: dlt evaluates it.
  const methodAt = ctx.loc.node([...epAt, "method"]) ? [...epAt, "method"] : ["resource_defaults", "endpoint", "method"];
  if (method.value !== "POST" && (sentJson || hasData) && !isUnreadPython(ctx, methodAt)) {
    const key = sentJson ? "json" : "data";
    const fromDefaults = (sentJson ? json : data).fromDefaults;
    const at = fromDefaults ? ["resource_defaults", "endpoint", key] : [...epAt, key];
    // The fix sets `method` where it is written, or beside the body.
    const target: Path = method.present ? (method.fromDefaults ? ["resource_defaults", "endpoint"] : epAt) : at.slice(0, -1);
    const edit = method.present
      ? { range: ctx.loc.value([...target, "method"]), newText: ctx.format === "yaml" ? "POST" : '"POST"' }
      : insertEntryEdit(ctx.doc, target, "method", "POST");
    ctx.add({
      at,
      severity: "warning",
      code: "get_with_body",
      range: ctx.loc.key(at),
      // The title names the dict it edits: a resource's own `method` and the defaults' are two fixes.
      ...(edit ? { fixes: [{ title: `Send it with "method": "POST" (in ${where(target)})`, edits: [edit] }] } : {}),
      message:
        `A \`${key}\` body on a GET endpoint: dlt sends it (requests allows a body with GET), and so do restplay's live runs, ` +
        "but many servers ignore a GET body or refuse the request, and a run against the built-in mock APIs fails (they run on " +
        'fetch, which cannot send one). Most APIs that take a body want `"method": "POST"`.',
    });
  }
  if (!hasJson || !hasData) return;
  const at = data.fromDefaults ? ["resource_defaults", "endpoint", "data"] : [...epAt, "data"];
  // dlt fails on `json and data`, their truth: a body that is Python restplay left out (`make_body()`) may be empty,
  // but a list or dict holding Python (`[make_x()]`) is not, whatever the Python gives (checked with dlt 1.26.0).
  const jsonAt = json.fromDefaults ? ["resource_defaults", "endpoint", "json"] : [...epAt, "json"];
  if ([jsonAt, at].some((p) => ctx.loc.node(p)?.kind === "python")) return;
  ctx.add({
    at,
    severity: "error",
    code: "json_and_data",
    range: ctx.loc.key(at),
    message:
      "Cannot use both 'json' and 'data' parameters simultaneously. Use 'json' for JSON payloads or 'data' for form-encoded/raw data. " +
      "(dlt fails on the first request; keep one of them in this endpoint, `resource_defaults` included.)",
  });
}
