/**
 * Python's `copy` (`copy`, `deepcopy`) and `json` (`dumps`, `loads`) modules for a step (decision 0044): dlt's docs copy
 * a record with `copy.deepcopy(post)` before they change it, and steps write a nested value as text with `json.dumps`.
 * Results and exceptions as CPython 3.11's (recorded in lib/formats/python-step-stdlib.test.ts).
 */
import { floatSpelling, parseBody, withoutPythonConstants, type NumberText } from "../json";
import type { KeyOrder } from "../key-order";
import { asciiJson, pyFloatRepr } from "../python";
import { sortedList, type Caller } from "./builtins";
import { args } from "./dates";
import { toPy } from "./json";
import { PyModule } from "./module";
import {
  intDecimal,
  NotModelled,
  PyDict,
  PyError,
  PyFloat,
  PyFunc,
  PyObject,
  PySet,
  PyTuple,
  truthy,
  typeError,
  typeName,
  type PyVal,
} from "./values";

type Kw = ReadonlyMap<string, PyVal>;

/** `copy.copy(x)`: a new list, dict or set holding the same items; anything else is itself. */
function shallow(x: PyVal): PyVal {
  if (Array.isArray(x)) return [...x];
  if (x instanceof PyDict) return x.copy();
  if (x instanceof PySet) return new PySet(x.map.values());
  return x;
}

/** `copy.deepcopy(x)`: containers copied all the way down, each shared one copied once (`memo`, as Python's). */
function deep(x: PyVal, memo: Map<object, PyVal>): PyVal {
  if (x === null || typeof x !== "object" || x instanceof PyFloat || x instanceof PyObject || x instanceof PyFunc) return x;
  const seen = memo.get(x);
  if (seen !== undefined) return seen;
  if (Array.isArray(x)) {
    const out: PyVal[] = [];
    memo.set(x, out);
    for (const v of x) out.push(deep(v, memo));
    return out;
  }
  if (x instanceof PyDict) {
    const out = new PyDict();
    memo.set(x, out);
    for (const [k, v] of x.map.values()) out.set(deep(k, memo), deep(v, memo));
    return out;
  }
  if (x instanceof PyTuple) {
    const items = x.items.map((v) => deep(v, memo));
    const out = items.every((v, i) => v === x.items[i]) ? x : new PyTuple(items);
    memo.set(x, out);
    return out;
  }
  if (x instanceof PySet) {
    const out = new PySet([...x.map.values()].map((v) => deep(v, memo)));
    memo.set(x, out);
    return out;
  }
  return x;
}

export function copyModule(): PyModule {
  return new PyModule("copy", {
    copy: (a, kw) => shallow(args("copy", ["x"], a, kw, 1).get("x")!),
    deepcopy: (a, kw) => deep(args("deepcopy", ["x", "memo"], a, kw, 1).get("x")!, new Map()),
  });
}

interface DumpOptions {
  readonly indent: string | null;
  readonly itemSep: string;
  readonly keySep: string;
  readonly sortKeys: boolean;
  readonly ascii: boolean;
  readonly allowNan: boolean;
  readonly skipKeys: boolean;
  readonly fallback: PyVal;
  readonly call: Caller;
}

const DUMPS_KEYWORDS = ["skipkeys", "ensure_ascii", "check_circular", "allow_nan", "indent", "separators", "default", "sort_keys"];

/** The functions of `copy` and `json` a step may call (`copy.deepcopy(r)`), and the keywords they take. */
export const STDLIB_METHODS = ["deepcopy", "dumps", "loads", "encode", "decode", "hex", "hexdigest", "digest"].concat([
  "md5",
  "sha1",
  "sha224",
  "sha256",
  "sha384",
  "sha512",
  "b64encode",
  "b64decode",
  "urlsafe_b64encode",
  "urlsafe_b64decode",
]);
export const STDLIB_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  dumps: DUMPS_KEYWORDS,
  encode: ["encoding", "errors"],
  decode: ["encoding", "errors"],
  ...Object.fromEntries(["md5", "sha1", "sha224", "sha256", "sha384", "sha512"].map((h) => [h, ["string", "usedforsecurity"]])),
};

function dumpOptions(a: PyVal[], kw: Kw, call: Caller): DumpOptions {
  if (a.length !== 1) throw typeError(a.length ? `dumps() takes 1 positional argument but ${a.length} were given` : dumpsMissing);
  for (const k of kw.keys()) if (!DUMPS_KEYWORDS.includes(k)) throw typeError(`dumps() got an unexpected keyword argument '${k}'`);
  const rawIndent = kw.get("indent") ?? null;
  const indent =
    rawIndent === null
      ? null
      : typeof rawIndent === "string"
        ? rawIndent
        : typeof rawIndent === "number"
          ? " ".repeat(Math.max(0, rawIndent))
          : bad("indent");
  const seps = kw.get("separators") ?? null;
  const pair =
    seps === null
      ? null
      : seps instanceof PyTuple || Array.isArray(seps)
        ? seps instanceof PyTuple
          ? seps.items
          : seps
        : bad("separators");
  if (pair && (pair.length !== 2 || pair.some((s) => typeof s !== "string"))) bad("separators");
  return {
    indent,
    itemSep: pair ? (pair[0] as string) : indent === null ? ", " : ",",
    keySep: pair ? (pair[1] as string) : ": ",
    sortKeys: truthy(kw.get("sort_keys") ?? false),
    ascii: truthy(kw.get("ensure_ascii") ?? true),
    allowNan: truthy(kw.get("allow_nan") ?? true),
    skipKeys: truthy(kw.get("skipkeys") ?? false),
    fallback: kw.get("default") ?? null,
    call,
  };
}
const dumpsMissing = "dumps() missing 1 required positional argument: 'obj'";
const bad = (what: string): never => {
  throw new NotModelled(`\`json.dumps\` with this \`${what}=\``);
};

function floatText(x: number, o: DumpOptions): string {
  if (Number.isFinite(x)) return pyFloatRepr(x);
  if (!o.allowNan) throw new PyError("ValueError", "Out of range float values are not JSON compliant");
  return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
}

const strText = (s: string, o: DumpOptions) => (o.ascii ? asciiJson(JSON.stringify(s)) : JSON.stringify(s));

/** A dict key as `json.dumps` writes it; null to skip it (`skipkeys=True`). */
function keyText(k: PyVal, o: DumpOptions): string | null {
  if (typeof k === "string") return k;
  if (typeof k === "boolean") return k ? "true" : "false";
  if (k === null) return "null";
  if (typeof k === "number" || typeof k === "bigint") return typeof k === "bigint" ? intDecimal(k) : String(k);
  if (k instanceof PyFloat) return floatText(k.v, o);
  if (o.skipKeys) return null;
  throw typeError(`keys must be str, int, float, bool or None, not ${typeName(k)}`);
}

function dump(v: PyVal, o: DumpOptions, level: number, open: Set<object>): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number" || typeof v === "bigint") return typeof v === "bigint" ? intDecimal(v) : String(v);
  if (typeof v === "string") return strText(v, o);
  if (v instanceof PyFloat) return floatText(v.v, o);
  const list = Array.isArray(v) ? v : v instanceof PyTuple ? v.items : null;
  if (list === null && !(v instanceof PyDict)) {
    // `o.__class__.__name__`: the class's own name (`datetime`, not `datetime.datetime`).
    if (o.fallback === null) throw typeError(`Object of type ${typeName(v).split(".").pop()} is not JSON serializable`);
    return nested(v, open, () => dump(o.call(o.fallback, [v]), o, level, open));
  }
  return nested(v as object, open, () => {
    const inner = o.indent === null ? "" : `\n${o.indent.repeat(level + 1)}`;
    const outer = o.indent === null ? "" : `\n${o.indent.repeat(level)}`;
    const parts: string[] = [];
    if (list) for (const x of list) parts.push(dump(x, o, level + 1, open));
    else {
      const dict = v as PyDict;
      const entries = o.sortKeys
        ? sortedList(dict.keys(), new Map(), o.call).map((k) => [k, dict.get(k)!] as const)
        : [...dict.map.values()];
      for (const [k, x] of entries) {
        const key = keyText(k, o);
        if (key !== null) parts.push(`${strText(key, o)}${o.keySep}${dump(x, o, level + 1, open)}`);
      }
    }
    const [l, r] = list ? ["[", "]"] : ["{", "}"];
    return parts.length ? `${l}${inner}${parts.join(o.itemSep + inner)}${outer}${r}` : `${l}${r}`;
  });
}

/** `write()` for a container (or a value `default=` stands in for), refusing one inside itself as Python does. */
function nested(v: object, open: Set<object>, write: () => string): string {
  if (open.has(v)) throw new PyError("ValueError", "Circular reference detected");
  open.add(v);
  try {
    return write();
  } finally {
    open.delete(v);
  }
}

/** `json.loads(text)`: what Python's json reads, numbers as it holds them (`1.0` a float, big ints exact). */
function loads(a: PyVal[], kw: Kw): PyVal {
  const s = args("loads", ["s"], a, kw, 1).get("s")!;
  if (typeof s !== "string") throw typeError(`the JSON object must be str, bytes or bytearray, not ${typeName(s)}`);
  if (withoutPythonConstants(s) !== null) throw new NotModelled("`json.loads` of `NaN` or `Infinity`");
  const texts = new WeakMap<object, NumberText>();
  const orders = new WeakMap<object, KeyOrder>();
  let value;
  try {
    value = parseBody(s, texts, { orders });
  } catch (e) {
    throw new PyError("JSONDecodeError", `Expecting value: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof value === "number") {
    const t = s.trim();
    return toPy(value, floatSpelling(t) || !Number.isSafeInteger(value) ? t : null);
  }
  return value !== null && typeof value === "object" ? toPy(value, texts.get(value) ?? null, orders.get(value) ?? null) : toPy(value);
}

export function jsonModule(call: Caller): PyModule {
  return new PyModule("json", {
    dumps: (a, kw) => dump(a[0] ?? null, dumpOptions(a, kw, call), 0, new Set()),
    loads,
  });
}
