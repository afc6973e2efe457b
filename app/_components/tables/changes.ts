import { updatedWord, type PreviewColumn, type TableChanges } from "@/lib/preview";

/**
 * The run's changes to a table: `+3 inserted · ~2 updated · −1 deleted · 10 unchanged` (scd2's versions:
 * `~2 retired`), each count marked as the grid marks its rows; a count of 0 goes unmarked (`0 deleted`).
 */
export function changesLine(c: TableChanges, columns: readonly PreviewColumn[] = []): string {
  const n = (mark: string, x: number) => `${x > 0 ? mark : ""}${x.toLocaleString("en-US")}`;
  const updated = `${n("~", c.updated)} ${updatedWord(columns)}`;
  return `${n("+", c.inserted)} inserted · ${updated} · ${n("−", c.deleted)} deleted · ${n("", c.unchanged)} unchanged`;
}
