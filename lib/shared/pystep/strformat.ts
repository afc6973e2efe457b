/**
 * Python's text formatting beyond f-strings: `str.format` / `format_map` (CPython 3.11's Objects/stringlib/unicode_format.h:
 * `{}`, `{0}`, `{name}`, `{0[key]}`, `{x.attr}`, `!r`/`!s`/`!a`, specs with nested fields) and `%` on text
 * (Objects/unicodeobject.c's printf-style formatting), with Python's messages.
 */
import { formatFloat } from "./floats";
import { formatValue } from "./format";
import { subscript } from "./seq";
import { intDecimal, keyError, numeric, PyDict, PyError, PyFloat, PyTuple, repr, str, typeError, typeName, type PyVal } from "./values";

const valueError = (m: string) => new PyError("ValueError", m);

/** Python's `ascii()`: `repr` with non-ASCII characters escaped. */
export function ascii(v: PyVal): string {
  let out = "";
  for (const ch of repr(v)) {
    const c = ch.codePointAt(0)!;
    out += c < 0x80 ? ch : c < 0x100 ? `\\x${hex(c, 2)}` : c < 0x10000 ? `\\u${hex(c, 4)}` : `\\U${hex(c, 8)}`;
  }
  return out;
}
const hex = (c: number, n: number) => c.toString(16).padStart(n, "0");

/** What the formatting needs of its caller: attribute reads (`{d.year}`) and a value's own `__format__` (dates). */
export interface FormatHooks {
  readonly attr: (v: PyVal, name: string) => PyVal;
  readonly own?: (v: PyVal, spec: string) => string | null;
}

export function convert(v: PyVal, conversion: string | null): PyVal {
  if (conversion === null) return v;
  if (conversion === "r") return repr(v);
  if (conversion === "s") return str(v);
  if (conversion === "a") return ascii(v);
  throw valueError(`Unknown conversion specifier ${conversion}`);
}

class Fields {
  private auto = 0;
  private mode: "auto" | "manual" | null = null;
  constructor(
    private readonly args: readonly PyVal[] | null,
    private readonly kw: ReadonlyMap<string, PyVal> | PyDict,
    private readonly hooks: FormatHooks,
  ) {}

  /** `0`, `name`, `` (automatic), then `.attr` and `[key]` parts. */
  lookup(field: string): PyVal {
    const first = /^[^.[]*/.exec(field)![0];
    let v: PyVal;
    if (first === "" || /^\d+$/.test(first)) {
      const manual = first !== "";
      if (this.mode !== null && this.mode !== (manual ? "manual" : "auto"))
        throw valueError(
          manual
            ? "cannot switch from automatic field numbering to manual field specification"
            : "cannot switch from manual field specification to automatic field numbering",
        );
      this.mode = manual ? "manual" : "auto";
      const i = manual ? Number(first) : this.auto++;
      if (this.args === null) throw valueError("Format string contains positional fields");
      if (i >= this.args.length) throw new PyError("IndexError", `Replacement index ${i} out of range for positional args tuple`);
      v = this.args[i]!;
    } else {
      const got = this.kw instanceof PyDict ? this.kw.get(first) : this.kw.get(first);
      if (got === undefined) throw keyError(first);
      v = got;
    }
    let rest = field.slice(first.length);
    while (rest) {
      if (rest[0] === ".") {
        const name = /^\.([^.[]*)/.exec(rest)![1]!;
        if (!name) throw valueError("Empty attribute in format string");
        v = this.hooks.attr(v, name);
        rest = rest.slice(name.length + 1);
      } else if (rest[0] === "[") {
        const end = rest.indexOf("]");
        if (end < 0) throw valueError("Missing ']' in format string");
        const key = rest.slice(1, end);
        if (!key) throw valueError("Empty attribute in format string");
        v = subscript(v, /^\d+$/.test(key) ? Number(key) : key);
        rest = rest.slice(end + 1);
        if (rest && rest[0] !== "." && rest[0] !== "[") throw valueError("Only '.' or '[' may follow ']' in format field specifier");
      }
    }
    return v;
  }

  render(template: string, depth: number): string {
    if (depth <= 0) throw valueError("Max string recursion exceeded");
    let out = "";
    let i = 0;
    while (i < template.length) {
      const c = template[i]!;
      if (c === "}") {
        if (template[i + 1] !== "}") throw valueError("Single '}' encountered in format string");
        out += "}";
        i += 2;
      } else if (c !== "{") {
        const next = nextBrace(template, i);
        out += template.slice(i, next);
        i = next;
      } else if (template[i + 1] === "{") {
        out += "{";
        i += 2;
      } else {
        let level = 1;
        let j = i + 1;
        for (; j < template.length && level > 0; j++) level += template[j] === "{" ? 1 : template[j] === "}" ? -1 : 0;
        if (level > 0)
          throw valueError(i + 1 >= template.length ? "Single '{' encountered in format string" : "expected '}' before end of string");
        out += this.field(template.slice(i + 1, j - 1), depth);
        i = j;
      }
    }
    return out;
  }

  private field(inner: string, depth: number): string {
    // The name ends at the first `!` or `:` outside brackets.
    let end = 0;
    for (let bracket = false; end < inner.length; end++) {
      const c = inner[end];
      if (c === "[") bracket = true;
      else if (c === "]") bracket = false;
      else if (!bracket && (c === "!" || c === ":")) break;
    }
    const name = inner.slice(0, end);
    let conversion: string | null = null;
    let spec = "";
    let rest = inner.slice(end);
    if (rest[0] === "!") {
      if (rest.length < 2) throw valueError("unmatched '{' in format spec");
      conversion = rest[1]!;
      rest = rest.slice(2);
      if (rest && rest[0] !== ":") throw valueError("expected ':' after conversion specifier");
    }
    // The value first, then the spec's own fields (`"{:{}}".format(v, width)`).
    const v = convert(this.lookup(name), conversion);
    if (rest[0] === ":") spec = this.render(rest.slice(1), depth - 1);
    return formatValue(v, spec, this.hooks.own);
  }
}

const nextBrace = (s: string, from: number) => {
  for (let i = from; i < s.length; i++) if (s[i] === "{" || s[i] === "}") return i;
  return s.length;
};

/** `template.format(*args, **kw)`; `format_map(mapping)` passes `args: null`. */
export function strFormat(
  template: string,
  args: readonly PyVal[] | null,
  kw: ReadonlyMap<string, PyVal> | PyDict,
  hooks: FormatHooks,
): string {
  return new Fields(args, kw, hooks).render(template, 2);
}

// `%` on text: `%[(key)][flags][width][.precision][length]type`.
const SPEC = /\((?<key>[^)]*)\)|(?<flags>[-+ #0]+)|(?<width>\*|\d+)|\.(?<prec>\*|\d*)|(?<len>[hlL])/y;

/** `template % values`, as Python's `str.__mod__`. */
export function percentFormat(template: string, values: PyVal): string {
  const tuple = values instanceof PyTuple;
  const args = tuple ? values.items : [values];
  const mapping = !tuple && typeof values !== "string" && (values instanceof PyDict || Array.isArray(values)) ? values : null;
  let argi = 0;
  const next = (): PyVal => {
    // After a `%(key)s`, Python has no positional values left.
    if (argi >= args.length || keyed) throw typeError("not enough arguments for format string");
    return args[argi++]!;
  };
  let out = "";
  let i = 0;
  let keyed = false;
  while (i < template.length) {
    const pct = template.indexOf("%", i);
    if (pct < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, pct);
    let j = pct + 1;
    let key: string | null = null;
    let flags = "";
    let width = -1;
    let prec = -1;
    for (;;) {
      SPEC.lastIndex = j;
      const m = SPEC.exec(template);
      if (!m) break;
      const g = m.groups!;
      if (g.key !== undefined) {
        if (key !== null || flags || width >= 0 || prec >= 0) break;
        key = g.key;
      } else if (g.flags !== undefined) {
        if (width >= 0 || prec >= 0) break;
        flags += g.flags;
      } else if (g.width !== undefined) {
        if (width >= 0 || prec >= 0) break;
        width = g.width === "*" ? starArg(next()) : Number(g.width);
        if (width < 0) [flags, width] = [flags + "-", -width];
      } else if (g.prec !== undefined) {
        if (prec >= 0) break;
        prec = g.prec === "*" ? Math.max(0, starArg(next())) : Number(g.prec || "0");
      }
      j = SPEC.lastIndex;
    }
    if (j >= template.length) throw valueError("incomplete format");
    const type = template[j]!;
    let v: PyVal = null;
    if (type !== "%") {
      if (key !== null) {
        if (!(mapping instanceof PyDict)) throw typeError("format requires a mapping");
        keyed = true;
        const got = mapping.get(key);
        if (got === undefined) throw keyError(key);
        v = got;
      } else v = next();
    }
    out += printf(type, v, flags, width, prec, j);
    i = j + 1;
  }
  if (argi < args.length && mapping === null) throw typeError("not all arguments converted during string formatting");
  return out;
}

function starArg(v: PyVal): number {
  if (typeof v !== "number" && typeof v !== "boolean") throw typeError("* wants int");
  return Number(v);
}

function printf(type: string, v: PyVal, flags: string, width: number, prec: number, at: number): string {
  const left = flags.includes("-");
  const zero = flags.includes("0") && !left;
  const sign = flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  const alt = flags.includes("#");
  const pad = (prefix: string, body: string, numeric_: boolean) => {
    const n = Math.max(0, width - [...prefix].length - [...body].length);
    if (left) return prefix + body + " ".repeat(n);
    return numeric_ && zero ? prefix + "0".repeat(n) + body : " ".repeat(n) + prefix + body;
  };
  switch (type) {
    case "%":
      return "%";
    case "s":
    case "r":
    case "a": {
      const text = type === "s" ? str(v) : type === "r" ? repr(v) : ascii(v);
      return pad("", prec >= 0 ? [...text].slice(0, prec).join("") : text, false);
    }
    case "c": {
      let ch: string;
      if (typeof v === "string") {
        if ([...v].length !== 1) throw typeError(`%c requires int or char`);
        ch = v;
      } else if (typeof v === "number" || typeof v === "boolean") {
        const n = Number(v);
        if (n < 0 || n > 0x10ffff) throw new PyError("OverflowError", "%c arg not in range(0x110000)");
        ch = String.fromCodePoint(n);
      } else throw typeError("%c requires int or char");
      return pad("", ch, false);
    }
    case "d":
    case "i":
    case "u":
    case "o":
    case "x":
    case "X": {
      let n: bigint;
      if (typeof v === "bigint") n = v;
      else if (typeof v === "number" || typeof v === "boolean") n = BigInt(Number(v));
      else if (v instanceof PyFloat && "diu".includes(type)) {
        if (!Number.isFinite(v.v)) throw new PyError(Number.isNaN(v.v) ? "ValueError" : "OverflowError", "cannot convert float to integer");
        n = BigInt(Math.trunc(v.v));
      } else throw typeError(`%${type} format: ${"diu".includes(type) ? "a real number" : "an integer"} is required, not ${typeName(v)}`);
      const base = type === "o" ? 8 : type === "x" || type === "X" ? 16 : 10;
      let digits = base === 10 ? intDecimal(n < 0n ? -n : n) : (n < 0n ? -n : n).toString(base);
      if (type === "X") digits = digits.toUpperCase();
      if (prec > digits.length) digits = digits.padStart(prec, "0");
      const prefix = (n < 0n ? "-" : sign) + (alt && base !== 10 ? `0${type === "o" ? "o" : type}` : "");
      return pad(prefix, digits, true);
    }
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G": {
      const x = v instanceof PyFloat ? v.v : typeof v === "string" || v === null ? null : numeric(v);
      if (x === null) throw typeError(`must be real number, not ${typeName(v)}`);
      const kind = type.toLowerCase() as "e" | "f" | "g";
      const body = formatFloat(Math.abs(x), kind, prec < 0 ? 6 : prec, alt, type !== kind);
      const negative = x < 0 || Object.is(x, -0);
      return pad(negative && !Number.isNaN(x) ? "-" : sign, body, true);
    }
    default: {
      const code = type.codePointAt(0)!;
      throw valueError(`unsupported format character '${type}' (0x${code.toString(16)}) at index ${at}`);
    }
  }
}
