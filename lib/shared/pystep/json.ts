/**
 * Records in and out of a step: a JSON value with its side tables (`NumberText`: `3.0` is a float;
 * `KeyOrder`: the text's key order where JavaScript's differs) as Python values, and back. A result
 * Python could not hand dlt as JSON (a set, a tuple, a function) comes back as dlt's normaliser writes it
 * where it can (a tuple as a list) or fails the step.
 */
import { BYTES_SPELLING, DATE_SPELLING, DATETIME_SPELLING, floatSpelling, ORJSON_DEPTH, TIME_SPELLING } from "../json";
import type { Json, NumberText } from "../json";
import { isIndexKey, keysInOrder, subOrder, type KeyOrder } from "../key-order";
import { setOwn } from "../objects";
import { pyFloatRepr } from "../python";
import { checkDate, PyDate, PyDateTime } from "./dates";
import { fromParsed } from "./dates-module";
import { fromIsoFormat } from "./dates-text";
import { PyTime, timeFromText } from "./dates-time";
import { int, PyDict, PyError, PyFloat, PyTuple, repr, type PyVal } from "./values";
import { PyBytes } from "./bytes";

const spelled = (t: NumberText | null, key: string): NumberText | string | null => (t && Object.hasOwn(t, key) ? (t[key] ?? null) : null);

/** A JSON value as Python's `json.loads` gives it (`texts`/`order`: its number spellings and key order). */
export function toPy(v: Json, texts: NumberText | string | null = null, order: KeyOrder | null = null): PyVal {
  if (typeof v === "number") {
    if (typeof texts === "string" && floatSpelling(texts)) return new PyFloat(v);
    if (!Number.isInteger(v)) return new PyFloat(v);
    // An int past 2^53: its digits as the API sent them (the spelling), as Python's `json.loads` reads them.
    if (Number.isSafeInteger(v)) return v;
    return int(typeof texts === "string" && /^-?\d+$/.test(texts) ? BigInt(texts) : BigInt(v));
  }
  // A `date` an earlier step returned (its ISO text, spelled `DATE_SPELLING`): the date again.
  if (typeof v === "string" && texts === DATE_SPELLING) {
    const [y, m, d] = v.split("-").map(Number) as [number, number, number];
    return new PyDate(checkDate(y, m, d));
  }
  // A `time` (its `isoformat()`, spelled `TIME_SPELLING`): the time again.
  if (typeof v === "string" && texts === TIME_SPELLING) return timeFromText(v);
  // A `datetime` (its `isoformat()`, spelled `DATETIME_SPELLING`), `bytes` (`0x` hex, spelled `BYTES_SPELLING`): again.
  if (typeof v === "string" && texts === DATETIME_SPELLING) return fromParsed(fromIsoFormat(v, false));
  if (typeof v === "string" && texts === BYTES_SPELLING)
    return new PyBytes(Uint8Array.from(v.slice(2).match(/../g) ?? [], (h) => parseInt(h, 16)));
  if (v === null || typeof v !== "object") return v;
  const t = typeof texts === "string" ? null : texts;
  if (Array.isArray(v)) return v.map((x, i) => toPy(x, spelled(t, String(i)), subOrder(order, String(i))));
  const d = new PyDict();
  for (const k of keysInOrder(v, order)) d.set(k, toPy(v[k]!, spelled(t, k), subOrder(order, k)));
  return d;
}

/**
 * Thrown by `fromPy` for a value that nests lists, tuples and dicts `ORJSON_DEPTH - 1` levels deep (a list inside itself
 * too): what dlt's extract step (orjson, `Recursion limit reached`) refuses to write. The walk stops there.
 */
export class NestedTooDeep extends Error {}

export interface FromPy {
  readonly value: Json;
  /** A float's spelling (`1.0`), or the spellings below a container. */
  readonly texts: NumberText | string | null;
  readonly order: KeyOrder | null;
}

/** A dict key as dlt writes it (orjson's non-str keys: `1` is `"1"`, `True` is `"true"`, `None` is `"null"`). */
function keyText(k: PyVal): string {
  if (typeof k === "string") return k;
  if (typeof k === "bigint") return k.toString();
  if (k === null || typeof k === "boolean" || typeof k === "number" || k instanceof PyFloat) return k === null ? "null" : fromPyKey(k);
  throw new PyError("TypeError", "Dict key must a type serializable with OPT_NON_STR_KEYS");
}
const fromPyKey = (k: boolean | number | PyFloat) =>
  typeof k === "boolean" ? String(k) : typeof k === "number" ? String(k) : pyFloatRepr(k.v);

/**
 * A Python value as JSON, with the spellings of its whole floats and the key orders JavaScript would change. A
 * `datetime` is its `isoformat()` spelled `DATETIME_SPELLING` (the preview types it `timestamp` as dlt does, naive as
 * UTC, checked with dlt 1.26.0); a `date` its ISO text spelled `DATE_SPELLING` (typed `date`), a `time` its `isoformat()`
 * spelled `TIME_SPELLING` (typed `time`), `bytes` `0x` and their hex spelled `BYTES_SPELLING` (typed `binary`).
 */
export function fromPy(v: PyVal, depth = 1): FromPy {
  if (v instanceof PyDateTime) return { value: v.isoformat("T", "auto"), texts: DATETIME_SPELLING, order: null };
  if (v instanceof PyBytes) return { value: `0x${v.hex()}`, texts: BYTES_SPELLING, order: null };
  if (v instanceof PyDate) return { value: v.iso(), texts: DATE_SPELLING, order: null };
  if (v instanceof PyTime) return { value: v.str(), texts: TIME_SPELLING, order: null };
  if (v instanceof PyFloat) {
    const whole = Number.isInteger(v.v) || !Number.isFinite(v.v);
    return { value: Number.isFinite(v.v) ? v.v : null, texts: whole ? pyFloatRepr(v.v) : null, order: null };
  }
  if (typeof v === "bigint") return { value: Number(v), texts: v.toString(), order: null };
  if (v === null || typeof v !== "object") return { value: v, texts: null, order: null };
  if ((Array.isArray(v) || v instanceof PyTuple || v instanceof PyDict) && depth >= ORJSON_DEPTH - 1) throw new NestedTooDeep();
  if (Array.isArray(v) || v instanceof PyTuple) {
    const items = Array.isArray(v) ? v : v.items;
    const out: Json[] = [];
    let texts: NumberText | null = null;
    let at: Record<string, KeyOrder> | null = null;
    items.forEach((x, i) => {
      const r = fromPy(x, depth + 1);
      out.push(r.value);
      if (r.texts !== null) (texts ??= {})[String(i)] = r.texts;
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
      const key = keyText(k);
      const r = fromPy(x, depth + 1);
      setOwn(out, key, r.value);
      keys.push(key);
      if (r.texts !== null) setOwn((texts ??= {}), key, r.texts);
      if (r.order) setOwn((at ??= {}), key, r.order);
    }
    const reordered = keys.some(isIndexKey) && Object.keys(out).some((k, i) => k !== keys[i]);
    return { value: out, texts, order: reordered || at ? { ...(reordered ? { keys } : {}), ...(at ? { at } : {}) } : null };
  }
  // dlt's extract step writes records with orjson, which refuses a set or a function (checked with dlt 1.26.0).
  throw new PyError("TypeError", `\`${repr(v)}\` is not JSON serializable`);
}
