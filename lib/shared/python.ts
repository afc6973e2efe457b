/**
 * Python's text forms of JSON values, as dlt produces them: `str()` when it formats placeholders and
 * query values, `repr()` when it prints dicts and lists inside messages. The engine formats with them;
 * lib/config quotes dlt's messages with them.
 */
import { floatSpelling, type NumberText } from "./json";

export type PyValue = string | number | boolean | null | readonly PyValue[] | { readonly [key: string]: PyValue };

/**
 * A number as Python holds it where JavaScript's would print otherwise (`{"$number": "1.0"}`: a whole
 * float, an integer beyond 2^53): the text is Python's `str()` of it. lib/config/resolve/numbers.ts marks
 * a config's numbers so, the engine a response's numbers that a request carries; ./py-numbers.ts sends them.
 */
export const PY_NUMBER = "$number";

export type PyNumber = { readonly [PY_NUMBER]: string };

export function isPyNumber(v: unknown): v is PyNumber {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === PY_NUMBER && typeof (v as Record<string, unknown>)[PY_NUMBER] === "string";
}

/** Characters Python's `repr()` escapes (not `str.isprintable()`: controls, formats, separators but the space, unassigned). */
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const hex = (c: number, width: number) => c.toString(16).padStart(width, "0");

/** Python's `repr()` of a string: `'…'` (or `"…"` when it holds `'` and no `"`), its unprintable characters escaped. */
function strRepr(v: string): string {
  const quote = v.includes("'") && !v.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of v) {
    const c = ch.codePointAt(0) as number;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\x${hex(c, 2)}`;
    else if (c < 0x7f || !NOT_PRINTABLE.test(ch)) out += ch;
    else out += c <= 0xff ? `\\x${hex(c, 2)}` : c <= 0xffff ? `\\u${hex(c, 4)}` : `\\U${hex(c, 8)}`;
  }
  return out + quote;
}

/**
 * Python's `repr()` of a JSON value (how dlt prints dicts and lists inside strings). `text`: the value's
 * number spellings (`NumberText`), so that a float spelled `2.0` shows as Python holds it.
 */
export function pyRepr(v: PyValue | undefined, text?: Spelling): string {
  if (typeof v === "string") return strRepr(v);
  if (isPyNumber(v)) return v[PY_NUMBER];
  const t = typeof text === "object" ? text : undefined;
  if (Array.isArray(v)) return `[${v.map((x, i) => pyRepr(x, t?.[String(i)])).join(", ")}]`;
  if (v && typeof v === "object")
    return `{${Object.entries(v)
      .map(([k, x]) => `${strRepr(k)}: ${pyRepr(x, t?.[k])}`)
      .join(", ")}}`;
  return pyStr(v, text);
}

/** `\u00e4` escapes for everything outside printable ASCII in JSON text, as Python's `json.dumps` writes by default (`ensure_ascii`). */
export const asciiJson = (jsonEscaped: string): string =>
  jsonEscaped.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** Python's digits of a whole number (`-0` is `0`; no exponent beyond 1e21). */
export const pyIntText = (v: number): string => (Object.is(v, -0) ? "0" : BigInt(v).toString());

/** A number's JSON spelling, or a container's spellings (`NumberText`). */
type Spelling = string | NumberText | undefined;

/** Python's `str()` of a value, as dlt formats placeholders and query values (`text`: as for `pyRepr`). */
export function pyStr(v: PyValue | undefined, text?: Spelling): string {
  // A null read from a number not finite for Python (`NaN`, `1e400`: its spelling kept) is that float: `nan`, `inf`.
  if (v === null && typeof text === "string") return pyFloatRepr(Number(text));
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "string") return v;
  if (isPyNumber(v)) return v[PY_NUMBER];
  if (typeof v === "number") {
    // A spelling is kept for whole floats (`2.0`, `1e3`) and integers beyond 2^53 (exact digits).
    if (typeof text === "string") return floatSpelling(text) ? pyFloatRepr(v) : text;
    return Number.isInteger(v) ? pyIntText(v) : pyFloatRepr(v);
  }
  return pyRepr(v, text);
}

const NON_ASCII = /[\u0080-\uffff]/;
const DECIMAL_DIGIT = /\p{Nd}/u;

/**
 * Text as Python's `int()`, `float()` and `Decimal()` read its digits: every Unicode decimal digit as
 * its ASCII digit (`"１２"` is 12). Decimal digits come in runs of ten from 0 to 9, so a digit's value
 * is its distance from the start of its run.
 */
export function asciiDigits(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text.replace(/\p{Nd}/gu, (digit) => {
    let cp = digit.codePointAt(0) as number;
    let k = 0;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(cp - 1))) {
      cp--;
      k++;
    }
    return String(k % 10);
  });
}

/** Python's float literal syntax (`float()` of text, after `strip()`): `_` between digits, `inf`, `nan`. */
export const PY_FLOAT = /^[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|inf|infinity|nan)$/i;

/** Python's `float(text)`; `null` where it raises. */
export function pyFloat(text: string): number | null {
  const t = asciiDigits(text).trim();
  if (!PY_FLOAT.test(t)) return null;
  const lower = t.toLowerCase().replace(/_/g, "");
  if (lower.endsWith("nan")) return NaN;
  if (lower.endsWith("inf") || lower.endsWith("infinity")) return lower.startsWith("-") ? -Infinity : Infinity;
  return Number(lower);
}

/** Python's `int(text)` in base 10 (after `strip()`: a sign, digits with single `_` between them); `null` where it raises. */
export function pyIntFromText(text: string): bigint | null {
  const t = asciiDigits(text).trim();
  return /^[+-]?\d(?:_?\d)*$/.test(t) ? BigInt(t.replace(/_/g, "")) : null;
}

/** Code-point order of two strings (orjson sorts keys by their UTF-8 bytes; UTF-16 order differs above U+FFFF). */
export function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** A finite float's shortest round-trip digits and decimal exponent (`1.5e-7`: "15", -7). */
function shortest(x: number): { sign: string; digits: string; exp: number } {
  const [mant = "0", expText = "0"] = Math.abs(x).toExponential().split("e");
  return { sign: x < 0 || Object.is(x, -0) ? "-" : "", digits: mant.replace(".", ""), exp: Number(expText) };
}

/**
 * A float in scientific form when its exponent is outside `[low, 16)`, else positional with at least one
 * fraction digit; `pad`: the exponent's width. Python's `repr` and orjson differ only in those two.
 */
function floatText(x: number, low: number, pad: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const { sign, digits, exp } = shortest(x);
  if (exp < low || exp >= 16) {
    const e = `${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(pad, "0")}`;
    return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ""}e${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const int = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const frac = digits.slice(exp + 1);
  return `${sign}${int}.${frac === "" ? "0" : frac}`;
}

/** Python's `repr(float)`: shortest round-trip digits, `1e+16` beyond 16 digits, `1e-05` below 1e-4, `3.0` for whole values. */
export const pyFloatRepr = (x: number): string => floatText(x, -4, 2);

/**
 * orjson's float (dlt's `json.dumps` on CPython): as `repr` but positional down to 1e-5 (`0.00001`) and
 * exponents unpadded (`1.5e-7`).
 */
export const orjsonFloat = (x: number): string => floatText(x, -5, 1);
