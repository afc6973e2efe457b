/**
 * Python's format mini-language (`format(v, spec)`, an f-string's `{v:spec}`, `str.format`), CPython 3.11's rules and
 * messages (Python/formatter_unicode.c): `[[fill]align][sign][z][#][0][width][,|_][.precision][type]` for str, int,
 * bool, float; other values take only an empty spec (or their own `__format__`: dates, ./dates.ts).
 */
import { formatFloat } from "./floats";
import { intDecimal, PyError, PyFloat, str, typeError, typeName, type PyVal } from "./values";

interface Spec {
  fill: string | null;
  align: string | null;
  sign: string | null;
  z: boolean;
  alt: boolean;
  width: number;
  grouping: "," | "_" | null;
  precision: number | null;
  type: string | null;
}

const valueError = (m: string) => new PyError("ValueError", m);
const ALIGN = "<>=^";

function parse(spec: string, v: PyVal): Spec {
  const c = [...spec];
  let i = 0;
  const s: Spec = { fill: null, align: null, sign: null, z: false, alt: false, width: -1, grouping: null, precision: null, type: null };
  if (c.length >= 2 && ALIGN.includes(c[1]!)) [s.fill, s.align, i] = [c[0]!, c[1]!, 2];
  else if (c.length >= 1 && ALIGN.includes(c[0]!)) [s.align, i] = [c[0]!, 1];
  if (c[i] === "+" || c[i] === "-" || c[i] === " ") s.sign = c[i++]!;
  if (c[i] === "z") [s.z, i] = [true, i + 1];
  if (c[i] === "#") [s.alt, i] = [true, i + 1];
  const numeric = typeof v !== "string";
  if (s.fill === null && c[i] === "0") {
    s.fill = "0";
    if (s.align === null && numeric) s.align = "=";
    i++;
  }
  const digits = () => {
    let d = "";
    while (i < c.length && c[i]! >= "0" && c[i]! <= "9") d += c[i++];
    if (d.length > 18) throw valueError("Too many decimal digits in format string");
    return d;
  };
  const w = digits();
  if (w) s.width = Number(w);
  if (c[i] === ",") [s.grouping, i] = [",", i + 1];
  if (c[i] === "_") {
    if (s.grouping) throw valueError("Cannot specify both ',' and '_'.");
    [s.grouping, i] = ["_", i + 1];
  }
  if (c[i] === ",") throw valueError(`Cannot specify ',' with ','.`);
  if (c[i] === ".") {
    i++;
    const p = digits();
    if (!p) throw valueError("Format specifier missing precision");
    s.precision = Number(p);
  }
  if (c.length - i > 1) throw valueError(`Invalid format specifier '${spec}' for object of type '${typeName(v)}'`);
  if (i < c.length) s.type = c[i]!;
  if (s.grouping) {
    const ok = s.grouping === "," ? "defgEG%F" : "defgEG%FboxX";
    if (s.type !== null && !ok.includes(s.type)) throw valueError(`Cannot specify '${s.grouping}' with '${s.type}'.`);
  }
  return s;
}

/** Inserts `sep` every `every` digits from the right, padding with zeros to `minWidth` (CPython's grouping with `0` fill). */
function group(digits: string, sep: string, every: number, minWidth: number): string {
  const groups: string[] = [];
  let rest = digits;
  let min = minWidth;
  for (;;) {
    const l = Math.min(Math.max(rest.length, min, 1), every);
    const take = Math.min(rest.length, l);
    groups.unshift("0".repeat(l - take) + rest.slice(rest.length - take));
    rest = rest.slice(0, rest.length - take);
    min -= l;
    if (rest.length <= 0 && min <= 0) break;
    min -= sep.length;
  }
  return groups.join(sep);
}

/** `prefix` (sign, `0x`), `digits` (grouped here), `rest` (fraction, exponent, `%`) padded to the spec's width. */
function layout(s: Spec, prefix: string, digits: string, rest: string, defaultAlign: string): string {
  const align = s.align ?? defaultAlign;
  const fill = s.fill ?? " ";
  let body = digits;
  if (s.grouping) {
    const every = s.type !== null && "boxX".includes(s.type) ? 4 : 3;
    const min = fill === "0" && align === "=" ? s.width - prefix.length - [...rest].length : 0;
    body = group(digits, s.grouping, every, min);
  }
  const text = prefix + body + rest;
  const pad = Math.max(0, s.width - [...text].length);
  if (align === "=") return prefix + fill.repeat(pad) + body + rest;
  if (align === "<") return text + fill.repeat(pad);
  if (align === ">") return fill.repeat(pad) + text;
  const left = Math.floor(pad / 2);
  return fill.repeat(left) + text + fill.repeat(pad - left);
}

const signOf = (negative: boolean, sign: string | null) => (negative ? "-" : sign === "+" ? "+" : sign === " " ? " " : "");

function formatStr(v: string, s: Spec): string {
  if (s.type !== null && s.type !== "s") throw valueError(`Unknown format code '${s.type}' for object of type 'str'`);
  if (s.sign) throw valueError(`${s.sign === " " ? "Space" : "Sign"} not allowed in string format specifier`);
  if (s.z) throw valueError("Negative zero coercion (z) not allowed in string format specifier");
  if (s.alt) throw valueError("Alternate form (#) not allowed in string format specifier");
  if (s.align === "=") throw valueError("'=' alignment not allowed in string format specifier");
  if (s.grouping) throw valueError(`Cannot specify '${s.grouping}' with 's'.`);
  const text = s.precision === null ? v : [...v].slice(0, s.precision).join("");
  return layout({ ...s, grouping: null }, "", text, "", "<");
}

function formatInt(v: bigint, s: Spec, name: string): string {
  const t = s.type ?? "d";
  const base = { b: 2, o: 8, x: 16, X: 16, d: 10, n: 10, c: 10 }[t];
  if (base === undefined) throw valueError(`Unknown format code '${t}' for object of type '${name}'`);
  if (s.precision !== null) throw valueError("Precision not allowed in integer format specifier");
  if (s.z) throw valueError("Negative zero coercion (z) not allowed in integer format specifier");
  if (t === "c") {
    if (s.sign) throw valueError("Sign not allowed with integer format specifier 'c'");
    if (s.alt) throw valueError("Alternate form (#) not allowed with integer format specifier 'c'");
    if (v < -(2n ** 63n) || v >= 2n ** 63n) throw new PyError("OverflowError", "Python int too large to convert to C long");
    if (v < 0n || v > 0x10ffffn) throw new PyError("OverflowError", "%c arg not in range(0x110000)");
    return layout({ ...s, grouping: null }, "", String.fromCodePoint(Number(v)), "", ">");
  }
  const abs = v < 0n ? -v : v;
  let digits = base === 10 ? intDecimal(abs) : abs.toString(base);
  if (t === "X") digits = digits.toUpperCase();
  const alt = s.alt && base !== 10 ? `0${t}` : "";
  return layout(s, signOf(v < 0n, s.sign) + alt, digits, "", ">");
}

function formatFloatSpec(x: number, s: Spec, name: string): string {
  const t = s.type;
  if (t !== null && !"eEfFgGn%".includes(t)) throw valueError(`Unknown format code '${t}' for object of type '${name}'`);
  let negative = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  let text: string;
  if (t === null && s.precision === null) {
    text = str(new PyFloat(abs));
    // `#` keeps a point: `1.e+16`.
    if (s.alt && !text.includes(".")) text = text.replace(/(?=e)/, ".");
  } else {
    const p = s.precision ?? 6;
    const scaled = t === "%" ? abs * 100 : abs;
    const kind = t === null || t === "n" || t === "g" || t === "G" ? "g" : t === "e" || t === "E" ? "e" : "f";
    text = formatFloat(scaled, kind, p, s.alt, t === "E" || t === "G" || t === "F", t === null) + (t === "%" ? "%" : "");
  }
  // `z`: a negative zero (after rounding) is shown as zero.
  if (s.z && negative && Number.isFinite(x) && !/[1-9]/.test(text.split("e")[0]!)) negative = false;
  const m = /^[0-9]*/.exec(text)![0];
  const prefix = signOf(negative && !Number.isNaN(x), s.sign);
  // inf and nan are not grouped.
  return m === "" ? layout({ ...s, grouping: null }, prefix, text, "", ">") : layout(s, prefix, m, text.slice(m.length), ">");
}

/** `format(v, spec)`, as Python formats str, int, bool and float; a date's own `__format__` is given as `own`. */
export function formatValue(v: PyVal, spec: string, own?: (v: PyVal, spec: string) => string | null): string {
  const mine = own?.(v, spec);
  if (mine !== undefined && mine !== null) return mine;
  if (spec === "") return str(v);
  if (typeof v === "string") return formatStr(v, parse(spec, v));
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") {
    const s = parse(spec, v);
    const n = typeof v === "bigint" ? v : BigInt(Number(v));
    if (s.type !== null && "eEfFgG%".includes(s.type)) return formatFloatSpec(Number(n), s, typeName(v));
    return formatInt(n, s, typeName(v));
  }
  if (v instanceof PyFloat) return formatFloatSpec(v.v, parse(spec, v), "float");
  throw typeError(`unsupported format string passed to ${typeName(v)}.__format__`);
}
