/**
 * The tables dlt's duckdb destination creates, as SQL: the dataset schema, dlt's own `_dlt_version`
 * and `_dlt_loads` (`version_table()`, `loads_table()` in `dlt/common/schema/utils.py`), and every
 * table that received data, columns in dlt's order as `"name" TYPE NOT NULL` where dlt's column is
 * not nullable (`_get_column_def_sql` in `dlt/destinations/job_client_impl.py`; no UNIQUE or keys:
 * `create_indexes` is off by default). Identifiers are quoted as dlt quotes them on duckdb
 * (`escape_postgres_identifier`).
 */
import type { ColumnSchema, TableSchemaJson } from "../preview";
import { duckType, type TypedColumn } from "../preview";

/** The dataset (DuckDB schema) and file name of the pipeline restplay's Python export writes. */
export const DATASET = "rest_api_data";
export const PIPELINE_FILE = "rest_api_pipeline.duckdb";
/** dlt's schema name for `rest_api_source` (the source's name). */
export const SCHEMA_NAME = "rest_api";

export const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;
export const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`;
export const qualified = (dataset: string, table: string): string => `${ident(dataset)}.${ident(table)}`;

/**
 * A BLOB cell as restplay shows it everywhere (the preview's grid, the SQL tab, CSV and JSON-lines downloads): `0x` and
 * lowercase hex, the text dlt's `_text_to_binary` reads back as the same bytes (DuckDB's own `\x01\xFF` text would
 * read back as other bytes, and a printable byte shows as itself: `b"2"` is `2`).
 */
export const blobText = (bytes: Uint8Array): string => `0x${Buffer.from(bytes).toString("hex")}`;
/** `blobText` in DuckDB's SQL, of the BLOB column `column`. */
export const blobTextSql = (column: string): string => `'0x' || lower(hex(${ident(column)}))`;

/** A column dlt would create: it has a data type (hint-only columns wait for data). */
export type CompleteColumn = ColumnSchema & TypedColumn & { readonly nullable?: boolean };

export const completeColumns = (t: TableSchemaJson): CompleteColumn[] =>
  t.columns.filter((c): c is CompleteColumn => c.data_type !== undefined);

/** dlt's own tables, in the order dlt creates them. */
export const DLT_TABLES: readonly { readonly name: string; readonly columns: readonly CompleteColumn[] }[] = [
  {
    name: "_dlt_version",
    columns: [
      { name: "version", data_type: "bigint", nullable: false },
      { name: "engine_version", data_type: "bigint", nullable: false },
      { name: "inserted_at", data_type: "timestamp", nullable: false },
      { name: "schema_name", data_type: "text", nullable: false },
      { name: "version_hash", data_type: "text", nullable: false },
      { name: "schema", data_type: "text", nullable: false },
    ],
  },
  {
    name: "_dlt_loads",
    columns: [
      { name: "load_id", data_type: "text", nullable: false, precision: 64 },
      { name: "schema_name", data_type: "text", nullable: true },
      { name: "status", data_type: "bigint", nullable: false },
      { name: "inserted_at", data_type: "timestamp", nullable: false },
      { name: "schema_version_hash", data_type: "text", nullable: true },
    ],
  },
];

const columnDef = (c: CompleteColumn): string => `${ident(c.name)} ${duckType(c)}${c.nullable === false ? " NOT NULL" : ""}`;

export function createTable(dataset: string, name: string, columns: readonly CompleteColumn[]): string {
  return `CREATE TABLE ${qualified(dataset, name)} (\n${columns.map((c) => `  ${columnDef(c)}`).join(",\n")}\n)`;
}

/** Tables that exist in the destination: those that ever received rows (`x-normalizer.seen-data`). */
export const loadedTables = (schema: readonly TableSchemaJson[]): TableSchemaJson[] => schema.filter((t) => t.seen_data);

/** Every statement that creates the dataset's empty tables. */
export function createStatements(schema: readonly TableSchemaJson[], dataset = DATASET): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${ident(dataset)}`,
    ...DLT_TABLES.map((t) => createTable(dataset, t.name, t.columns)),
    ...loadedTables(schema).map((t) => createTable(dataset, t.name, completeColumns(t))),
  ];
}
