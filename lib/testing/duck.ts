/** Test helpers for DuckDB: a test file's in-memory database (opened before its tests, closed after them), a file read. */
import { afterAll, beforeAll } from "vitest";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

/** Registers the hooks; call the returned function inside a test for the open connection. */
export function memoryDuckDb(): () => DuckDBConnection {
  let instance: DuckDBInstance | null = null;
  let conn: DuckDBConnection | null = null;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(":memory:");
    conn = await instance.connect();
  });
  afterAll(() => {
    conn?.closeSync();
    instance?.closeSync();
  });
  return () => {
    if (!conn) throw new Error("the in-memory DuckDB is open only while the file's tests run");
    return conn;
  };
}

/** Runs `read` on the DuckDB file at `file`, opened read-only (as a user opens a download), and closes it whatever `read` does. */
export async function withDuckFile<T>(file: string, read: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    return await read(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
