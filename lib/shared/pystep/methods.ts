/** The methods of str, dict and list a processing step may call (`x.get("k")`, `s.lower()`, `items.append(v)`). */
import { hashKey, iterate, PyDict, PyError, PyTuple, repr, typeError, typeName, type PyVal } from "./values";

type Method = (self: never, args: PyVal[]) => PyVal;

function text(v: PyVal | undefined, method: string, what = "str"): string {
  if (typeof v !== "string") throw typeError(`${method} arg must be ${what}, not ${typeName(v ?? null)}`);
  return v;
}

function prefixes(v: PyVal | undefined, method: string): string[] {
  if (v instanceof PyTuple) return v.items.map((x) => text(x, method));
  if (typeof v === "string") return [v];
  throw typeError(`${method} first arg must be str or a tuple of str, not ${typeName(v ?? null)}`);
}

const escape = (chars: string) => chars.replace(/[\\\]^-]/g, "\\$&");
function strip(s: string, chars: PyVal | undefined, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? "\\s" : escape(text(chars, "strip"));
  if (set === "") return s;
  let out = s;
  if (left) out = out.replace(new RegExp(`^[${set}]+`, "u"), "");
  if (right) out = out.replace(new RegExp(`[${set}]+$`, "u"), "");
  return out;
}

function split(s: string, sep: PyVal | undefined, max: PyVal | undefined): string[] {
  const limit = typeof max === "number" && max >= 0 ? max : Infinity;
  if (sep === undefined || sep === null) {
    const words = s.trim().length ? s.trim().split(/\s+/) : [];
    if (words.length <= limit + 1) return words;
    const out: string[] = [];
    let rest = s.replace(/^\s+/, "");
    for (let i = 0; i < limit; i++) {
      const m = /\s+/.exec(rest)!;
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return [...out, rest];
  }
  const by = text(sep, "split");
  if (by === "") throw new PyError("ValueError", "empty separator");
  const parts = s.split(by);
  return parts.length <= limit + 1 ? parts : [...parts.slice(0, limit), parts.slice(limit).join(by)];
}

const title = (s: string) => s.toLowerCase().replace(/(^|[^\p{L}])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());

const STR: Record<string, (s: string, a: PyVal[]) => PyVal> = {
  lower: (s) => s.toLowerCase(),
  upper: (s) => s.toUpperCase(),
  strip: (s, a) => strip(s, a[0], true, true),
  lstrip: (s, a) => strip(s, a[0], true, false),
  rstrip: (s, a) => strip(s, a[0], false, true),
  startswith: (s, a) => prefixes(a[0], "startswith").some((p) => s.startsWith(p)),
  endswith: (s, a) => prefixes(a[0], "endswith").some((p) => s.endsWith(p)),
  replace: (s, a) => {
    const [from, to] = [text(a[0], "replace() argument 1", "str"), text(a[1], "replace() argument 2", "str")];
    const count = typeof a[2] === "number" && a[2] >= 0 ? a[2] : Infinity;
    let n = 0;
    if (from === "") return s;
    return s.split(from).reduce((acc, part, i) => (i === 0 ? part : acc + (n++ < count ? to : from) + part), "");
  },
  split: (s, a) => split(s, a[0], a[1]),
  join: (s, a) =>
    iterate(a[0] ?? null)
      .map((x, i) => {
        if (typeof x !== "string") throw typeError(`sequence item ${i}: expected str instance, ${typeName(x)} found`);
        return x;
      })
      .join(s),
  title: (s) => title(s),
  capitalize: (s) => (s ? s[0]!.toUpperCase() + s.slice(1).toLowerCase() : s),
};

const DICT: Record<string, (d: PyDict, a: PyVal[]) => PyVal> = {
  get: (d, a) => {
    const v = d.get(a[0] ?? null);
    return v === undefined ? (a[1] ?? null) : v;
  },
  keys: (d) => d.keys(),
  values: (d) => [...d.map.values()].map((e) => e[1]),
  items: (d) => [...d.map.values()].map(([k, v]) => new PyTuple([k, v])),
  pop: (d, a) => {
    const v = d.get(a[0] ?? null);
    if (v === undefined) {
      if (a.length > 1) return a[1]!;
      throw new PyError("KeyError", repr(a[0] ?? null));
    }
    d.map.delete(hashKey(a[0] ?? null));
    return v;
  },
  update: (d, a) => {
    const from = a[0];
    if (from instanceof PyDict) for (const [k, v] of from.map.values()) d.set(k, v);
    else if (from !== undefined) for (const pair of iterate(from)) d.set(iterate(pair)[0]!, iterate(pair)[1]!);
    return null;
  },
  setdefault: (d, a) => {
    const v = d.get(a[0] ?? null);
    if (v !== undefined) return v;
    d.set(a[0] ?? null, a[1] ?? null);
    return a[1] ?? null;
  },
  copy: (d) => d.copy(),
};

const LIST: Record<string, (l: PyVal[], a: PyVal[]) => PyVal> = {
  append: (l, a) => (l.push(a[0] ?? null), null),
  extend: (l, a) => (l.push(...iterate(a[0] ?? null)), null),
  pop: (l, a) => {
    if (l.length === 0) throw new PyError("IndexError", "pop from empty list");
    const i = typeof a[0] === "number" ? (a[0] < 0 ? l.length + a[0] : a[0]) : l.length - 1;
    if (i < 0 || i >= l.length) throw new PyError("IndexError", "pop index out of range");
    return l.splice(i, 1)[0]!;
  },
  copy: (l) => [...l],
};

/** Names of every method a step may call (the compiler refuses others). */
export const METHOD_NAMES = new Set([...Object.keys(STR), ...Object.keys(DICT), ...Object.keys(LIST)]);

export function callMethod(self: PyVal, name: string, args: PyVal[]): PyVal {
  const table: Record<string, Method> | null =
    typeof self === "string" ? STR : self instanceof PyDict ? DICT : Array.isArray(self) ? LIST : null;
  const m = table && Object.hasOwn(table, name) ? table[name] : undefined;
  if (!m) throw new PyError("AttributeError", `'${typeName(self)}' object has no attribute '${name}'`);
  return m(self as never, args);
}
