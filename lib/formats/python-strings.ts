/** Decoding of Python string literals: prefixes, triple quotes, escapes. */
import type { Diagnostic, Range } from "./types";

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\n": "",
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * The first `\N{NAME}` escape of a string literal token, as Python reads one (`null`: none, or a raw string, where it is
 * text; in bytes too). Python decodes it with its Unicode name table, which Node does not carry (`namedEscapeError`).
 */
function namedEscape(token: string): string | null {
  const m = /^([rRuUbBfF]{0,2})('''|"""|'|")/.exec(token);
  if (!m || /[rRbB]/.test(m[1] ?? "")) return null;
  // An escape is a backslash after an even run of them (`\\N{…}` is a backslash, then the text `N{…}`).
  return /(?<!\\)(?:\\\\)*(\\N\{[^}]*\})/.exec(token)?.[1] ?? null;
}

/**
 * A string literal with a `\N{NAME}` escape (`"a\N{EM DASH}b"`), which `decodePythonString` cannot read: Python reads the
 * character of that Unicode name, restplay has no Unicode name table (and none is a dependency). An error where it is,
 * saying how to write it so both read it (`null`: no such escape); the reader keeps the value as code.
 */
export function namedEscapeError(token: string, range: Range, pointer: string): Diagnostic | null {
  const escape = namedEscape(token);
  if (escape === null) return null;
  return {
    severity: "error",
    code: "python_named_escape",
    path: pointer,
    range,
    message:
      `\`${escape}\`: restplay does not read \`\\N{…}\` escapes (it has no Unicode name table), where Python reads the ` +
      `character of that name. Write the character itself, or its \`\\u\` escape: \`python3 -c 'print(ascii("${escape}"))'\` ` +
      "prints it (`\\N{EM DASH}` is `\\u2014`).",
  };
}

/** Whether a string token is closed by its own quote (lezer also emits unterminated strings as `String`). */
export function isClosedString(token: string): boolean {
  const m = /^[rRuUbBfF]{0,2}('''|"""|'|")/.exec(token);
  if (!m) return false;
  const quote = m[1] ?? '"';
  if (token.length < m[0].length + quote.length || !token.endsWith(quote)) return false;
  // An odd run of backslashes before the closing quote escapes it (except in raw strings, where it still does).
  let slashes = 0;
  for (let i = token.length - quote.length - 1; i >= m[0].length && token[i] === "\\"; i--) slashes++;
  return slashes % 2 === 0;
}

/**
 * Value of one Python string literal token such as `"a\\n"`, `r'x'`, `"""doc"""`. `null` for
 * f-strings, bytes and unterminated strings (they are kept as Python code, not as text).
 */
export function decodePythonString(token: string): string | null {
  // Fast path: the common `"plain text"` with no escapes.
  const q = token[0];
  if (
    (q === '"' || q === "'") &&
    token.length >= 2 &&
    token[token.length - 1] === q &&
    !token.includes("\\") &&
    !token.startsWith(q + q + q)
  ) {
    const body = token.slice(1, -1);
    if (!body.includes(q) && !body.includes("\n")) return body;
  }
  const m = /^([rRuUbBfF]{0,2})('''|"""|'|")/.exec(token);
  if (!m || !isClosedString(token)) return null;
  const prefix = (m[1] ?? "").toLowerCase();
  if (prefix.includes("f") || prefix.includes("b")) return null;
  const quote = m[2] ?? '"';
  const body = token.slice(m[0].length, token.length - quote.length).replace(/\r\n?/g, "\n");
  if (prefix.includes("r")) return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? "";
    if (c !== "\\") {
      out += c;
      continue;
    }
    const n = body[i + 1] ?? "";
    const simple = SIMPLE_ESCAPES[n];
    const hexLength = HEX_LENGTH[n];
    if (simple !== undefined) {
      out += simple;
      i++;
    } else if (hexLength !== undefined) {
      const hex = body.slice(i + 2, i + 2 + hexLength);
      const code = parseInt(hex, 16);
      if (hex.length !== hexLength || !/^[0-9a-fA-F]+$/.test(hex) || code > 0x10ffff) return null; // a SyntaxError in Python
      out += String.fromCodePoint(code);
      i += 1 + hexLength;
    } else if (/[0-7]/.test(n)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i + 1))?.[0] ?? "0";
      out += String.fromCodePoint(parseInt(oct, 8));
      i += oct.length;
    } else if (n === "N") {
      return null; // `\N{NAME}` needs Python's Unicode name table: keep the literal as code
    } else out += "\\"; // unknown escapes stay verbatim, as in Python
  }
  return out;
}
