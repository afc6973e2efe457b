/**
 * Python's text forms of JSON values, as dlt produces them: `str()` when it formats placeholders and
 * query values, `repr()` when it prints dicts and lists inside messages. The engine formats with them;
 * lib/config quotes dlt's messages with them.
 */
export type PyValue = string | number | boolean | null | readonly PyValue[] | { readonly [key: string]: PyValue };

/** Python's `repr()` of a JSON value (how dlt prints dicts and lists inside strings). */
export function pyRepr(v: PyValue | undefined): string {
  if (typeof v === "string") {
    const quote = v.includes("'") && !v.includes('"') ? '"' : "'";
    const body = v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
    return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
  }
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  if (v && typeof v === "object")
    return `{${Object.entries(v)
      .map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`)
      .join(", ")}}`;
  return pyStr(v);
}

/** Python's `str()` of a value, as dlt formats placeholders and query values. */
export function pyStr(v: PyValue | undefined): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
  return pyRepr(v);
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
