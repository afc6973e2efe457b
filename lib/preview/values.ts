/**
 * Values as dlt's Python normaliser sees them. JSON numbers are where JavaScript and Python part:
 * Python reads `3.0`, `2e2` and `-0.0` as floats and keeps integers beyond 2^53 exact, while
 * `JSON.parse` gives plain numbers. The engine reports such spellings (`NumberText`); the
 * normaliser turns them into `PyFloat` / `PyInt` so types and coercions follow Python's.
 */
import type { Json, KeyOrder, NumberText } from "../engine/types";
import {
  base64Bytes,
  byCodePoint,
  BYTES_SPELLING,
  DATE_SPELLING,
  DATETIME_SPELLING,
  TIME_SPELLING,
  getOwn,
  keysInOrder,
  orjsonFloat,
  pyFloatRepr,
  pyIntText,
  pyStr as sharedPyStr,
  subOrder,
  type PyValue,
} from "../shared";
import type { ColumnDataType } from "./types";

/** A float spelled like a whole number (`3.0`, `2e2`, `-0.0`). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** An integer beyond 2^53, kept as its exact digits. */
export class PyInt {
  constructor(readonly digits: string) {}
}

/** A Python `date` a processing step returned (its ISO text, spelled `DATE_SPELLING`): dlt types it `date`. */
export class PyDate {
  constructor(readonly iso: string) {}
}

/** A Python `time` a step returned (its `isoformat()`, spelled `TIME_SPELLING`): dlt types it `time`. */
export class PyTime {
  constructor(readonly iso: string) {}
}

/** A Python `datetime` a step returned (its `isoformat()`, spelled `DATETIME_SPELLING`): dlt types it `timestamp`. */
export class PyDateTime {
  constructor(readonly iso: string) {}
}

/** Python `bytes` a step returned (`0x` and their hex, spelled `BYTES_SPELLING`): dlt types them `binary`. */
export class PyBytes {
  constructor(readonly hex: string) {}
  /** Python's `base64.b64encode` of the bytes: dlt's text for them (`_text_fallback`: `Af8=` for `b"\x01\xff"`). */
  base64(): string {
    const bytes = new Uint8Array((this.hex.length - 2) / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(this.hex.slice(2 + 2 * i, 4 + 2 * i), 16);
    return base64Bytes(bytes);
  }
}

/** A cell between flattening and coercion. */
export type Value = Json | PyFloat | PyInt | PyDate | PyTime | PyDateTime | PyBytes;

/** The Python values a step returned that JSON spells as text (their spelling says which). */
const isPyText = (v: object): v is PyDate | PyTime | PyDateTime | PyBytes =>
  v instanceof PyDate || v instanceof PyTime || v instanceof PyDateTime || v instanceof PyBytes;

/** The number a JSON lexeme stands for, as Python's `json` module reads it. */
export function fromLexeme(text: string, value: number): Value {
  if (/[.eE]/.test(text)) return Number.isInteger(value) ? new PyFloat(value) : value;
  if (Number.isSafeInteger(value)) return Object.is(value, -0) ? 0 : value;
  return new PyInt(BigInt(text).toString());
}

/** A flattened scalar with its spelling (`NumberText`): a number as Python reads it, a date's text as the date. */
export function spelledValue(spelling: string, v: Json): Value {
  if (typeof v === "number") return fromLexeme(spelling, v);
  if (typeof v !== "string") return v;
  switch (spelling) {
    case DATE_SPELLING:
      return new PyDate(v);
    case TIME_SPELLING:
      return new PyTime(v);
    case DATETIME_SPELLING:
      return new PyDateTime(v);
    case BYTES_SPELLING:
      return new PyBytes(v);
    default:
      return v;
  }
}

/**
 * The number spellings inside values kept whole (a dict or list below `max_table_nesting`, or under a
 * `json` hint), by the value: `JSON.parse` read `46.0` as 46 and rounded 9007199254740993.
 */
const SPELLINGS = new WeakMap<object, NumberText>();

/** The key orders inside values kept whole (dicts whose keys JavaScript orders otherwise: `KeyOrder`), by the value. */
const ORDERS = new WeakMap<object, KeyOrder>();

/** Remembers the spellings of the numbers inside `v`, a value kept whole. */
export function keepSpelling(v: object, text: NumberText): void {
  SPELLINGS.set(v, text);
}

/** Remembers the key orders inside `v`, a value kept whole. */
export function keepOrder(v: object, order: KeyOrder): void {
  ORDERS.set(v, order);
}

/** A json cell's text as dlt writes it into its destination (`json.dumps`: compact, numbers as Python holds them). */
export const jsonCellText = (v: Json): string => pyJsonText(v);

/** Whether spellings or key orders were kept for `v` (a json cell whose numbers or keys `JSON.stringify` would change). */
export const hasSpelling = (v: object): boolean => SPELLINGS.has(v) || ORDERS.has(v);

/** Takes a json cell's spellings and key orders from a lossless parse (`parseJson`'s `sink`, its `orders`) of the text it was read from. */
export function adoptSpelling(v: Json | undefined, sink: WeakMap<object, NumberText>, orders?: WeakMap<object, KeyOrder>): void {
  if (typeof v !== "object" || v === null) return;
  const text = sink.get(v);
  if (text) SPELLINGS.set(v, text);
  const order = orders?.get(v);
  if (order) ORDERS.set(v, order);
}

/**
 * dlt's `json.dumps` of a value (orjson on CPython: compact, non-ASCII as is), numbers as Python holds
 * them: integers exact, floats as orjson writes them (`46.0`, `1e+20`, `1.5e-7`); `sortKeys`: dlt's
 * `sort_keys=True` (row hashes). `text`: the value's number spellings (default: those kept for it);
 * `order`: its key orders (default: those kept for it), dicts' keys as the response had them.
 */
export function pyJsonText(
  v: Json,
  text: NumberText | string | undefined = typeof v === "object" && v !== null ? SPELLINGS.get(v) : undefined,
  sortKeys = false,
  order: KeyOrder | null = typeof v === "object" && v !== null ? (ORDERS.get(v) ?? null) : null,
): string {
  if (typeof v === "number") {
    if (typeof text === "string") return /[.eE]/.test(text) ? orjsonFloat(Number(text)) : BigInt(text).toString();
    return Number.isInteger(v) ? intDigits(v) : orjsonFloat(v);
  }
  if (typeof v !== "object" || v === null) return JSON.stringify(v);
  const t = typeof text === "object" ? text : undefined;
  const item = (x: Json, key: string): string =>
    pyJsonText(x, (t && getOwn(t, key)) ?? SPELLING_OF(x), sortKeys, subOrder(order, key) ?? ORDER_OF(x));
  if (Array.isArray(v)) return `[${v.map((x, i) => item(x, String(i))).join(",")}]`;
  const keys = sortKeys ? Object.keys(v).sort(byCodePoint) : keysInOrder(v, order);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${item(v[k] as Json, k)}`).join(",")}}`;
}

const SPELLING_OF = (x: Json): NumberText | undefined => (typeof x === "object" && x !== null ? SPELLINGS.get(x) : undefined);
const ORDER_OF = (x: Json): KeyOrder | null => (typeof x === "object" && x !== null ? (ORDERS.get(x) ?? null) : null);

/** dlt's `PY_TYPE_TO_SC_TYPE` of a value's Python type; `null` for None. */
export function pyType(v: Value | undefined): ColumnDataType | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "string":
      return "text";
    case "boolean":
      return "bool";
    case "number":
      return Number.isInteger(v) ? "bigint" : "double";
    default:
      if (v instanceof PyFloat) return "double";
      if (v instanceof PyInt) return "bigint";
      if (v instanceof PyDate) return "date";
      if (v instanceof PyTime) return "time";
      if (v instanceof PyDateTime) return "timestamp";
      if (v instanceof PyBytes) return "binary";
      return "json";
  }
}

/** A Python int's digits (`number` or `PyInt`). */
export const intDigits = (v: number | PyInt): string => (typeof v === "number" ? pyIntText(v) : v.digits);

const MIN_INT64 = -(2n ** 63n);
const MAX_UINT64 = 2n ** 64n - 1n;

/**
 * Whether an integer's digits lie outside what orjson, dlt's JSON library on CPython, writes (signed
 * and unsigned 64 bits): dlt fails on it with `TypeError: Integer exceeds 64-bit range`.
 */
export function beyond64(digits: string): boolean {
  const n = BigInt(digits);
  return n < MIN_INT64 || n > MAX_UINT64;
}

/**
 * The places of a record's integers beyond 64 bits, from its `NumberText`, with their digits: `a.b`
 * for a dict's key, `tags[]` for a list's items (one place per list, however many items hold one).
 */
export function integersBeyond64(text: NumberText, path = ""): [string, string][] {
  const out: [string, string][] = [];
  for (const key in text) {
    const v = text[key] as string | NumberText;
    const at = path === "" ? key : /^\d+$/.test(key) ? `${path}[]` : `${path}.${key}`;
    if (typeof v !== "string") out.push(...integersBeyond64(v, at));
    else if (/^-?\d+$/.test(v) && beyond64(v)) out.push([at, v]);
  }
  return out;
}

/**
 * The first text (a string or a key) in a value that holds a lone UTF-16 surrogate, which orjson (dlt's
 * extract step) refuses; `null` when there is none. Iterative: json cells may nest deeply.
 */
export function loneSurrogateIn(value: Value): string | null {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (!v.isWellFormed()) return v;
    } else if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push(v[i]);
    else if (typeof v === "object" && v !== null && !(v instanceof PyFloat) && !(v instanceof PyInt) && !isPyText(v))
      for (const k in v) {
        if (!k.isWellFormed()) return k;
        stack.push((v as Record<string, unknown>)[k]);
      }
  }
  return null;
}

/** A bigint cell as it is stored: a number when exact, else its digits (a string in a bigint column). */
export function storeInt(digits: string): Json {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : digits;
}

/** Python's truth of a value (`if not row_id`: an empty string, 0, None, an empty dict or list are false). */
export function pyTrue(v: Value): boolean {
  if (v === null) return false;
  if (typeof v === "object") {
    if (v instanceof PyFloat) return v.value !== 0;
    if (v instanceof PyBytes) return v.hex.length > 2;
    if (v instanceof PyInt || isPyText(v)) return true;
    return Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0;
  }
  return typeof v === "number" ? v !== 0 : typeof v === "string" ? v !== "" : v;
}

/** Python's `str()` of a scalar value (`True`, `3.0`, exact big ints). */
export function pyStr(v: Value): string {
  if (v instanceof PyFloat) return pyFloatRepr(v.value);
  if (v instanceof PyInt) return v.digits;
  if (v instanceof PyBytes) return v.base64();
  if (v instanceof PyDate || v instanceof PyTime || v instanceof PyDateTime) return v.iso;
  return sharedPyStr(v as PyValue);
}

/** The JSON value of a cell for a json column (a `PyFloat`/`PyInt` inside becomes a plain number). */
export function toJson(v: Value): Json {
  if (v instanceof PyFloat) return v.value;
  if (v instanceof PyInt) return Number(v.digits);
  if (v instanceof PyBytes) return v.base64();
  if (v instanceof PyDate || v instanceof PyTime || v instanceof PyDateTime) return v.iso;
  return v;
}

/** The numeric value of a number cell. */
export const numberOf = (v: number | PyFloat | PyInt): number =>
  typeof v === "number" ? v : v instanceof PyFloat ? v.value : Number(v.digits);
