import type { Position } from "./types";

/** Line-start offsets, cached per text (validation runs on every keystroke on large documents). */
let cachedText: string | null = null;
let cachedStarts: number[] = [];

function lineStarts(text: string): number[] {
  if (text === cachedText) return cachedStarts;
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  cachedText = text;
  cachedStarts = starts;
  return starts;
}

/** 1-based line and column (UTF-16 code units, as Monaco counts) of an offset. */
export function positionAt(text: string, offset: number): Position {
  const starts = lineStarts(text);
  const off = Math.max(0, Math.min(offset, text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= off) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: off - (starts[lo] ?? 0) + 1 };
}

/** Offset of a 1-based line/column, clamped to the text. */
export function offsetAt(text: string, pos: Position): number {
  const starts = lineStarts(text);
  const line = Math.max(1, Math.min(pos.line, starts.length));
  const start = starts[line - 1] ?? 0;
  const next = line < starts.length ? (starts[line] ?? text.length) : text.length;
  return Math.max(start, Math.min(start + pos.column - 1, next));
}
