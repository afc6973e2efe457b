/**
 * JSONPath compiled once per run (ARCHITECTURE "Performance habits"): plain dotted paths become direct
 * property walks; anything else goes through jsonpath-plus with `eval: false` (no code execution).
 */
import { JSONPath } from "jsonpath-plus";
import type { Json } from "./types";

export type CompiledPath = (json: Json | undefined) => Json[];

const SIMPLE = /^(\$\.?)?[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/;

export function compilePath(path: string): CompiledPath {
  const p = path.trim();
  if (p === "$" || p === "") return (json) => (json === undefined ? [] : [json]);
  if (SIMPLE.test(p)) {
    const keys = p.replace(/^\$\.?/, "").split(".");
    return (json) => {
      let cur: Json | undefined = json;
      for (const k of keys) {
        if (cur === null || typeof cur !== "object" || Array.isArray(cur) || !(k in cur)) return [];
        cur = (cur as { [key: string]: Json })[k];
      }
      return cur === undefined ? [] : [cur];
    };
  }
  const full = p.startsWith("$") ? p : p.startsWith("[") ? `$${p}` : `$.${p}`;
  return (json) => {
    if (json === undefined) return [];
    const out = JSONPath({ path: full, json: json as object, wrap: true, eval: false }) as Json[] | undefined;
    return out ?? [];
  };
}

/** First match or `undefined`. */
export function firstMatch(path: CompiledPath, json: Json | undefined): Json | undefined {
  return path(json)[0];
}
