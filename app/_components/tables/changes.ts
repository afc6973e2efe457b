import type { TableChanges } from "@/lib/preview";

/** The run's changes to a table: `+3 inserted · ~2 updated · 1 deleted · 10 unchanged`. */
export function changesLine(c: TableChanges): string {
  const n = (x: number) => x.toLocaleString("en-US");
  return `+${n(c.inserted)} inserted · ~${n(c.updated)} updated · −${n(c.deleted)} deleted · ${n(c.unchanged)} unchanged`;
}
