/** An f-string's `{value:spec}`: the part of Python's format mini-language a step may use (./ast.ts checks the spec). */
import { numeric, PyError, PyFloat, str, typeName, type PyVal } from "./values";

/** fill+align, sign, `0`, width, `,`, `.precision`, type (`s`, `d`, `f`, `%`). */
export const FORMAT_SPEC = /^(?:([^{}])?([<>^=]))?([+\- ])?(0)?(\d+)?(,)?(?:\.(\d+))?([sdf%])?$/;

/** `1234567` → `1,234,567`, other text as it is (`1e+21`); a lookahead to the end from every digit was quadratic. */
function group(digits: string): string {
  if (!/^\d+$/.test(digits)) return digits;
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

export function formatValue(v: PyVal, spec: string): string {
  if (spec === "") return str(v);
  const m = FORMAT_SPEC.exec(spec);
  if (!m) throw new PyError("ValueError", `Invalid format specifier '${spec}' for object of type '${typeName(v)}'`);
  const [, fill, align, sign, zero, width, comma, precision, type] = m;
  const n = typeof v === "boolean" ? null : numeric(v);
  let body: string;
  let negative = false;
  if (type === "s" || (type === undefined && n === null)) {
    if (typeof v !== "string" || sign || comma)
      throw new PyError("ValueError", `Unknown format code '${type ?? "s"}' for object of type '${typeName(v)}'`);
    body = precision !== undefined ? [...v].slice(0, Number(precision)).join("") : v;
  } else {
    if (n === null || (type === "d" && v instanceof PyFloat))
      throw new PyError("ValueError", `Unknown format code '${type ?? ""}' for object of type '${typeName(v)}'`);
    negative = n < 0 || Object.is(n, -0);
    const abs = Math.abs(n);
    const fixed = type === "f" || type === "%" || (precision !== undefined && type === undefined);
    const scaled = type === "%" ? abs * 100 : abs;
    body = fixed
      ? scaled.toFixed(precision === undefined ? 6 : Number(precision))
      : v instanceof PyFloat
        ? str(new PyFloat(abs))
        : typeof v === "bigint"
          ? (v < 0n ? -v : v).toString()
          : String(abs);
    if (comma) {
      const [int, frac] = body.split(".");
      body = group(int!) + (frac !== undefined ? `.${frac}` : "");
    }
    if (type === "%") body += "%";
  }
  const prefix = negative ? "-" : sign === "+" ? "+" : sign === " " ? " " : "";
  const w = width === undefined ? 0 : Number(width);
  const pad = Math.max(0, w - [...body].length - prefix.length);
  const numeric_ = n !== null && type !== "s";
  const how = align ?? (zero ? "=" : numeric_ ? ">" : "<");
  const f = fill ?? (zero ? "0" : " ");
  if (how === "=") return prefix + f.repeat(pad) + body;
  if (how === "<") return prefix + body + f.repeat(pad);
  if (how === ">") return f.repeat(pad) + prefix + body;
  return f.repeat(Math.floor(pad / 2)) + prefix + body + f.repeat(pad - Math.floor(pad / 2));
}
