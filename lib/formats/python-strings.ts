/** Decoding of Python string literals (prefixes, triple quotes, escapes). */

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\n": "",
};

/** Value of one Python string literal token such as `"a\\n"`, `r'x'`, `"""doc"""`; `null` for f-strings and bytes. */
export function decodePythonString(token: string): string | null {
  const m = /^([rRuUbBfF]{0,2})('''|"""|'|")/.exec(token);
  if (!m) return null;
  const prefix = (m[1] ?? "").toLowerCase();
  if (prefix.includes("f") || prefix.includes("b")) return null;
  const quote = m[2] ?? '"';
  const body = token.slice(m[0].length, token.length - quote.length);
  if (prefix.includes("r")) return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const n = body[i + 1] ?? "";
    if (n in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[n];
      i++;
    } else if (n === "x" || n === "u" || n === "U") {
      const len = n === "x" ? 2 : n === "u" ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + len);
      if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === len) {
        out += String.fromCodePoint(parseInt(hex, 16));
        i += 1 + len;
      } else out += "\\";
    } else if (/[0-7]/.test(n)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i + 1))?.[0] ?? "0";
      out += String.fromCharCode(parseInt(oct, 8));
      i += oct.length;
    } else out += "\\"; // unknown escapes are kept verbatim, as Python does
  }
  return out;
}

/**
 * Finds `//` comments (a C/JS habit, not Python) outside strings and `#` comments.
 * Returns their ranges: from the slashes to the end of the line.
 */
export function findSlashComments(text: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  let i = 0;
  let quote: string | null = null;
  while (i < text.length) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i += 2;
      else if (text.startsWith(quote, i)) {
        i += quote.length;
        quote = null;
      } else if ((c === "\n") && quote.length === 1) {
        quote = null; // unterminated single-line string: the parser reports it
        i++;
      } else i++;
      continue;
    }
    if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += quote.length;
      continue;
    }
    if (c === "/" && text[i + 1] === "/") {
      let end = i;
      while (end < text.length && text[end] !== "\n" && text[end] !== "\r") end++;
      found.push({ start: i, end });
      i = end;
      continue;
    }
    i++;
  }
  return found;
}
