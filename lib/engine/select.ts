/** Data selection (dlt-rest-api.md §8): which part of a response body is the page's records. */
import type { Json } from "./types";
import { compilePath, type CompiledPath } from "./jsonpath";
import type { Texts } from "../shared/jsonpath-ng";
import { DLT_LIST_KEYS, keysInOrder } from "../shared";

const LIST_KEYS: ReadonlySet<string> = new Set(DLT_LIST_KEYS);

export interface Selection {
  readonly records: Json[];
  /** Set when the selector matched a null (dlt warns and yields an empty page). */
  readonly nullMatch: boolean;
}

/** `texts`: the body's number spellings (a float spelled `2.0` that `sorted` moves keeps its spelling). */
export function applySelector(selector: CompiledPath, body: Json | undefined, texts?: Texts): Selection {
  const matches = selector(body, texts);
  if (matches.length === 0) return { records: [], nullMatch: false };
  if (matches.length > 1) return { records: matches, nullMatch: false };
  const only = matches[0] as Json;
  if (only === null) return { records: [], nullMatch: true };
  return { records: Array.isArray(only) ? only : [only], nullMatch: false };
}

/** dlt's detection: the first list (depth-first, 3 levels) named like a record list, else the first list, else `$`. */
export function detectSelector(body: Json | undefined, texts?: Texts): string {
  const keys = detectedKeys(body, texts);
  return keys ? keys.join(".") : "$";
}

/**
 * The keys of the list `detectSelector` picks (dlt joins them with dots), or null for `$`: dicts walked
 * in the response's key order (`texts.orders`), as dlt's `find_all_lists` walks Python's dict.
 */
export function detectedKeys(body: Json | undefined, texts?: Texts): string[] | null {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return null;
  const lists: string[][] = [];
  const walk = (v: { [k: string]: Json }, path: string[]) => {
    for (const k of keysInOrder(v, texts?.orders?.get(v) ?? null)) {
      const child = v[k] as Json;
      if (Array.isArray(child)) lists.push([...path, k]);
      else if (child && typeof child === "object" && path.length < 2) walk(child, [...path, k]);
    }
  };
  walk(body, []);
  const named = lists.find((p) => LIST_KEYS.has(p[p.length - 1] ?? ""));
  return named ?? lists[0] ?? null;
}

export { compilePath };
