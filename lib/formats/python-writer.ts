/** Python literal writer: 4-space indent like the seeds, double-quoted strings, refs as `dlt.secrets[...]`. */
import type { PlainValue } from "./types";
import { isPyNumber, isPython, PY_NUMBER, refOf } from "../shared";

type Obj = { readonly [key: string]: PlainValue };
const isObj = (v: PlainValue): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** A Python string literal in `quote`s (double by default); control characters and lone surrogates escaped. */
export function pyString(s: string, quote: '"' | "'" = '"'): string {
  let out = quote;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? "";
    const code = s.charCodeAt(i);
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += "\\x" + code.toString(16).padStart(2, "0");
    else if (code >= 0xd800 && code <= 0xdbff && /[\udc00-\udfff]/.test(s[i + 1] ?? "")) out += ch + (s[++i] ?? "");
    else if (code >= 0xd800 && code <= 0xdfff) out += "\\u" + code.toString(16);
    else out += ch;
  }
  return out + quote;
}

function pyNumber(n: number): string {
  if (Object.is(n, -0)) return "-0.0";
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'float("nan")' : n > 0 ? 'float("inf")' : 'float("-inf")';
  return String(n); // JS and Python agree on 1, -0.5, 1e+21, 1.5e-7
}

/** The reference or code a special object stands for, if it is one. */
function special(value: Obj, quote: '"' | "'"): string | null {
  const ref = refOf(value);
  if (ref) return `dlt.${ref.kind === "secret" ? "secrets" : "config"}[${pyString(ref.name, quote)}]`;
  if (isPython(value)) return value.$python;
  // A number as Python spells it (lib/config/export-numbers.ts): `1.0`, `1e+16`, every digit of a big integer.
  if (isPyNumber(value)) return value[PY_NUMBER];
  return null;
}

/**
 * A Python literal; `indentLevel` is the nesting level of the line the literal starts on, `quote` the
 * strings' quotes (a fix writes in the file's own).
 */
export function writePythonLiteral(value: PlainValue, indentLevel = 0, quote: '"' | "'" = '"'): string {
  const pad = (n: number) => "    ".repeat(n);
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return pyNumber(value);
  if (typeof value === "string") return pyString(value, quote);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((v: PlainValue) => pad(indentLevel + 1) + writePythonLiteral(v, indentLevel + 1, quote));
    return `[\n${items.join(",\n")}\n${pad(indentLevel)}]`;
  }
  if (!isObj(value)) return "None";
  const code = special(value, quote);
  if (code !== null) return code;
  const keys = Object.keys(value);
  if (keys.length === 0) return "{}";
  const lines = keys.map(
    (k) => `${pad(indentLevel + 1)}${pyString(k, quote)}: ${writePythonLiteral(value[k] ?? null, indentLevel + 1, quote)}`,
  );
  return `{\n${lines.join(",\n")}\n${pad(indentLevel)}}`;
}
