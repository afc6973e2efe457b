/**
 * Python's view of JSON values as jsonpath-ng's evaluation meets them (./find.ts, ./ext.ts): truth,
 * type names, `len`, `==` and `<`. Where Python raises, a `JsonPathEvalError` says so: dlt's run fails there.
 */
import type { Json } from "../json";
import { byCodePoint } from "../python";

/** Where dlt's run would fail evaluating the path (Python raises there). */
export class JsonPathEvalError extends Error {}

export type Dict = { [key: string]: Json };
export const isDict = (v: Json): v is Dict => v !== null && typeof v === "object" && !Array.isArray(v);

/** Python's truth of a JSON value. */
export const truthy = (v: Json): boolean =>
  Array.isArray(v) ? v.length > 0 : isDict(v) ? Object.keys(v).length > 0 : v !== null && v !== false && v !== 0 && v !== "";

export const pyType = (v: Json): string =>
  v === null
    ? "NoneType"
    : typeof v === "boolean"
      ? "bool"
      : typeof v === "number"
        ? Number.isInteger(v)
          ? "int"
          : "float"
        : typeof v === "string"
          ? "str"
          : Array.isArray(v)
            ? "list"
            : "dict";

/** Python's `len`, or null for a value that has none. */
export const pyLen = (v: Json): number | null =>
  typeof v === "string" ? [...v].length : Array.isArray(v) ? v.length : isDict(v) ? Object.keys(v).length : null;

/** A number or a boolean as Python's arithmetic and comparisons read it (`True` is 1); null for anything else. */
export const num = (v: unknown): number | null => (typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : null);

/** Python's `==` on JSON values: numbers and booleans by value (`1 == 1.0 == True`), lists and dicts item by item. */
export function pyEq(a: Json, b: Json): boolean {
  const na = num(a);
  const nb = num(b);
  if (na !== null || nb !== null) return na === nb;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => pyEq(x, b[i] as Json));
  }
  if (isDict(a) && isDict(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && pyEq(a[k] as Json, b[k] as Json));
  }
  return a === b;
}

/**
 * Python's ordering of two values (what `<` decides): numbers with numbers, strings with strings by code
 * point, lists item by item; `what` names the operation in the error Python raises for any other pair.
 */
export function pyOrder(a: Json, b: Json, what: string): number {
  const na = num(a);
  const nb = num(b);
  if (na !== null && nb !== null) return na < nb ? -1 : na > nb ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a === b ? 0 : byCodePoint(a, b) < 0 ? -1 : 1;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (pyEq(a[i] as Json, b[i] as Json)) continue;
      return pyOrder(a[i] as Json, b[i] as Json, what);
    }
    return a.length - b.length;
  }
  throw new JsonPathEvalError(`${what} ${pyType(a)} against ${pyType(b)}: jsonpath-ng fails (TypeError)`);
}
