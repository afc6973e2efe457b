/**
 * Loads a destination's state (lib/preview: dlt's schema and every table's rows after the last load)
 * into a DuckDB connection, laid out as dlt's duckdb destination lays it out (`ddl.ts`): each
 * table's rows go through DuckDB's appender, numbers and bools natively and every other value as
 * text that DuckDB casts to the column's type, so ISO timestamps, decimal digits and integers beyond
 * 2^53 arrive exactly. `_dlt_loads` gets one row per load (status 0, the
 * load id's time as `inserted_at`), `_dlt_version` the schema as dlt stores it.
 */
import { createHash } from "node:crypto";
import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import type { Json } from "../engine";
import {
  dltStoredSchema,
  DLT_ENGINE_VERSION,
  DLT_SCHEMA_NAME,
  jsonCellText,
  type DestinationState,
  type TableSchemaJson,
} from "../preview";
import { completeColumns, createStatements, DATASET, literal, loadedTables, qualified, type CompleteColumn } from "./ddl";
import { getOwn } from "../shared";

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
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted(v[k] as Json)]),
          )
        : v;
  const h = createHash("sha3-256").update(JSON.stringify(sorted(copy)));
  const tables = (copy.tables ?? {}) as Record<string, { columns?: Record<string, Json> }>;
  for (const name of Object.keys(tables).sort()) {
    h.update(name);
    for (const column of Object.keys(tables[name]?.columns ?? {})) h.update(column);
  }
  return h.digest("base64");
}

type Append = (appender: DuckDBAppender, v: Json) => void;

/** How a value goes into its column: numbers and bools natively, everything else as text that DuckDB casts exactly. */
function appendFor(c: CompleteColumn): Append {
  switch (c.data_type) {
    case "double":
      // dlt's INSERT writes `-0.0`, which DuckDB reads as the negation of 0.0: it stores 0.0.
      return (a, v) => (typeof v === "number" ? a.appendDouble(v === 0 ? 0 : v) : a.appendVarchar(String(v)));
    case "bool":
      return (a, v) => (typeof v === "boolean" ? a.appendBoolean(v) : a.appendVarchar(String(v)));
    case "json":
      // As dlt writes it (`json.dumps`), numbers with the spellings the preview kept (`46.0`).
      return (a, v) => a.appendVarchar(jsonCellText(v));
    case "binary":
      // The bytes dlt decoded from the text (the preview keeps them as `0x` hex).
      return (a, v) =>
        typeof v === "string" && v.startsWith("0x")
          ? a.appendBlob(Uint8Array.from(Buffer.from(v.slice(2), "hex")))
          : a.appendVarchar(String(v));
    default:
      // Big integers arrive as digit strings, timestamps as ISO text, decimals as digits: DuckDB's casts keep them exact.
      return (a, v) => a.appendVarchar(typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v));
  }
}

/**
 * DuckDB refused a value of `table` while loading the destination: dlt's load step fails on the same
 * value (the preview's table warnings name the column and the value), so there is no file to give.
 */
export class DuckLoadError extends Error {
  constructor(
    readonly table: string,
    cause: string,
  ) {
    super(
      `DuckDB refuses a value of \`${table}\` (${cause}): dlt's load step fails on it too, so there is no DuckDB ` +
        "database of this destination. The table's warnings say which column and value.",
    );
    this.name = "DuckLoadError";
  }
}

async function insertRows(
  conn: DuckDBConnection,
  dataset: string,
  table: TableSchemaJson,
  rows: readonly Readonly<Record<string, Json | undefined>>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = completeColumns(table);
  const names = columns.map((c) => c.name);
  const appends = columns.map(appendFor);
  const appender = await conn.createAppender(table.name, dataset);
  try {
    for (const row of rows) {
      for (let i = 0; i < names.length; i++) {
        const v = getOwn(row, names[i] as string);
        if (v === null || v === undefined) appender.appendNull();
        else (appends[i] as Append)(appender, v);
      }
      appender.endRow();
    }
    appender.flushSync();
  } catch (e) {
    throw new DuckLoadError(table.name, e instanceof Error ? e.message : String(e));
  } finally {
    // After a refused row the transaction is aborted and closing fails too: the first error says why.
    try {
      appender.closeSync();
    } catch {
      /* the refusal above is the error to tell */
    }
  }
}

/**
 * `_dlt_version`: one row per version of the schema, as dlt stores one each time a load changes it
 * (the first load's is version 2: dlt's extract makes version 1, its normalize the second), and
 * `_dlt_loads`: one row per load, naming the hash of the version it loaded with. A state without its
 * versions (written before they were kept) has its schema as the one version, at its last load.
 */
async function insertDltTables(conn: DuckDBConnection, state: DestinationState, dataset: string): Promise<void> {
  const at = (loadId: string) => `to_timestamp(${Number(loadId)})`;
  const last = state.loads[state.loads.length - 1];
  if (last === undefined) return;
  const versions = state.versions?.length ? state.versions : [{ load: last, schema: state.schema }];
  const hashes = new Map<string, string>();
  const rows = versions.map((v, i) => {
    const stored = dltStoredSchema(v.schema, { processingHints: true, version: i + 2 });
    const hash = versionHash(stored);
    hashes.set(v.load, hash);
    const values = [i + 2, DLT_ENGINE_VERSION, at(v.load), literal(DLT_SCHEMA_NAME), literal(hash), literal(JSON.stringify(stored))];
    return `(${values.join(", ")})`;
  });
  await conn.run(`INSERT INTO ${qualified(dataset, "_dlt_version")} VALUES ${rows.join(", ")}`);
  // Each load carries the hash of the latest version made at or before it (the first version for loads before any).
  let hash = hashes.get(versions[0]!.load) as string;
  const values = state.loads.map((id) => {
    hash = hashes.get(id) ?? hash;
    return `(${literal(id)}, ${literal(DLT_SCHEMA_NAME)}, 0, ${at(id)}, ${literal(hash)})`;
  });
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
  try {
    await conn.run("BEGIN TRANSACTION");
    const schema = options.only ? state.schema.filter((t) => options.only?.includes(t.name)) : state.schema;
    for (const sql of createStatements(schema, dataset)) await conn.run(sql);
    await insertDltTables(conn, state, dataset);
    for (const table of loadedTables(schema)) await insertRows(conn, dataset, table, state.rows[table.name] ?? []);
    await conn.run("COMMIT");
  } catch (e) {
    await conn.run("ROLLBACK").catch(() => undefined);
    throw e;
  }
}
