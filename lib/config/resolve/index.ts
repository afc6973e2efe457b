/**
 * The one place that knows dlt's build rules (ARCHITECTURE rule 10, decision 0021): a validated
 * document becomes a `ResolvedSource` (lib/config/resolved.ts), and every rule dlt applies when it
 * builds the source is reported as a located diagnostic on the way (dlt-rest-api.md §0, phases 2–3).
 * The walk reads the document defensively, so it also reports in documents with schema errors; the
 * source it returns is only used when the document has no error at all (`validateDocument`).
 */
import type { BuiltAuth, ResolvedAuth, ResolvedSource } from "../resolved";
import type { DocNode } from "../../formats";
import type { StrOrRef } from "../schema";
import { where, type Locator, type Path } from "../located";
import type { DiagnosticOut } from "../sink";
import { createContext, type RuleContext } from "../rules/context";
import { DefaultsPlan } from "./defaults";
import { resolveAuth } from "./auth";
import type { ClientPlan } from "./endpoint";
import { checkPaginatorBuild } from "./paginator";
import { resolveResource, type ResourceFacts } from "./resource";
import { sharedDefaultColumns } from "./table-hints";
import { checkParents } from "./graph";
import { literalCredentials } from "../rules/secret-literals";
import { isObj, isPython, isRefOrFormat, hasMarker, strip, type Obj } from "./values";
import { withPythonNumbers } from "./numbers";
import { refOf } from "../../shared";

/**
 * `original` is the document before unread Python values were taken out: a `base_url` written as Python
 * (a function parameter, an imported name) is given, only not known here, so no resource lacks it.
 */
export function resolveSource(plain: unknown, loc: Locator, out: DiagnosticOut, original?: unknown): ResolvedSource {
  const ctx = createContext(loc, out);
  const root: Obj = isObj(plain) ? plain : {};
  const clientRaw: Obj = isObj(root.client) ? root.client : {};
  checkPaginatorBuild(ctx, clientRaw.paginator, ["client", "paginator"]);
  const plan = new DefaultsPlan(ctx, root.resource_defaults);
  if (plan.endpoint) checkPaginatorBuild(ctx, plan.endpoint.paginator, ["resource_defaults", "endpoint", "paginator"]);
  const client: ClientPlan = { raw: clientRaw, auth: resolveAuth(clientRaw.auth, "client.auth", loc, ["client", "auth"]) };
  const list = Array.isArray(root.resources) ? root.resources : [];
  const defaultColumns = sharedDefaultColumns(plan.resource?.columns, list);
  const names = new Map<string, number>();
  const facts: ResourceFacts[] = [];
  const skipped: string[] = [];
  const pythonBaseUrl = isObj(original) && isObj(original.client) && isPython(original.client.base_url);
  const noBaseUrl = isObj(root.client) && !pythonBaseUrl && (!("base_url" in clientRaw) || clientRaw.base_url === "");
  list.forEach((r, i) => {
    const at: Path = ["resources", i];
    if (isPython(r)) skipped.push(`resources[${i}]`);
    if (hasMarker(r) || ctx.full) return;
    const name = typeof r === "string" ? r : isObj(r) && typeof r.name === "string" ? r.name : null;
    if (name) {
      const first = names.get(name);
      if (first !== undefined) {
        ctx.add({
          at,
          severity: "error",
          code: "duplicate_resource_name",
          range: typeof r === "string" ? loc.value(at) : loc.value([...at, "name"]),
          message:
            `Resource \`${name}\` is already defined (resources[${first}]); ` +
            `dlt fails with "Resource \`${name}\` is already defined." Rename one of them.`,
        });
      } else names.set(name, i);
    } else if (isObj(r) && !("name" in r)) {
      // A `name` of the wrong type is the schema's to report; here it is missing.
      ctx.add({
        at,
        severity: "error",
        code: "missing_resource_name",
        range: loc.value(at),
        message:
          `\`resources[${i}]\` has no \`name\` (dlt validates it, then fails with KeyError: 'name'). ` +
          'Add "name": "…"; it is also the table name and the default path.',
      });
    }
    if (noBaseUrl) missingBaseUrl(ctx, r, at, name, clientRaw.base_url === "");
    if (typeof r !== "string" && !isObj(r)) return;
    // A resource without a usable name is still checked (its problems are real), but not run.
    const resolved = resolveResource(ctx, plan, client, defaultColumns, r, i, name ?? `resources[${i}]`);
    if (name) facts.push(resolved);
  });
  // A Python object in the list (a dlt resource) may be any parent: its name is not in the text.
  const resources = checkParents(ctx, facts, names, skipped.length > 0);
  const baseUrl = strip(clientRaw.base_url, "client.base_url").value;
  return {
    client: {
      base_url: typeof baseUrl === "string" || isRefOrFormat(baseUrl) ? (baseUrl as StrOrRef) : null,
      headers: isObj(clientRaw.headers) ? (clientRaw.headers as Record<string, StrOrRef>) : {},
    },
    resources: withPythonNumbers(resources, loc),
    skipped,
    literalSecrets: [...new Set(literalCredentials(plain).flatMap((c) => c.secrets))],
    builtAuths: builtAuths(root, client, plan, loc),
    environRefs: environRefs(loc.root),
  };
}

/** The auth dicts dlt looks at while it builds the source, in its order (`BuiltAuth`). */
function builtAuths(root: Obj, client: ClientPlan, plan: DefaultsPlan, loc: Locator): BuiltAuth[] {
  const out: BuiltAuth[] = [];
  const add = (auth: ResolvedAuth | null, at: Path, check: BuiltAuth["check"]) => {
    if (auth?.kind === "config") out.push({ at: where(at).slice(1, -1), config: auth.config, check });
  };
  add(client.auth.auth, ["client", "auth"], "masked");
  (Array.isArray(root.resources) ? root.resources : []).forEach((r, i) => {
    const at: Path = ["resources", i, "endpoint", "auth"];
    if (isObj(r) && isObj(r.endpoint) && r.endpoint.auth) add(resolveAuth(r.endpoint.auth, "endpoint.auth", loc, at).auth, at, "masked");
  });
  const defaults: Path = ["resource_defaults", "endpoint", "auth"];
  const auth = plan.endpoint?.auth ? resolveAuth(plan.endpoint.auth, "endpoint.auth", loc, defaults).auth : null;
  add(auth, defaults, auth?.kind === "config" && auth.instance !== undefined ? "none" : "validated");
  return out;
}

/** The names `os.environ[...]` reads in the document (a run binds them as text). */
function environRefs(root: DocNode | null): string[] {
  const out = new Set<string>();
  const stack: DocNode[] = root ? [root] : [];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.kind === "ref" && n.environ) out.add(n.name);
    else if (n.kind === "format")
      for (const i of n.environ ?? []) {
        const ref = refOf(n.parts[i]);
        if (ref) out.add(ref.name);
      }
    else if (n.kind === "object") for (const e of n.entries) stack.push(e.value);
    else if (n.kind === "array") stack.push(...n.items);
  }
  return [...out];
}

function missingBaseUrl(ctx: RuleContext, r: unknown, at: Path, name: string | null, empty: boolean): void {
  const ep = isObj(r) ? r.endpoint : undefined;
  let path: string | null = null;
  let pathAt: Path = at;
  if (typeof r === "string") path = r;
  else if (typeof ep === "string") [path, pathAt] = [ep, [...at, "endpoint"]];
  else if (isObj(ep) && typeof ep.path === "string") [path, pathAt] = [ep.path, [...at, "endpoint", "path"]];
  else if (name !== null) [path, pathAt] = [name, [...at, "name"]];
  if (path === null || /^https?:\/\//.test(path)) return;
  const why = empty ? "`client.base_url` is empty" : "`client.base_url` is missing";
  const dlt = empty ? "dlt sends the path alone, and the request fails: no scheme" : "dlt fails with KeyError: 'base_url'";
  ctx.add({
    at: pathAt,
    severity: "error",
    code: "missing_base_url",
    range: ctx.loc.value(pathAt),
    message:
      `${why} and resource \`${name ?? String(at[1])}\` uses the relative path \`${path}\` (${dlt}). ` +
      'Add "base_url" to `client`, or write a full URL.',
  });
}
