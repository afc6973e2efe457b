/**
 * A resource's parents and typed params, from its endpoint merged with `resource_defaults` as dlt
 * merges them (params and json one level deep). The defaults apply to every resource, so what can
 * be worked out from them alone is worked out once (DefaultsPlan): per resource the cost is its own
 * size, not the defaults' size times the number of resources (issue #13: that product took minutes).
 */
import { clip, type Path } from "../located";
import { isObj, isSpecial, type Obj, type RuleContext } from "./context";
import { scanPath, scanValue, type ParamLookup, type Parents, type Scope } from "./placeholders";

export interface ResourceRef {
  readonly name: string;
  readonly at: Path;
  /** The resource's parents: name -> where the reference is written. */
  readonly parents: Parents;
}

/** Typed params of the defaults looked at per resource: a real config has one or two. */
const DEFAULT_TYPED_PARAMS = 32;
/** Parents taken from the defaults per resource: one is valid, two already an error. */
const DEFAULT_PARENTS = 16;
/** Typed params named in one message. */
const NAMED = 10;

const DEF_AT: Path = ["resource_defaults", "endpoint"];
const BODY_KEYS = ["params", "json", "data", "headers"] as const;
type BodyKey = (typeof BODY_KEYS)[number];

interface TypedParam {
  readonly key: string;
  readonly value: Obj;
  readonly at: Path;
  /** Position in the merged params (a resource's own key that overrides a default keeps its place). */
  readonly order: number;
}

const typeOf = (v: unknown) => (isObj(v) && (v.type === "resolve" || v.type === "incremental") ? v.type : null);

/** What `resource_defaults.endpoint` adds to every resource, worked out once. */
export class DefaultsPlan {
  private readonly params: Obj;
  private readonly order = new Map<string, number>();
  readonly typed: readonly TypedParam[];
  private readonly scanned = new Map<string, Parents>();

  constructor(
    private readonly ctx: RuleContext,
    readonly endpoint: Obj | null,
  ) {
    this.params = isObj(endpoint?.params) ? endpoint.params : {};
    const typed: TypedParam[] = [];
    let i = 0;
    for (const [key, value] of Object.entries(this.params)) {
      this.order.set(key, i++);
      if (typeOf(value) && isObj(value) && typed.length < DEFAULT_TYPED_PARAMS)
        typed.push({ key, value, at: [...DEF_AT, "params", key], order: i - 1 });
    }
    this.typed = typed;
  }

  get size(): number {
    return this.order.size;
  }
  orderOf(key: string): number | undefined {
    return this.order.get(key);
  }
  param(key: string): { value: unknown; at: Path } | undefined {
    return Object.hasOwn(this.params, key) ? { value: this.params[key], at: [...DEF_AT, "params", key] } : undefined;
  }

  /** The parents in the defaults' `key` (findings reported the first time only: they are the same for every resource). */
  parents(key: BodyKey, hasIncremental: boolean): Parents {
    const id = `${key}:${hasIncremental}`;
    let found = this.scanned.get(id);
    if (!found) {
      found = new Map();
      const scope: Scope = { ctx: this.ctx, hasIncremental, parents: found };
      if (this.endpoint && key in this.endpoint) scanValue(scope, dropTyped(this.endpoint[key], key), [...DEF_AT, key], key);
      this.scanned.set(id, found);
    }
    return found;
  }
}

/** Typed params are not format strings (their `field` is a JSONPath). */
const dropTyped = (v: unknown, key: string) =>
  key === "params" && isObj(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => !typeOf(x))) : v;

/** The typed params of the merged endpoint, in dlt's merge order. */
function mergedTyped(plan: DefaultsPlan, own: Obj | null, ownAt: Path): TypedParam[] {
  const out = plan.typed.filter((t) => !own || !Object.hasOwn(own, t.key));
  if (own) {
    let extra = plan.size;
    for (const [key, value] of Object.entries(own)) {
      const order = plan.orderOf(key) ?? extra++;
      if (typeOf(value) && isObj(value)) out.push({ key, value, at: [...ownAt, "params", key], order });
    }
  }
  return out.sort((a, b) => a.order - b.order);
}

export function collectParents(ctx: RuleContext, r: unknown, at: Path, plan: DefaultsPlan): ResourceRef | null {
  const name = typeof r === "string" ? r : isObj(r) && typeof r.name === "string" ? r.name : null;
  if (!name || isSpecial(r)) return null;
  const defaults = plan.endpoint;
  const epRaw = isObj(r) ? r.endpoint : undefined;
  const ep = isObj(epRaw) && !isSpecial(epRaw) ? epRaw : null;
  const epAt: Path = [...at, "endpoint"];
  const incremental = ep && "incremental" in ep ? ep.incremental : defaults?.incremental;
  const scope: Scope = { ctx, hasIncremental: incremental !== undefined && incremental !== null, parents: new Map() };
  const own = ep && isObj(ep.params) ? ep.params : null;
  const param: ParamLookup = (key) =>
    own && Object.hasOwn(own, key) ? { value: own[key], at: [...epAt, "params", key] } : plan.param(key);

  let path: string | null = null;
  let pathAt: Path | null = null;
  if (typeof r === "string") [path, pathAt] = [r, at];
  else if (typeof epRaw === "string") [path, pathAt] = [epRaw, epAt];
  else if (ep && typeof ep.path === "string") [path, pathAt] = [ep.path, [...epAt, "path"]];
  const typed = mergedTyped(plan, own, epAt);
  // dlt allows one incremental param per endpoint (after the defaults' params are merged in).
  const incParams = typed.filter((t) => t.value.type === "incremental");
  if (incParams.length > 1) {
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
    const fromDefaults = key === "headers" || key === "data" ? !(ep && key in ep) : true;
    if (fromDefaults && defaults) addParents(scope.parents, plan.parents(key, scope.hasIncremental));
    if (ep && key in ep) scanValue(scope, dropTyped(ep[key], key), [...epAt, key], key);
  }
  return { name, at, parents: scope.parents };
}

/** The defaults' parents not named yet, up to DEFAULT_PARENTS of them. */
function addParents(into: Parents, from: Parents): void {
  let n = 0;
  for (const [parent, where] of from) {
    if (n++ >= DEFAULT_PARENTS) return;
    if (!into.has(parent)) into.set(parent, where);
  }
}
