/**
 * Reads a DuckDB database back as dlt's layout: the dataset's tables with their columns (name,
 * DuckDB type, dlt type, nullability) and rows. For tests and the CLI's summary of a written file.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { ColumnDataType } from "../preview";
import type { Json } from "../engine";
import { DATASET, literal, qualified } from "./ddl";
import { dltType } from "../preview";

export interface DuckColumn {
  readonly name: string;
  readonly duck_type: string;
  readonly data_type: ColumnDataType | null;
  readonly nullable: boolean;
}

export interface DuckTable {
  readonly name: string;
  readonly columns: readonly DuckColumn[];
}

/** The dataset's tables (dlt's own first, then by name: a file does not keep the creation order), columns in their order. */
export async function readLayout(conn: DuckDBConnection, dataset = DATASET): Promise<DuckTable[]> {
  const reader = await conn.runAndReadAll(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable FROM information_schema.columns c ` +
      `JOIN duckdb_tables() t ON t.schema_name = c.table_schema AND t.table_name = c.table_name ` +
      `WHERE c.table_schema = ${literal(dataset)} ` +
      `ORDER BY CASE c.table_name WHEN '_dlt_version' THEN 0 WHEN '_dlt_loads' THEN 1 ELSE 2 END, c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, DuckColumn[]>();
  for (const [table, name, type, nullable] of reader.getRowsJson() as [string, string, string, string][]) {
    const list = tables.get(table) ?? tables.set(table, []).get(table);
    list?.push({ name, duck_type: type, data_type: dltType(type), nullable: nullable === "YES" });
  }
  return [...tables].map(([name, columns]) => ({ name, columns }));
}

/** Every row of a table as JSON values (DuckDB's spelling), in storage order. */
export async function readRows(conn: DuckDBConnection, table: string, dataset = DATASET): Promise<Record<string, Json>[]> {
  const reader = await conn.runAndReadAll(`SELECT * FROM ${qualified(dataset, table)}`);
  return reader.getRowObjectsJson() as Record<string, Json>[];
}
