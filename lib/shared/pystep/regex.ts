/**
 * Long because Python's `re` is one module of three classes (the module, `Pattern`, `Match`) sharing one scan.
 * Python's `re` for a step (CPython 3.11): `compile`, `search`, `match`, `fullmatch`, `findall`, `finditer` (a list),
 * `split`, `sub`/`subn` (a template with `\1`/`\g<name>`, or a function), `escape`, the flags and `re.error`. Patterns are
 * translated by ./regex-syntax.ts and run by JavaScript's RegExp; positions are Python's (code points). The scan follows
 * CPython's `_sre` since 3.7: after an empty match the next may not be empty at the same place, and may be empty right
 * after a non-empty one. Each call runs under the time limit of JSONPath's regular expressions (decision 0043): a pattern
 * that backtracks without end stops the step instead of the worker.
 */
import { underTimeLimit } from "../jsonpath-ng/time-limit";
import type { Caller } from "./builtins";
import { args } from "./dates";
import { PyModule } from "./module";
import { RE_FLAGS, reError, reEscape, translatePattern, type Translated } from "./regex-syntax";
import { BudgetExceeded } from "./ops";
import { NotModelled, PyDict, PyError, PyFunc, PyObject, PyTuple, repr, typeError, typeName, type PyVal } from "./values";

type Kw = ReadonlyMap<string, PyVal>;
type Span = readonly [number, number] | null;

/** Methods of `re`, `Pattern` and `Match` a step may call, and their keywords (the compiler reads both). */
export const RE_METHODS = ["compile", "search", "match", "fullmatch", "findall", "finditer", "split", "sub", "subn", "escape"].concat([
  "group",
  "groups",
  "groupdict",
  "start",
  "end",
  "span",
  "expand",
]);
export const RE_KEYWORDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  [
    ["compile", ["pattern", "flags"]],
    ["search", ["pattern", "string", "flags", "pos", "endpos"]],
    ["sub", ["pattern", "repl", "string", "count", "flags"]],
    ["split", ["pattern", "string", "maxsplit", "flags"]],
    ["groups", ["default"]],
    ["groupdict", ["default"]],
  ].flatMap(([k, v]) =>
    (k === "search" ? ["search", "match", "fullmatch", "findall", "finditer"] : k === "sub" ? ["sub", "subn"] : [k]).map((n) => [n, v]),
  ),
);
const FLAG_NAMES: readonly (readonly [string, string, number])[] = [
  ["A", "ASCII", RE_FLAGS.A],
  ["I", "IGNORECASE", RE_FLAGS.I],
  ["M", "MULTILINE", RE_FLAGS.M],
  ["S", "DOTALL", RE_FLAGS.S],
  ["U", "UNICODE", RE_FLAGS.U],
  ["X", "VERBOSE", RE_FLAGS.X],
];
/** Attributes: the flags (`re.I`, `re.IGNORECASE`), a pattern's and a match's. */
export const RE_ATTRIBUTES = FLAG_NAMES.flatMap(([a, b]) => [a, b]).concat([
  "pattern",
  "flags",
  "groupindex",
  "string",
  "pos",
  "endpos",
  "re",
]);

/** Code point positions of a text whose UTF-16 units differ from them (astral characters). */
class Positions {
  private readonly cp: Int32Array | null;
  constructor(readonly s: string) {
    if (!/[\ud800-\udfff]/.test(s)) {
      this.cp = null;
      return;
    }
    this.cp = new Int32Array(s.length + 1);
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      this.cp[i] = n;
      const c = s.charCodeAt(i);
      if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff)) n++;
      else this.cp[i] = n - 1;
    }
    this.cp[s.length] = n;
  }
  of(unit: number): number {
    return this.cp ? this.cp[unit]! : unit;
  }
}

const text = (v: PyVal): string => {
  if (typeof v === "string") return v;
  if (v instanceof PyObject && v.type === "bytes") throw new NotModelled("a regular expression over `bytes`");
  throw typeError(`expected string or bytes-like object, got '${typeName(v)}'`);
};

let depth = 0;
/**
 * Runs a scan under the time limit (once: a `sub` function calling `re.search` is inside its caller's limit), where it
 * could take long: a text longer than the pattern's `directUpTo`. Entering Node's vm costs ≈ 55 µs, forty times a short
 * `re.sub`.
 */
function timed<T>(p: PyPattern, s: string, run: () => T): T {
  if (depth > 0 || s.length <= p.directUpTo) return run();
  depth++;
  try {
    return underTimeLimit(
      run,
      (ms) =>
        new BudgetExceeded(
          `a regular expression ran more than ${ms / 1000} s over one value: it backtracks without end on this data (Python's re, ` +
            "and so dlt, would run as long or longer); write one that does not nest repetitions (`(a+)+`)",
        ),
    );
  } finally {
    depth--;
  }
}

export class PyPattern extends PyObject {
  readonly type = "re.Pattern";
  private readonly t: Translated;
  private readonly scanning: RegExp;
  private readonly sticky: RegExp;
  private readonly whole: RegExp;
  /** The pattern tried once more at the place of an empty match, wanting a longer one (`prefersEmpty`). */
  private readonly nonEmpty: RegExp | null;
  constructor(
    readonly pattern: string,
    given: number,
  ) {
    super();
    this.t = translatePattern(pattern, given);
    const f = `du${this.t.flags & RE_FLAGS.I ? "i" : ""}`;
    try {
      this.scanning = new RegExp(this.t.source, `g${f}`);
      this.sticky = new RegExp(this.t.source, `y${f}`);
      this.whole = new RegExp(`(?:${this.t.source})(?![\\s\\S])`, `y${f}`);
      const shifted = this.t.prefersEmpty ? translatePattern(pattern, given, 1).source : null;
      this.nonEmpty = shifted === null ? null : new RegExp(`(?=([\\s\\S]*))(?:${shifted})(?!\\1(?![\\s\\S]))`, `y${f}`);
    } catch (e) {
      if (e instanceof SyntaxError) throw new NotModelled(`the regular expression ${repr(pattern)}, which JavaScript reads otherwise`);
      throw e;
    }
  }
  get directUpTo(): number {
    return this.t.directUpTo;
  }
  get flags(): number {
    return this.t.flags;
  }
  get groups(): number {
    return this.t.groups;
  }
  get names(): ReadonlyMap<string, number> {
    return this.t.names;
  }
  repr(): string {
    const shown = FLAG_NAMES.filter(([, , v]) => v !== RE_FLAGS.U && this.t.flags & v).map(([, n]) => `re.${n}`);
    return `re.compile(${repr(this.pattern)}${shown.length ? `, ${shown.join("|")}` : ""})`;
  }
  hash(): string {
    return `P${this.t.flags}:${this.pattern}`;
  }
  equals(o: PyVal): boolean {
    return o instanceof PyPattern && o.pattern === this.pattern && o.flags === this.flags;
  }
  override attr(name: string): PyVal | undefined {
    if (name === "pattern") return this.pattern;
    if (name === "flags") return this.flags;
    if (name === "groups") return this.groups;
    if (name === "groupindex") {
      const d = new PyDict();
      for (const [k, v] of this.names) d.set(k, v);
      return d;
    }
    return undefined;
  }

  /** The match at `from` (UTF-16) found by `re` (sticky or scanning), as Python's spans. */
  private found(re: RegExp, s: string, from: number, at: Positions, skip = 0): PyMatch | null {
    re.lastIndex = from;
    const m = re.exec(s);
    if (!m) return null;
    const spans: Span[] = [];
    const texts: (string | null)[] = [];
    const ind = m.indices!;
    for (let g = 0; g <= this.groups; g++) {
      const x = ind[g === 0 ? 0 : g + skip];
      spans.push(x ? [at.of(x[0]), at.of(x[1])] : null);
      texts.push(m[g === 0 ? 0 : g + skip] ?? null);
    }
    return new PyMatch(this, s, spans, texts, [m.index, m.index + m[0].length]);
  }

  /** Python's scan over `s`: each match in turn (at most `limit`, 0 for all), as `finditer`, `sub`, `split` and `findall` walk. */
  scan(s: string, limit = 0): PyMatch[] {
    return timed(this, s, () => {
      const at = new Positions(s);
      const out: PyMatch[] = [];
      let pos = 0;
      let mustAdvance = false;
      while (pos <= s.length && (limit <= 0 || out.length < limit)) {
        let m: PyMatch | null = null;
        if (mustAdvance) {
          if (this.nonEmpty) m = this.found(this.nonEmpty, s, pos, at, 1);
          if (!m) {
            if (pos >= s.length) break;
            m = this.found(this.scanning, s, pos + ((s.codePointAt(pos) ?? 0) > 0xffff ? 2 : 1), at);
          }
        } else m = this.found(this.scanning, s, pos, at);
        if (!m) break;
        out.push(m);
        mustAdvance = m.units[1] === m.units[0];
        pos = m.units[1];
      }
      return out;
    });
  }

  private one(kind: "search" | "match" | "fullmatch", s: string): PyMatch | null {
    const re = kind === "search" ? this.scanning : kind === "match" ? this.sticky : this.whole;
    return timed(this, s, () => this.found(re, s, 0, new Positions(s)));
  }

  private template(repl: string): (m: PyMatch) => string {
    return compileTemplate(repl, this);
  }

  /** `sub`/`subn`: the new text and the number of replacements. */
  substitute(repl: PyVal, s: string, count: number, call: Caller): [string, number] {
    const fill: (m: PyMatch) => PyVal =
      typeof repl === "string" ? this.template(repl) : repl instanceof PyFunc || repl instanceof PyObject ? (m) => call(repl, [m]) : null!;
    if (!fill) throw typeError(`expected str instance, ${typeName(repl)} found`);
    if (count < 0) return [s, 0];
    const found = this.scan(s, count);
    // As _sre's `pattern_subx`: the pieces (a non-empty text between matches, each replacement but None), then joined.
    const pieces: PyVal[] = [];
    let last = 0;
    for (const m of found) {
      if (m.units[0] > last) pieces.push(s.slice(last, m.units[0]));
      const r = fill(m);
      if (r !== null) pieces.push(r);
      last = m.units[1];
    }
    if (last < s.length) pieces.push(s.slice(last));
    const wrong = pieces.findIndex((x) => typeof x !== "string");
    if (wrong >= 0) throw typeError(`sequence item ${wrong}: expected str instance, ${typeName(pieces[wrong]!)} found`);
    return [pieces.join(""), found.length];
  }

  split(s: string, maxsplit: number): PyVal[] {
    if (maxsplit < 0) return [s];
    const out: PyVal[] = [];
    let last = 0;
    for (const m of this.scan(s, maxsplit)) {
      out.push(s.slice(last, m.units[0]));
      for (let g = 1; g <= this.groups; g++) out.push(m.group(g));
      last = m.units[1];
    }
    out.push(s.slice(last));
    return out;
  }

  findall(s: string): PyVal[] {
    return this.scan(s).map((m) => (this.groups === 0 ? m.group(0) : this.groups === 1 ? (m.group(1) ?? "") : new PyTuple(m.groupsOf(""))));
  }

  /** A method of the pattern, or of `re` with this pattern (`rest`: the arguments after it). */
  run(name: string, a: PyVal[], kw: Kw, call: Caller, module: boolean): PyVal | undefined {
    const fn = module ? name : `Pattern.${name}`;
    const names = (ps: string[]) => (module ? ps : ps.filter((p) => p !== "pattern" && p !== "flags"));
    switch (name) {
      case "search":
      case "match":
      case "fullmatch":
      case "findall":
      case "finditer": {
        const p = args(fn, names(["pattern", "string", "flags", "pos", "endpos"]), a, kw, 1 + Number(module));
        if (p.has("pos") || p.has("endpos")) throw new NotModelled(`\`${name}\` with \`pos\` or \`endpos\``);
        const s = text(p.get("string")!);
        if (name === "findall") return this.findall(s);
        if (name === "finditer") return this.scan(s);
        return this.one(name, s);
      }
      case "sub":
      case "subn": {
        const p = args(fn, names(["pattern", "repl", "string", "count", "flags"]), a, kw, 2 + Number(module));
        const [out, n] = this.substitute(p.get("repl")!, text(p.get("string")!), count(p.get("count"), "count"), call);
        return name === "sub" ? out : new PyTuple([out, n]);
      }
      case "split": {
        const p = args(fn, names(["pattern", "string", "maxsplit", "flags"]), a, kw, 1 + Number(module));
        return this.split(text(p.get("string")!), count(p.get("maxsplit"), "maxsplit"));
      }
      default:
        return undefined;
    }
  }

  override method(name: string, a: PyVal[], kw: Kw): PyVal | undefined {
    return this.run(name, a, kw, this.caller, false);
  }
  /** Set by the module that made it: calls a `sub` function with the step's interpreter. */
  caller: Caller = () => null;
}

const count = (v: PyVal | undefined, what: string): number => {
  if (v === undefined) return 0;
  if (typeof v === "number" || typeof v === "boolean") return Number(v);
  throw typeError(`'${typeName(v)}' object cannot be interpreted as an integer (${what})`);
};

/** A `sub` template (`\1`, `\g<name>`, `\n`), read as CPython 3.11's `sre_parse.parse_template`. */
function compileTemplate(repl: string, p: PyPattern): (m: PyMatch) => string {
  const parts: (string | number)[] = [];
  const cs = [...repl];
  let lit = "";
  const group = (n: number, pos: number) => {
    if (n > p.groups) throw reError(`invalid group reference ${n}`, pos);
    parts.push(lit, n);
    lit = "";
  };
  const ESC: Readonly<Record<string, string>> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    if (c !== "\\") {
      lit += c;
      continue;
    }
    const e = cs[++i];
    if (e === undefined) throw reError("bad escape (end of pattern)", i - 1);
    if (e === "g") {
      if (cs[i + 1] !== "<") throw reError("missing <", i + 1);
      const close = cs.indexOf(">", i + 2);
      if (close < 0) throw reError(cs.length > i + 2 ? "missing >, unterminated name" : "missing group name", i + 2);
      const name = cs.slice(i + 2, close).join("");
      if (name === "") throw reError("missing group name", i + 2);
      if (/^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(name)) {
        const n = p.names.get(name);
        if (n === undefined) throw new PyError("IndexError", `unknown group name '${name}'`);
        group(n, i + 2);
      } else {
        if (!/^\d+$/.test(name)) throw reError(`bad character in group name '${name}'`, i + 2);
        group(Number(name), i + 2);
      }
      i = close;
    } else if (e === "0") {
      let d = "0";
      while (d.length < 3 && /[0-7]/.test(cs[i + 1] ?? "")) d += cs[++i];
      lit += String.fromCharCode(parseInt(d, 8) & 0xff);
    } else if (/\d/.test(e)) {
      let d = e;
      const at = i;
      if (/\d/.test(cs[i + 1] ?? "")) {
        d += cs[++i];
        if (/[0-7]/.test(e) && /[0-7]/.test(d[1]!) && /[0-7]/.test(cs[i + 1] ?? "")) {
          d += cs[++i];
          const v = parseInt(d, 8);
          if (v > 0o377) throw reError(`octal escape value \\${d} outside of range 0-0o377`, at - 1);
          lit += String.fromCharCode(v);
          continue;
        }
      }
      group(Number(d), at);
    } else if (Object.hasOwn(ESC, e)) lit += ESC[e];
    else if (/[A-Za-z]/.test(e)) throw reError(`bad escape \\${e}`, i - 1);
    else lit += `\\${e}`;
  }
  parts.push(lit);
  return (m) => parts.map((x) => (typeof x === "string" ? x : ((m.group(x) as string | null) ?? ""))).join("");
}

export class PyMatch extends PyObject {
  readonly type = "re.Match";
  constructor(
    readonly re: PyPattern,
    readonly string: string,
    /** Group 0 and each group's span in code points; `null` where a group took no part. */
    readonly spans: readonly Span[],
    /** Group 0 and each group's text (`null` where it took no part). */
    private readonly texts: readonly (string | null)[],
    /** The match's span in UTF-16 units (where the scan goes on). */
    readonly units: readonly [number, number],
  ) {
    super();
  }
  repr(): string {
    const [a, b] = this.spans[0]!;
    return `<re.Match object; span=(${a}, ${b}), match=${repr(this.group(0))}>`;
  }
  hash(): string {
    return `R${this.re.hash()}${this.spans.join(";")}`;
  }
  equals(o: PyVal): boolean {
    return o === this;
  }
  private index(g: PyVal): number {
    if ((typeof g === "number" || typeof g === "boolean") && Number(g) >= 0 && Number(g) <= this.re.groups) return Number(g);
    if (typeof g === "string" && this.re.names.has(g)) return this.re.names.get(g)!;
    throw new PyError("IndexError", "no such group");
  }
  group(g: PyVal): PyVal {
    const i = this.index(g);
    return this.texts[i]!;
  }
  groupsOf(fallback: PyVal): PyVal[] {
    return this.spans.slice(1).map((_, i) => this.group(i + 1) ?? fallback);
  }
  override attr(name: string): PyVal | undefined {
    if (name === "string") return this.string;
    if (name === "re") return this.re;
    if (name === "pos") return 0;
    if (name === "endpos") return [...this.string].length;
    return undefined;
  }
  override method(name: string, a: PyVal[], kw: Kw): PyVal | undefined {
    const one = (fn: string) => {
      const p = args(fn, ["group"], a, kw, 0);
      return this.spans[this.index(p.get("group") ?? 0)] ?? null;
    };
    switch (name) {
      case "group":
        if (kw.size) throw typeError("group() takes no keyword arguments");
        if (a.length <= 1) return this.group(a[0] ?? 0);
        return new PyTuple(a.map((g) => this.group(g)));
      case "__getitem__":
        return this.group(a[0]!);
      case "groups":
        return new PyTuple(this.groupsOf(args("groups", ["default"], a, kw, 0).get("default") ?? null));
      case "groupdict": {
        const fallback = args("groupdict", ["default"], a, kw, 0).get("default") ?? null;
        const d = new PyDict();
        for (const [k, v] of this.re.names) d.set(k, this.group(v) ?? fallback);
        return d;
      }
      case "start":
        return one("start")?.[0] ?? -1;
      case "end":
        return one("end")?.[1] ?? -1;
      case "span": {
        const sp = one("span");
        return new PyTuple(sp ? [sp[0], sp[1]] : [-1, -1]);
      }
      case "expand":
        return compileTemplate(text(args("expand", ["template"], a, kw, 1).get("template")!), this.re)(this);
      default:
        return undefined;
    }
  }
}

/** `re.compile(p, flags)` as Python's cache keeps it: a pattern given again is the same object. */
function compiler() {
  const cache = new Map<string, PyPattern>();
  return (p: PyVal, flags: PyVal | undefined, call: Caller): PyPattern => {
    const f = flags === undefined ? 0 : flags;
    if (typeof f !== "number" && typeof f !== "boolean") throw typeError(`unsupported operand type(s) for &: '${typeName(f)}' and 'int'`);
    if (p instanceof PyPattern) {
      if (Number(f)) throw new PyError("ValueError", "cannot process flags argument with a compiled pattern");
      return p;
    }
    if (p instanceof PyObject && p.type === "bytes") throw new NotModelled("a regular expression over `bytes`");
    if (typeof p !== "string") throw typeError("first argument must be string or compiled pattern");
    const key = `${Number(f)}:${p}`;
    let made = cache.get(key);
    if (!made) {
      made = new PyPattern(p, Number(f));
      made.caller = call;
      if (cache.size >= 512) cache.delete(cache.keys().next().value!);
      cache.set(key, made);
    }
    return made;
  };
}

/** The `re` module of one interpreter (`call` runs a `sub` function). */
export function reModule(call: Caller): PyModule {
  const compile = compiler();
  const fns: Record<string, (a: PyVal[], kw: Kw) => PyVal> = {
    compile: (a, kw) => {
      const p = args("compile", ["pattern", "flags"], a, kw, 1);
      return compile(p.get("pattern")!, p.get("flags"), call);
    },
    escape: (a, kw) => reEscape(text(args("escape", ["pattern"], a, kw, 1).get("pattern")!)),
  };
  for (const name of ["search", "match", "fullmatch", "findall", "finditer", "split", "sub", "subn"]) {
    fns[name] = (a, kw) => {
      const pattern = a[0] ?? kw.get("pattern");
      const flags = kw.get("flags") ?? a[name === "sub" || name === "subn" ? 4 : name === "split" ? 3 : 2];
      if (pattern === undefined) throw typeError(`${name}() missing 1 required positional argument: 'pattern'`);
      return compile(pattern, flags, call).run(name, a, kw, call, true)!;
    };
  }
  const attrs: Record<string, PyVal> = {};
  for (const [short, long, v] of FLAG_NAMES) attrs[short] = attrs[long] = v;
  return new PyModule("re", fns, attrs);
}
