/** Python's arithmetic on ./values.ts values: int and float kept apart, `//` and `%` floored, sequences repeated and joined. */
import type { BinOp } from "./ast";
import { dateBinary } from "./dates-module";
import { PyTimeDelta } from "./dates";
import { percentFormat } from "./strformat";
import {
  big,
  floatOf,
  int,
  NotModelled,
  numeric,
  PyDict,
  PyError,
  PyFloat,
  PyObject,
  PySet,
  PyTuple,
  typeError,
  typeName,
  type PyVal,
} from "./values";

/** Text and lists longer than this stop the step: no user code may fill the playground's memory. */
export const MAX_SIZE = 1_000_000;
/** Characters and items one call may build in all (a loop of large concatenations included). */
export const MAX_BUILT = 20_000_000;

export class SizeExceeded extends Error {}

/** What one call of a step has built so far. */
/** A step went past its operations (or ran a regular expression past its time limit): not a Python exception. */
export class BudgetExceeded extends Error {}

export class Meter {
  private used = 0;
  charge(size: number): void {
    if (size > MAX_SIZE) throw new SizeExceeded(`a value of ${size} items or characters (the limit is ${MAX_SIZE})`);
    if ((this.used += size) > MAX_BUILT) throw new SizeExceeded(`values of more than ${MAX_BUILT} items or characters in all`);
  }
}

const NO_METER = new Meter();

function sized<T extends string | PyVal[]>(v: T, meter: Meter): T {
  meter.charge(v.length);
  return v;
}

const isInt = (v: PyVal): v is number | bigint | boolean => typeof v === "number" || typeof v === "boolean" || typeof v === "bigint";

function unsupported(op: string, a: PyVal, b: PyVal): PyError {
  if (op === "+" && typeof a === "string") return typeError(`can only concatenate str (not "${typeName(b)}") to str`);
  if (op === "+" && Array.isArray(a)) return typeError(`can only concatenate list (not "${typeName(b)}") to list`);
  return typeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function repeat(seq: PyVal, times: PyVal, meter: Meter): PyVal | undefined {
  if (!isInt(times)) return undefined;
  const n = Math.max(0, Number(times));
  if (typeof seq === "string" || Array.isArray(seq)) meter.charge(seq.length * n);
  if (typeof seq === "string") return seq.repeat(n);
  if (Array.isArray(seq)) {
    const out: PyVal[] = [];
    for (let i = 0; i < n; i++) out.push(...seq);
    return out;
  }
  return undefined;
}

/** `a | b`: ints bitwise (`re.I | re.M`; bools stay bools), sets' union, dicts merged. */
function union(a: PyVal, b: PyVal): PyVal {
  if (typeof a === "boolean" && typeof b === "boolean") return a || b;
  if (isInt(a) && isInt(b)) return int(big(a) | big(b));
  if (a instanceof PySet && b instanceof PySet) return new PySet([...a.map.values(), ...b.map.values()]);
  if (a instanceof PyDict && b instanceof PyDict) {
    const d = a.copy();
    for (const [k, v] of b.map.values()) d.set(k, v);
    return d;
  }
  throw unsupported("|", a, b);
}

const floorMod = (x: number, y: number) => {
  const m = x % y;
  return m !== 0 && m < 0 !== y < 0 ? m + y : m;
};

export function binary(op: BinOp, a: PyVal, b: PyVal, meter = NO_METER): PyVal {
  if (op === "|") return union(a, b);
  // The common case first: two ints a number holds, a result a number holds.
  if (typeof a === "number" && typeof b === "number" && op !== "/" && (b !== 0 || (op !== "//" && op !== "%"))) {
    const r = intOp(op, a, b);
    if (Number.isSafeInteger(r)) return r;
  }
  if (op === "+") {
    if (typeof a === "string" && typeof b === "string") return sized(a + b, meter);
    if (Array.isArray(a) && Array.isArray(b)) return sized([...a, ...b], meter);
    if (a instanceof PyTuple && b instanceof PyTuple) return new PyTuple([...a.items, ...b.items]);
  }
  if (op === "*") {
    const r = repeat(a, b, meter) ?? repeat(b, a, meter);
    if (r !== undefined) return r;
  }
  if (op === "%" && typeof a === "string") return sized(percentFormat(a, b), meter);
  if (a instanceof PyObject || b instanceof PyObject) {
    const r = dateBinary(op, a, b);
    if (r !== undefined) return r;
  }
  if (op === "-" && a instanceof PySet && b instanceof PySet) return new PySet([...a.map].filter(([h]) => !b.map.has(h)).map(([, v]) => v));
  const x = numeric(a);
  const y = numeric(b);
  if (x === null || y === null) throw unsupported(op, a, b);
  const ints = isInt(a) && isInt(b);
  if (ints && y === 0 && (op === "/" || op === "//" || op === "%")) throw new PyError("ZeroDivisionError", INT_BY_ZERO[op]);
  if (ints && op !== "/") {
    // Python's ints have no limit: an exact result past 2^53 (or a bigint operand) is worked out in BigInt.
    if (typeof a !== "bigint" && typeof b !== "bigint") {
      const r = intOp(op, x, y);
      if (Number.isSafeInteger(r)) return r;
    }
    return bigOp(op, big(a), big(b));
  }
  if (ints && (typeof a === "bigint" || typeof b === "bigint")) return new PyFloat(trueDivide(big(a), big(b)));
  return new PyFloat(floatOp(op, floatOf(a)!, floatOf(b)!, ints));
}

/** Arithmetic where either side is a float, or `/` of two small ints (an int past a float's range failed before). */
function floatOp(op: Exclude<BinOp, "|">, x: number, y: number, ints: boolean): number {
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      if (y === 0) throw new PyError("ZeroDivisionError", ints ? INT_BY_ZERO[op] : "float division by zero");
      return x / y;
    case "//":
      if (y === 0) throw new PyError("ZeroDivisionError", "float floor division by zero");
      return Math.floor(x / y);
    case "%":
      if (y === 0) throw new PyError("ZeroDivisionError", "float modulo");
      return floorMod(x, y);
    case "**":
      return floatPower(x, y);
  }
}

/** `x ** y` of floats as Python's: a complex result is not modelled, one past the float range fails. */
function floatPower(x: number, y: number): number {
  if (x === 0 && y < 0) throw new PyError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
  // C's pow, which Python follows, where JavaScript's differs: 1 to any power, -1 to an infinite one.
  if (x === 1 || (x === -1 && !Number.isFinite(y) && !Number.isNaN(y))) return 1;
  if (x < 0 && Number.isFinite(x) && Number.isFinite(y) && !Number.isInteger(y))
    throw new NotModelled("a complex number (a negative number to a fractional power)");
  const r = x ** y;
  if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y))
    throw new PyError("OverflowError", "(34, 'Numerical result out of range')");
  return r;
}

/** `a / b` of ints as Python's: correctly rounded, whatever their size (`10**400 / 10**399` is 10.0). */
function trueDivide(a: bigint, b: bigint): number {
  if (b === 0n) throw new PyError("ZeroDivisionError", "division by zero");
  const negative = a < 0n !== b < 0n;
  const [n, d] = [a < 0n ? -a : a, b < 0n ? -b : b];
  // Scaled so the quotient has 64 bits or more, its last bit set where a remainder is left: Number() then rounds it once,
  // to nearest as Python does (a tie can only be exact); scaling back by a power of two is exact (but near 0).
  const shift = Math.max(0, 64 - (n.toString(2).length - d.toString(2).length));
  const scaled = n << BigInt(shift);
  const q = scaled / d;
  const r = Number(scaled % d === 0n ? q : q | 1n) / 2 ** Math.min(shift, 1000) / 2 ** Math.max(0, shift - 1000);
  if (!Number.isFinite(r)) throw new PyError("OverflowError", "integer division result too large for a float");
  return negative ? -r : r;
}

const INT_BY_ZERO = { "/": "division by zero", "//": "integer division or modulo by zero", "%": "integer modulo by zero" } as const;

/** Int arithmetic on safe integers (`y` is not 0 for `//` and `%`); the caller checks the result is exact. */
function intOp(op: Exclude<BinOp, "/" | "|">, x: number, y: number): number {
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "//":
      return (x - floorMod(x, y)) / y;
    case "%":
      return floorMod(x, y);
    case "**":
      // A negative power is a float; NaN sends it on (bigOp makes it one).
      return y < 0 ? NaN : x ** y;
  }
}

/** Bits an int may have (Python has no limit; a step's numbers are far smaller). */
const MAX_BITS = 1_000_000;

function bigOp(op: Exclude<BinOp, "/" | "|">, x: bigint, y: bigint): PyVal {
  switch (op) {
    case "+":
      return int(x + y);
    case "-":
      return int(x - y);
    case "*":
      return int(x * y);
    case "//": {
      const q = x / y;
      return int(x % y !== 0n && x < 0n !== y < 0n ? q - 1n : q);
    }
    case "%": {
      const m = x % y;
      return int(m !== 0n && m < 0n !== y < 0n ? m + y : m);
    }
    case "**": {
      if (y < 0n) {
        return new PyFloat(floatPower(floatOf(x)!, floatOf(y)!));
      }
      if (x > 1n || x < -1n) {
        if (Number(y) * x.toString(2).length > MAX_BITS) throw new SizeExceeded(`an int of more than ${MAX_BITS} bits`);
      }
      return int(x ** y);
    }
  }
}

export function negate(v: PyVal, sign: -1 | 1): PyVal {
  if (typeof v === "bigint") return int(sign < 0 ? -v : v);
  if (isInt(v)) return sign * Number(v) || 0;
  if (v instanceof PyFloat) return new PyFloat(sign * v.v);
  if (v instanceof PyTimeDelta) return sign < 0 ? new PyTimeDelta(-v.total) : v;
  throw typeError(`bad operand type for unary ${sign < 0 ? "-" : "+"}: '${typeName(v)}'`);
}
