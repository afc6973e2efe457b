/**
 * The methods of str, dict, list, set and tuple a processing step may call (`x.get("k")`, `s.lower()`, `items.append(v)`,
 * `seen.add(k)`), with Python's results and exceptions. Keywords: `sort(key=, reverse=)`, `split`/`rsplit(sep=, maxsplit=)`.
 */
import { checkArity } from "./arity";
import { getattr } from "./attrs";
import { sortedList, type Caller } from "./builtins";
import { DATE_KEYWORDS, DATE_METHODS } from "./dates";
import { PENDULUM_DATETIME_KEYWORDS, PENDULUM_KEYWORDS, PENDULUM_METHODS } from "./pendulum";
import { STDLIB_KEYWORDS, STDLIB_METHODS } from "./stdlib";
import { RE_KEYWORDS, RE_METHODS } from "./regex";
import { encode } from "./bytes";
import { strFormat, type FormatHooks } from "./strformat";
import {
  equals,
  hashKey,
  iterate,
  keyError,
  PyDict,
  PyError,
  PyObject,
  PySet,
  PyTuple,
  repr,
  typeError,
  typeName,
  type PyVal,
} from "./values";

type Kw = ReadonlyMap<string, PyVal>;
type Method = (self: never, args: PyVal[], kw: Kw, call: Caller) => PyVal;

/** Methods that take keywords, and which. */
export const METHOD_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  sort: ["key", "reverse"],
  ...DATE_KEYWORDS,
  ...PENDULUM_KEYWORDS,
  ...STDLIB_KEYWORDS,
  datetime: [...(DATE_KEYWORDS.datetime ?? []), ...PENDULUM_DATETIME_KEYWORDS],
  ...RE_KEYWORDS,
  // `s.split(sep, maxsplit)` and `re.split(pattern, string, maxsplit, flags)`.
  split: ["sep", "maxsplit", ...RE_KEYWORDS.split!],
  rsplit: ["sep", "maxsplit"],
};
const STR_SPLIT_KEYWORDS = ["sep", "maxsplit"];
/** Methods that take any keyword (`"{name}".format(name=…)`). */
export const ANY_KEYWORDS: ReadonlySet<string> = new Set(["format"]);

/** What `str.format` reads of its values: attributes (`{d.year}`), and a date's own format (`{d:%Y}`). */
const HOOKS: FormatHooks = { attr: getattr, own: (v, spec) => (v instanceof PyObject ? v.format(spec) : null) };

const chars = (s: string) => [...s];
/** A UTF-16 index as Python's (code point) index. */
const cp = (s: string, i: number) => (i < 0 ? -1 : chars(s.slice(0, i)).length);
const width = (v: PyVal | undefined): number => {
  if (typeof v !== "number") throw typeError(`'${typeName(v ?? null)}' object cannot be interpreted as an integer`);
  return v;
};
function pad(s: string, a: PyVal[], method: string, how: "l" | "r" | "c"): string {
  const w = width(a[0]);
  const fill = a[1] === undefined ? " " : text(a[1], `${method}() argument 2`);
  if (chars(fill).length !== 1) throw typeError("The fill character must be exactly one character long");
  const marg = w - chars(s).length;
  if (marg <= 0) return s;
  // CPython's centring: the odd space goes left when the width is odd.
  const left = how === "r" ? marg : how === "l" ? 0 : Math.floor(marg / 2) + (marg & w & 1);
  return fill.repeat(left) + s + fill.repeat(marg - left);
}
// Python's line boundaries (str.splitlines), control characters among them.
// eslint-disable-next-line no-control-regex
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
const SPACE = "[ \\t\\n\\r\\x0b\\x0c\\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const is = (re: RegExp) => (s: string) => s.length > 0 && re.test(s);

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
    // Runs of whitespace; once `max` splits are made, the rest as it is (its trailing whitespace kept).
    const out: string[] = [];
    let rest = s.replace(/^\s+/, "");
    while (rest) {
      const m = out.length === limit ? null : /\s+/.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return out;
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
  find: (s, a) => cp(s, s.indexOf(text(a[0], "find"))),
  rfind: (s, a) => cp(s, s.lastIndexOf(text(a[0], "rfind"))),
  index: (s, a) => {
    const i = s.indexOf(text(a[0], "index"));
    if (i < 0) throw new PyError("ValueError", "substring not found");
    return cp(s, i);
  },
  count: (s, a) => {
    const sub = text(a[0], "count");
    return sub === "" ? chars(s).length + 1 : s.split(sub).length - 1;
  },
  isdigit: is(/^[\p{Nd}\u00B2\u00B3\u00B9\u2070-\u2079\u2080-\u2089]+$/u),
  isdecimal: is(/^\p{Nd}+$/u),
  isnumeric: is(/^\p{N}+$/u),
  isalpha: is(/^\p{L}+$/u),
  isalnum: is(/^[\p{L}\p{N}]+$/u),
  isspace: is(new RegExp(`^${SPACE}+$`, "u")),
  islower: (s) => s === s.toLowerCase() && s !== s.toUpperCase(),
  isupper: (s) => s === s.toUpperCase() && s !== s.toLowerCase(),
  zfill: (s, a) => {
    const w = width(a[0]);
    const sign = /^[+-]/.test(s) ? s[0]! : "";
    return sign + "0".repeat(Math.max(0, w - chars(s).length)) + s.slice(sign.length);
  },
  ljust: (s, a) => pad(s, a, "ljust", "l"),
  rjust: (s, a) => pad(s, a, "rjust", "r"),
  center: (s, a) => pad(s, a, "center", "c"),
  partition: (s, a) => {
    const sep = text(a[0], "partition");
    if (sep === "") throw new PyError("ValueError", "empty separator");
    const i = s.indexOf(sep);
    return new PyTuple(i < 0 ? [s, "", ""] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  rpartition: (s, a) => {
    const sep = text(a[0], "rpartition");
    if (sep === "") throw new PyError("ValueError", "empty separator");
    const i = s.lastIndexOf(sep);
    return new PyTuple(i < 0 ? ["", "", s] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  rsplit: (s, a) => {
    // Python's rsplit is split from the right: the same as reversing, splitting and reversing back.
    const rev = (x: string) => chars(x).reverse().join("");
    const sep = a[0] === undefined || a[0] === null ? a[0] : rev(text(a[0], "rsplit"));
    return split(rev(s), sep, a[1]).map(rev).reverse();
  },
  splitlines: (s) => {
    const lines = s.split(LINE_BREAK);
    if (lines[lines.length - 1] === "") lines.pop();
    return lines;
  },
  removeprefix: (s, a) => (s.startsWith(text(a[0], "removeprefix")) ? s.slice((a[0] as string).length) : s),
  removesuffix: (s, a) => {
    const suffix = text(a[0], "removesuffix");
    return suffix && s.endsWith(suffix) ? s.slice(0, -suffix.length) : s;
  },
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
      throw keyError(a[0] ?? null);
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
  clear: (d) => (d.map.clear(), null),
  popitem: (d) => {
    const last = [...d.map.entries()].pop();
    if (!last) throw new PyError("KeyError", "'popitem(): dictionary is empty'", ["popitem(): dictionary is empty"]);
    d.map.delete(last[0]);
    return new PyTuple(last[1]);
  },
};

const LIST: Record<string, (l: PyVal[], a: PyVal[], kw: Kw, call: Caller) => PyVal> = {
  append: (l, a) => (l.push(a[0] ?? null), null),
  extend: (l, a) => (l.push(...iterate(a[0] ?? null)), null),
  pop: (l, a) => {
    const at = a.length > 0 ? width(a[0]) : -1;
    if (l.length === 0) throw new PyError("IndexError", "pop from empty list");
    const i = at < 0 ? l.length + at : at;
    if (i < 0 || i >= l.length) throw new PyError("IndexError", "pop index out of range");
    return l.splice(i, 1)[0]!;
  },
  copy: (l) => [...l],
  insert: (l, a) => {
    const n = l.length;
    const i = width(a[0]);
    l.splice(i < 0 ? Math.max(0, n + i) : Math.min(i, n), 0, a[1] ?? null);
    return null;
  },
  remove: (l, a) => {
    const i = l.findIndex((x) => equals(x, a[0] ?? null));
    if (i < 0) throw new PyError("ValueError", "list.remove(x): x not in list");
    l.splice(i, 1);
    return null;
  },
  index: (l, a) => {
    const i = l.findIndex((x) => equals(x, a[0] ?? null));
    if (i < 0) throw new PyError("ValueError", `${repr(a[0] ?? null)} is not in list`);
    return i;
  },
  count: (l, a) => l.filter((x) => equals(x, a[0] ?? null)).length,
  sort: (l, _a, kw, call) => (l.splice(0, l.length, ...sortedList(l, kw, call)), null),
  reverse: (l) => (l.reverse(), null),
  clear: (l) => (l.splice(0), null),
};

const TUPLE: Record<string, (t: PyTuple, a: PyVal[]) => PyVal> = {
  count: (t, a) => t.items.filter((x) => equals(x, a[0] ?? null)).length,
  index: (t, a) => {
    const i = t.items.findIndex((x) => equals(x, a[0] ?? null));
    if (i < 0) throw new PyError("ValueError", "tuple.index(x): x not in tuple");
    return i;
  },
};

const members = (v: PyVal) => (v instanceof PySet ? v : new PySet(iterate(v)));
const SET: Record<string, (s: PySet, a: PyVal[]) => PyVal> = {
  add: (s, a) => (s.map.set(hashKey(a[0] ?? null), a[0] ?? null), null),
  discard: (s, a) => (s.map.delete(hashKey(a[0] ?? null)), null),
  remove: (s, a) => {
    if (!s.map.delete(hashKey(a[0] ?? null))) throw keyError(a[0] ?? null);
    return null;
  },
  pop: (s) => {
    const first = [...s.map.entries()][0];
    if (!first) throw new PyError("KeyError", "'pop from an empty set'", ["pop from an empty set"]);
    s.map.delete(first[0]);
    return first[1];
  },
  update: (s, a) => {
    for (const it of a) for (const x of iterate(it)) s.map.set(hashKey(x), x);
    return null;
  },
  union: (s, a) => new PySet([...s.map.values(), ...a.flatMap((it) => iterate(it))]),
  intersection: (s, a) => new PySet([...s.map.values()].filter((x) => a.every((it) => members(it).map.has(hashKey(x))))),
  difference: (s, a) => new PySet([...s.map.values()].filter((x) => !a.some((it) => members(it).map.has(hashKey(x))))),
  issubset: (s, a) => [...s.map.keys()].every((h) => members(a[0] ?? null).map.has(h)),
  issuperset: (s, a) => iterate(a[0] ?? null).every((x) => s.map.has(hashKey(x))),
  isdisjoint: (s, a) => !iterate(a[0] ?? null).some((x) => s.map.has(hashKey(x))),
  copy: (s) => new PySet(s.map.values()),
  clear: (s) => (s.map.clear(), null),
};

/** Names of every method a step may call (the compiler refuses others). */
export const METHOD_NAMES = new Set([
  ...[STR, DICT, LIST, TUPLE, SET].flatMap((t) => Object.keys(t)),
  "format",
  "format_map",
  ...DATE_METHODS,
  ...PENDULUM_METHODS,
  ...STDLIB_METHODS,
  ...RE_METHODS,
]);

const NO_KW: Kw = new Map();

export function callMethod(self: PyVal, name: string, args: PyVal[], kw: Kw = NO_KW, call: Caller = () => null): PyVal {
  if (self instanceof PyObject) {
    const out = self.method(name, args, kw);
    if (out !== undefined) return out;
  }
  if (typeof self === "string" && name === "format") return strFormat(self, args, kw, HOOKS);
  if (typeof self === "string" && name === "encode") return encode(self, args, kw);
  if (typeof self === "string" && name === "format_map") {
    if (args.length !== 1 || kw.size) throw typeError(`format_map() takes exactly one argument (${args.length + kw.size} given)`);
    if (!(args[0] instanceof PyDict)) throw typeError(`'${typeName(args[0]!)}' object is not subscriptable`);
    return strFormat(self, null, args[0], HOOKS);
  }
  const table = (
    typeof self === "string"
      ? STR
      : self instanceof PyDict
        ? DICT
        : Array.isArray(self)
          ? LIST
          : self instanceof PySet
            ? SET
            : self instanceof PyTuple
              ? TUPLE
              : null
  ) as Record<string, Method> | null;
  const m = table && Object.hasOwn(table, name) ? table[name] : undefined;
  if (!m) throw new PyError("AttributeError", `'${typeName(self)}' object has no attribute '${name}'`);
  checkArity(typeName(self), name, args.length);
  const keywords = name === "split" ? STR_SPLIT_KEYWORDS : (METHOD_KEYWORDS[name] ?? []);
  for (const k of kw.keys()) if (!keywords.includes(k)) throw typeError(`${typeName(self)}.${name}() takes no keyword argument '${k}'`);
  // `s.split(sep=",", maxsplit=1)`: the keywords in their positional places.
  if (name === "split" || name === "rsplit")
    return m(self as never, [kw.get("sep") ?? args[0] ?? null, kw.get("maxsplit") ?? args[1] ?? -1], kw, call);
  return m(self as never, args, kw, call);
}
