/**
 * Not-null columns that `nested_hints` give a nested table, counted as its rows are staged: a row
 * without a value there is written without it, and dlt's load into DuckDB refuses it (NOT NULL).
 */
import type { DataRecord } from "../engine/types";
import { getOwn } from "../shared";
import type { TableSchema } from "./schema";

export class NestedNotNull {
  private readonly tables = new Map<string, { columns: readonly string[]; present: number[]; rows: number }>();

  /** A nested table made from `nested_hints`, whose not-null columns are counted. */
  register(table: TableSchema): void {
    const columns = [...table.columns.values()].filter((c) => c.nullable === false).map((c) => c.name);
    if (columns.length > 0) this.tables.set(table.name, { columns, present: columns.map(() => 0), rows: 0 });
  }

  /** A row staged into `table`. */
  count(table: string, row: DataRecord): void {
    if (this.tables.size === 0) return;
    const t = this.tables.get(table);
    if (t === undefined) return;
    t.rows++;
    t.columns.forEach((c, k) => getOwn(row, c) !== undefined && (t.present[k] as number)++);
  }

  /** Adds `table`'s rows without a value per column to `out`. */
  absent(table: string, out: Map<string, number>): void {
    const t = this.tables.get(table);
    t?.columns.forEach((c, k) => t.rows > (t.present[k] as number) && out.set(c, t.rows - (t.present[k] as number)));
  }
}
