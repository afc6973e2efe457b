/**
 * `find` as jsonpath-ng 1.7 evaluates a parsed path (what dlt's `find_values` returns), on JSON
 * values: Python's semantics kept where they show — `[*]` wraps a dict, number or string in a list
 * and yields nothing for an empty or false value; an index reads a string's characters and fails on a
 * dict; a filter keeps the items where every expression matches, converting to `int` when compared
 * with a number or boolean; the "ext" operators (`sorted`, arithmetic, `split`, `sub`, `str()`,
 * `path`: ./ext.ts) compute what Python computes; Python's own errors (a `KeyError`, comparing a string
 * with a number, `sorted` of a number) are `JsonPathEvalError`s, as the run of dlt fails on them; `&`
 * fails as it does in jsonpath-ng (NotImplementedError). A dict's keys are walked (`*`, `` `keys` ``, `..`,
 * a filter of a dict) in the order the text had them where the engine kept it (`texts.orders`): else
 * integer-like keys (`"0"`, `"12"`) come first, as `JSON.parse` orders them. A whole number (`2.0`,
 * `2 * 2.0`) is a float for Python only where its spelling is known (`texts`, as the engine keeps them):
 * `` `str()` `` prints it so, and `sorted` keeps it.
 */
import { floatSpelling, spellable, type Json, type NumberText } from "../json";
import { keysInOrder, type KeyOrder } from "../key-order";
import { pyStr } from "../python";
import { sentNumber } from "../py-numbers";
import type { FilterExpression, Operand, PathNode } from "./parser";
import { pyRegExp } from "./py-regex";
import { arithmetic, NO_VALUE, sortedOrder, split, stepText, sub, type Step } from "./ext";
import { isDict, JsonPathEvalError, pyEq, pyLen, pyOrder, pyType, truthy } from "./py-values";

export { JsonPathEvalError };

/** A value, where it was found (`parent` reads `context`) and the step that reached it (`` `path` `` prints it). */
interface Datum {
  readonly value: Json;
  readonly context: Datum | null;
  readonly step: Step;
}

const named = (text: string) => ({ text });
const THIS = named("`this`");
const ROOT = named("$");
const KEYS = named("`keys`");
const LEN = named("`len`");
const PATH = named("`path`");
/** The data `find_values` starts from: not yet wrapped in a `DatumInContext` (`sorted` fails on it). */
const TOP = named("`this`");

const at = (value: Json, context: Datum | null, step: Step = THIS): Datum => ({ value, context, step });

/**
 * `parent` of the top value: jsonpath-ng yields `None` as the match, which the next step reads as a
 * `null` (so `` `parent`.a `` finds nothing) and `find_values` fails on (`None.value`).
 */
const NO_PARENT: Datum = { value: null, context: null, step: THIS };

/** The number spellings of the data (`parseJson`'s sink), for what prints or reorders numbers. */
/** The data's number spellings and, beside them, its key orders (the engine's `NumberTexts`). */
export type Texts = (WeakMap<object, NumberText> & { readonly orders?: WeakMap<object, KeyOrder> }) | undefined;

/** A dict's keys in the order the text had them where `t` kept it, else JavaScript's. */
const keysOf = (v: { readonly [key: string]: Json }, t: Texts): string[] => keysInOrder(v, t?.orders?.get(v) ?? null);

/**
 * `SortedThis.find` of a value it does not sort returns the datum itself, not a list of matches:
 * whatever reads it as one fails (TypeError), while `where`, `..` and a filter without a comparison take it.
 */
class NotAList extends JsonPathEvalError {
  constructor(readonly datum: Datum) {
    super(`\`sorted\` of a ${pyType(datum.value)}: jsonpath-ng fails (TypeError: 'DatumInContext' object is not iterable)`);
  }
}

/**
 * jsonpath-ng's `path.find(data)`, as the values dlt's `find_values` returns; `texts`: the data's number
 * spellings; `asSent`: a number found with a spelling is returned as Python's (`sentNumber`).
 */
export function findValues(path: PathNode, data: Json, texts?: Texts, asSent = false): Json[] {
  let found: Datum[];
  steps = 0;
  try {
    found = find(path, at(data, null, TOP), texts);
  } catch (e) {
    // `..` walks the data recursively, as jsonpath-ng does; Python gives up far sooner (RecursionError).
    if (e instanceof RangeError) throw new JsonPathEvalError("the data nests too deep to walk (jsonpath-ng fails too: RecursionError)");
    throw e;
  }
  return found.map((d) => {
    if (d === NO_PARENT) throw new JsonPathEvalError("`parent` of the top value: jsonpath-ng fails (AttributeError: None has no value)");
    if (!asSent || !spellable(d.value)) return d.value;
    const text = spelling(d, texts);
    return typeof text === "string" ? sentNumber(d.value, text) : d.value;
  });
}

/**
 * Steps (`find` calls, and matches `..` gathers) one evaluation may take. `$..*` over a 20 MB page of 200,000 records takes
 * about 7 million; each `..` after a `..` multiplies the steps by the data's depth (`$..a..a..a..a..a` over data nested 100
 * deep: billions), where jsonpath-ng, and so dlt, works for hours or runs out of memory. Past them the path is refused, said.
 */
const MAX_STEPS = 20_000_000;
let steps = 0;

function find(n: PathNode, d: Datum, t: Texts): Datum[] {
  if (++steps > MAX_STEPS)
    throw new JsonPathEvalError(
      `it takes more than ${MAX_STEPS.toLocaleString("en-US")} steps over this response (each \`..\` after a \`..\` multiplies ` +
        "them by the data's depth): jsonpath-ng, and so dlt, would work on for hours or run out of memory; use fewer `..`",
    );
  switch (n.k) {
    case "root": {
      let top = d;
      while (top.context) top = top.context;
      return [at(top.value, null, ROOT)];
    }
    case "this":
      return [d.step === TOP ? at(d.value, null) : d];
    case "parent":
      return [d.context ?? NO_PARENT];
    case "fields":
      return fields(n.names, d, t);
    case "index":
      return index(n.index, d);
    case "slice":
      return slice(n, d, t);
    case "child":
      return find(n.left, d, t).flatMap((l) => find(n.right, l, t));
    case "descendants": {
      // jsonpath-ng takes a single datum from the left side as a list of one.
      const left = n.left.k === "sorted" ? sorted(n.left, d, t) : find(n.left, d, t);
      return (Array.isArray(left) ? left : [left]).flatMap((l) => descend(n.right, l, t));
    }
    case "union":
      return [...find(n.left, d, t), ...find(n.right, d, t)];
    case "where":
      return find(n.left, d, t).filter((l) => found(n.right, l, t));
    case "wherenot":
      return find(n.left, d, t).filter((l) => !found(n.right, l, t));
    case "filter":
      return filter(n.expressions, d, t);
    case "len": {
      const len = pyLen(d.value);
      return len === null ? [] : [at(len, null, LEN)];
    }
    case "keys":
      return isDict(d.value) ? keysOf(d.value, t).map((k) => at(k, null, KEYS)) : [];
    case "path":
      return [at(stepText(d.step), d, PATH)];
    case "str":
      return [at(pyStr(d.value, spelling(d, t)), null)];
    case "split":
      return split(n.method, d.value).map((v) => at(v, null));
    case "sub":
      return sub(n.method, d.value).map((v) => at(v, null));
    case "sorted": {
      const r = sorted(n, d, t);
      if (!Array.isArray(r)) throw new NotAList(r);
      return r;
    }
    case "operation":
      return operation(n, d, t);
    case "intersect":
      throw new JsonPathEvalError("`&` between paths: jsonpath-ng fails (NotImplementedError: it has no intersection)");
  }
}

/** Whether a path finds anything (`where`, `wherenot`): a `sorted` that returns its datum counts, as Python takes it as true. */
function found(n: PathNode, d: Datum, t: Texts): boolean {
  const r = n.k === "sorted" ? sorted(n, d, t) : find(n, d, t);
  return !Array.isArray(r) || r.length > 0;
}

/** Whether the path holds `&`, which jsonpath-ng parses but cannot evaluate (dlt's run fails where it reaches it). */
export function hasIntersect(n: PathNode): boolean {
  if (n.k === "intersect") return true;
  if (n.k === "operation") return [n.left, n.right].some((o) => typeof o === "object" && hasIntersect(o));
  if (n.k === "filter") return n.expressions.some((e) => hasIntersect(e.target));
  if (n.k === "sorted") return (n.sorts ?? []).some(([p]) => hasIntersect(p));
  return "left" in n && (hasIntersect(n.left) || hasIntersect(n.right));
}

/** Whether the path runs a regular expression (`=~`, `sub(/…/, …)`): one may backtrack without end on some text. */
export function hasRegex(n: PathNode): boolean {
  if (n.k === "sub") return true;
  if (n.k === "operation") return [n.left, n.right].some((o) => typeof o === "object" && hasRegex(o));
  if (n.k === "filter") return n.expressions.some((e) => e.op === "=~" || hasRegex(e.target));
  if (n.k === "sorted") return (n.sorts ?? []).some(([p]) => hasRegex(p));
  return "left" in n && (hasRegex(n.left) || hasRegex(n.right));
}

/** The spellings of a value: a container's own, a number's in its container. */
function spelling(d: Datum, t: Texts): string | NumberText | undefined {
  if (t === undefined) return undefined;
  if (d.value !== null && typeof d.value === "object") return t.get(d.value);
  if (!spellable(d.value) || d.context === null || typeof d.step === "object") return undefined;
  const c = d.context.value;
  return c !== null && typeof c === "object" ? t.get(c)?.[String(d.step)] : undefined;
}

/** `SortedThis.find`: the sorted list (a dict: its sorted keys), or the datum itself for anything else. */
function sorted(n: PathNode & { k: "sorted" }, d: Datum, t: Texts): Datum[] | Datum {
  if (d.step === TOP) throw new JsonPathEvalError("`sorted` of the whole document: jsonpath-ng fails (AttributeError: it has no value)");
  const v = d.value;
  if (isDict(v) && n.sorts !== null) return d;
  if (!isDict(v) && !Array.isArray(v)) return d;
  const items = isDict(v) ? Object.keys(v) : v;
  const keys = n.sorts?.map(([p, reverse]) => [(item: Json) => find(p, at(item, null), t).map((x) => x.value), reverse] as const) ?? null;
  const order = sortedOrder(items, keys);
  const list = order.map((i) => items[i] as Json);
  // A whole float keeps its spelling in the sorted list (Python's list holds the same float).
  const text = Array.isArray(v) ? t?.get(v) : undefined;
  if (text !== undefined && t !== undefined) {
    const moved: NumberText = {};
    order.forEach((from, to) => {
      const s = text[String(from)];
      if (s !== undefined) moved[String(to)] = s;
    });
    t.set(list, moved);
  }
  return [at(list, null)];
}

/** `Operation.find`: `a <op> b` over the values each side finds (a side that is not a path is a constant). */
function operation(n: PathNode & { k: "operation" }, d: Datum, t: Texts): Datum[] {
  const side = (o: Operand): Datum[] | null => (typeof o === "object" ? find(o, d, t) : null);
  const constant = (o: Operand): Datum => at(o as Json, null);
  const left = side(n.left);
  const right = side(n.right);
  let pairs: [Datum, Datum][];
  if (left !== null && right !== null) {
    if (left.length === 0 || left.length !== right.length) return [];
    pairs = left.map((l, i) => [l, right[i] as Datum]);
  } else if (left !== null) pairs = left.map((l) => [l, constant(n.right)]);
  else if (right !== null) pairs = right.map((r) => [constant(n.left), r]);
  else pairs = [[constant(n.left), constant(n.right)]];
  const float = (x: Datum) => {
    const s = typeof x.value === "number" ? spelling(x, t) : undefined;
    return typeof s === "string" && floatSpelling(s);
  };
  const out: Datum[] = [];
  for (const [a, b] of pairs) {
    const v = arithmetic(n.op, a.value, b.value, [float(a), float(b)]);
    if (v === NO_VALUE) return [];
    out.push(at(v, null));
  }
  return out;
}

function fields(names: readonly string[], d: Datum, t: Texts): Datum[] {
  const v = d.value;
  if (!isDict(v)) return [];
  const keys = names.includes("*") ? keysOf(v, t) : names;
  const out: Datum[] = [];
  for (const k of keys) if (Object.hasOwn(v, k)) out.push(at(v[k] as Json, d, k));
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
  return [at(items[i < 0 ? len + i : i] as Json, d, i)];
}

function slice(n: PathNode & { k: "slice" }, d: Datum, t: Texts): Datum[] {
  let v = d.value;
  if (!truthy(v)) return [];
  // jsonpath-ng's "hack": a dict, an int (a bool is one) or a string is sliced as a list of itself (a float spelled `2.0` is none).
  const s = spelling(d, t);
  const int = typeof v === "number" && Number.isInteger(v) && !(typeof s === "string" && floatSpelling(s));
  if (isDict(v) || typeof v === "string" || typeof v === "boolean" || int) v = [v];
  if (!Array.isArray(v)) throw new JsonPathEvalError(`a slice of a ${pyType(v)}: jsonpath-ng fails (TypeError)`);
  const items = v;
  const wrapped = items === d.value ? d : at(items, d.context, d.step);
  const idx = pySlice(items.length, n.start, n.end, n.step);
  return idx.map((i) => at(items[i] as Json, wrapped, i));
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
function descend(right: PathNode, d: Datum, t: Texts): Datum[] {
  if (d === NO_PARENT) throw new JsonPathEvalError("`..` after `parent` of the top value: jsonpath-ng fails (AttributeError)");
  const out = find(right, d, t);
  const v = d.value;
  // Appended one by one: `push(...matches)` passes each as an argument, past V8's limit (~120,000) a RangeError.
  const add = (found: Datum[]) => {
    steps += found.length;
    for (const x of found) out.push(x);
  };
  if (Array.isArray(v)) v.forEach((item, i) => add(descend(right, at(item, d, i), t)));
  else if (isDict(v)) for (const k of keysOf(v, t)) add(descend(right, at(v[k] as Json, d, k), t));
  return out;
}

function filter(expressions: readonly FilterExpression[], d: Datum, t: Texts): Datum[] {
  // jsonpath-ng filters a dict's values (and replaces the datum's value with them).
  const dict = d.value;
  const v = isDict(dict) ? keysOf(dict, t).map((k) => dict[k] as Json) : d.value;
  if (!Array.isArray(v)) return [];
  const list = at(v, d.context, d.step);
  const out: Datum[] = [];
  v.forEach((item, i) => {
    if (expressions.every((e) => matches(e, item, t))) out.push(at(item, list, i));
  });
  return out;
}

/** Whether `e` finds anything in `item` (jsonpath-ng's `Expression.find`, which starts from the item alone). */
function matches(e: FilterExpression, item: Json, t: Texts): boolean {
  if (e.target.k === "sorted") {
    // A `sorted` that returns its datum is true; a comparison then reads it as a list and fails.
    const r = sorted(e.target, at(item, null), t);
    if (!Array.isArray(r) && e.op !== null) throw new NotAList(r);
    if (!Array.isArray(r)) return true;
  }
  const found = find(e.target, at(item, null), t);
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
  const c = pyOrder(value, want as Json, "a filter orders");
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
