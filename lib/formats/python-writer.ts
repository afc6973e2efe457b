/** Python literal writer: 4-space indent like the seeds, double-quoted strings, refs as `dlt.secrets[...]`. */
import type { PlainValue } from "./types";
import { isFormat, isPyNumber, isPython, PY_NUMBER, refOf, type FormatValue, type RefValue } from "../shared";

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

/**
 * `dlt.secrets["name"]` / `dlt.config["name"]`, the name in `quote`s; cast as the reference is (`int(dlt.config["lim"])`), read
 * with `get` as it is (`dlt.config.get("lim", int)`).
 */
export function pyRef(v: RefValue, quote: '"' | "'" = '"'): string {
  const ref = refOf(v);
  if (!ref) return "None";
  const accessor = `dlt.${ref.kind === "secret" ? "secrets" : "config"}`;
  const name = pyString(ref.name, quote);
  const read = ref.get === undefined ? `${accessor}[${name}]` : `${accessor}.get(${name}${ref.get === true ? "" : `, ${ref.get}`})`;
  return ref.cast ? `${ref.cast}(${read})` : read;
}

/**
 * Text made with references the user's Python joins with `+` (a `format` node's `concatenated`: the parts, by index,
 * joined as they are), by `$format` value: written back so, as Python's `TypeError` for a value dlt's providers read
 * as other than text (`PORT=8080` is an int) is the file's too. A side table (the marker is the value's only key),
 * filled for the downloads by lib/config/export-numbers.ts.
 */
const JOINED = new WeakMap<FormatValue, readonly number[]>();

/** The parts of `v` `+` joins as they are (see `JOINED`), if so marked. */
export const joinedParts = (v: FormatValue): readonly number[] | undefined => JOINED.get(v);

/** `v` (a fresh object) with the parts `+` joins as they are in the user's Python (see `JOINED`). */
export function joinedWithPlus(v: FormatValue, concatenated: readonly number[]): FormatValue {
  const out = { $format: v.$format };
  JOINED.set(out, concatenated);
  return out;
}

/**
 * Text made with references as the f-string that makes it: `f"https://{dlt.secrets['sub']}.example.com"`
 * (literal braces doubled). Python before 3.12 takes no backslash and not the f-string's own quote in a
 * replacement: a name that needs either is written `"https://" + str(dlt.secrets["it's"]) + …` (what
 * the f-string computes: `format(value, "")` is `str(value)`); so is a reference alone, `str(dlt.secrets["k"])`.
 */
export function pyFormatString(v: FormatValue, quote: '"' | "'" = '"'): string {
  const inner = quote === '"' ? "'" : '"';
  // `"a" + dlt.config["p"]` as written: the other references `str()` as the f-string made them.
  const joined = JOINED.get(v);
  if (joined !== undefined) {
    const parts = v.$format.map((p, i) =>
      typeof p === "string" ? pyString(p, quote) : joined.includes(i) ? pyRef(p, quote) : `str(${pyRef(p, quote)})`,
    );
    return parts.join(" + ");
  }
  const refs = v.$format.filter((p): p is RefValue => typeof p !== "string").map((p) => pyRef(p, inner));
  // A lone reference as text is `str(dlt.secrets["k"])` (the downloads bind credentials so: lib/config/text-refs.ts).
  if (v.$format.length === 1 || refs.some((r) => r.includes("\\") || r.includes(quote))) {
    const parts = v.$format.map((p) => (typeof p === "string" ? pyString(p, quote) : `str(${pyRef(p, quote)})`));
    return parts.length ? parts.join(" + ") : pyString("", quote);
  }
  let i = 0;
  const body = v.$format.map((p) => (typeof p === "string" ? pyString(p, quote).slice(1, -1).replace(/[{}]/g, "$&$&") : `{${refs[i++]}}`));
  return `f${quote}${body.join("")}${quote}`;
}

/** The reference or code a special object stands for, if it is one. */
function special(value: Obj, quote: '"' | "'"): string | null {
  if (refOf(value)) return pyRef(value as RefValue, quote);
  if (isFormat(value)) return pyFormatString(value, quote);
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
