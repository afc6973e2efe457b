import { jsonCellText } from "@/lib/preview";
import type { Json } from "@/lib/engine";

/** Cell text for the preview grid: nested values as dlt writes them (JSON, numbers as Python holds them), `null` spelled out. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeof value === "object" && (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype)
    ? jsonCellText(value as Json)
    : JSON.stringify(value);
}

/** The width of a character of the grid's monospace text (text-xs), for fitting text to a column. */
export const CHAR_PX = 7.5;

/**
 * `text` shortened to `max` characters in the middle (`attribute_with_a_…_suffix`): column names that
 * share a long prefix stay told apart by their ends, which an ellipsis at the end would cut.
 */
export function clipMiddle(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max || max < 5) return text;
  const tail = Math.ceil((max - 1) * 0.45);
  return `${chars.slice(0, max - 1 - tail).join("")}…${chars.slice(chars.length - tail).join("")}`;
}

/** Column width in px from the header (name, and type line) and a sample of values. */
export function columnWidth(name: string, sample: readonly unknown[], typeLine = ""): number {
  let longest = Math.max(name.length, typeLine.length, 10);
  for (const v of sample) longest = Math.max(longest, Math.min(cellText(v).length, 40));
  return Math.min(320, Math.max(96, longest * CHAR_PX + 20));
}

export function statsLine(stats: { fetched: number; merged: number; duplicates_collapsed: number }): string {
  const d = stats.duplicates_collapsed;
  return `fetched ${stats.fetched.toLocaleString("en-US")} · merged ${stats.merged.toLocaleString("en-US")} · ${d} duplicate${d === 1 ? "" : "s"} collapsed`;
}

/**
 * A key on a column's resize edge: its new width (← → by 16 px, with Shift by 64; Home and End to the
 * limits), `null` to reset it (Enter), `undefined` for a key that does not resize.
 */
export function resizeKey(e: { key: string; shiftKey: boolean }, size: number, min: number, max: number): number | null | undefined {
  const step = e.shiftKey ? 64 : 16;
  const to: Readonly<Record<string, number | null>> = {
    ArrowLeft: size - step,
    ArrowRight: size + step,
    Home: min,
    End: max,
    Enter: null,
  };
  if (!Object.hasOwn(to, e.key)) return undefined;
  const next = to[e.key] ?? null;
  return next === null ? null : Math.min(max, Math.max(min, next));
}
