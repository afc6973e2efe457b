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

/** Column width in px from the header (name, and type line) and a sample of values. */
export function columnWidth(name: string, sample: readonly unknown[], typeLine = ""): number {
  let longest = Math.max(name.length, typeLine.length, 10);
  for (const v of sample) longest = Math.max(longest, Math.min(cellText(v).length, 40));
  return Math.min(320, Math.max(96, longest * 7.5 + 20));
}

export function statsLine(stats: { fetched: number; merged: number; duplicates_collapsed: number }): string {
  const d = stats.duplicates_collapsed;
  return `fetched ${stats.fetched.toLocaleString("en-US")} · merged ${stats.merged.toLocaleString("en-US")} · ${d} duplicate${d === 1 ? "" : "s"} collapsed`;
}
