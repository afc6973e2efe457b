/**
 * One resource entry, resolved (dlt-rest-api.md §4): a string is `{name, endpoint: {path: name}}`;
 * resource-level keys merge with `resource_defaults` shallowly (the resource wins, `null` too);
 * the endpoint as in ./endpoint.ts. Python values are left out, and their config paths listed in the
 * order the playground reports them (resource keys, auth, paginator, session, params, bodies, …).
 */
import type { ColumnHint, ResolvedResource } from "../resolved";
import type { Path } from "../located";
import type { Parents } from "../rules/placeholders";
import type { RuleContext } from "../rules/context";
import type { DefaultsPlan } from "./defaults";
import { resolveEndpoint, type ClientPlan } from "./endpoint";
import { tableHints } from "./table-hints";
import { isObj, keyList, pick, strip, stringList, type Obj } from "./values";

export interface ResourceFacts {
  readonly resource: ResolvedResource;
  readonly at: Path;
  /** The parents its placeholders and resolve params name, and where. */
  readonly parents: Parents;
  /** `include_from_parent` of the merged resource, and where it is written. */
  readonly include: { readonly value: unknown; readonly at: Path } | null;
}

export function resolveResource(
  ctx: RuleContext,
  plan: DefaultsPlan,
  client: ClientPlan,
  defaultColumns: ColumnHint[],
  entry: unknown,
  index: number,
  name: string,
): ResourceFacts {
  const at: Path = ["resources", index];
  const own: Obj = isObj(entry) ? entry : {};
  const defaults = plan.resource;
  const python: string[] = [];
  // dlt's `{**defaults, **resource}`: the defaults' keys in order (replaced in place), then the resource's new ones.
  const keys = new Set([...Object.keys(defaults ?? {}), ...Object.keys(own)]);
  for (const key of keys) {
    if (key === "endpoint" || key === "name") continue;
    python.push(...(Object.hasOwn(own, key) ? strip(own[key], key).python : plan.resourceValue(key).python));
  }
  const { endpoint, bindings, python: endpointPython } = resolveEndpoint(ctx, plan, client, entry, at, name);
  python.push(...endpointPython);
  const get = (key: string): unknown => pick(own, defaults, key).value;
  const include = pick(own, defaults, "include_from_parent");
  const wd = get("write_disposition");
  const resource: ResolvedResource = {
    name,
    index,
    endpoint,
    parent: null,
    include_from_parent: stringList(include.value) ?? [],
    primary_key: keyList(get("primary_key")),
    write_disposition: typeof wd === "string" ? wd : isObj(wd) && typeof wd.disposition === "string" ? wd.disposition : "append",
    table: tableHints(name, defaults, isObj(entry) ? entry : null, defaultColumns),
    selected: get("selected") !== false,
    parallelized: get("parallelized") === true,
    python: [...new Set(python)],
  };
  return {
    resource,
    at,
    parents: bindings.parents,
    include: include.present
      ? { value: include.value, at: include.fromDefaults ? ["resource_defaults", "include_from_parent"] : [...at, "include_from_parent"] }
      : null,
  };
}
