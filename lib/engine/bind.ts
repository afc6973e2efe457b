/**
 * Build-time checks and rewrites of one endpoint (dlt-rest-api.md §6.2–6.4, §10.1): typed params
 * (`resolve`, `incremental`), path binding, placeholder validation and the parent reference.
 * Errors carry dlt's texts.
 */
import type { IncrementalConfig } from "../config/schema";
import { EngineError, type Json } from "./types";
import { fieldsIn, parentRef, pyRepr, pyStr, stringsIn } from "./interpolate";
import { isObj, type Obj } from "./refs";
import { setOwn } from "../shared";

const TOKEN = /\{\{|\}\}|\{([^{}]*)\}/g;

export interface BoundEndpoint {
  readonly path: string;
  readonly params: Obj;
  readonly incremental: IncrementalConfig | null;
  readonly parent: { readonly name: string; readonly fields: string[] } | null;
}

interface Input {
  readonly resource: string;
  readonly path: string;
  readonly params: Obj;
  readonly json: Json | undefined;
  readonly data: Json | undefined;
  readonly headers: Obj;
  readonly incremental: IncrementalConfig | null;
}

function typedParams(resource: string, params: Obj) {
  const plain: Obj = {};
  const resolve = new Map<string, { resource: string; field: string }>();
  const incremental: [string, Obj][] = [];
  for (const [k, v] of Object.entries(params)) {
    if (!isObj(v)) {
      setOwn(plain, k, v);
      continue;
    }
    if (v.type === "resolve") {
      if (typeof v.resource !== "string" || typeof v.field !== "string") throw new EngineError("invalid_config", `The resolve param \`${k}\` of resource \`${resource}\` needs \`resource\` and \`field\`.`);
      resolve.set(k, { resource: v.resource, field: v.field });
    } else if (v.type === "incremental") incremental.push([k, v]);
    else throw new EngineError("invalid_config", `Received invalid value \`${k}['type']=${pyStr(v.type ?? null)}\`. Valid values are: ['incremental', 'resolve']`);
  }
  return { plain, resolve, incremental };
}

function typedIncremental(params: [string, Obj][], endpointBlock: IncrementalConfig | null): IncrementalConfig | null {
  if (params.length > 1) throw new EngineError("invalid_config", `Only a single incremental parameter is allower per endpoint. Found parameters: \`${pyRepr(params.map(([k]) => k))}\``);
  const first = params[0];
  if (!first) return endpointBlock;
  const [key, cfg] = first;
  if ("end_value" in cfg || "end_param" in cfg) {
    throw new EngineError("invalid_config", `Only \`start_param\` and \`initial_value\` are allowed in the configuration of param: \`${key}\`. To set \`end_value\` too use the incremental configuration at the resource level. See https://dlthub.com/docs/dlt-ecosystem/verified-sources/rest_api/advanced#incremental-loading`);
  }
  const { type: _type, ...rest } = cfg;
  return { ...(rest as IncrementalConfig), start_param: key };
}

export function bindEndpoint(input: Input): BoundEndpoint {
  const { resource } = input;
  const typed = typedParams(resource, input.params);
  const incremental = typedIncremental(typed.incremental, input.incremental);
  const contexts = incremental ? ["resources", "incremental"] : ["resources"];
  const params = { ...typed.plain };
  const used = new Set<string>();
  // Path binding (§6.4): parent/incremental placeholders stay, resolve params become parent placeholders, static params are substituted.
  const path = input.path.replace(TOKEN, (m, raw: string | undefined) => {
    if (raw === undefined) return m;
    const name = raw.split(/[!:]/)[0] ?? raw;
    if (contexts.some((c) => name.startsWith(`${c}.`))) return m;
    const r = typed.resolve.get(name);
    if (r) {
      used.add(name);
      return `{resources.${r.resource}.${r.field}}`;
    }
    if (name in typed.plain) {
      const v = typed.plain[name];
      delete params[name];
      return pyStr(v ?? null).replace(/\{/g, "{{").replace(/\}/g, "}}");
    }
    if (typed.incremental.some(([k]) => k === name)) {
      throw new EngineError("invalid_config", `The path \`${input.path}\` defined in resource \`${resource}\` tries to bind param \`${name}\` with type \`incremental\`. Paths can only bind 'resolve' type params.`);
    }
    if (!name.includes(".")) {
      throw new EngineError("invalid_config", `The path '${input.path}' defined in resource '${resource}' requires a param named '${name}', but it was not found in 'endpoint.params': ${pyRepr(input.params)}`);
    }
    throw new EngineError("placeholder_error", `The \`path=${input.path}\` defined in resource \`${resource}\` contains a placeholder \`${name}\`. This placeholder is not a valid name. Valid names are: ['resources', 'incremental'].`);
  });
  const unused = [...typed.resolve.keys()].filter((k) => !used.has(k));
  if (unused.length > 0) {
    throw new EngineError("invalid_config", `Resource \`${resource}\` defines resolve params \`${pyRepr(unused)}\` that are not bound in path \`${input.path}\`. To reference parent resource in query params use syntax 'resources.<parent_resource>.<field>'`);
  }
  // Placeholders elsewhere must start with a known context (§6.2).
  const where: [string, Json | undefined][] = [["params", params], ["json", input.json], ["data", input.data], ["headers", input.headers]];
  for (const [label, value] of where) {
    for (const s of stringsIn(value)) {
      for (const f of fieldsIn(s)) {
        if (!contexts.some((c) => f.name.startsWith(`${c}.`))) {
          throw new EngineError("placeholder_error", `Expression \`${f.name}\` defined in \`${label}\` is not valid. Valid expressions must start with one of: \`{${contexts.map((c) => `'${c}'`).join(", ")}}\`. If you need to use literal curly braces in your expression, escape them by doubling them: {{ and }}`);
        }
      }
    }
  }
  // The parent: every `resources.` reference must name the same one.
  const refs = [path, ...where.flatMap(([, v]) => stringsIn(v))].flatMap((s) => fieldsIn(s).filter((f) => f.name.startsWith("resources.")).map((f) => parentRef(f.name)));
  const parents = [...new Set(refs.map((r) => r.parent))];
  if (parents.length > 1) {
    throw new EngineError("invalid_config", `Multiple parent resources for resource \`${resource}\`: ${parents.map((p) => `\`${p}\``).join(", ")} (references ${refs.map((r) => `resources.${r.parent}.${r.field}`).join(", ")}). A resource can depend on one parent only.`);
  }
  const parentName = parents[0];
  return { path, params, incremental, parent: parentName !== undefined ? { name: parentName, fields: [...new Set(refs.map((r) => r.field))] } : null };
}
