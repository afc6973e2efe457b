/** The destination's tables for the terminal: one line per table, its columns, and its first rows. */
import { materialize, stringifyJson, updatedWord, type PreviewTable, type PreviewTableData } from "../preview";
import type { Style } from "./io";

/** Rows printed per table: the text output needs no more (`run` keeps only these, `PreviewOptions.window`). */
export const ROWS_SHOWN = 3;
const WIDTH = 120;

function columnsLine(t: PreviewTableData): string {
  return t.columns
    .map((c) => {
      const marks = [
        c.nullable ? "" : "not null",
        c.primary_key ? "primary key" : "",
        c.merge_key ? "merge key" : "",
        c.variant ? "variant" : "",
      ].filter(Boolean);
      return `${c.name} ${c.data_type}${marks.length ? ` (${marks.join(", ")})` : ""}`;
    })
    .join(", ");
}

function changesLine(t: PreviewTableData): string {
  const { inserted, updated, deleted } = t.changes;
  const parts = [
    inserted ? `${inserted} inserted` : "",
    updated ? `${updated} ${updatedWord(t.columns)}` : "",
    deleted ? `${deleted} deleted` : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "unchanged";
}

const clip = (s: string): string => (s.length > WIDTH ? `${s.slice(0, WIDTH - 1)}…` : s);

/** The tables after this run's load; `loaded: false` says why nothing was loaded. */
export function formatTables(tables: readonly PreviewTable[], style: Style): string {
  if (tables.length === 0) return "";
  const loaded = tables.every((t) => t.loaded);
  const out = [
    "",
    style.bold(
      loaded ? "tables after this run's load" : "tables as this run would load them (not loaded: the run failed, dlt loads nothing then)",
    ),
  ];
  for (const root of tables) {
    for (const t of [root, ...root.child_tables]) {
      const n = t.total_rows ?? t.rows.length;
      const head = `${t.table_name}  ${n} row${n === 1 ? "" : "s"} (${changesLine(t)})`;
      const extra =
        t.parent_table !== null
          ? `nested in ${t.parent_table}`
          : `${root.write_disposition}${root.merge_strategy !== null ? ` (${root.merge_strategy})` : ""}`;
      out.push(`  ${style.bold(head)}  ${style.dim(extra)}`);
      out.push(style.dim(`    ${columnsLine(t)}`));
      for (const row of materialize({ ...t, rows: t.rows.slice(0, ROWS_SHOWN) })) out.push(`    ${clip(stringifyJson(row))}`);
      if (n > ROWS_SHOWN) out.push(style.dim(`    … ${n - ROWS_SHOWN} more (--format json prints every row)`));
    }
  }
  return `${out.join("\n")}\n`;
}
