/** Subscripts, slices, `in` and comparisons of ./eval.ts, on ./values.ts values, with Python's exceptions. */
import {
  compare,
  equals,
  hashKey,
  iterate,
  keyError,
  PyDict,
  PyError,
  PyObject,
  PySet,
  PyTuple,
  typeError,
  typeName,
  type PyVal,
} from "./values";

/** `obj[key]`. */
export function subscript(obj: PyVal, key: PyVal): PyVal {
  if (obj instanceof PyDict) {
    const v = obj.get(key);
    if (v === undefined) throw keyError(key);
    return v;
  }
  if (Array.isArray(obj)) return obj[listIndex(obj, key, "list index out of range")]!;
  if (obj instanceof PyTuple) return obj.items[listIndex(obj.items, key, "tuple index out of range", "tuple")]!;
  if (typeof obj === "string") {
    if (typeof key !== "number" && typeof key !== "boolean" && typeof key !== "bigint")
      throw typeError(`string indices must be integers, not '${typeName(key)}'`);
    const chars = [...obj];
    return chars[listIndex(chars, key, "string index out of range")]!;
  }
  const item = obj instanceof PyObject ? obj.method("__getitem__", [key], new Map()) : undefined;
  if (item !== undefined) return item;
  throw typeError(`'${typeName(obj)}' object is not subscriptable`);
}

export function comparison(op: string, a: PyVal, b: PyVal): boolean {
  switch (op) {
    case "==":
      return equals(a, b);
    case "!=":
      return !equals(a, b);
    case "is":
      return a === b || (a === null && b === null);
    case "is not":
      return !(a === b || (a === null && b === null));
    case "in":
      return contains(b, a);
    case "not in":
      return !contains(b, a);
    default:
      return compare(a, b, op as "<");
  }
}

export function contains(container: PyVal, item: PyVal): boolean {
  if (typeof container === "string") {
    if (typeof item !== "string") throw typeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (container instanceof PyDict) return container.has(item);
  if (container instanceof PySet) return container.map.has(hashKey(item));
  if (Array.isArray(container) || container instanceof PyTuple) return iterate(container).some((x) => equals(x, item));
  throw typeError(`argument of type '${typeName(container)}' is not iterable`);
}

export function listIndex(list: readonly unknown[], key: PyVal, message: string, kind = "list"): number {
  if (typeof key === "bigint") throw new PyError("IndexError", "cannot fit 'int' into an index-sized integer");
  if (typeof key !== "number" && typeof key !== "boolean")
    throw typeError(`${kind} indices must be integers or slices, not ${typeName(key)}`);
  const i = Number(key) < 0 ? list.length + Number(key) : Number(key);
  if (i < 0 || i >= list.length) throw new PyError("IndexError", message);
  return i;
}

export function slice(v: PyVal, lower: PyVal, upper: PyVal, step: PyVal): PyVal {
  const seq = typeof v === "string" ? [...v] : Array.isArray(v) ? v : v instanceof PyTuple ? v.items : null;
  if (!seq) throw typeError(`'${typeName(v)}' object is not subscriptable`);
  const n = seq.length;
  const st = step === null ? 1 : Number(step);
  if (st === 0) throw new PyError("ValueError", "slice step cannot be zero");
  const bound = (x: PyVal, dflt: number) => {
    if (x === null) return dflt;
    // A bound past 2^53 clamps like any other past the end.
    if (typeof x !== "number" && typeof x !== "boolean" && typeof x !== "bigint")
      throw typeError("slice indices must be integers or None or have an __index__ method");
    const i = Number(x) < 0 ? n + Number(x) : Number(x);
    return st > 0 ? Math.min(Math.max(i, 0), n) : Math.min(Math.max(i, -1), n - 1);
  };
  const out: PyVal[] = [];
  const [from, to] = [bound(lower, st > 0 ? 0 : n - 1), bound(upper, st > 0 ? n : -1)];
  for (let i = from; st > 0 ? i < to : i > to; i += st) out.push(seq[i]!);
  return typeof v === "string" ? out.join("") : v instanceof PyTuple ? new PyTuple(out) : out;
}
