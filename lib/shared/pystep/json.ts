/**
 * Records in and out of a step: a JSON value with its side tables (`NumberText`: `3.0` is a float;
 * `KeyOrder`: the text's key order where JavaScript's differs) as Python values, and back. A result
 * Python could not hand dlt as JSON (a set, a tuple, a function) comes back as dlt's normaliser writes it
 * where it can (a tuple as a list) or fails the step.
 */
import { floatSpelling, type Json, type NumberText } from "../json";
import { isIndexKey, keysInOrder, subOrder, type KeyOrder } from "../key-order";
import { setOwn } from "../objects";
import { pyFloatRepr } from "../python";
import { PyDict, PyError, PyFloat, PyTuple, str, typeName, type PyVal } from "./values";

const spelled = (t: NumberText | null, key: string): NumberText | string | null => (t && Object.hasOwn(t, key) ? (t[key] ?? null) : null);

/** A JSON value as Python's `json.loads` gives it (`texts`/`order`: its number spellings and key order). */
export function toPy(v: Json, texts: NumberText | string | null = null, order: KeyOrder | null = null): PyVal {
  if (typeof v === "number")
    return typeof texts === "string" && floatSpelling(texts) ? new PyFloat(v) : Number.isInteger(v) ? v : new PyFloat(v);
  if (v === null || typeof v !== "object") return v;
  const t = typeof texts === "string" ? null : texts;
  if (Array.isArray(v)) return v.map((x, i) => toPy(x, spelled(t, String(i)), subOrder(order, String(i))));
  const d = new PyDict();
  for (const k of keysInOrder(v, order)) d.set(k, toPy(v[k]!, spelled(t, k), subOrder(order, k)));
  return d;
}

export interface FromPy {
  readonly value: Json;
  readonly texts: NumberText | null;
  readonly order: KeyOrder | null;
}

/** A Python value as JSON, with the spellings of its whole floats and the key orders JavaScript would change. */
export function fromPy(v: PyVal): FromPy {
  if (v instanceof PyFloat) {
    const value = Number.isFinite(v.v) ? v.v : null;
    return { value, texts: Number.isInteger(v.v) || !Number.isFinite(v.v) ? ({ "": pyFloatRepr(v.v) } as never) : null, order: null };
  }
  if (v === null || typeof v !== "object") return { value: v, texts: null, order: null };
  if (Array.isArray(v) || v instanceof PyTuple) {
    const items = Array.isArray(v) ? v : v.items;
    const out: Json[] = [];
    let texts: NumberText | null = null;
    let at: Record<string, KeyOrder> | null = null;
    items.forEach((x, i) => {
      const r = fromPy(x);
      out.push(r.value);
      const t = leaf(r);
      if (t !== null) (texts ??= {})[String(i)] = t;
      if (r.order) (at ??= {})[String(i)] = r.order;
    });
    return { value: out, texts, order: at ? { at } : null };
  }
  if (v instanceof PyDict) {
    const out: { [key: string]: Json } = {};
    const keys: string[] = [];
    let texts: NumberText | null = null;
    let at: Record<string, KeyOrder> | null = null;
    for (const [k, x] of v.map.values()) {
      if (typeof k !== "string" && (typeof k !== "number" || k === null))
        throw new PyError("TypeError", `keys must be str, int, float, bool or None, not ${typeName(k)}`);
      const key = str(k);
      const r = fromPy(x);
      setOwn(out, key, r.value);
      keys.push(key);
      const t = leaf(r);
      if (t !== null) setOwn((texts ??= {}), key, t);
      if (r.order) setOwn((at ??= {}), key, r.order);
    }
    const reordered = keys.some(isIndexKey) && Object.keys(out).some((k, i) => k !== keys[i]);
    return { value: out, texts, order: reordered || at ? { ...(reordered ? { keys } : {}), ...(at ? { at } : {}) } : null };
  }
  throw new PyError("TypeError", `Object of type ${typeName(v)} is not JSON serializable`);
}

/** What a container records for one of its values: a float's spelling, or the value's own spellings. */
const leaf = (r: FromPy): NumberText | string | null => (r.texts && Object.hasOwn(r.texts, "") ? (r.texts[""] as string) : r.texts);
