/**
 * Loads a destination's state (lib/preview: dlt's schema and every table's rows after the last load)
 * into a DuckDB connection, laid out as dlt's duckdb destination lays it out (`ddl.ts`): each
 * table's rows go through a newline-delimited JSON file that DuckDB reads with the table's own column
 * types (`read_json(columns=…)`), so DuckDB's casts turn ISO timestamps, decimal digits and integers
 * beyond 2^53 into their column types exactly. `_dlt_loads` gets one row per load (status 0, the
 * load id's time as `inserted_at`), `_dlt_version` the schema as dlt stores it.
 */
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Json } from "../engine";
import { dltStoredSchema, DLT_ENGINE_VERSION, DLT_SCHEMA_NAME, type DestinationState, type TableSchemaJson } from "../preview";
import { completeColumns, createStatements, DATASET, literal, loadedTables, qualified, type CompleteColumn } from "./ddl";
import { duckType } from "../preview";

/**
 * dlt's `generate_version_hash` (`dlt/common/schema/utils.py`): sha3-256 of the schema as compact
 * JSON with sorted keys (without version and hashes), then the table names sorted and each table's
 * column names in order; base64. Computed over restplay's schema, which lacks `_dlt_pipeline_state`.
 */
export function versionHash(schema: Record<string, Json>): string {
  const copy: Record<string, Json> = { ...schema };
  for (const k of ["version", "version_hash", "imported_version_hash", "previous_hashes"]) delete copy[k];
  const sorted = (v: Json): Json =>
    Array.isArray(v)
      ? v.map(sorted)
      : v !== null && typeof v === "object"
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k] as Json)]))
        : v;
  const h = createHash("sha3-256").update(JSON.stringify(sorted(copy)));
  const tables = (copy.tables ?? {}) as Record<string, { columns?: Record<string, Json> }>;
  for (const name of Object.keys(tables).sort()) {
    h.update(name);
    for (const column of Object.keys(tables[name]?.columns ?? {})) h.update(column);
  }
  return h.digest("base64");
}

/** One row as a line of JSON: bigint digit strings are written as numbers, so no digit is lost. */
function lineWriter(columns: readonly CompleteColumn[]): (row: Readonly<Record<string, Json | undefined>>) => string {
  const keys = columns.map((c) => JSON.stringify(c.name));
  const bigint = columns.map((c) => c.data_type === "bigint");
  const names = columns.map((c) => c.name);
  return (row) => {
    let out = "{";
    for (let i = 0; i < names.length; i++) {
      const v = row[names[i] as string];
      const text = v === undefined || v === null ? "null" : bigint[i] && typeof v === "string" ? v : JSON.stringify(v);
      out += `${i === 0 ? "" : ","}${keys[i]}:${text}`;
    }
    return `${out}}`;
  };
}

const readJson = (file: string, columns: readonly CompleteColumn[]): string =>
  `read_json(${literal(file)}, format = 'newline_delimited', columns = {${columns
    .map((c) => `${literal(c.name)}: ${literal(duckType(c))}`)
    .join(", ")}})`;

async function insertRows(
  conn: DuckDBConnection,
  dir: string,
  dataset: string,
  table: TableSchemaJson,
  rows: readonly Readonly<Record<string, Json | undefined>>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = completeColumns(table);
  const write = lineWriter(columns);
  const lines: string[] = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) lines[i] = write(rows[i] as Record<string, Json>);
  const file = join(dir, `${createHash("sha1").update(table.name).digest("hex")}.jsonl`);
  await writeFile(file, `${lines.join("\n")}\n`, "utf8");
  await conn.run(`INSERT INTO ${qualified(dataset, table.name)} BY NAME SELECT * FROM ${readJson(file, columns)}`);
}

async function insertDltTables(conn: DuckDBConnection, state: DestinationState, dataset: string): Promise<void> {
  const stored = dltStoredSchema(state.schema, { processingHints: true, version: Math.max(1, state.loads.length) });
  const hash = versionHash(stored);
  const at = (loadId: string) => `to_timestamp(${Number(loadId)})`;
  const last = state.loads[state.loads.length - 1];
  if (last === undefined) return;
  await conn.run(
    `INSERT INTO ${qualified(dataset, "_dlt_version")} VALUES (${Math.max(1, state.loads.length)}, ${DLT_ENGINE_VERSION}, ${at(last)}, ` +
      `${literal(DLT_SCHEMA_NAME)}, ${literal(hash)}, ${literal(JSON.stringify(stored))})`,
  );
  const values = state.loads.map((id) => `(${literal(id)}, ${literal(DLT_SCHEMA_NAME)}, 0, ${at(id)}, ${literal(hash)})`);
  await conn.run(`INSERT INTO ${qualified(dataset, "_dlt_loads")} VALUES ${values.join(", ")}`);
}

export interface LoadOptions {
  /** The DuckDB schema the tables go to (default: the Python export's `rest_api_data`). */
  readonly dataset?: string;
  /** Load only these tables (and dlt's own): for a one-table export. */
  readonly only?: readonly string[];
}

/** Creates the dataset's tables and loads every row of `state` into them (one transaction). */
export async function loadIntoDuckDb(conn: DuckDBConnection, state: DestinationState, options: LoadOptions = {}): Promise<void> {
  const dataset = options.dataset ?? DATASET;
  const dir = await mkdtemp(join(tmpdir(), "restplay-duck-"));
  try {
    await conn.run("BEGIN TRANSACTION");
    const schema = options.only ? state.schema.filter((t) => options.only?.includes(t.name)) : state.schema;
    for (const sql of createStatements(schema, dataset)) await conn.run(sql);
    await insertDltTables(conn, state, dataset);
    for (const table of loadedTables(schema)) await insertRows(conn, dir, dataset, table, state.rows[table.name] ?? []);
    await conn.run("COMMIT");
  } catch (e) {
    await conn.run("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
