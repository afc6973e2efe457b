/**
 * Python values that are not literals but that restplay can still read the way Python would
 * (decision 0022): names of constants and local variables, parameters of `@dlt.source`/`@dlt.resource`
 * functions (those defaulting to `dlt.secrets.value`/`dlt.config.value` become references under dlt's
 * name `sources.<source>.<param>`), f-strings and `+` of constant strings and references (text made with
 * references is a `format` node: `{"$format": …}`), `a if cond else b`,
 * `os.environ[...]`/`os.getenv(...)`, `int(…)`/`float(…)`/`bool(…)` of one of those references (a cast on it, decision
 * 0047), and dlt's own classes (python-call.ts). Anything else stays code.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Diagnostic, DocNode, FormatPart, Range } from "./types";
import { code, convert, dltRef, valueChildren, type ConvertContext } from "./python-convert";
import { isCast, pyCast, refValue, type RefCast } from "../shared";
import { pyFloat } from "../shared/python";
import { decodePythonString } from "./python-strings";
import { lookupName, type PyScope } from "./python-scope";
import { paramRef } from "./python-params";
import { bindDltCall, dltClassOf } from "./python-call";
import { customCall } from "./python-custom";
import { MAX_DEPTH, MAX_VALUES } from "./limits";
import { tooDeep } from "./guard";
import { conditional } from "./python-conditional";

export interface ValueScope {
  readonly scope: PyScope;
  /** dlt's name of the source the config belongs to (`rest_api` for a bare `rest_api_source(config)`). */
  readonly sourceName: string;
  /** Statements being expanded (a name that refers to itself is left as code). */
  readonly visiting: Set<number>;
  /** Values still allowed through names (a constant used many times must not blow up the tree). */
  budget: number;
  /** The first value nested past MAX_DEPTH through names (reported once: later places are cut without a word). */
  deep: Diagnostic | null;
}

const src = (ctx: ConvertContext, n: SyntaxNode) => ctx.text.slice(n.from, n.to);
const rangeOf = (n: SyntaxNode): Range => ({ start: n.from, end: n.to });

export function createValueScope(scope: PyScope, sourceName: string): ValueScope {
  return { scope, sourceName, visiting: new Set(), budget: MAX_VALUES, deep: null };
}

/** The resolver handed to `convert` (ConvertContext.resolve). */
export function resolver(vs: ValueScope): NonNullable<ConvertContext["resolve"]> {
  return (ctx, n, pointer) => resolve(ctx, vs, n, pointer);
}

function resolve(ctx: ConvertContext, vs: ValueScope, n: SyntaxNode, pointer: string): DocNode | null {
  switch (n.name) {
    case "VariableName":
      return nameValue(ctx, vs, n, pointer);
    case "FormatString":
    case "ContinuedString":
    case "BinaryExpression": {
      const parts = textOf(ctx, vs, n, pointer);
      return parts === null ? null : textNode(parts, n);
    }
    case "ConditionalExpression":
      return conditional(ctx, n, pointer);
    case "MemberExpression":
    case "CallExpression":
      return environ(ctx, n, pointer) ?? call(ctx, vs, n, pointer);
    default:
      return null;
  }
}

function call(ctx: ConvertContext, vs: ValueScope, n: SyntaxNode, pointer: string): DocNode | null {
  if (n.name !== "CallExpression") return null;
  const float = notFinite(ctx, vs, n);
  if (float !== null) return { kind: "number", range: rangeOf(n), value: float };
  const text = isStrCall(ctx, vs, n) ? strOf(ctx, vs, n, pointer) : null;
  if (text) return textNode(text, n);
  const cast = castOf(ctx, vs, n, pointer);
  if (cast) return cast;
  const cls = dltClassOf(vs.scope, ctx.text, n);
  if (cls) return bindDltCall(ctx, vs.sourceName, cls, n, pointer);
  return customCall(ctx, vs, n, pointer);
}

/**
 * `os.environ["X"]`, `os.environ.get("X")`, `os.getenv("X")`: the secret `X`. With a default that is a
 * value (`os.getenv("BASE_URL", "https://…")`): the default, as Python gives it where `X` is not set (the
 * playground has no environment); an empty or `None` default still asks for `X`. Without a default, or with None, Python
 * gives None where `X` is not set: the reference is read as dlt's `get` reads one (`get: true`: None without a value, the
 * text as it is).
 */
function environ(ctx: ConvertContext, n: SyntaxNode, pointer: string): DocNode | null {
  const target = n.firstChild;
  if (!target) return null;
  const head = src(ctx, target).replace(/\s+/g, "");
  const subscript = n.name === "MemberExpression" && /^(os\.)?environ$/.test(head);
  const getter = n.name === "CallExpression" && /^((os\.)?environ\.get|(os\.)?getenv)$/.test(head);
  if (!subscript && !getter) return null;
  const args = n.name === "CallExpression" ? n.getChild("ArgList") : n;
  const [key, fallback] = args ? valueChildren(args).filter((c) => c.from >= target.to) : [];
  const name = key && key.name === "String" ? decodePythonString(src(ctx, key)) : null;
  if (!name) return null;
  const value = getter && fallback ? convert(ctx, fallback, pointer) : null;
  if (value && value.kind !== "null" && !(value.kind === "string" && value.value === "")) return value;
  // `os.getenv("X")` (or a None default) gives None where `X` is not set, as dlt's `get` does: read so (no value is missing).
  const none = getter && (!fallback || value?.kind === "null");
  return { kind: "ref", ref: "secret", name, range: rangeOf(n), environ: true, ...(none ? { get: true as const } : {}) };
}

function nameValue(ctx: ConvertContext, vs: ValueScope, n: SyntaxNode, pointer: string): DocNode | null {
  const name = src(ctx, n);
  if (name === "max" || name === "min") return null;
  const found = lookupName(vs.scope, name, n.from);
  if (!found) return null;
  if ("node" in found) return expand(ctx, vs, found.node, pointer, n);
  const { param, fn } = found;
  if (param.kind === "secret" || param.kind === "config") return paramRef(ctx, n, fn, param, pointer);
  return param.kind === "default" && param.value ? expand(ctx, vs, param.value, pointer, n) : null;
}

/**
 * The value of a definition, read in its own place (its ranges are the definition's). `at`: the name that uses it.
 * The text guard bounds the nesting each expression writes, not what names put inside names (`x2 = [x1]`, `x3 = x2`):
 * a value nested past MAX_DEPTH through them is `too_deep` at the name, as a collection written that deep is, and a
 * chain of MAX_DEPTH names is not followed further (each is a level of recursion here).
 */
function expand(ctx: ConvertContext, vs: ValueScope, node: SyntaxNode, pointer: string, at: SyntaxNode): DocNode | null {
  if (vs.visiting.has(node.from) || vs.budget <= 0) return null;
  const around = depthOf(pointer);
  if (around > MAX_DEPTH || vs.visiting.size >= MAX_DEPTH) return cutDeep(ctx, vs, at, pointer, "value (read through names)");
  vs.visiting.add(node.from);
  try {
    const before = ctx.diagnostics.length;
    const value = convert(ctx, node, pointer);
    const size = measure(value);
    vs.budget -= size.values;
    if (vs.budget <= 0) ctx.diagnostics.length = before;
    if (vs.budget > 0 && around + size.depth > MAX_DEPTH) return cutDeep(ctx, vs, at, pointer, value.kind === "object" ? "dict" : "list");
    return vs.budget > 0 ? value : code(ctx, node);
  } finally {
    vs.visiting.delete(node.from);
  }
}

/** Collections around the value at `pointer` (one segment each). */
const depthOf = (pointer: string): number => {
  let n = 0;
  for (let i = pointer.indexOf("/"); i !== -1; i = pointer.indexOf("/", i + 1)) n++;
  return n;
};

/** `too_deep` at the name `at` (the first place only) and its value left as code. */
function cutDeep(ctx: ConvertContext, vs: ValueScope, at: SyntaxNode, pointer: string, what: string): DocNode {
  if (vs.deep === null || !ctx.diagnostics.includes(vs.deep)) {
    vs.deep = tooDeep(rangeOf(at), pointer, what, 0);
    ctx.diagnostics.push(vs.deep);
  }
  return code(ctx, at);
}

/** Values in `v`, and how deep its collections nest (0 for a scalar). */
function measure(v: DocNode): { values: number; depth: number } {
  let values = 0;
  let depth = 0;
  const stack: [DocNode, number][] = [[v, 0]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, around] = top;
    values++;
    if (node.kind === "object" || node.kind === "array") depth = Math.max(depth, around + 1);
    if (node.kind === "object") for (const e of node.entries) stack.push([e.value, around + 1]);
    else if (node.kind === "array") for (const item of node.items) stack.push([item, around + 1]);
  }
  return { values, depth };
}

/**
 * `float("inf")`, `float("-inf")`, `float("nan")` (Python's own `float`): the float, as `1e400` and JSON's `NaN` are read
 * (the Python download writes NaN so). A finite one stays code: a number node would lose its float spelling (`1.0`).
 */
function notFinite(ctx: ConvertContext, vs: ValueScope, n: SyntaxNode): number | null {
  const args = valueChildren(n.getChild("ArgList") ?? n);
  const own = !vs.scope.defined.has("float") && !vs.scope.imports.has("float") && !vs.scope.starImport;
  if (!own || !/^float\s*$/.test(src(ctx, n.firstChild ?? n)) || args.length !== 1 || args[0]?.name !== "String") return null;
  const text = decodePythonString(src(ctx, args[0]));
  const v = text === null ? null : pyFloat(text);
  return v === null || Number.isFinite(v) ? null : v;
}

/** The Python builtin a call calls (`str`, `int`, …), when the file binds no such name of its own, nor may a `*` import. */
function builtinCalled(ctx: ConvertContext, vs: ValueScope, n: SyntaxNode): string | null {
  const name = /^([A-Za-z_]\w*)\s*$/.exec(src(ctx, n.firstChild ?? n))?.[1];
  return name && !vs.scope.defined.has(name) && !vs.scope.imports.has(name) && !vs.scope.starImport ? name : null;
}

/** `str(…)`, Python's own `str`. */
const isStrCall = (ctx: ConvertContext, vs: ValueScope, n: SyntaxNode): boolean => builtinCalled(ctx, vs, n) === "str";

/**
 * `int(dlt.config["lim"])`, `float(os.environ["R"])`, `bool(dlt.secrets["on"])` (a name bound to such a reference too): the
 * reference with its cast, which validation and a run apply to the value dlt hands over. Around a value Python knows
 * (`int(os.getenv("X", "10"))` where `X` is not set): that value cast, when it is one restplay holds exactly (not a whole
 * float: `float("10")` is 10.0). Anything else (`int(x) + 1`, `int(…, 16)`, a cast of a cast) stays code.
 */
function castOf(ctx: ConvertContext, vs: ValueScope, n: SyntaxNode, pointer: string): DocNode | null {
  const cast = builtinCalled(ctx, vs, n);
  const args = valueChildren(n.getChild("ArgList") ?? n);
  const arg = args.length === 1 ? args[0] : undefined;
  if (!isCast(cast) || !arg || !CAST_ARGS.has(arg.name)) return null;
  const before = ctx.diagnostics.length;
  const v = convert(ctx, arg, pointer);
  if (v.kind === "ref" && !v.cast) return { ...v, range: rangeOf(n), cast };
  const literal = v.kind === "string" || v.kind === "boolean" ? castLiteral(cast, v.value, v.range) : null;
  if (literal === null) ctx.diagnostics.length = before;
  return literal;
}

/** What a cast may be around for restplay to read it: a reference, a name bound to one, `os.getenv(…)`. */
const CAST_ARGS: ReadonlySet<string> = new Set(["VariableName", "MemberExpression", "CallExpression"]);

/**
 * A cast of text or a bool Python knows, as a node placed on that value (`"10"` in `int(os.getenv("X", "10"))`: the
 * number's spelling there is an int's, and a fix edits the default); null where Python raises or restplay would not hold
 * the result exactly (a whole float: `float("10")` is 10.0).
 */
function castLiteral(cast: RefCast, value: string | boolean, range: Range): DocNode | null {
  const r = pyCast(cast, value);
  if (!("value" in r)) return null;
  if (typeof r.value === "boolean") return { kind: "boolean", range, value: r.value };
  return typeof r.value === "number" && (cast === "int" || !Number.isInteger(r.value)) ? { kind: "number", range, value: r.value } : null;
}

/** `str(dlt.secrets["it's"])`: what an f-string makes of the value (the downloads write it so: python-writer.ts). */
function strOf(ctx: ConvertContext, vs: ValueScope, n: SyntaxNode, pointer: string): FormatPart[] | null {
  const args = valueChildren(n.getChild("ArgList") ?? n);
  const parts = args.length === 1 && args[0] ? textOf(ctx, vs, args[0], pointer) : null;
  return parts && formatted(parts);
}

/** Literal text and references, adjacent texts joined and empty ones dropped. */
function joined(pieces: readonly (readonly FormatPart[])[]): FormatPart[] {
  const out: FormatPart[] = [];
  for (const p of pieces.flat()) {
    const last = out[out.length - 1];
    if (typeof p === "string" && typeof last === "string") out[out.length - 1] = last + p;
    else if (p !== "") out.push(p);
  }
  return out;
}

/**
 * Reference parts made for a reference itself (`dlt.config["port"]`, a name bound to one): its value as it is, until an
 * f-string or `str()` formats it (`formatted`). Each part is a new object, so the sets mark that one use.
 */
const RAW = new WeakSet<FormatPart & object>();
/** Reference parts `+` joins as they are: Python raises `TypeError` for a value that is not text (the node's `concatenated`). */
const CONCATENATED = new WeakSet<FormatPart & object>();
/** Reference parts that are `os.environ[...]` (the node's `environ`). */
const ENVIRON = new WeakSet<FormatPart & object>();

/** `parts` as an f-string or `str()` makes them: text, whatever each reference's value is. */
function formatted(parts: FormatPart[]): FormatPart[] {
  for (const p of parts) if (typeof p !== "string") RAW.delete(p);
  return parts;
}

/** Parts as a node: a string when they are all text, else text made with references (`{"$format": …}`). */
function textNode(parts: readonly FormatPart[], n: SyntaxNode): DocNode {
  if (parts.every((p) => typeof p === "string")) return { kind: "string", range: rangeOf(n), value: parts.join("") };
  const concatenated = parts.flatMap((p, i) => (typeof p !== "string" && CONCATENATED.has(p) ? [i] : []));
  const environ = parts.flatMap((p, i) => (typeof p !== "string" && ENVIRON.has(p) ? [i] : []));
  return {
    kind: "format",
    range: rangeOf(n),
    parts,
    ...(concatenated.length > 0 ? { concatenated } : {}),
    ...(environ.length > 0 ? { environ } : {}),
  };
}

/** A value's parts as text: a string, a reference, text made with references; null for anything else. */
function partsOfNode(v: DocNode | null): FormatPart[] | null {
  if (v?.kind === "string") return [v.value];
  if (v?.kind === "ref") {
    const ref = refValue(v.ref, v.name, v.cast, v.get, v.param);
    // `os.environ["X"]` is text whatever it holds (and so is a name bound to it): Python's `+` joins it.
    if (v.environ) ENVIRON.add(ref);
    else RAW.add(ref);
    return [ref];
  }
  return v?.kind === "format" ? [...v.parts] : null;
}

/**
 * A string Python computes from constants and dlt's references: f-strings, `+`, adjacent literals; the
 * references stay parts (`dlt.secrets["x"]`, `os.environ["X"]`, a `dlt.secrets.value` parameter). Null otherwise.
 */
function textOf(ctx: ConvertContext, vs: ValueScope, n: SyntaxNode, pointer: string): FormatPart[] | null {
  if (n.name === "String") {
    const s = decodePythonString(src(ctx, n));
    return s === null ? null : [s];
  }
  if (n.name === "FormatString") return fString(ctx, vs, n, pointer);
  if (n.name === "ContinuedString") {
    const pieces: FormatPart[][] = [];
    for (const part of valueChildren(n)) {
      const p = textOf(ctx, vs, part, pointer);
      if (p === null) return null;
      pieces.push(p);
    }
    return joined(pieces);
  }
  if (n.name === "BinaryExpression") {
    const [a, b] = valueChildren(n).filter((c) => c.name !== "ArithOp");
    const op = n.getChild("ArithOp");
    if (!a || !b || !op || src(ctx, op) !== "+") return null;
    const left = textOf(ctx, vs, a, pointer);
    const right = left === null ? null : textOf(ctx, vs, b, pointer);
    if (left === null || right === null) return null;
    // `"a" + int(…)` is Python's TypeError whatever the value: left as code, as dlt would meet it.
    if ([...left, ...right].some((p) => typeof p !== "string" && p.$cast)) return null;
    // References alone (`dlt.config["a"] + dlt.config["b"]`) may be numbers Python adds: text needs a string beside them.
    if (![...left, ...right].some((p) => typeof p === "string")) return null;
    for (const side of [left, right]) if (side.length === 1 && typeof side[0] !== "string" && RAW.has(side[0]!)) CONCATENATED.add(side[0]!);
    return joined([left, right]);
  }
  if (n.name === "CallExpression" && isStrCall(ctx, vs, n)) return strOf(ctx, vs, n, pointer);
  if (n.name === "MemberExpression" || n.name === "CallExpression")
    return partsOfNode(
      dltRef(ctx, n, pointer) ?? environ(ctx, n, pointer) ?? (n.name === "CallExpression" ? castOf(ctx, vs, n, pointer) : null),
    );
  if (n.name === "VariableName" || n.name === "ParenthesizedExpression") {
    const inner = n.name === "ParenthesizedExpression" ? valueChildren(n)[0] : n;
    if (!inner) return null;
    if (inner.name !== "VariableName") return textOf(ctx, vs, inner, pointer);
    return partsOfNode(nameValue(ctx, vs, inner, pointer));
  }
  return null;
}

/**
 * `f"{BASE}/v1"`, `f"Bearer {dlt.secrets['token']}"`: replacements that are plain names of string, number
 * or bool constants, or references. A conversion (`!r`), a format spec (`:>5`) or `=` leaves it to dlt.
 */
function fString(ctx: ConvertContext, vs: ValueScope, n: SyntaxNode, pointer: string): FormatPart[] | null {
  const token = src(ctx, n);
  const m = /^([rRfF]{1,2})('''|"""|'|")/.exec(token);
  if (!m) return null;
  const prefix = (m[1] ?? "").replace(/[fF]/g, "");
  const quote = m[2] ?? '"';
  const bodyStart = n.from + m[0].length;
  const bodyEnd = n.to - quote.length;
  const pieces: FormatPart[][] = [];
  let at = bodyStart;
  const literal = (from: number, to: number): string | null => {
    const decoded = decodePythonString(prefix + quote + ctx.text.slice(from, to) + quote);
    return decoded === null ? null : decoded.replace(/\{\{/g, "{").replace(/\}\}/g, "}");
  };
  for (const r of n.getChildren("FormatReplacement")) {
    const inner = valueChildren(r).filter((c) => c.name !== "{" && c.name !== "}");
    const expr = inner.length === 1 ? inner[0] : undefined;
    if (!expr || !REPLACEMENTS.has(expr.name)) return null;
    const piece = literal(at, r.from);
    if (piece === null) return null;
    const parts = expr.name === "VariableName" ? constantText(nameValue(ctx, vs, expr, pointer)) : textOf(ctx, vs, expr, pointer);
    if (parts === null) return null;
    pieces.push([piece], formatted(parts));
    at = r.to;
  }
  const tail = literal(at, bodyEnd);
  return tail === null ? null : joined([...pieces, [tail]]);
}

/** The expressions an f-string replacement may be for restplay to read it: a name, a reference. */
const REPLACEMENTS: ReadonlySet<string> = new Set(["VariableName", "MemberExpression", "CallExpression"]);

/** A name's value as an f-string formats it: text, a number, `True`/`False`, references; null for anything else. */
function constantText(v: DocNode | null): FormatPart[] | null {
  if (v?.kind === "number") return [String(v.value)];
  if (v?.kind === "boolean") return [v.value ? "True" : "False"];
  return partsOfNode(v);
}
