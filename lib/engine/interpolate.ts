/** `{resources.<parent>.<field>}` placeholders (dlt-rest-api.md §6): finding and filling them. */
import { EngineError, type Json } from "./types";
import { compilePath, firstMatch } from "./jsonpath";

const PLACEHOLDER = /\{\{|\}\}|\{([^{}]+)\}/g;

/** `resources.<parent>.<field>` references in a string. */
export function findParentRefs(s: string): { parent: string; field: string }[] {
  const out: { parent: string; field: string }[] = [];
  for (const m of s.matchAll(PLACEHOLDER)) {
    const expr = m[1];
    if (!expr?.startsWith("resources.")) continue;
    const [, parent, ...field] = expr.split(".");
    if (!parent || field.length === 0) throw new EngineError("placeholder_error", `Invalid definition of \`${expr}\`. Expected format: 'resources.<resource>.<field>'`);
    out.push({ parent, field: field.join(".") });
  }
  return out;
}

/** Python's str() of a value, as dlt formats placeholders. */
export function pyStr(v: Json | undefined): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return JSON.stringify(v);
}

export type Lookup = (expr: string) => Json | undefined;

export function parentLookup(parent: string, record: Json, extra: Record<string, Json> = {}): Lookup {
  const cache = new Map<string, ReturnType<typeof compilePath>>();
  return (expr) => {
    if (expr in extra) return extra[expr];
    if (!expr.startsWith(`resources.${parent}.`)) throw new EngineError("placeholder_error", `Unknown placeholder \`{${expr}}\`.`);
    const field = expr.slice(`resources.${parent}.`.length);
    let path = cache.get(field);
    if (!path) cache.set(field, (path = compilePath(field)));
    const v = firstMatch(path, record);
    if (v === undefined) {
      const fields = record && typeof record === "object" && !Array.isArray(record) ? Object.keys(record) : [];
      throw new EngineError("placeholder_error", `Resource expects a field \`${field}\` to be present in the incoming data from resource \`${parent}\` in order to bind it to \`{${expr}}\`. Available parent fields are: ${JSON.stringify(fields)}`);
    }
    return v;
  };
}

export function formatString(s: string, lookup: Lookup): string {
  return s.replace(PLACEHOLDER, (m, expr: string | undefined) => (m === "{{" ? "{" : m === "}}" ? "}" : pyStr(lookup(expr ?? ""))));
}

/** Deep formatting; in JSON bodies a lone placeholder keeps the value's type. */
export function formatDeep(v: Json, lookup: Lookup, preserveTypes: boolean): Json {
  if (typeof v === "string") {
    const lone = /^\{([^{}]+)\}$/.exec(v);
    if (preserveTypes && lone?.[1]) return lookup(lone[1]) ?? null;
    return formatString(v, lookup);
  }
  if (Array.isArray(v)) return v.map((x) => formatDeep(x, lookup, preserveTypes));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [formatString(k, lookup), formatDeep(x, lookup, preserveTypes)]));
  return v;
}
