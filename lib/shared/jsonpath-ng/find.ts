/**
 * `find` as jsonpath-ng 1.7 evaluates a parsed path (what dlt's `find_values` returns), on JSON
 * values: Python's semantics kept where they show — `[*]` wraps a dict, number or string in a list
 * and yields nothing for an empty or false value; an index reads a string's characters and fails on a
 * dict; a filter keeps the items where every expression matches, converting to `int` when compared
 * with a number or boolean; Python's own errors (a `KeyError`, comparing a string with a number) are
 * `JsonPathEvalError`s, as the run of dlt fails on them. `sorted`, `split`, `sub`, `str`, `path`,
 * arithmetic and `&` are refused with the same error: restplay does not evaluate them. One order
 * differs from Python's where JavaScript decides it: a dict's integer-like keys (`"0"`, `"12"`) come
 * first in `*`, `` `keys` ``, `..` and a filter of a dict, as `JSON.parse` orders them.
 */
import type { Json } from "../json";
import type { FilterExpression, PathNode } from "./parser";
import { pyRegExp } from "./py-regex";

/** A value and where it was found: `parent` reads `context`. */
interface Datum {
  readonly value: Json;
  readonly context: Datum | null;
}

/** Where dlt's run would fail evaluating the path (Python raises), or restplay does not evaluate a part. */
export class JsonPathEvalError extends Error {}

type Dict = { [key: string]: Json };
const isDict = (v: Json): v is Dict => v !== null && typeof v === "object" && !Array.isArray(v);
/** Python's truth of a JSON value. */
const truthy = (v: Json): boolean =>
  Array.isArray(v) ? v.length > 0 : isDict(v) ? Object.keys(v).length > 0 : v !== null && v !== false && v !== 0 && v !== "";
const pyType = (v: Json): string =>
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
const pyLen = (v: Json): number | null =>
  typeof v === "string" ? [...v].length : Array.isArray(v) ? v.length : isDict(v) ? Object.keys(v).length : null;

const at = (value: Json, context: Datum | null): Datum => ({ value, context });

/**
 * `parent` of the top value: jsonpath-ng yields `None` as the match, which the next step reads as a
 * `null` (so `` `parent`.a `` finds nothing) and `find_values` fails on (`None.value`).
 */
const NO_PARENT: Datum = { value: null, context: null };

/** jsonpath-ng's `path.find(data)`, as the values dlt's `find_values` returns. */
export function findValues(path: PathNode, data: Json): Json[] {
  let found: Datum[];
  try {
    found = find(path, at(data, null));
  } catch (e) {
    // `..` walks the data recursively, as jsonpath-ng does; Python gives up far sooner (RecursionError).
    if (e instanceof RangeError) throw new JsonPathEvalError("the data nests too deep to walk (jsonpath-ng fails too: RecursionError)");
    throw e;
  }
  return found.map((d) => {
    if (d === NO_PARENT) throw new JsonPathEvalError("`parent` of the top value: jsonpath-ng fails (AttributeError: None has no value)");
    return d.value;
  });
}

function find(n: PathNode, d: Datum): Datum[] {
  switch (n.k) {
    case "root": {
      let top = d;
      while (top.context) top = top.context;
      return [at(top.value, null)];
    }
    case "this":
      return [d];
    case "parent":
      return [d.context ?? NO_PARENT];
    case "fields":
      return fields(n.names, d);
    case "index":
      return index(n.index, d);
    case "slice":
      return slice(n, d);
    case "child":
      return find(n.left, d).flatMap((l) => find(n.right, l));
    case "descendants":
      return find(n.left, d).flatMap((l) => descend(n.right, l));
    case "union":
      return [...find(n.left, d), ...find(n.right, d)];
    case "where":
      return find(n.left, d).filter((l) => find(n.right, l).length > 0);
    case "wherenot":
      return find(n.left, d).filter((l) => find(n.right, l).length === 0);
    case "filter":
      return filter(n.expressions, d);
    case "len": {
      const len = pyLen(d.value);
      return len === null ? [] : [at(len, null)];
    }
    case "keys":
      return isDict(d.value) ? Object.keys(d.value).map((k) => at(k, null)) : [];
    default:
      throw new JsonPathEvalError(`restplay does not evaluate jsonpath-ng's ${UNEVALUATED[n.k]}; dlt does`);
  }
}

/** What in `n` restplay does not evaluate, described, or null: dlt evaluates it, restplay's runs fail there. */
export function unevaluated(n: PathNode): string | null {
  const own = UNEVALUATED[n.k];
  if (own) return own;
  const parts: PathNode[] =
    "left" in n && typeof n.left === "object"
      ? [n.left, ...(typeof n.right === "object" ? [n.right] : [])]
      : n.k === "filter"
        ? n.expressions.map((e) => e.target)
        : [];
  for (const p of parts) {
    const found = unevaluated(p);
    if (found) return found;
  }
  return null;
}

const UNEVALUATED: Readonly<Record<string, string>> = {
  intersect: "`&` (jsonpath-ng itself raises NotImplementedError for it)",
  operation: "arithmetic (`+`, `-`, `*`, `/`)",
  sorted: "sorting (`sorted`, `[/field]`, `[\\field]`)",
  split: "`split(…)`",
  sub: "`sub(…)`",
  str: "`str()`",
  path: "`path`",
};

function fields(names: readonly string[], d: Datum): Datum[] {
  const v = d.value;
  if (!isDict(v)) return [];
  const keys = names.includes("*") ? Object.keys(v) : names;
  const out: Datum[] = [];
  for (const k of keys) if (Object.hasOwn(v, k)) out.push(at(v[k] as Json, d));
  return out;
}

function index(i: number, d: Datum): Datum[] {
  const v = d.value;
  if (!truthy(v)) return [];
  const len = pyLen(v);
  if (len === null)
    throw new JsonPathEvalError(`[${i}] on a ${pyType(v)}: jsonpath-ng fails (TypeError: object of type '${pyType(v)}' has no len())`);
  if (len <= i) return [];
  if (isDict(v)) throw new JsonPathEvalError(`[${i}] on a dict: jsonpath-ng fails (KeyError: ${i}); an index reads lists`);
  if (i < -len) throw new JsonPathEvalError(`[${i}] on a ${pyType(v)} of ${len}: jsonpath-ng fails (IndexError)`);
  const items: Json[] = typeof v === "string" ? [...v] : (v as Json[]);
  return [at(items[i < 0 ? len + i : i] as Json, d)];
}

function slice(n: PathNode & { k: "slice" }, d: Datum): Datum[] {
  let v = d.value;
  if (!truthy(v)) return [];
  // jsonpath-ng's "hack": a dict, an int (a bool is one) or a string is sliced as a list of itself.
  if (isDict(v) || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isInteger(v))) v = [v];
  if (!Array.isArray(v)) throw new JsonPathEvalError(`a slice of a ${pyType(v)}: jsonpath-ng fails (TypeError)`);
  const items = v;
  const wrapped = at(items, d.context);
  const idx = pySlice(items.length, n.start, n.end, n.step);
  return idx.map((i) => at(items[i] as Json, wrapped));
}

/** The indices Python's `range(len)[start:end:step]` holds. */
function pySlice(len: number, start: number | null, end: number | null, step: number | null): number[] {
  const s = step ?? 1;
  if (s === 0) throw new JsonPathEvalError("a slice step of 0: jsonpath-ng fails (ValueError: slice step cannot be zero)");
  const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x < 0 ? x + len : x, lo), hi);
  const out: number[] = [];
  if (s > 0) {
    const a = start === null ? 0 : clamp(start, 0, len);
    const b = end === null ? len : clamp(end, 0, len);
    for (let i = a; i < b; i += s) out.push(i);
  } else {
    const a = start === null ? len - 1 : clamp(start, -1, len - 1);
    const b = end === null ? -1 : clamp(end, -1, len - 1);
    for (let i = a; i > b; i += s) out.push(i);
  }
  return out;
}

/** `..`: the right side's matches at the value, then in each item or field below it, depth first. */
function descend(right: PathNode, d: Datum): Datum[] {
  if (d === NO_PARENT) throw new JsonPathEvalError("`..` after `parent` of the top value: jsonpath-ng fails (AttributeError)");
  const out = find(right, d);
  const v = d.value;
  if (Array.isArray(v)) for (const item of v) out.push(...descend(right, at(item, d)));
  else if (isDict(v)) for (const k of Object.keys(v)) out.push(...descend(right, at(v[k] as Json, d)));
  return out;
}

function filter(expressions: readonly FilterExpression[], d: Datum): Datum[] {
  // jsonpath-ng filters a dict's values (and replaces the datum's value with them).
  const v = isDict(d.value) ? Object.values(d.value) : d.value;
  if (!Array.isArray(v)) return [];
  const list = at(v, d.context);
  return v.filter((item) => expressions.every((e) => matches(e, item))).map((item) => at(item, list));
}

/** Whether `e` finds anything in `item` (jsonpath-ng's `Expression.find`, which starts from the item alone). */
function matches(e: FilterExpression, item: Json): boolean {
  const found = find(e.target, at(item, null));
  if (found.length === 0) return false;
  if (e.op === null) return true;
  return found.some((f) => compare(f.value, e.op as string, e.value));
}

/** One comparison as Python makes it, the found value converted by `int()` when compared with an int or bool. */
function compare(found: Json, op: string, want: Json): boolean {
  let value: Json = found;
  if (typeof want === "boolean" || (typeof want === "number" && Number.isInteger(want))) {
    const n = pyInt(found);
    if (n === "skip") return false;
    value = n;
  }
  if (op === "=~") {
    if (typeof value !== "string") return false;
    if (typeof want !== "string")
      throw new JsonPathEvalError(`\`=~ ${String(want)}\`: jsonpath-ng fails (a regular expression must be text)`);
    const re = pyRegExp(want);
    if (re === null) throw new JsonPathEvalError(`\`${want}\` is not a regular expression restplay can read`);
    return re.test(value);
  }
  if (op === "==" || op === "=") return pyEq(value, want);
  if (op === "!=") return !pyEq(value, want);
  const c = pyOrder(value, want as Json);
  return op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
}

/** Python's `int(v)`: "skip" where it raises ValueError (jsonpath-ng skips the value), an error where TypeError. */
function pyInt(v: Json): number | "skip" {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return Number.isFinite(v) ? Math.trunc(v) : "skip";
  if (typeof v === "string") {
    const t = v.trim().replace(/(?<=\d)_(?=\d)/g, "");
    return /^[+-]?\d+$/.test(t) ? Number(t) : "skip";
  }
  throw new JsonPathEvalError(`a filter compares ${pyType(v)} with a number: jsonpath-ng fails (TypeError in int())`);
}

const num = (v: unknown): number | null => (typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : null);

/** Python's `==` on JSON values: numbers and booleans by value (`1 == 1.0 == True`), lists and dicts item by item. */
function pyEq(a: Json, b: Json): boolean {
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

/** Python's ordering of two values: numbers with numbers, strings with strings, lists item by item. */
function pyOrder(a: Json, b: Json): number {
  const na = num(a);
  const nb = num(b);
  if (na !== null && nb !== null) return na < nb ? -1 : na > nb ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (pyEq(a[i] as Json, b[i] as Json)) continue;
      return pyOrder(a[i] as Json, b[i] as Json);
    }
    return a.length - b.length;
  }
  throw new JsonPathEvalError(`a filter orders ${pyType(a)} against ${pyType(b)}: jsonpath-ng fails (TypeError)`);
}
