/**
 * JSONPath compiled once per run (ARCHITECTURE "Performance habits"): paths made only of names and
 * indices (`data`, `$.a.b`, `['@odata.nextLink']`, `items[0]`) become direct walks; anything else
 * (wildcards, slices, recursive descent) goes through jsonpath-plus with `eval: false` (filters and
 * script expressions are never evaluated). `"data"` and `"$.data"` are the same path, as in dlt.
 */
import { JSONPath } from "jsonpath-plus";
import { EngineError, type Json } from "./types";

export type CompiledPath = (json: Json | undefined) => Json[];

const SEGMENT = /^(?:\.?([A-Za-z_][\w-]*)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[(\d+)\])/;

/** The keys of a path made only of names and indices, or null. */
function simpleKeys(path: string): (string | number)[] | null {
  let rest = path.replace(/^\$/, "");
  const keys: (string | number)[] = [];
  while (rest.length > 0) {
    const m = SEGMENT.exec(rest);
    if (!m) return null;
    keys.push(m[4] !== undefined ? Number(m[4]) : (m[1] ?? m[2] ?? m[3] ?? ""));
    rest = rest.slice(m[0].length);
  }
  return keys;
}

function walk(keys: readonly (string | number)[]): CompiledPath {
  return (json) => {
    let cur: Json | undefined = json;
    for (const k of keys) {
      if (cur === null || typeof cur !== "object") return [];
      if (typeof k === "number") {
        if (!Array.isArray(cur)) return [];
        cur = cur[k];
      } else {
        if (Array.isArray(cur) || !Object.hasOwn(cur, k)) return [];
        cur = cur[k];
      }
      if (cur === undefined) return [];
    }
    return cur === undefined ? [] : [cur];
  };
}

export function compilePath(path: string): CompiledPath {
  const p = path.trim();
  const keys = simpleKeys(p);
  if (keys) return walk(keys);
  // Normalised once here; jsonpath-plus caches the parsed form of this exact string.
  const full = p.startsWith("$") ? p : p.startsWith("[") ? `$${p}` : `$.${p}`;
  return (json) => {
    if (json === undefined || json === null || typeof json !== "object") return [];
    try {
      return (JSONPath({ path: full, json, wrap: true, eval: false }) as Json[] | undefined) ?? [];
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      const hint = /prevented/i.test(why) ? " Filter and script expressions (`?(…)`, `(…)`) are not evaluated in the playground." : "";
      throw new EngineError("selector_error", `The JSONPath \`${path}\` could not be evaluated: ${why}.${hint}`);
    }
  };
}

/** First match or `undefined`. */
export function firstMatch(path: CompiledPath, json: Json | undefined): Json | undefined {
  return path(json)[0];
}
