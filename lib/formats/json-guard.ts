/**
 * The JSON text guard (guard.ts): one pass that skips strings and comments the way jsonc-parser's
 * scanner does (a string ends at its quote or at a line break; `//` and `/* *\/` are comments), counts
 * values and hollows brackets nested past MAX_DEPTH, so `parseTree` (which recurses) never sees them.
 */
import type { TextGuard } from "./guard";
import { DepthCounter } from "./depth-counter";

const QUOTE = 0x22;
const SLASH = 0x2f;
const STAR = 0x2a;
const BACKSLASH = 0x5c;

const isLineBreak = (c: number) => c === 0x0a || c === 0x0d;
/** Whitespace and the structural characters end a word (a number, `true`, or unknown content). */
const endsWord = (c: number) =>
  c <= 0x20 || c === QUOTE || c === SLASH || c === 0x2c || c === 0x3a || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;

/** Offset after the string starting at `i` (its quote), or at the line break that cuts it short. */
function skipString(text: string, i: number): number {
  let p = i + 1;
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (c === QUOTE) return p + 1;
    if (c === BACKSLASH) p += 2;
    else if (isLineBreak(c)) return p;
    else p++;
  }
  return text.length;
}

/** Offset after the comment starting at `i`, or `i` if there is none. */
function skipComment(text: string, i: number): number {
  const next = text.charCodeAt(i + 1);
  if (next === SLASH) {
    let p = i + 2;
    while (p < text.length && !isLineBreak(text.charCodeAt(p))) p++;
    return p;
  }
  if (next === STAR) {
    const end = text.indexOf("*/", i + 2);
    return end < 0 ? text.length : end + 2;
  }
  return i;
}

export function guardJson(text: string): TextGuard {
  const c = new DepthCounter();
  let i = 0;
  while (i < text.length && !c.done) {
    const ch = text.charCodeAt(i);
    if (ch <= 0x20 || ch === 0x2c || ch === 0x3a) i++;
    else if (ch === QUOTE) {
      c.count(i);
      i = skipString(text, i);
    } else if (ch === 0x5b || ch === 0x7b) {
      c.open(i, ch === 0x5b ? "list" : "dict");
      i++;
    } else if (ch === 0x5d || ch === 0x7d) {
      c.close(i + 1);
      i++;
    } else if (ch === SLASH && skipComment(text, i) > i) i = skipComment(text, i);
    else {
      c.count(i);
      i++;
      while (i < text.length && !endsWord(text.charCodeAt(i))) i++;
    }
  }
  return c.finish(text);
}
