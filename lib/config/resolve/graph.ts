/**
 * Parents and the dependency graph (dlt-rest-api.md §6.3): every parent must exist and not be the
 * resource itself, one parent per resource, no cycles, `include_from_parent` only with a parent; then
 * the resources in dependency order (parents first, otherwise in config order).
 */
import type { ConfigValue, ResolvedEndpoint, ResolvedResource } from "../resolved";
import type { Path } from "../located";
import type { RuleContext } from "../rules/context";
import { formatFields, templateText } from "../rules/placeholders";
import { mergeLayers } from "../../shared";
import type { ResourceFacts } from "./resource";
import { isFormat, isObj, isRef } from "./values";

/**
 * Calls `visit` with every string in a value (keys included), references left out; a `$format` as the
 * template text dlt reads in what the f-string made (`templateText`).
 */
function eachString(v: ConfigValue | undefined, visit: (s: string) => void): void {
  if (typeof v === "string") visit(v);
  else if (isFormat(v)) visit(templateText(v));
  else if (Array.isArray(v)) for (const x of v) eachString(x, visit);
  else if (isObj(v) && !isRef(v))
    for (const k of Object.keys(v)) {
      visit(k);
      eachString(v[k] as ConfigValue, visit);
    }
}

/**
 * The parent fields a resource's templates read (`{resources.<parent>.<field>}`), in the order they
 * are written (path, params, json, data, headers): each parent record gives the child these values.
 * Names as the engine looks them up when it formats a template (trimmed, without `!conv:spec`).
 */
function parentFields(parent: string, ep: ResolvedEndpoint): string[] {
  const prefix = `resources.${parent}.`;
  const fields = new Set<string>();
  const visit = (s: string) => {
    if (!s.includes("{")) return;
    for (const f of formatFields(s).fields) {
      const name = f.name.trim();
      if (name.startsWith(prefix)) fields.add(name.slice(prefix.length));
    }
  };
  visit(ep.path);
  for (const t of [mergeLayers(ep.params), ep.json === null ? null : mergeLayers(ep.json), ep.data, ep.headers]) eachString(t, visit);
  return [...fields];
}

/** The resources in dependency order, each with its parent. */
export function checkParents(
  ctx: RuleContext,
  facts: readonly ResourceFacts[],
  names: ReadonlyMap<string, number>,
  external: boolean,
): ResolvedResource[] {
  const parentOf = new Map<string, string>();
  // Named in messages about unknown parents: a few are enough (and keep this linear in the resources).
  const someNames = [...names.keys()].slice(0, 11);
  const withParent = new Map<ResourceFacts, ResolvedResource>();
  for (const f of facts) {
    const name = f.resource.name;
    const valid: string[] = [];
    for (const [parent, where] of f.parents) {
      if (parent === name || (!names.has(parent) && !external)) {
        const defined = someNames.filter((n) => n !== name);
        ctx.add({
          at: where.at,
          severity: "error",
          code: "placeholder_unknown_resource",
          range: where.range,
          message:
            parent === name
              ? `Resource \`${name}\` refers to itself as its parent (\`${parent}\`): a resource cannot depend on itself.`
              : `A dependent resource \`${name}\` refers to non existing parent resource \`${parent}\`.` +
                `${
                  defined.length
                    ? ` Defined: ${defined
                        .slice(0, 10)
                        .map((n) => `\`${n}\``)
                        .join(", ")}${defined.length > 10 ? ", …" : ""}.`
                    : ""
                }`,
        });
      } else valid.push(parent);
    }
    if (valid.length > 1) {
      ctx.add({
        at: [...f.at, "endpoint"],
        severity: "error",
        code: "multiple_parents",
        range: ctx.loc.key([...f.at, "endpoint"]),
        message:
          `Resource \`${name}\` refers to several parent resources (${valid.map((p) => `\`${p}\``).join(", ")}); ` +
          "dlt allows one parent per resource.",
      });
    }
    const parent = valid.length === 1 ? (valid[0] as string) : null;
    if (parent !== null) parentOf.set(name, parent);
    if (f.include && Array.isArray(f.include.value) && f.parents.size === 0) {
      ctx.add({
        at: f.include.at,
        severity: "error",
        code: "include_from_parent_without_parent",
        range: ctx.loc.key(f.include.at),
        message:
          `Resource \`${name}\` has \`include_from_parent\` but is not dependent on another resource: ` +
          "reference a parent with {resources.<parent>.<field>}, or remove it.",
      });
    }
    const resolved: ResolvedResource["parent"] =
      parent === null ? null : { name: parent, external: !names.has(parent), fields: parentFields(parent, f.resource.endpoint) };
    withParent.set(f, { ...f.resource, parent: resolved });
  }
  reportCycles(ctx, parentOf, names);
  return dependencyOrder(facts.map((f) => withParent.get(f) as ResolvedResource));
}

/** Cycles (a -> b -> a): each is reported once, at the resource where the walk closes it. */
function reportCycles(ctx: RuleContext, parentOf: ReadonlyMap<string, string>, names: ReadonlyMap<string, number>): void {
  const state = new Map<string, 1 | 2>();
  for (const start of parentOf.keys()) {
    const chain: string[] = [];
    let cur: string | undefined = start;
    while (cur !== undefined && !state.has(cur)) {
      state.set(cur, 1);
      chain.push(cur);
      cur = parentOf.get(cur);
    }
    if (cur !== undefined && state.get(cur) === 1) {
      const cycle = [...chain.slice(chain.indexOf(cur)), cur];
      const at: Path = ["resources", names.get(cur) ?? 0, "endpoint"];
      ctx.add({
        at,
        severity: "error",
        code: "resource_cycle",
        range: ctx.loc.key(at),
        message:
          `Resources depend on each other in a cycle, ${cycle.map((n) => `\`${n}\``).join(" -> ")}: dlt fails with CycleError ` +
          `('nodes are in a cycle', [${cycle.map((n) => `'${n}'`).join(", ")}]). A parent must not depend on its children.`,
      });
    }
    for (const n of chain) state.set(n, 2);
  }
}

/** Parents before children, otherwise in config order (a cycle, already reported, is cut where it closes). */
function dependencyOrder(resources: readonly ResolvedResource[]): ResolvedResource[] {
  const byName = new Map<string, ResolvedResource>();
  for (const r of resources) if (!byName.has(r.name)) byName.set(r.name, r);
  const order: ResolvedResource[] = [];
  const seen = new Set<ResolvedResource>();
  for (const start of resources) {
    // Iterative (a chain of a thousand parents must not overflow the stack): climb to the first unseen root, emit downwards.
    const chain: ResolvedResource[] = [];
    for (
      let r: ResolvedResource | undefined = start;
      r && !seen.has(r) && !chain.includes(r);
      r = r.parent ? byName.get(r.parent.name) : undefined
    )
      chain.push(r);
    for (let i = chain.length - 1; i >= 0; i--) {
      const r = chain[i] as ResolvedResource;
      seen.add(r);
      order.push(r);
    }
  }
  return order;
}
