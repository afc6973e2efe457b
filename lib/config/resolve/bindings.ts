/**
 * A resource's parents and params, from its endpoint merged with `resource_defaults` as dlt merges
 * them (dlt-rest-api.md §5, §6): typed params (`resolve`, `incremental`), path binding
 * (`_bind_path_params`: static params into the path, resolve params to parent placeholders),
 * placeholders in params/json/data/headers, and the query params that remain, as layers.
 */
import type { ConfigValue, LayeredDict } from "../resolved";
import { clip, type Path } from "../located";
import type { RuleContext } from "../rules/context";
import { scanPath, scanValue, type ParamLookup, type Parents, type Scope } from "../rules/placeholders";
import { pyRepr, setOwn, type PyValue } from "../../shared";
import { BODY_KEYS, dropTyped, mergedTyped, typedKind, type DefaultsPlan, type TypedParam } from "./defaults";
import { checkParam } from "./params";
import { child, isObj, hasMarker, strip, type Obj } from "./values";

/** Typed params named in one message. */
const NAMED = 10;
/** Parents taken from the defaults per resource: one is valid, two already an error. */
const DEFAULT_PARENTS = 16;
const TOKEN = /\{\{|\}\}|\{([^{}]*)\}/g;

export interface Bindings {
  /** The path as written (the resource name when it has none): the single-entity rule reads it. */
  readonly written: string;
  /** The path template after binding (see `ResolvedEndpoint.path`). */
  readonly path: string;
  readonly pathParams: Record<string, ConfigValue>;
  readonly params: LayeredDict;
  readonly parents: Parents;
  /** The first `{"type": "incremental"}` param in merge order. */
  readonly incrementalParam: TypedParam | null;
  /** Python values in the merged params, as config paths. */
  readonly python: readonly string[];
}

export function bindEndpoint(ctx: RuleContext, plan: DefaultsPlan, r: unknown, at: Path, name: string): Bindings {
  const epRaw = isObj(r) ? r.endpoint : undefined;
  const ep = isObj(epRaw) && !hasMarker(epRaw) ? epRaw : null;
  const epAt: Path = [...at, "endpoint"];
  const incremental = ep && "incremental" in ep ? ep.incremental : plan.endpoint?.incremental;
  // `params: null` in the resource removes the defaults' params (dlt's merge would crash; restplay drops them).
  const dropDefaults = ep !== null && Object.hasOwn(ep, "params") && ep.params === null;
  const own = ep && isObj(ep.params) ? ep.params : null;
  const defaultParams: Obj = !dropDefaults && isObj(plan.endpoint?.params) ? plan.endpoint.params : {};
  const params = () => clip(pyRepr(strip({ ...defaultParams, ...own }, "").value as PyValue), 200);
  const scope: Scope = { ctx, hasIncremental: incremental !== undefined && incremental !== null, parents: new Map(), params };
  const param: ParamLookup = (key) =>
    own && Object.hasOwn(own, key) ? { value: own[key], at: [...epAt, "params", key] } : dropDefaults ? undefined : plan.param(key);
  if (own) for (const key of Object.keys(own)) if (!ctx.full) checkParam(ctx, key, own[key], [...epAt, "params", key]);

  let path: string | null = null;
  let pathAt: Path | null = null;
  if (typeof r === "string") [path, pathAt] = [r, at];
  else if (typeof epRaw === "string") [path, pathAt] = [epRaw, epAt];
  else if (ep && typeof ep.path === "string") [path, pathAt] = [ep.path, [...epAt, "path"]];
  const typed = mergedTyped(plan, own, epAt, dropDefaults);
  multipleIncremental(ctx, typed, name);
  const bound = path !== null && pathAt ? scanPath(scope, path, pathAt, param, name) : new Set<string>();
  for (const { key, value, at: pAt } of typed) {
    if (value.type !== "resolve") continue;
    if (typeof value.resource === "string") {
      const rAt = [...pAt, "resource"];
      if (!scope.parents.has(value.resource)) scope.parents.set(value.resource, { at: rAt, range: ctx.loc.value(rAt) });
    }
    if (!bound.has(key)) {
      ctx.add({
        at: pAt,
        severity: "error",
        code: "resolve_param_not_in_path",
        range: ctx.loc.key(pAt),
        message:
          `Resource \`${name}\` defines resolve params \`['${key}']\` that are not bound in path \`${clip(path ?? name)}\`. ` +
          `Put \`{${key}}\` in the path, or use {resources.<parent>.<field>} to send the parent's value as a query param.`,
      });
    }
  }
  // Defaults first, then the resource's own values (reported once: identical findings are merged).
  for (const key of BODY_KEYS) {
    const replaced =
      key === "headers" || key === "data" ? Boolean(ep && key in ep) : Boolean(ep && Object.hasOwn(ep, key) && ep[key] === null);
    if (!replaced && plan.endpoint) addParents(scope.parents, plan.parents(key, scope.hasIncremental));
    if (ep && key in ep) scanValue(scope, dropTyped(ep[key], key), [...epAt, key], key);
  }

  const written = path ?? name;
  const { template, pathParams, boundStatic } = bindPath(written, param);
  const omit = new Set<string>(boundStatic);
  for (const t of typed) if (own && Object.hasOwn(own, t.key)) omit.add(t.key);
  const defaults = dropDefaults ? null : plan.plainParams();
  const ownPlain: Record<string, ConfigValue> = {};
  const python: string[] = [];
  if (defaults) for (const [key, paths] of defaults.python) if (!(own && Object.hasOwn(own, key))) python.push(...paths);
  if (own) {
    for (const key of Object.keys(own)) {
      const s = strip(own[key], child("endpoint.params", key));
      python.push(...s.python);
      if (s.value !== undefined && !typedKind(own[key]) && !boundStatic.has(key)) setOwn(ownPlain, key, s.value);
    }
  }
  const omitted = defaults ? [...omit].filter((k) => Object.hasOwn(defaults.value, k)) : [];
  return {
    written,
    path: template,
    pathParams,
    params: { defaults: defaults ? defaults.value : null, own: own ? ownPlain : null, omit: omitted },
    parents: scope.parents,
    incrementalParam: typed.find((t) => t.value.type === "incremental") ?? null,
    python,
  };
}

/** dlt allows one incremental param per endpoint (after the defaults' params are merged in). */
function multipleIncremental(ctx: RuleContext, typed: readonly TypedParam[], name: string): void {
  const incParams = typed.filter((t) => t.value.type === "incremental");
  if (incParams.length <= 1) return;
  const names = incParams.slice(0, NAMED).map((t) => `'${t.key}'`);
  const found = `[${names.join(", ")}${incParams.length > NAMED ? ", …" : ""}]`;
  for (const extra of incParams.slice(1)) {
    if (ctx.full) break;
    ctx.add({
      at: extra.at,
      severity: "error",
      code: "multiple_incremental_params",
      range: ctx.loc.key(extra.at),
      message:
        `Resource \`${name}\` has more than one incremental param: dlt fails with "Only a single incremental parameter ` +
        `is allower per endpoint. Found parameters: \`${found}\`". Keep one, or use the endpoint's \`incremental\` block.`,
    });
  }
}

/**
 * The path with resolve params rewritten to `{resources.<parent>.<field>}` and static params named
 * bare (`{org}`, a format spec or conversion dropped, as dlt's binding drops them); contexts kept.
 */
function bindPath(path: string, param: ParamLookup) {
  const pathParams: Record<string, ConfigValue> = {};
  const boundStatic = new Set<string>();
  const template = path.replace(TOKEN, (m, raw: string | undefined) => {
    if (raw === undefined) return m;
    const name = raw.split(/[!:]/)[0] ?? raw;
    if (name.includes(".")) return m;
    const found = param(name);
    if (!found) return m;
    const v = found.value;
    if (typedKind(v) === "resolve" && isObj(v)) {
      return typeof v.resource === "string" && typeof v.field === "string" ? `{resources.${v.resource}.${v.field}}` : m;
    }
    if (isObj(v) && !hasMarker(v)) return m;
    const value = strip(v, "").value;
    if (value !== undefined) setOwn(pathParams, name, value);
    boundStatic.add(name);
    return `{${name}}`;
  });
  return { template, pathParams, boundStatic };
}

/** The defaults' parents not named yet, up to DEFAULT_PARENTS of them. */
function addParents(into: Parents, from: Parents): void {
  let n = 0;
  for (const [parent, where] of from) {
    if (n++ >= DEFAULT_PARENTS) return;
    if (!into.has(parent)) into.set(parent, where);
  }
}
