/** Resource-list checks dlt makes when it builds the source: names, base URL, parents and cycles. */
import type { Path } from "../located";
import { checkEndpoint } from "./endpoint";
import { collectParents, DefaultsPlan, type ResourceRef } from "./parents";
import { isObj, isSpecial, type Obj, type RuleContext } from "./context";

export function checkResources(ctx: RuleContext, resources: readonly unknown[], client: unknown, defaults: Obj | null): void {
  const { loc } = ctx;
  const names = new Map<string, number>();
  const refs: ResourceRef[] = [];
  const noBaseUrl = isObj(client) && !("base_url" in client);
  const plan = new DefaultsPlan(ctx, defaults);
  resources.forEach((r, i) => {
    const at: Path = ["resources", i];
    if (isSpecial(r) || ctx.full) return;
    const name = typeof r === "string" ? r : isObj(r) && typeof r.name === "string" ? r.name : null;
    if (name) {
      const first = names.get(name);
      if (first !== undefined) {
        ctx.add({ at, severity: "error", code: "duplicate_resource_name", range: typeof r === "string" ? loc.value(at) : loc.value([...at, "name"]),
          message: `Resource \`${name}\` is already defined (resources[${first}]); dlt fails with "Resource \`${name}\` is already defined." Rename one of them.` });
      } else names.set(name, i);
    } else if (isObj(r) && !("name" in r)) {
      // A `name` of the wrong type is the schema's to report; here it is missing.
      ctx.add({ at, severity: "error", code: "missing_resource_name", range: loc.value(at),
        message: `\`resources[${i}]\` has no \`name\` (dlt validates it, then fails with KeyError: 'name'). Add "name": "…"; it is also the table name and the default path.` });
    }
    const ep = isObj(r) ? r.endpoint : undefined;
    if (noBaseUrl) missingBaseUrl(ctx, r, ep, at, name);
    if (isObj(r)) checkEndpoint(ctx, ep, [...at, "endpoint"]);
    const ref = collectParents(ctx, r, at, plan);
    if (ref) refs.push(ref);
  });
  // A Python object in the list (a dlt resource) may be any parent: its name is not in the text.
  const external = resources.some((r) => isObj(r) && typeof r.$python === "string");
  checkParents(ctx, refs, resources, names, external);
}

function missingBaseUrl(ctx: RuleContext, r: unknown, ep: unknown, at: Path, name: string | null): void {
  let path: string | null = null;
  let pathAt: Path = at;
  if (typeof r === "string") path = r;
  else if (typeof ep === "string") [path, pathAt] = [ep, [...at, "endpoint"]];
  else if (isObj(ep) && typeof ep.path === "string") [path, pathAt] = [ep.path, [...at, "endpoint", "path"]];
  else if (name !== null) [path, pathAt] = [name, [...at, "name"]];
  if (path === null || /^https?:\/\//.test(path)) return;
  ctx.add({ at: pathAt, severity: "error", code: "missing_base_url", range: ctx.loc.value(pathAt),
    message: `\`client.base_url\` is missing and resource \`${name ?? String(at[1])}\` uses the relative path \`${path}\` (dlt fails with KeyError: 'base_url'). Add "base_url" to \`client\`, or write a full URL.` });
}

function checkParents(ctx: RuleContext, refs: readonly ResourceRef[], resources: readonly unknown[], names: ReadonlyMap<string, number>, external: boolean): void {
  const parentOf = new Map<string, string>();
  // Named in messages about unknown parents: a few are enough (and keep this linear in the resources).
  const someNames = [...names.keys()].slice(0, 11);
  for (const ref of refs) {
    const valid: string[] = [];
    for (const [parent, where] of ref.parents) {
      if (parent === ref.name || (!names.has(parent) && !external)) {
        const defined = someNames.filter((n) => n !== ref.name);
        ctx.add({ at: where.at, severity: "error", code: "placeholder_unknown_resource", range: where.range,
          message: parent === ref.name
            ? `Resource \`${ref.name}\` refers to itself as its parent (\`${parent}\`): a resource cannot depend on itself.`
            : `Resource \`${ref.name}\` refers to a parent resource \`${parent}\` that does not exist.${defined.length ? ` Defined: ${defined.slice(0, 10).map((n) => `\`${n}\``).join(", ")}${defined.length > 10 ? ", …" : ""}.` : ""}` });
      } else valid.push(parent);
    }
    if (valid.length > 1) {
      ctx.add({ at: [...ref.at, "endpoint"], severity: "error", code: "multiple_parents", range: ctx.loc.key([...ref.at, "endpoint"]),
        message: `Resource \`${ref.name}\` refers to several parent resources (${valid.map((p) => `\`${p}\``).join(", ")}); dlt allows one parent per resource.` });
    }
    if (valid.length === 1) parentOf.set(ref.name, valid[0] as string);
    const r = resources[ref.at[1] as number];
    if (isObj(r) && Array.isArray(r.include_from_parent) && ref.parents.size === 0) {
      ctx.add({ at: [...ref.at, "include_from_parent"], severity: "error", code: "include_from_parent_without_parent", range: ctx.loc.key([...ref.at, "include_from_parent"]),
        message: `Resource \`${ref.name}\` has \`include_from_parent\` but is not dependent on another resource: reference a parent with {resources.<parent>.<field>}, or remove it.` });
    }
  }
  // Cycles (a -> b -> a): each is reported once, at the resource where the walk closes it.
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
      ctx.add({ at, severity: "error", code: "resource_cycle", range: ctx.loc.key(at),
        message: `Resources depend on each other in a cycle: ${cycle.map((n) => `\`${n}\``).join(" -> ")} (dlt fails with CycleError). A parent must not depend on its children.` });
    }
    for (const n of chain) state.set(n, 2);
  }
}
