/**
 * The data types of the columns the destination's tables have. dlt creates a table's columns with the
 * type they have when it first loads them and never alters one: a later hint that changes a column's
 * `data_type` changes dlt's schema (and how the normaliser coerces), not the table, which casts what it
 * loads (checked with dlt 1.26 on DuckDB: text "52" into a bigint column loads 52, "abc" fails the load).
 */
import type { Destination } from "./destination";
import { keptTypeMessage } from "./failures";
import type { ColumnSchema, Schema } from "./schema";
import type { ColumnDataType } from "./types";

export class LoadedTypes {
  private readonly types = new Map<string, ReadonlyMap<string, ColumnDataType>>();

  /** `schema`: the destination's, as the run starts. */
  constructor(destination: Destination, schema: Schema) {
    for (const table of destination.rows().keys()) {
      const t = schema.table(table);
      if (t) this.types.set(table, new Map([...t.columns.values()].flatMap((c) => (c.data_type ? [[c.name, c.data_type]] : []))));
    }
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
