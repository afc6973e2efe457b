/**
 * Python values for ./eval.ts: `None` is `null`, `bool` a boolean, `int` a JS number (whole; exact up to
 * 2^53), `float` a `PyFloat` (so `1.0` stays a float), `str` a string, `list` an array, and classes for
 * tuple, set, dict (insertion-ordered, any hashable key) and function. Python's exceptions are `PyError`s.
 */
import { pyFloatRepr, pyRepr } from "../python";
import type { Func } from "./ast";

export class PyFloat {
  constructor(readonly v: number) {}
}
export class PyTuple {
  constructor(readonly items: readonly PyVal[]) {}
}
export class PySet {
  readonly map = new Map<string, PyVal>();
  constructor(items: Iterable<PyVal> = []) {
    for (const x of items) this.map.set(hashKey(x), x);
  }
}
export class PyDict {
  readonly map = new Map<string, [PyVal, PyVal]>();
  get(key: PyVal): PyVal | undefined {
    return this.map.get(hashKey(key))?.[1];
  }
  set(key: PyVal, value: PyVal): void {
    const h = hashKey(key);
    const had = this.map.get(h);
    if (had) had[1] = value;
    else this.map.set(h, [key, value]);
  }
  has(key: PyVal): boolean {
    return this.map.has(hashKey(key));
  }
  keys(): PyVal[] {
    return [...this.map.values()].map((e) => e[0]);
  }
  copy(): PyDict {
    const d = new PyDict();
    for (const [h, [k, v]] of this.map) d.map.set(h, [k, v]);
    return d;
  }
}
/** A user function (a `def` or lambda: `closure` the names a lambda saw, `globals` its module's), or a builtin. */
export class PyFunc {
  constructor(
    readonly fn: Func | null,
    readonly name: string,
    readonly closure: Map<string, PyVal> | null = null,
    readonly builtin: ((args: PyVal[], kw?: ReadonlyMap<string, PyVal>) => PyVal) | null = null,
    readonly globals: Map<string, PyVal> | null = null,
  ) {}
}

/**
 * A value of a class of its own (dates, ./dates.ts): how Python names, prints, compares and hashes it, and what it
 * answers to (attributes, methods, a call). The subclasses live elsewhere so this file imports none of them.
 */
export abstract class PyObject {
  abstract readonly type: string;
  abstract repr(): string;
  str(): string {
    return this.repr();
  }
  /** The key a dict or set files it under (equal values, equal keys). */
  abstract hash(): string;
  abstract equals(other: PyVal): boolean;
  /** `<0`, `0`, `>0`; `null` where Python raises TypeError for `op` (the caller says so); a TypeError of its own is thrown. */
  order(_other: PyVal): number | null {
    return null;
  }
  truthy(): boolean {
    return true;
  }
  /** An attribute (`d.year`), `undefined` when it has none. */
  attr(_name: string): PyVal | undefined {
    return undefined;
  }
  /** A method call (`d.isoformat()`), `undefined` when it has no such method. */
  method(_name: string, _args: PyVal[], _kw: ReadonlyMap<string, PyVal>): PyVal | undefined {
    return undefined;
  }
  /** `v(...)` (a class); `undefined`: not callable. */
  call(_args: PyVal[], _kw: ReadonlyMap<string, PyVal>): PyVal | undefined {
    return undefined;
  }
  /** `isinstance(x, v)`; `null`: `v` is no class. */
  isInstance(_v: PyVal): boolean | null {
    return null;
  }
  /** `format(v, spec)` of a non-empty spec (`__format__`). */
  format(spec: string): string {
    if (spec === "") return this.str();
    throw typeError(`unsupported format string passed to ${this.type}.__format__`);
  }
}

/** `int` is a number while it is a safe integer, a bigint past 2^53 (`int()` below makes the choice). */
export type PyVal = null | boolean | number | bigint | string | PyFloat | PyVal[] | PyTuple | PySet | PyDict | PyFunc | PyError | PyObject;

/** A Python int as the values hold it: a number when safe, else a bigint, so each int has one form. */
export const int = (v: bigint): number | bigint => (v >= -MAX_SAFE && v <= MAX_SAFE ? Number(v) : v);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** An int's exact value (a bool counts as 0/1). */
export const big = (v: number | bigint | boolean): bigint => (typeof v === "bigint" ? v : BigInt(Number(v)));

/** A Python exception, raised and as a value (`except KeyError as e`): its type, `str(e)` and `e.args`. */
export class PyError extends Error {
  readonly args: readonly PyVal[];
  constructor(
    readonly type: string,
    message: string,
    args?: readonly PyVal[],
  ) {
    super(message);
    this.args = args ?? [message];
  }
}

/** Something Python would run that the playground does not model (a `strftime` directive): the step stops, saying so. */
export class NotModelled extends Error {}

/** A KeyError: `str(e)` is the key's repr, `e.args` the key. */
export const keyError = (key: PyVal) => new PyError("KeyError", repr(key), [key]);

/** The exception classes a step may name (`except`, `raise`, `isinstance`), each with its base class. */
export const EXCEPTION_BASES: Readonly<Record<string, string>> = {
  BaseException: "",
  Exception: "BaseException",
  ArithmeticError: "Exception",
  LookupError: "Exception",
  AssertionError: "Exception",
  AttributeError: "Exception",
  NameError: "Exception",
  RuntimeError: "Exception",
  TypeError: "Exception",
  ValueError: "Exception",
  KeyError: "LookupError",
  IndexError: "LookupError",
  ZeroDivisionError: "ArithmeticError",
  OverflowError: "ArithmeticError",
  UnboundLocalError: "NameError",
  NotImplementedError: "RuntimeError",
  UnicodeError: "ValueError",
  UnicodeEncodeError: "UnicodeError",
  UnicodeDecodeError: "UnicodeError",
  // Exceptions of modules (named `json.JSONDecodeError` in `except`; no builtins): what `json.loads` and `b64decode` raise.
  JSONDecodeError: "ValueError",
  Error: "ValueError",
  error: "Exception",
  ZoneInfoNotFoundError: "KeyError",
};

/** The exception classes above that belong to a module (`json.JSONDecodeError`, `binascii.Error`), not to the builtins. */
export const MODULE_EXCEPTIONS: ReadonlySet<string> = new Set(["JSONDecodeError", "Error", "error", "ZoneInfoNotFoundError"]);

/** Whether exception class `type` is `of` or derives from it. */
export function isSubclass(type: string, of: string): boolean {
  for (let t: string | undefined = type; t; t = EXCEPTION_BASES[t]) if (t === of) return true;
  return false;
}

export const typeError = (m: string) => new PyError("TypeError", m);

export function typeName(v: PyVal): string {
  if (v === null) return "NoneType";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number" || typeof v === "bigint") return "int";
  if (typeof v === "string") return "str";
  if (v instanceof PyFloat) return "float";
  if (Array.isArray(v)) return "list";
  if (v instanceof PyTuple) return "tuple";
  if (v instanceof PySet) return "set";
  if (v instanceof PyDict) return "dict";
  if (v instanceof PyError) return v.type;
  if (v instanceof PyObject) return v.type;
  return v.builtin ? "builtin_function_or_method" : "function";
}

/** A number's value for arithmetic (`bool` counts as 0/1; a bigint rounded); `null` for a non-number. */
export function numeric(v: PyVal): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  return v instanceof PyFloat ? v.v : null;
}

/** A number as a float where Python converts it to one (arithmetic with a float, `float()`): an int past its range fails. */
export function floatOf(v: PyVal): number | null {
  const n = numeric(v);
  if (typeof v === "bigint" && !Number.isFinite(n)) throw new PyError("OverflowError", "int too large to convert to float");
  return n;
}

/** Python 3.11's limit on an int's decimal digits, to text and from it (`sys.get_int_max_str_digits()`). */
export const INT_MAX_STR_DIGITS = 4300;
/** `int(text)` of this many decimal digits: past Python's limit a ValueError. */
export function checkIntDigits(digits: number, given = false): void {
  if (digits > INT_MAX_STR_DIGITS)
    throw new PyError(
      "ValueError",
      `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion${given ? `: value has ${digits} digits` : ""}; ` +
        "use sys.set_int_max_str_digits() to increase the limit",
    );
}
/** An int's decimal digits (`str`, `repr`, `%d`, `format`, `json.dumps`), within Python's limit. */
export function intDecimal(v: bigint): string {
  const t = v.toString();
  checkIntDigits(t.length - (v < 0n ? 1 : 0));
  return t;
}

/** The key a dict or set files a value under: equal values (`1`, `1.0`, `True`) share one; unhashable ones raise. */
export function hashKey(v: PyVal): string {
  if (typeof v === "bigint") return `n${v}`;
  const n = numeric(v);
  // `10**20` and `1e20` are equal, so one key: whole numbers past 2^53 by their exact digits.
  if (n !== null) return Number.isInteger(n) && !Number.isSafeInteger(n) ? `n${BigInt(n)}` : `n${n}`;
  if (v === null) return "N";
  if (typeof v === "string") return `s${v}`;
  if (v instanceof PyTuple) return `t(${v.items.map(hashKey).join(",")})`;
  if (v instanceof PyFunc) return `f${v.name}`;
  if (v instanceof PyObject) return v.hash();
  throw typeError(`unhashable type: '${typeName(v)}'`);
}

export function truthy(v: PyVal): boolean {
  if (v === null || v === false || v === 0 || v === "") return false;
  if (typeof v === "bigint") return v !== 0n;
  if (v instanceof PyFloat) return v.v !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PySet || v instanceof PyDict) return v.map.size > 0;
  if (v instanceof PyObject) return v.truthy();
  return true;
}

export function equals(a: PyVal, b: PyVal): boolean {
  if (typeof a === "bigint" || typeof b === "bigint") return exactOrder(a, b) === 0;
  const x = numeric(a);
  const y = numeric(b);
  if (x !== null || y !== null) return x !== null && y !== null && x === y;
  if (a === null || typeof a === "string") return a === b;
  if (Array.isArray(a)) return Array.isArray(b) && seqEquals(a, b);
  if (a instanceof PyTuple) return b instanceof PyTuple && seqEquals(a.items, b.items);
  if (a instanceof PySet) return b instanceof PySet && a.map.size === b.map.size && [...a.map.keys()].every((k) => b.map.has(k));
  if (a instanceof PyDict) {
    if (!(b instanceof PyDict) || a.map.size !== b.map.size) return false;
    for (const [h, [, v]] of a.map) {
      const o = b.map.get(h);
      if (!o || !equals(v, o[1])) return false;
    }
    return true;
  }
  if (a instanceof PyObject) return a.equals(b);
  if (b instanceof PyObject) return b.equals(a);
  return a === b;
}

const seqEquals = (a: readonly PyVal[], b: readonly PyVal[]) => a.length === b.length && a.every((x, i) => equals(x, b[i]!));

/** `a < b` and friends: numbers with numbers, str with str, list with list, tuple with tuple; else TypeError. */
export function compare(a: PyVal, b: PyVal, op: "<" | "<=" | ">" | ">="): boolean {
  const c = order(a, b, op);
  return op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
}

export function order(a: PyVal, b: PyVal, op: string = "<"): number {
  if (typeof a === "bigint" || typeof b === "bigint") {
    const c = exactOrder(a, b);
    if (c !== null) return c;
  }
  const x = numeric(a);
  const y = numeric(b);
  if (x !== null && y !== null) return x < y ? -1 : x > y ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  const seq = (p: readonly PyVal[], q: readonly PyVal[]) => {
    for (let i = 0; i < Math.min(p.length, q.length); i++) if (!equals(p[i]!, q[i]!)) return order(p[i]!, q[i]!, op);
    return p.length - q.length;
  };
  if (Array.isArray(a) && Array.isArray(b)) return seq(a, b);
  if (a instanceof PyTuple && b instanceof PyTuple) return seq(a.items, b.items);
  const o = a instanceof PyObject ? a.order(b) : null;
  if (o !== null) return o;
  throw typeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** Two numbers compared exactly when one is a bigint (a float by its exact value, as Python does); null if either is no number. */
function exactOrder(a: PyVal, b: PyVal): number | null {
  const exact = (v: PyVal): bigint | number | null => {
    if (typeof v === "bigint") return v;
    if (typeof v === "boolean") return v ? 1n : 0n;
    if (typeof v === "number") return BigInt(v);
    if (v instanceof PyFloat) return Number.isInteger(v.v) ? BigInt(v.v) : v.v;
    return null;
  };
  const x = exact(a);
  const y = exact(b);
  if (x === null || y === null) return null;
  // A bigint against a fractional (or infinite, NaN) float: JavaScript's mixed comparison is exact.
  return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
}

/** Python's `repr()`. */
export function repr(v: PyVal): string {
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return Object.is(v, -0) ? "0" : Number.isSafeInteger(v) ? String(v) : BigInt(v).toString();
  if (typeof v === "bigint") return intDecimal(v);
  if (typeof v === "string") return pyRepr(v);
  if (v instanceof PyFloat) return pyFloatRepr(v.v);
  if (Array.isArray(v)) return `[${v.map(repr).join(", ")}]`;
  if (v instanceof PyTuple) return v.items.length === 1 ? `(${repr(v.items[0]!)},)` : `(${v.items.map(repr).join(", ")})`;
  if (v instanceof PySet) return v.map.size ? `{${[...v.map.values()].map(repr).join(", ")}}` : "set()";
  if (v instanceof PyDict) return `{${[...v.map.values()].map(([k, x]) => `${repr(k)}: ${repr(x)}`).join(", ")}}`;
  if (v instanceof PyError) return `${v.type}(${v.args.map(repr).join(", ")})`;
  if (v instanceof PyObject) return v.repr();
  return `<function ${v.name}>`;
}

/** Python's `str()` (an exception's is its message). */
export const str = (v: PyVal): string =>
  typeof v === "string" ? v : v instanceof PyError ? v.message : v instanceof PyObject ? v.str() : repr(v);

/** The items `for` walks: a list, tuple, set, str (its characters), a dict (its keys). */
export function iterate(v: PyVal): PyVal[] {
  if (Array.isArray(v)) return v;
  if (v instanceof PyTuple) return [...v.items];
  if (v instanceof PySet) return [...v.map.values()];
  if (v instanceof PyDict) return v.keys();
  if (typeof v === "string") return [...v];
  throw typeError(`'${typeName(v)}' object is not iterable`);
}
