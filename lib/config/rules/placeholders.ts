/**
 * `{…}` placeholders and parent resources, checked the way dlt checks them when it builds the
 * source (dlt-rest-api.md §6): Python format-string syntax, the `resources.` / `incremental.`
 * contexts, static path params, legacy `resolve` params, one parent per resource, no cycles.
 */
import type { Range } from "../../formats";
import type { Path } from "../located";
import { isObj, isSpecial, type Obj, type RuleContext } from "./context";

interface Field {
  readonly name: string;
  /** The field as written, braces included: `{resources.posts.id}`. */
  readonly raw: string;
}

/** The replacement fields of a Python format string, or the error `str.format` would raise. */
export function formatFields(s: string): { fields: Field[]; error: string | null } {
  const fields: Field[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "}") {
      if (s[i + 1] === "}") i++;
      else return { fields, error: "Single '}' encountered in format string" };
    } else if (c === "{") {
      if (s[i + 1] === "{") {
        i++;
        continue;
      }
      let depth = 1;
      let j = i + 1;
      for (; j < s.length; j++) {
        if (s[j] === "{") depth++;
        else if (s[j] === "}" && --depth === 0) break;
      }
      if (depth > 0) return { fields, error: "Single '{' encountered in format string" };
      const body = s.slice(i + 1, j);
      const cut = body.search(/[!:]/);
      const name = cut < 0 ? body : body.slice(0, cut);
      if (name.includes("{")) return { fields, error: "unexpected '{' in field name" };
      fields.push({ name, raw: s.slice(i, j + 1) });
      i = j;
    }
  }
  return { fields, error: null };
}

export interface ResourceRef {
  readonly name: string;
  readonly at: Path;
  /** The resource's parents: name -> where the reference is written. */
  readonly parents: Map<string, { at: Path; range: Range }>;
}

interface Scope {
  readonly ctx: RuleContext;
  readonly hasIncremental: boolean;
  readonly parents: Map<string, { at: Path; range: Range }>;
}

/** Where `raw` is inside the string token at `at` (the whole token if escapes hide it). */
function fieldRange(ctx: RuleContext, at: Path, isKey: boolean, raw: string): Range {
  const r = isKey ? ctx.loc.key(at) : ctx.loc.value(at);
  const i = ctx.text.slice(r.start, r.end).indexOf(raw);
  return i < 0 ? r : { start: r.start + i, end: r.start + i + raw.length };
}

/** A `resources.<parent>.<field>` expression: remembers the parent, reports a malformed one. */
function resourceExpr(scope: Scope, f: Field, at: Path, range: Range): void {
  const parts = f.name.split(".");
  if (parts.length < 3 || !parts[1] || !parts[2]) {
    scope.ctx.add({ at, severity: "error", code: "invalid_placeholder", range,
      message: `Invalid definition of \`${f.name}\`. Expected format: 'resources.<resource>.<field>'.` });
    return;
  }
  if (!scope.parents.has(parts[1])) scope.parents.set(parts[1], { at, range });
}

/** Placeholders in params/json/data/headers (keys and values, at any depth). */
function scanValue(scope: Scope, value: unknown, at: Path, location: string): void {
  const check = (s: string, p: Path, isKey: boolean) => {
    if (!s.includes("{") && !s.includes("}")) return;
    const { fields, error } = formatFields(s);
    const { ctx } = scope;
    if (error) {
      ctx.add({ at: p, severity: "error", code: "invalid_placeholder", range: isKey ? ctx.loc.key(p) : ctx.loc.value(p),
        message: `${error} (dlt reads \`${location}\` strings as Python format strings). Write literal braces doubled: {{ and }}.` });
      return;
    }
    for (const f of fields) {
      const range = fieldRange(ctx, p, isKey, f.raw);
      if (f.name.startsWith("resources.")) resourceExpr(scope, f, p, range);
      else if (!(scope.hasIncremental && f.name.startsWith("incremental."))) {
        ctx.add({ at: p, severity: "error", code: "invalid_placeholder", range,
          message: `Expression \`${f.name}\` defined in \`${location}\` is not valid. Valid expressions must start with one of: ${scope.hasIncremental ? "`resources.`, `incremental.`" : "`resources.`"}${f.name.startsWith("incremental.") ? " (`incremental.` needs an `incremental` block in this endpoint)" : ""}. If you need literal curly braces, escape them by doubling them: {{ and }}.` });
      }
    }
  };
  const walk = (v: unknown, p: Path) => {
    if (typeof v === "string") check(v, p, false);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (isObj(v) && !isSpecial(v)) {
      for (const [k, x] of Object.entries(v)) {
        check(k, [...p, k], true);
        walk(x, [...p, k]);
      }
    }
  };
  walk(value, at);
}

/** Placeholders in the path: contexts, static path params and resolve params (dlt's `_bind_path_params`). */
function scanPath(scope: Scope, path: string, at: Path, params: Map<string, { value: unknown; at: Path }>, resourceName: string): Set<string> {
  const bound = new Set<string>();
  const { ctx } = scope;
  const { fields, error } = formatFields(path);
  if (error) {
    ctx.add({ at, severity: "error", code: "invalid_placeholder", range: ctx.loc.value(at), message: `${error} in the path of resource \`${resourceName}\`. Literal braces do not work in dlt paths.` });
    return bound;
  }
  for (const f of fields) {
    const range = fieldRange(ctx, at, false, f.raw);
    if (f.name.startsWith("resources.")) resourceExpr(scope, f, at, range);
    else if (scope.hasIncremental && f.name.startsWith("incremental.")) continue;
    else if (!f.name.includes(".")) {
      const param = params.get(f.name);
      bound.add(f.name);
      if (!param) {
        ctx.add({ at, severity: "error", code: "path_param_missing", range,
          message: `The path '${path}' defined in resource '${resourceName}' requires a param named '${f.name}', but it was not found in 'endpoint.params'. Add "params": {"${f.name}": …} (a static value) or reference a parent with {resources.<parent>.<field>}.` });
      } else if (isObj(param.value) && !isSpecial(param.value) && param.value.type !== "resolve") {
        ctx.add({ at, severity: "error", code: "invalid_placeholder", range,
          message: `The path \`${path}\` defined in resource \`${resourceName}\` tries to bind param \`${f.name}\` with type \`${String(param.value.type)}\`. Paths can only bind 'resolve' type params.` });
      }
    } else {
      ctx.add({ at, severity: "error", code: "invalid_placeholder", range,
        message: `The \`path=${path}\` defined in resource \`${resourceName}\` contains a placeholder \`${f.name}\`. This placeholder is not a valid name. Valid names are: ['resources', 'incremental']${f.name.startsWith("incremental.") ? " (`incremental.` needs an `incremental` block in this endpoint)" : ""}.` });
    }
  }
  return bound;
}

/** The endpoint of resource `r` merged with the defaults' as dlt merges them (params and json one level deep). */
export function collectParents(ctx: RuleContext, r: unknown, at: Path, defaults: Obj | null): ResourceRef | null {
  const name = typeof r === "string" ? r : isObj(r) && typeof r.name === "string" ? r.name : null;
  if (!name || isSpecial(r)) return null;
  const epRaw = isObj(r) ? r.endpoint : undefined;
  const ep = isObj(epRaw) && !isSpecial(epRaw) ? epRaw : null;
  const epAt: Path = [...at, "endpoint"];
  const defAt: Path = ["resource_defaults", "endpoint"];
  const incremental = ep && "incremental" in ep ? ep.incremental : defaults?.incremental;
  const scope: Scope = { ctx, hasIncremental: incremental !== undefined && incremental !== null, parents: new Map() };

  const params = new Map<string, { value: unknown; at: Path }>();
  for (const [src, srcAt] of [[defaults?.params, defAt], [ep?.params, epAt]] as const) {
    if (isObj(src)) for (const [k, v] of Object.entries(src)) params.set(k, { value: v, at: [...srcAt, "params", k] });
  }
  let path: string | null = null;
  let pathAt: Path | null = null;
  if (typeof r === "string") [path, pathAt] = [r, at];
  else if (typeof epRaw === "string") [path, pathAt] = [epRaw, epAt];
  else if (ep && typeof ep.path === "string") [path, pathAt] = [ep.path, [...epAt, "path"]];
  // dlt allows one incremental param per endpoint (after the defaults' params are merged in).
  const incParams = [...params].filter(([, p]) => isObj(p.value) && p.value.type === "incremental");
  for (const [, extra] of incParams.slice(1)) {
    const found = `[${incParams.map(([k]) => `'${k}'`).join(", ")}]`;
    ctx.add({ at: extra.at, severity: "error", code: "multiple_incremental_params", range: ctx.loc.key(extra.at),
      message: `Resource \`${name}\` has more than one incremental param: dlt fails with "Only a single incremental parameter is allower per endpoint. Found parameters: \`${found}\`". Keep one, or use the endpoint's \`incremental\` block.` });
  }
  const bound = path !== null && pathAt ? scanPath(scope, path, pathAt, params, name) : new Set<string>();

  for (const [k, { value, at: pAt }] of params) {
    if (!isObj(value) || value.type !== "resolve") continue;
    if (typeof value.resource === "string") {
      const rAt = [...pAt, "resource"];
      if (!scope.parents.has(value.resource)) scope.parents.set(value.resource, { at: rAt, range: ctx.loc.value(rAt) });
    }
    if (!bound.has(k)) {
      ctx.add({ at: pAt, severity: "error", code: "resolve_param_not_in_path", range: ctx.loc.key(pAt),
        message: `Resource \`${name}\` defines resolve params \`['${k}']\` that are not bound in path \`${path ?? name}\`. Put \`{${k}}\` in the path, or use {resources.<parent>.<field>} to send the parent's value as a query param.` });
    }
  }
  // Defaults first, then the resource's own values (reported once: identical findings are merged).
  const useDefaultHeaders = !(ep && "headers" in ep);
  const useDefaultData = !(ep && "data" in ep);
  for (const [key, location] of [["params", "params"], ["json", "json"], ["data", "data"], ["headers", "headers"]] as const) {
    const fromDefaults = key === "headers" ? useDefaultHeaders : key === "data" ? useDefaultData : true;
    if (fromDefaults && defaults && key in defaults) scanValue(scope, dropResolve(defaults[key], key), [...defAt, key], location);
    if (ep && key in ep) scanValue(scope, dropResolve(ep[key], key), [...epAt, key], location);
  }
  return { name, at, parents: scope.parents };
}

/** Typed params are not format strings (their `field` is a JSONPath). */
const dropResolve = (v: unknown, key: string) =>
  key === "params" && isObj(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => !(isObj(x) && (x.type === "resolve" || x.type === "incremental")))) : v;
