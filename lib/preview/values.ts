/**
 * Values as dlt's Python normaliser sees them. JSON numbers are where JavaScript and Python part:
 * Python reads `3.0`, `2e2` and `-0.0` as floats and keeps integers beyond 2^53 exact, while
 * `JSON.parse` gives plain numbers. The engine reports such spellings (`NumberText`); the
 * normaliser turns them into `PyFloat` / `PyInt` so types and coercions follow Python's.
 */
import type { Json, NumberText } from "../engine/types";
import { getOwn } from "../shared";
import type { ColumnDataType } from "./types";

/** A float spelled like a whole number (`3.0`, `2e2`, `-0.0`). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** An integer beyond 2^53, kept as its exact digits. */
export class PyInt {
  constructor(readonly digits: string) {}
}

/** A cell between flattening and coercion. */
export type Value = Json | PyFloat | PyInt;

/** The number a JSON lexeme stands for, as Python's `json` module reads it. */
export function fromLexeme(text: string, value: number): Value {
  if (/[.eE]/.test(text)) return Number.isInteger(value) ? new PyFloat(value) : value;
  if (Number.isSafeInteger(value)) return Object.is(value, -0) ? 0 : value;
  return new PyInt(BigInt(text).toString());
}

/**
 * The number spellings inside values kept whole (a dict or list below `max_table_nesting`, or under a
 * `json` hint), by the value: `JSON.parse` read `46.0` as 46 and rounded 9007199254740993.
 */
const SPELLINGS = new WeakMap<object, NumberText>();

/** Remembers the spellings of the numbers inside `v`, a value kept whole. */
export function keepSpelling(v: object, text: NumberText): void {
  SPELLINGS.set(v, text);
}

/** A json cell's text as dlt writes it into its destination (`json.dumps`: compact, numbers as Python holds them). */
export const jsonCellText = (v: Json): string => pyJsonText(v);

/** Whether spellings were kept for `v` (a json cell whose numbers `JSON.stringify` would change). */
export const hasSpelling = (v: object): boolean => SPELLINGS.has(v);

/** Takes a json cell's spellings from a lossless parse (`parseJson`'s `sink`) of the text it was read from. */
export function adoptSpelling(v: Json | undefined, sink: WeakMap<object, NumberText>): void {
  if (typeof v !== "object" || v === null) return;
  const text = sink.get(v);
  if (text) SPELLINGS.set(v, text);
}

/** Code-point order of two strings (orjson sorts keys by their UTF-8 bytes; UTF-16 order differs above U+FFFF). */
export function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * dlt's `json.dumps` of a value (orjson on CPython: compact, non-ASCII as is), numbers as Python holds
 * them: integers exact, floats as orjson writes them (`46.0`, `1e+20`, `1.5e-7`); `sortKeys`: dlt's
 * `sort_keys=True` (row hashes). `text`: the value's number spellings (default: those kept for it).
 */
export function pyJsonText(
  v: Json,
  text: NumberText | string | undefined = typeof v === "object" && v !== null ? SPELLINGS.get(v) : undefined,
  sortKeys = false,
): string {
  if (typeof v === "number") {
    if (typeof text === "string") return /[.eE]/.test(text) ? orjsonFloat(Number(text)) : BigInt(text).toString();
    return Number.isInteger(v) ? intDigits(v) : orjsonFloat(v);
  }
  if (typeof v !== "object" || v === null) return JSON.stringify(v);
  const t = typeof text === "object" ? text : undefined;
  const item = (x: Json, key: string): string => pyJsonText(x, (t && getOwn(t, key)) ?? SPELLING_OF(x), sortKeys);
  if (Array.isArray(v)) return `[${v.map((x, i) => item(x, String(i))).join(",")}]`;
  const keys = Object.keys(v);
  if (sortKeys) keys.sort(byCodePoint);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${item(v[k] as Json, k)}`).join(",")}}`;
}

const SPELLING_OF = (x: Json): NumberText | undefined => (typeof x === "object" && x !== null ? SPELLINGS.get(x) : undefined);

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
      return "json";
  }
}

/** A Python int's digits (`number` or `PyInt`). */
export const intDigits = (v: number | PyInt): string =>
  typeof v === "number" ? (Object.is(v, -0) ? "0" : BigInt(v).toString()) : v.digits;

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

const MAX_INT64 = 2n ** 63n - 1n;

/**
 * Whether an integer dlt extracts (within orjson's 64 bits) is above a signed 64-bit BIGINT, which
 * DuckDB (the Python download's destination) cannot hold: dlt's load step fails on it there.
 */
export function beyondBigint(digits: string): boolean {
  const n = BigInt(digits);
  return n > MAX_INT64 && n <= MAX_UINT64;
}

/** A bigint cell as it is stored: a number when exact, else its digits (a string in a bigint column). */
export function storeInt(digits: string): Json {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : digits;
}

/** A finite float's shortest round-trip digits and decimal exponent (`1.5e-7`: "15", -7). */
function shortest(x: number): { sign: string; digits: string; exp: number } {
  const [mant = "0", expText = "0"] = Math.abs(x).toExponential().split("e");
  return { sign: x < 0 || Object.is(x, -0) ? "-" : "", digits: mant.replace(".", ""), exp: Number(expText) };
}

/**
 * A float in scientific form when its exponent is outside `[low, 16)`, else positional with at least one
 * fraction digit; `pad`: the exponent's width. Python's `repr` and orjson differ only in those two.
 */
function floatText(x: number, low: number, pad: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const { sign, digits, exp } = shortest(x);
  if (exp < low || exp >= 16) {
    const e = `${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(pad, "0")}`;
    return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ""}e${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const int = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const frac = digits.slice(exp + 1);
  return `${sign}${int}.${frac === "" ? "0" : frac}`;
}

/** Python's `repr(float)`: shortest round-trip digits, `1e+16` beyond 16 digits, `1e-05` below 1e-4, `3.0` for whole values. */
export const pyFloatRepr = (x: number): string => floatText(x, -4, 2);

/**
 * orjson's float (dlt's `json.dumps` on CPython): as `repr` but positional down to 1e-5 (`0.00001`) and
 * exponents unpadded (`1.5e-7`).
 */
export const orjsonFloat = (x: number): string => floatText(x, -5, 1);

/** Python's truth of a value (`if not row_id`: an empty string, 0, None, an empty dict or list are false). */
export function pyTrue(v: Value): boolean {
  if (v === null) return false;
  if (typeof v === "object") {
    if (v instanceof PyFloat) return v.value !== 0;
    if (v instanceof PyInt) return true;
    return Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0;
  }
  return typeof v === "number" ? v !== 0 : typeof v === "string" ? v !== "" : v;
}

/** Python's `str()` of a scalar value (`True`, `3.0`, exact big ints). */
export function pyStr(v: Value): string {
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return Number.isInteger(v) ? intDigits(v) : pyFloatRepr(v);
  if (v instanceof PyFloat) return pyFloatRepr(v.value);
  if (v instanceof PyInt) return v.digits;
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** The JSON value of a cell for a json column (a `PyFloat`/`PyInt` inside becomes a plain number). */
export function toJson(v: Value): Json {
  if (v instanceof PyFloat) return v.value;
  if (v instanceof PyInt) return Number(v.digits);
  return v;
}

/** The numeric value of a number cell. */
export const numberOf = (v: number | PyFloat | PyInt): number =>
  typeof v === "number" ? v : v instanceof PyFloat ? v.value : Number(v.digits);
