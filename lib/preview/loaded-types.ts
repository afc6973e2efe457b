/**
 * The data types of the columns the destination's tables have. dlt creates a table's columns with the
 * type they have when it first loads them and never alters one: a later hint that changes a column's
 * `data_type` changes dlt's schema (and how the normaliser coerces), not the table, which casts what it
 * loads (checked with dlt 1.26 on DuckDB: text "52" into a bigint column loads 52, "abc" fails the load).
 */
import type { Destination } from "./destination";
import { keptTypeMessage } from "./failures";
import type { ColumnSchema, Schema, TableSchema } from "./schema";
import type { ColumnDataType } from "./types";

export class LoadedTypes {
  private readonly types = new Map<string, ReadonlyMap<string, ColumnDataType>>();
  /** Every column each loaded table has (typed or not), as the run starts. */
  private readonly names = new Map<string, ReadonlySet<string>>();

  /** `schema`: the destination's, as the run starts. */
  constructor(destination: Destination, schema: Schema) {
    for (const table of destination.rows().keys()) {
      const t = schema.table(table);
      if (!t) continue;
      this.types.set(table, new Map([...t.columns.values()].flatMap((c) => (c.data_type ? [[c.name, c.data_type]] : []))));
      this.names.set(table, new Set(t.columns.keys()));
    }
  }

  /**
   * The NOT NULL columns `table` gets in this run that an earlier load did not make (a merge's
   * `_dlt_root_id` on nested tables, a new `primary_key` column): dlt adds them with `ALTER TABLE … ADD
   * COLUMN … NOT NULL`, which DuckDB refuses, so dlt's load fails (checked with dlt 1.26 on DuckDB).
   */
  addedNotNull(table: TableSchema): string[] {
    const had = this.names.get(table.name);
    return had ? [...table.columns.values()].filter((c) => c.nullable === false && !had.has(c.name)).map((c) => c.name) : [];
  }

  /** Tells in `warnings` of each hint column in `columns` that changes the type of a column `table` has. */
  check(table: string, columns: readonly ColumnSchema[], warnings: string[]): void {
    const loaded = this.types.get(table);
    if (loaded === undefined) return;
    for (const c of columns) {
      const was = loaded.get(c.name);
      if (c.data_type !== undefined && was !== undefined && c.data_type !== was)
        warnings.push(keptTypeMessage(table, c.name, was, c.data_type));
    }
  }
}
