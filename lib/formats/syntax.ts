/** Small helpers shared by the three parsers to build located, readable syntax diagnostics. */
import type { Diagnostic, QuickFix, Range } from "./types";
import { positionAt } from "./positions";

const TOKEN = /^(?:"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|[A-Za-z_$0-9.+-]+|\S)/;

/** The token that starts at `offset` (a string, a word or number, or one character); `null` at the end. */
export function tokenAt(text: string, offset: number): string | null {
  if (offset >= text.length) return null;
  return TOKEN.exec(text.slice(offset, offset + 200))?.[0] ?? null;
}

/** A token for a message: `` `"b"` ``, shortened when long, or "the end of the document". */
export function showToken(token: string | null): string {
  if (token === null) return "the end of the document";
  const t = token.length > 40 ? `${token.slice(0, 37)}…` : token;
  return `\`${t.replace(/\n/g, "\\n")}\``;
}

/** The one error of an empty document; `shape`: what a config looks like in its format. */
export function emptyDocument(shape: string): Diagnostic {
  return {
    severity: "error",
    code: "syntax_error",
    path: "",
    range: { start: 0, end: 0 },
    message:
      `The document is empty: write or paste a config (${shape}), or start from an example ` +
      "(Examples or Import in the playground, `restplay examples` in a terminal).",
  };
}

/** "line 3, column 5" of an offset. */
export function where(text: string, offset: number): string {
  const p = positionAt(text, offset);
  return `line ${p.line}, column ${p.column}`;
}

/** Whether a UTF-16 code unit is whitespace as JavaScript's `\s` means it (without a regex per character). */
export function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  if (c >= 0x2000 && c <= 0x200a) return true;
  return c === 0xa0 || c === 0x1680 || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Offset of the first non-whitespace character at or after `offset` (text length if none). */
export function skipSpace(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Offset just after the last non-whitespace character before `offset` (0 if none). */
export function backSpace(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

/**
 * A visible range for a problem at `offset`: the token there, or (at the end of the document) the
 * last non-blank character, so editors have something to underline.
 */
export function rangeAt(text: string, offset: number, length?: number): Range {
  const start = Math.max(0, Math.min(offset, text.length));
  if (skipSpace(text, start) >= text.length) {
    const end = backSpace(text, text.length);
    return { start: Math.max(0, end - 1), end };
  }
  const len = length ?? tokenAt(text, start)?.length ?? 1;
  return { start, end: Math.min(text.length, start + Math.max(1, len)) };
}

export function syntaxError(range: Range, message: string, fixes?: QuickFix[]): Diagnostic {
  return { severity: "error", code: "syntax_error", path: "", range, message, ...(fixes && fixes.length > 0 ? { fixes } : {}) };
}

/** Keeps one diagnostic per start offset (parsers often report the same spot twice). */
export function dedupeByStart<T extends { range: Range }>(items: readonly T[]): T[] {
  const seen = new Set<number>();
  return items.filter((d) => {
    if (seen.has(d.range.start)) return false;
    seen.add(d.range.start);
    return true;
  });
}

const OPEN: Record<string, string> = { "{": "}", "[": "]", "(": ")" };
const NAME: Record<string, string> = { "{": "object", "[": "list", "(": "tuple" };

/** What a bracket opens, for messages: "the object", "the list". */
export function bracketName(open: string, dictWord = "object"): string {
  return open === "{" ? dictWord : (NAME[open] ?? "group");
}

export function closerOf(open: string): string {
  return OPEN[open] ?? "";
}

/**
 * Brackets still open at each of the given offsets (ascending), skipping strings in `quotes` and
 * comments starting with `comment`. One linear pass; used for "the `{` opened at ... is not closed".
 */
export function openBracketsAt(
  text: string,
  offsets: readonly number[],
  quotes: string,
  lineComment: string | null,
): { char: string; offset: number }[][] {
  const stack: { char: string; offset: number }[] = [];
  const out: { char: string; offset: number }[][] = [];
  let k = 0;
  for (let i = 0; i <= text.length && k < offsets.length; i++) {
    while (k < offsets.length && (offsets[k] ?? 0) <= i) {
      out.push([...stack]);
      k++;
    }
    const c = text[i] ?? "";
    if (quotes.includes(c)) {
      i++;
      while (i < text.length && text[i] !== c && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
    } else if (lineComment && text.startsWith(lineComment, i)) {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c in OPEN) stack.push({ char: c, offset: i });
    else if (c === "}" || c === "]" || c === ")") {
      if (stack.length > 0 && OPEN[stack[stack.length - 1]?.char ?? ""] === c) stack.pop();
    }
  }
  while (out.length < offsets.length) out.push([...stack]);
  return out;
}
