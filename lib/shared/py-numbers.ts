/**
 * A number a request carries as Python holds it (`{"$number": "1.0"}`: a whole float, an integer
 * beyond 2^53), which lib/config/resolve/numbers.ts writes into the resolved source: sent as its text
 * in a query, a path or a form, and written as that number in a JSON body (`pyJsonDumps`).
 */
import type { Json } from "./json";
import { setOwn } from "./objects";
import { asciiJson, isPyNumber, orjsonFloat, pyFloatRepr, pyIntText, pyStr, PY_NUMBER, type PyNumber } from "./python";

export { isPyNumber, PY_NUMBER, type PyNumber };

/** A Python int as a value a request or the state carries: a number within 2^53, else a marker with its exact digits. */
export const pyIntJson = (n: bigint): number | PyNumber => (Number.isSafeInteger(Number(n)) ? Number(n) : { [PY_NUMBER]: n.toString() });

/** A Python int a config holds (a number, or a marker's digits beyond 2^53), exactly. */
export const pyIntOf = (v: number | PyNumber): bigint => (isPyNumber(v) ? BigInt(v[PY_NUMBER]) : BigInt(v));

/** A marker's number for comparing and arithmetic: an integer's digits exact (a `bigint`), a float's value. */
export const pyNumberValue = (v: PyNumber): number | bigint =>
  /^-?\d+$/.test(v[PY_NUMBER]) ? BigInt(v[PY_NUMBER]) : Number(v[PY_NUMBER].replace(/inf$/, "Infinity"));

/** Python's truth of a value: None, False, zero (a marker's too), "" and an empty list or dict are false; NaN is true. */
export function pyTruthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === "") return false;
  if (isPyNumber(v)) return Number(pyNumberValue(v)) !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") for (const k in v) if (Object.hasOwn(v, k)) return true;
  return typeof v !== "object";
}

/**
 * A number of a response as a request carries it, where `JSON.parse` changed it (`spelling`: its JSON
 * text); `null` with a spelling: a float not finite for Python (`NaN`, `1e400`), carried as `nan`, `inf`.
 */
export const sentNumber = (value: number | null, spelling: string): PyNumber => ({ [PY_NUMBER]: pyStr(value, spelling) });

/** A JSON value for a message or the trace: a marker as the number Python holds (`5.0`), anything else as JSON. */
export const jsonShown = (v: Json | undefined): string => (isPyNumber(v) ? v[PY_NUMBER] : (JSON.stringify(v) ?? "undefined"));

/** Python's type name of a JSON value as Python holds it (`{"$number": "2.0"}` a `float`, `{"$number": "12"}` an `int`). */
export function pyTypeOf(v: Json): string {
  if (isPyNumber(v)) return /^-?\d+$/.test(v[PY_NUMBER]) ? "int" : "float";
  if (v === null) return "NoneType";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  return typeof v === "string" ? "str" : Array.isArray(v) ? "list" : "dict";
}

/** `v` with each marker as its text (query, path and form values are text); the same object when it holds none. */
export function pyNumbersAsText(v: Json): Json {
  if (isPyNumber(v)) return v[PY_NUMBER];
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) {
    const out = v.map(pyNumbersAsText);
    return out.some((x, i) => x !== v[i]) ? out : v;
  }
  let copy: { [key: string]: Json } | null = null;
  for (const [k, x] of Object.entries(v)) {
    const t = pyNumbersAsText(x);
    if (t !== x) copy ??= { ...v };
    if (copy) setOwn(copy, k, t);
  }
  return copy ?? v;
}

/**
 * `v` as requests sends a `json=` body: Python's `json.dumps` (separators `", "` and `": "`, non-ASCII
 * escaped, floats as `repr`), each marker written as the number it holds (`1.0`, exact digits).
 */
/**
 * orjson's `dumps` of a JSON value, as dlt's own `json.dumps` writes it (compact, text as it is, floats as orjson writes
 * them, not finite ones null): how `dlt.config.get("t", str)` hands over a TOML table (`'{"X-A":"a"}'`, checked with dlt 1.26.0).
 */
export function orjsonDumps(v: Json): string {
  if (typeof v === "number") return !Number.isFinite(v) ? "null" : Number.isInteger(v) ? pyIntText(v) : orjsonFloat(v);
  if (isPyNumber(v)) return /^-?(?:inf|nan)$/.test(v[PY_NUMBER]) ? "null" : v[PY_NUMBER];
  if (Array.isArray(v)) return `[${v.map(orjsonDumps).join(",")}]`;
  if (typeof v === "object" && v !== null)
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${orjsonDumps(x)}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

export function pyJsonDumps(v: Json): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return !Number.isFinite(v) ? "null" : Number.isInteger(v) ? pyIntText(v) : pyFloatRepr(v);
  if (typeof v === "string") return asciiJson(JSON.stringify(v));
  if (isPyNumber(v)) return v[PY_NUMBER];
  if (Array.isArray(v)) return `[${v.map(pyJsonDumps).join(", ")}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${asciiJson(JSON.stringify(k))}: ${pyJsonDumps(x)}`)
    .join(", ")}}`;
}
