/**
 * JSONPath compiled once per run (ARCHITECTURE "Performance habits"): paths made only of names and
 * indices (`data`, `$.a.b`, `['@odata.nextLink']`, `items[0]`) become direct walks; anything else
 * (wildcards, filters, recursive descent) goes through jsonpath-plus with `eval: false`.
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

export function compilePath(path: string): CompiledPath {
  const p = path.trim();
  const keys = simpleKeys(p);
  if (keys) {
    return (json) => {
      let cur: Json | undefined = json;
      for (const k of keys) {
        if (cur === null || typeof cur !== "object") return [];
        if (typeof k === "number") {
          if (!Array.isArray(cur)) return [];
          cur = cur[k];
        } else {
          if (Array.isArray(cur) || !(k in cur)) return [];
          cur = cur[k];
        }
        if (cur === undefined) return [];
      }
      return cur === undefined ? [] : [cur];
    };
  }
  const full = p.startsWith("$") ? p : p.startsWith("[") ? `$${p}` : `$.${p}`;
  return (json) => {
    if (json === undefined) return [];
    try {
      return (JSONPath({ path: full, json: json as object, wrap: true, eval: false }) as Json[] | undefined) ?? [];
    } catch (e) {
      throw new EngineError("selector_error", `The JSONPath \`${path}\` could not be evaluated: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}

/** First match or `undefined`. */
export function firstMatch(path: CompiledPath, json: Json | undefined): Json | undefined {
  return path(json)[0];
}
