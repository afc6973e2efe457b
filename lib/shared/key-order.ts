/**
 * Keys in the order the JSON text had them. Python's dicts (and so dlt's columns, which come in the order
 * keys are first met) keep that order; a JavaScript object lists the keys that are array indices
 * (`"0"`, `"2023"`) first, ascending, whatever their place in the text: `{"id": 1, "2023": 5}` is a
 * row `id, _2023` for dlt and would be `_2023, id` here. `parseJson` records a `KeyOrder` where the two
 * differ (an object with such a key), the engine carries it with the record (as `NumberText`), and
 * the preview walks keys through `orderedKeys`.
 */
import { getOwn } from "./objects";

/** A record's key orders, sparse, in its shape: only objects whose JavaScript order differs, and the containers above them. */
export interface KeyOrder {
  /** This object's keys as the text had them (set only where JavaScript's order differs). */
  readonly keys?: readonly string[];
  /** The orders of the containers below, by key (list positions as keys). */
  readonly at?: { readonly [key: string]: KeyOrder };
}

/**
 * Whether JavaScript lists `key` before string keys: an array index, a canonical integer from 0 to
 * 2^32 − 2 (`"7"`; not `"07"`, `"-1"` or `"4294967295"`).
 */
export function isIndexKey(key: string): boolean {
  const c = key.charCodeAt(0);
  if (!(c >= 0x30 && c <= 0x39) || key.length > 10) return false;
  if (c === 0x30) return key.length === 1;
  for (let i = 1; i < key.length; i++) {
    const d = key.charCodeAt(i);
    if (d < 0x30 || d > 0x39) return false;
  }
  return key.length < 10 || Number(key) <= 4294967294;
}

/** The order below `order` at `key` (own entries only: keys come from data), or `null`. */
export function subOrder(order: KeyOrder | null, key: string): KeyOrder | null {
  const at = order?.at;
  return at === undefined ? null : (getOwn(at, key) ?? null);
}

/**
 * `obj`'s own keys in the text's order: the recorded `keys` it still has, then any it gained since
 * (`include_from_parent`'s columns, appended as dlt's `dict.update` appends them) in JavaScript's
 * order; `null` when nothing is recorded for it (JavaScript's order is the text's). The same keys as
 * a `for…in` over `obj`, so a walk may iterate one and read the other.
 */
export function orderedKeys(obj: object, order: KeyOrder | null): string[] | null {
  const keys = order?.keys;
  if (keys === undefined) return null;
  const out: string[] = [];
  const seen = new Set<string>();
  for (const k of keys)
    if (!seen.has(k) && Object.hasOwn(obj, k)) {
      seen.add(k);
      out.push(k);
    }
  for (const k in obj) if (!seen.has(k)) out.push(k);
  return out;
}

/** `Object.keys(obj)` in the text's order (`orderedKeys`, else JavaScript's). */
export function keysInOrder(obj: object, order: KeyOrder | null): string[] {
  return orderedKeys(obj, order) ?? Object.keys(obj);
}

/** Whether `v` is a `KeyOrder` (a page event's `key_order` read back from a stream): `keys` strings, `at` orders. Iterative. */
export function isKeyOrder(v: unknown): v is KeyOrder {
  const stack = [v];
  while (stack.length > 0) {
    const o = stack.pop();
    if (typeof o !== "object" || o === null || Array.isArray(o)) return false;
    const { keys, at } = o as { keys?: unknown; at?: unknown };
    if (keys !== undefined && !(Array.isArray(keys) && keys.every((k) => typeof k === "string"))) return false;
    if (at !== undefined) {
      if (typeof at !== "object" || at === null || Array.isArray(at)) return false;
      for (const k of Object.keys(at)) stack.push((at as Record<string, unknown>)[k]);
    }
  }
  return true;
}
