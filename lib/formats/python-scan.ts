/**
 * `//` comments in Python text (a C/JS habit, seed 004: `// Additional resources can be added here`).
 * They are found outside strings and `#` comments, reported, and masked as `# ` at the same offsets
 * so every other position stays exact.
 */
import type { Diagnostic, Range } from "./types";

const VALUE_END = /[\w)\]}"']/;

/**
 * Floor division (`100 // 2`, `total // (n - 1)`, `x // len(items)`) is Python; tell it from a comment: after a value,
 * `//` followed by a number literal that is not followed by more words, by `(`, or by a name called or subscripted
 * (`len(`, `r[`) is division. Anything else (`// page size`, a `//` at the start of a line or after `,`) is a comment.
 */
function isFloorDivision(text: string, at: number, lineStart: number): boolean {
  let p = at - 1;
  while (p >= lineStart && (text[p] === " " || text[p] === "\t")) p--;
  if (p < lineStart || !VALUE_END.test(text[p] ?? "")) return false;
  const rest = text.slice(at + 2, at + 200);
  return /^[ \t]*(?:\d[\d_]*(\.\d*)?([eE][-+]?\d+)?(?![ \t]*[A-Za-z_\d])|\(|[A-Za-z_]\w*[([])/.test(rest);
}

/** Characters that change the scanner's state; everything between them is skipped in one jump. */
const INTERESTING = /"""|'''|["'#\n\\]|\/\//g;

/**
 * Ranges of `//` comments: from the slashes to the end of their line. Without triple quotes or
 * backslash continuations no string spans lines, so only the lines holding a `//` need scanning.
 */
export function findSlashComments(text: string): Range[] {
  if (!text.includes("//")) return [];
  if (/"""|'''|\\\r?\n/.test(text)) return scanText(text, 0, text.length);
  const found: Range[] = [];
  for (let at = text.indexOf("//"); at >= 0;) {
    const lineStart = text.lastIndexOf("\n", at) + 1;
    const eol = text.indexOf("\n", at);
    const lineEnd = eol < 0 ? text.length : eol;
    found.push(...scanText(text, lineStart, lineEnd));
    at = text.indexOf("//", lineEnd);
  }
  return found;
}

/** The scanner proper, over `text` from `from` (a line start, outside any string) to `to`. */
function scanText(text: string, from: number, to: number): Range[] {
  const found: Range[] = [];
  let quote: string | null = null;
  let lineStart = from;
  const re = new RegExp(INTERESTING.source, "g");
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const tok = m[0];
    const i = m.index;
    if (tok === "\n") {
      lineStart = i + 1;
      if (quote && quote.length === 1) quote = null; // unterminated: the parser reports it
    } else if (tok === "\\") {
      if (quote) re.lastIndex = i + 2; // an escaped character inside a string
    } else if (quote) {
      if (tok === quote) quote = null;
      else if (tok.length === 3 && quote.length === 1 && tok[0] === quote) {
        quote = null; // the closing quote, then `""` or a new string: scan on after it
        re.lastIndex = i + 1;
      }
    } else if (tok === "#") {
      const eol = text.indexOf("\n", i);
      re.lastIndex = eol < 0 ? text.length : eol;
    } else if (tok === "//") {
      if (isFloorDivision(text, i, lineStart)) continue;
      let end = text.indexOf("\n", i);
      if (end < 0) end = text.length;
      if (text[end - 1] === "\r") end--;
      found.push({ start: i, end });
      re.lastIndex = end;
    } else quote = tok;
  }
  return found;
}

/** The text with each `//` replaced by `# ` (same length), and one warning with a quick fix per comment. */
export function maskSlashComments(text: string): { text: string; diagnostics: Diagnostic[] } {
  const comments = findSlashComments(text);
  if (comments.length === 0) return { text, diagnostics: [] };
  const parts: string[] = [];
  let last = 0;
  const diagnostics: Diagnostic[] = [];
  for (const c of comments) {
    parts.push(text.slice(last, c.start), "# ");
    last = c.start + 2;
    diagnostics.push({
      severity: "warning",
      code: "js_comment",
      path: "",
      range: c,
      message:
        "`//` is not a Python comment: Python (and so dlt) would stop with a SyntaxError here. restplay reads it as a comment; write `#` instead.",
      fixes: [{ title: "Replace `//` with `#`", edits: [{ range: { start: c.start, end: c.start + 2 }, newText: "#" }] }],
    });
  }
  parts.push(text.slice(last));
  return { text: parts.join(""), diagnostics };
}

/**
 * Python text with comments and string contents blanked (an f-string's `{…}` kept), offsets unchanged:
 * where names are read (lib/config's credential fix looks for the constants an expression reads).
 */
export const pythonCodeOnly = (text: string): string =>
  text.replace(/#[^\n]*|([rRbBuUfF]{0,2})("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/g, (m, prefix?: string) =>
    /f/i.test(prefix ?? "") ? blankAroundBraces(m) : " ".repeat(m.length),
  );

/**
 * An f-string's text with every run of characters other than `{`/`}` that a `{` follows or a `}` precedes blanked
 * (what `/[^{}]+(?=\{)|(?<=\})[^{}]+/g` replaces), in one pass: the pattern scanned every run to its end from each of
 * its characters when no `{` followed.
 */
function blankAroundBraces(m: string): string {
  let out = "";
  let i = 0;
  while (i < m.length) {
    let j = i;
    while (j < m.length && m[j] !== "{" && m[j] !== "}") j++;
    if (j === i) {
      out += m[i];
      i++;
      continue;
    }
    out += m[j] === "{" || m[i - 1] === "}" ? " ".repeat(j - i) : m.slice(i, j);
    i = j;
  }
  return out;
}

/**
 * `1.` and `1.e5` (Python floats whose `.` no digit follows) with the `.` read as `0`, offsets unchanged: lezer's
 * Python grammar wants a digit after the point and would read `1.` as an attribute. The tree's `Number` node then
 * spans the literal; its value is read from the original text.
 */
export function maskTrailingDotFloats(text: string): string {
  if (!/\d\.(?!\d)/.test(text)) return text;
  const code = pythonCodeOnly(text);
  const at: number[] = [];
  for (const m of code.matchAll(/(?<![\w.])\d[\d_]*\.(?=[eE][+-]?\d|[jJ](?!\w)|[^\w.]|$)/g)) at.push(m.index + m[0].length - 1);
  if (at.length === 0) return text;
  const chars = text.split("");
  for (const i of at) chars[i] = "0";
  return chars.join("");
}
