import type { Position } from "./types";

/**
 * Line-start offsets, cached for the last text seen: diagnostics for a 6,000-line document ask for
 * hundreds of positions on every keystroke, each a binary search instead of a scan.
 */
let cachedText: string | null = null;
let cachedStarts: number[] = [0];

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

/** 1-based line and column (UTF-16 code units, as Monaco counts) of an offset, clamped to the text. */
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

/** Offset of a 1-based line/column; clamped to the text and to the end of that line (before its line break). */
export function offsetAt(text: string, pos: Position): number {
  const starts = lineStarts(text);
  const line = Math.max(1, Math.min(Math.floor(pos.line), starts.length));
  const start = starts[line - 1] ?? 0;
  let end = line < starts.length ? (starts[line] ?? text.length) : text.length;
  if (end > start && text.charCodeAt(end - 1) === 10) end--;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return Math.max(start, Math.min(start + Math.floor(pos.column) - 1, end));
}
