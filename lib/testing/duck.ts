/** A test file's in-memory DuckDB: opened before its tests, closed after them. */
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
