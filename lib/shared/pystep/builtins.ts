/** The builtins and methods a processing step may call (./eval.ts checks the names when it compiles). */
import { formatValue } from "./format";
import { PyBytes } from "./bytes";
import { binary, MAX_SIZE, SizeExceeded } from "./ops";
import {
  compare,
  EXCEPTION_BASES,
  checkIntDigits,
  floatOf,
  int,
  MODULE_EXCEPTIONS,
  isSubclass,
  iterate,
  numeric,
  order,
  PyDict,
  PyError,
  PyFloat,
  PyFunc,
  PyObject,
  PySet,
  PyTuple,
  repr,
  str,
  truthy,
  typeError,
  typeName,
  type PyVal,
} from "./values";

/** Calls a function value (a lambda passed as `key=`): given by the evaluator. */
export type Caller = (fn: PyVal, args: PyVal[], kw?: ReadonlyMap<string, PyVal>) => PyVal;
type Kw = ReadonlyMap<string, PyVal>;
type Builtin = (args: PyVal[], kw: Kw, call: Caller) => PyVal;

const TYPES: Record<string, (v: PyVal) => boolean> = {
  str: (v) => typeof v === "string",
  int: (v) => typeof v === "number" || typeof v === "boolean" || typeof v === "bigint",
  float: (v) => v instanceof PyFloat,
  bool: (v) => typeof v === "boolean",
  list: (v) => Array.isArray(v),
  dict: (v) => v instanceof PyDict,
  tuple: (v) => v instanceof PyTuple,
  set: (v) => v instanceof PySet,
};

function arity(name: string, args: PyVal[], min: number, max: number): void {
  if (args.length < min || args.length > max)
    throw typeError(`${name}() takes ${min === max ? `exactly ${min}` : `from ${min} to ${max}`} argument(s) (${args.length} given)`);
}

/** Python's `int(v)`: exact past 2^53 (a bigint then, ./values.ts `int`). */
function intValue(v: PyVal): number | bigint {
  if (typeof v === "number" || typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof PyFloat) {
    if (!Number.isFinite(v.v)) throw new PyError(Number.isNaN(v.v) ? "ValueError" : "OverflowError", "cannot convert float to integer");
    return wholeInt(Math.trunc(v.v));
  }
  if (typeof v === "string" && /^\s*[+-]?\d(?:_?\d)*\s*$/.test(v)) {
    const digits = v.replace(/[_\s+]/g, "");
    checkIntDigits(digits.replace("-", "").length, true);
    return digits.replace("-", "").length < 16 ? Number(digits) || 0 : int(BigInt(digits));
  }
  if (typeof v === "string") throw new PyError("ValueError", `invalid literal for int() with base 10: ${repr(v)}`);
  throw typeError(`int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`);
}

/** A whole float's value as an int (its exact digits past 2^53). */
const wholeInt = (n: number): number | bigint => (Number.isSafeInteger(n) ? n || 0 : int(BigInt(n)));
/** An int argument where a small one is meant (a range's bounds, `round`'s digits). */
const toInt = (v: PyVal): number => Number(intValue(v));

function toFloat(v: PyVal): PyFloat {
  const n = floatOf(v);
  if (n !== null) return new PyFloat(n);
  if (typeof v === "string") {
    const t = v.trim().toLowerCase().replace(/_/g, "");
    const special = /^[+-]?(inf|infinity|nan)$/.exec(t);
    if (special) return new PyFloat(special[1] === "nan" ? NaN : t.startsWith("-") ? -Infinity : Infinity);
    if (/^[+-]?(\d+(?:\.\d*)?|\.\d+)(e[+-]?\d+)?$/.test(t)) return new PyFloat(Number(t));
    throw new PyError("ValueError", `could not convert string to float: ${repr(v)}`);
  }
  throw typeError(`float() argument must be a string or a real number, not '${typeName(v)}'`);
}

function length(v: PyVal): number {
  if (typeof v === "string") return [...v].length;
  if (Array.isArray(v)) return v.length;
  if (v instanceof PyTuple) return v.items.length;
  if (v instanceof PySet || v instanceof PyDict) return v.map.size;
  if (v instanceof PyBytes) return v.bytes.length;
  throw typeError(`object of type '${typeName(v)}' has no len()`);
}

/** Round half to even, as Python's `round`. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function extreme(name: "min" | "max", args: PyVal[], kw: Kw, call: Caller): PyVal {
  const items = args.length === 1 ? iterate(args[0]!) : args;
  if (items.length === 0) {
    if (kw.has("default")) return kw.get("default")!;
    throw new PyError("ValueError", `${name}() arg is an empty sequence`);
  }
  const key = kw.get("key");
  const keyOf = (v: PyVal) => (key === undefined || key === null ? v : call(key, [v]));
  let best: PyVal = items[0]!;
  let bestKey: PyVal = keyOf(best);
  for (const x of items.slice(1)) {
    const k = keyOf(x);
    if (compare(k, bestKey, name === "min" ? "<" : ">")) [best, bestKey] = [x, k];
  }
  return best;
}

export function sortedList(items: PyVal[], kw: Kw, call: Caller): PyVal[] {
  const key = kw.get("key");
  const keyed = items.map((v) => [key === undefined || key === null ? v : call(key, [v]), v] as const);
  const reverse = truthy(kw.get("reverse") ?? false);
  keyed.sort((a, b) => (reverse ? order(b[0], a[0]) : order(a[0], b[0])));
  return keyed.map((p) => p[1]);
}

function toDict(args: PyVal[], kw: Kw): PyDict {
  const d = new PyDict();
  const from = args[0];
  if (from instanceof PyDict) for (const [k, v] of from.map.values()) d.set(k, v);
  else if (from !== undefined)
    for (const pair of iterate(from)) {
      const kv = iterate(pair);
      if (kv.length !== 2) throw new PyError("ValueError", `dictionary update sequence element has length ${kv.length}; 2 is required`);
      d.set(kv[0]!, kv[1]!);
    }
  for (const [k, v] of kw) d.set(k, v);
  return d;
}

export const BUILTINS: Record<string, Builtin> = {
  len: (a) => (arity("len", a, 1, 1), length(a[0]!)),
  str: (a) => (a.length ? str(a[0]!) : ""),
  repr: (a) => (arity("repr", a, 1, 1), repr(a[0]!)),
  format: (a) => {
    arity("format", a, 1, 2);
    const spec = a[1] ?? "";
    if (typeof spec !== "string") throw typeError(`format() argument 2 must be str, not ${typeName(spec)}`);
    return formatValue(a[0]!, spec, (v, s) => (v instanceof PyObject ? v.format(s) : null));
  },
  int: (a) => (a.length ? intValue(a[0]!) : 0),
  float: (a) => (a.length ? toFloat(a[0]!) : new PyFloat(0)),
  bool: (a) => (a.length ? truthy(a[0]!) : false),
  abs: (a) => {
    const v = a[0] ?? null;
    if (typeof v === "bigint") return v < 0n ? -v : v;
    if (typeof v === "number" || typeof v === "boolean") return Math.abs(Number(v));
    if (v instanceof PyFloat) return new PyFloat(Math.abs(v.v));
    throw typeError(`bad operand type for abs(): '${typeName(v)}'`);
  },
  min: (a, kw, call) => extreme("min", a, kw, call),
  max: (a, kw, call) => extreme("max", a, kw, call),
  sum: (a) => iterate(a[0] ?? null).reduce<PyVal>((acc, x) => binary("+", acc, x), a[1] ?? 0),
  round: (a) => {
    const n = numeric(a[0] ?? null);
    if (n === null || (a[0] ?? null) === null) throw typeError(`type ${typeName(a[0] ?? null)} doesn't define __round__ method`);
    const isInt = typeof a[0] === "number" || typeof a[0] === "bigint";
    if (a[1] === undefined || a[1] === null) return isInt ? a[0]! : wholeInt(roundHalfEven(n));
    const digits = toInt(a[1]);
    if (isInt && digits >= 0) return a[0]!;
    const f = 10 ** digits;
    const r = roundHalfEven(n * f) / f;
    return isInt ? wholeInt(r) : new PyFloat(r);
  },
  sorted: (a, kw, call) => sortedList([...iterate(a[0] ?? null)], kw, call),
  any: (a) => iterate(a[0] ?? null).some(truthy),
  all: (a) => iterate(a[0] ?? null).every(truthy),
  isinstance: (a) => {
    arity("isinstance", a, 2, 2);
    const kinds = a[1] instanceof PyTuple ? a[1].items : [a[1]!];
    return kinds.some((k) => {
      const of = k instanceof PyObject ? k.isInstance(a[0]!) : null;
      if (of !== null) return of;
      if (k instanceof PyFunc && k.builtin && Object.hasOwn(EXCEPTION_BASES, k.name))
        return a[0] instanceof PyError && isSubclass(a[0].type, k.name);
      if (!(k instanceof PyFunc) || !Object.hasOwn(TYPES, k.name)) throw typeError("isinstance() arg 2 must be a type or tuple of types");
      return TYPES[k.name]!(a[0]!);
    });
  },
  list: (a) => (a.length ? [...iterate(a[0]!)] : []),
  tuple: (a) => new PyTuple(a.length ? iterate(a[0]!) : []),
  set: (a) => new PySet(a.length ? iterate(a[0]!) : []),
  dict: (a, kw) => toDict(a, kw),
  range: (a) => {
    const [start, stop, step] = a.length === 1 ? [0, toInt(a[0]!), 1] : [toInt(a[0]!), toInt(a[1]!), a[2] === undefined ? 1 : toInt(a[2])];
    if (step === 0) throw new PyError("ValueError", "range() arg 3 must not be zero");
    const out: number[] = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
      out.push(i);
      if (out.length > MAX_SIZE) throw new SizeExceeded(`a range of more than ${MAX_SIZE} items`);
    }
    return out;
  },
  enumerate: (a) => iterate(a[0] ?? null).map((v, i) => new PyTuple([i + (a[1] === undefined ? 0 : toInt(a[1])), v])),
  zip: (a) => {
    const lists = a.map(iterate);
    const n = lists.length ? Math.min(...lists.map((l) => l.length)) : 0;
    return Array.from({ length: n }, (_, i) => new PyTuple(lists.map((l) => l[i]!)));
  },
};

/** `ValueError("bad", 1)`: an exception whose `str()` is Python's (its one argument's, or the arguments' tuple). */
function exception(type: string, args: PyVal[]): PyError {
  const message = args.length === 0 ? "" : args.length > 1 ? repr(new PyTuple(args)) : type === "KeyError" ? repr(args[0]!) : str(args[0]!);
  return new PyError(type, message, args);
}
for (const type of Object.keys(EXCEPTION_BASES)) if (!MODULE_EXCEPTIONS.has(type)) BUILTINS[type] = (a) => exception(type, a);

/** Names `isinstance` takes as types (they are also builtins that convert). */
export const isTypeName = (name: string) => Object.hasOwn(TYPES, name);
