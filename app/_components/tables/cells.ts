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

/**
 * A table's counts. "merged" and "duplicates collapsed" are a `merge` table's words (dlt's write disposition);
 * an `append` or `replace` table folds nothing, so its line says how many rows the table holds.
 */
export function statsLine(stats: { fetched: number; merged: number; duplicates_collapsed: number }, merge: boolean): string {
  const fetched = `fetched ${stats.fetched.toLocaleString("en-US")}`;
  if (!merge) return `${fetched} · ${stats.merged.toLocaleString("en-US")} row${stats.merged === 1 ? "" : "s"} in the table`;
  const d = stats.duplicates_collapsed;
  return `${fetched} · merged ${stats.merged.toLocaleString("en-US")} · ${d} duplicate${d === 1 ? "" : "s"} collapsed`;
}

/**
 * A resize key on a column's header (pressed with Shift): the column's new width (← → by 16 px, `big`
 * steps by 64; Home and End to the limits), `null` to reset it (Enter), `undefined` for a key that does not resize.
 */
export function resizeKey(key: string, big: boolean, size: number, min: number, max: number): number | null | undefined {
  const step = big ? 64 : 16;
  const to: Readonly<Record<string, number | null>> = {
    ArrowLeft: size - step,
    ArrowRight: size + step,
    Home: min,
    End: max,
    Enter: null,
  };
  if (!Object.hasOwn(to, key)) return undefined;
  const next = to[key] ?? null;
  return next === null ? null : Math.min(max, Math.max(min, next));
}

/** What a key on a column's header does: focus another header, resize this column, or go down to the rows. */
export type HeaderKeyAction = { readonly focus: number } | { readonly resize: number | null } | { readonly rows: true };

/**
 * The header row is one Tab stop: ← → (Home/End) move between the columns, ↓ goes to the rows; with
 * Shift the same keys resize the column (`resizeKey`: Ctrl/Cmd+Shift for bigger steps, Shift+Enter
 * resets). `undefined`: a key the header leaves alone (Enter and Space sort: the button's own;
 * Ctrl/Cmd+Shift+Enter maximises the panel).
 */
export function headerKey(
  e: { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean },
  at: number,
  count: number,
  size: number,
  min: number,
  max: number,
): HeaderKeyAction | undefined {
  if (e.altKey) return undefined;
  if (e.shiftKey) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) return undefined;
    const resize = resizeKey(e.key, e.ctrlKey || e.metaKey, size, min, max);
    return resize === undefined ? undefined : { resize };
  }
  if (e.ctrlKey || e.metaKey) return undefined;
  const to: Readonly<Record<string, number>> = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: count - 1 };
  if (e.key === "ArrowDown") return { rows: true };
  return Object.hasOwn(to, e.key) ? { focus: Math.min(count - 1, Math.max(0, to[e.key] ?? at)) } : undefined;
}
