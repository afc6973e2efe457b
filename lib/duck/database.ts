/**
 * DuckDB files and instances built from a destination's state (`load.ts`): the `.duckdb` file dlt's
 * duckdb destination would leave (for the CLI's `--duckdb` and the playground's download), one
 * table as CSV / Parquet / JSONL (DuckDB's own `COPY … TO`), and the locked, in-memory instance the
 * SQL console queries (`console.ts`).
 */
import { mkdtemp, open, readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import type { DestinationState } from "../preview";
import { blobTextSql, DATASET, ident, literal, qualified } from "./ddl";
import { loadIntoDuckDb } from "./load";

export type TableFormat = "csv" | "parquet" | "jsonl";

const COPY_OPTIONS: Readonly<Record<TableFormat, string>> = {
  csv: "FORMAT csv, HEADER true",
  parquet: "FORMAT parquet",
  jsonl: "FORMAT json",
};

/** Limits of every server-side instance: one thread, a memory cap, no extension downloads or loads. */
export const SERVER_OPTIONS: Readonly<Record<string, string>> = {
  threads: "1",
  memory_limit: "256MB",
  autoinstall_known_extensions: "false",
  autoload_known_extensions: "false",
};

/** DuckDB's file header: a checksum (8 bytes), then the magic `DUCK`. */
const MAGIC = { at: 8, bytes: "DUCK" } as const;

/**
 * Whether `writeDuckDbFile` may replace what is at `file`: nothing, an empty file or a DuckDB database. Any
 * other file (the config itself, `--duckdb config.py`; a CSV) is not one dlt's duckdb destination would open.
 */
export async function replaceableByDuckDb(file: string): Promise<boolean> {
  const handle = await open(file, "r").catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? null : Promise.reject(e)));
  if (handle === null) return true;
  try {
    const head = Buffer.alloc(MAGIC.at + MAGIC.bytes.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesRead === 0 || (bytesRead === head.length && head.toString("latin1", MAGIC.at) === MAGIC.bytes);
  } finally {
    await handle.close();
  }
}

/**
 * Writes `state` to a new DuckDB file at `file` (an existing file is replaced once the new one is whole:
 * it is written beside it and renamed, so a load that fails leaves the old file as it was); the server
 * passes `SERVER_OPTIONS`.
 */
export async function writeDuckDbFile(
  file: string,
  state: DestinationState,
  options: Readonly<Record<string, string>> = {},
): Promise<void> {
  const part = join(dirname(file), `.${basename(file)}.${process.pid}.part`);
  await rm(part, { force: true });
  await rm(`${part}.wal`, { force: true });
  try {
    const instance = await DuckDBInstance.create(part, { ...options });
    try {
      const conn = await instance.connect();
      await loadIntoDuckDb(conn, state);
      await conn.run("CHECKPOINT");
      conn.closeSync();
    } finally {
      instance.closeSync();
    }
    await rm(`${file}.wal`, { force: true });
    await rename(part, file);
  } finally {
    await rm(part, { force: true });
    await rm(`${part}.wal`, { force: true });
  }
}

async function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "restplay-file-"));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The `.duckdb` file of `state`, as bytes. */
export function duckDbFileBytes(state: DestinationState): Promise<Buffer> {
  return inTempDir(async (dir) => {
    const file = join(dir, "out.duckdb");
    await writeDuckDbFile(file, state, SERVER_OPTIONS);
    return readFile(file);
  });
}

/** One table of `state` as a CSV, Parquet or JSON-lines file, written by DuckDB from dlt's layout. */
export function tableFileBytes(state: DestinationState, table: string, format: TableFormat): Promise<Buffer> {
  return inTempDir(async (dir) => {
    const instance = await DuckDBInstance.create(":memory:", { ...SERVER_OPTIONS });
    try {
      const conn = await instance.connect();
      await loadIntoDuckDb(conn, state, { only: [table] });
      const file = join(dir, `out.${format}`);
      await conn.run(`COPY (${await textSelect(conn, table, format)}) TO ${literal(file)} (${COPY_OPTIONS[format]})`);
      conn.closeSync();
      return await readFile(file);
    } finally {
      instance.closeSync();
    }
  });
}

/** The table's rows for a download: in a text format (CSV, JSON lines), BLOB columns as `blobText` (Parquet keeps them). */
async function textSelect(conn: DuckDBConnection, table: string, format: TableFormat): Promise<string> {
  const all = `SELECT * FROM ${qualified(DATASET, table)}`;
  if (format === "parquet") return all;
  const blobs = await conn.runAndReadAll(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND data_type = 'BLOB'",
    [DATASET, table],
  );
  const names = blobs.getRowsJson().map((r) => String(r[0]));
  if (names.length === 0) return all;
  return `SELECT * REPLACE (${names.map((n) => `${blobTextSql(n)} AS ${ident(n)}`).join(", ")}) FROM ${qualified(DATASET, table)}`;
}

export interface LockedDatabase {
  readonly connection: DuckDBConnection;
  close(): void;
}

/**
 * An in-memory copy of `state` for untrusted read-only queries: after the load, DuckDB may touch no
 * file, no network and no extension (`enable_external_access = false`), and its settings are locked.
 */
export async function openLockedDatabase(state: DestinationState): Promise<LockedDatabase> {
  const instance = await DuckDBInstance.create(":memory:", { ...SERVER_OPTIONS });
  try {
    const connection = await instance.connect();
    await loadIntoDuckDb(connection, state);
    await connection.run(`USE memory.${ident(DATASET)}`);
    await connection.run("SET enable_external_access = false");
    await connection.run("SET lock_configuration = true");
    return {
      connection,
      close: () => {
        connection.closeSync();
        instance.closeSync();
      },
    };
  } catch (e) {
    instance.closeSync();
    throw e;
  }
}
