/**
 * Figure 3b: the same 100,000 nested records, normalised and merged (`lib/preview`), then loaded into
 * a real DuckDB laid out as dlt's duckdb destination (`lib/duck`, decision 0019) — side by side with
 * the no-DuckDB path (figure 3). The load is what the SQL console's first query and a `.duckdb`
 * download pay on top of the preview.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { loadIntoDuckDb } from "../lib/duck";
import { createDestination } from "../lib/preview";
import { figure, info, type Figure } from "./figures";
import { mergeRun, nestedRecords } from "./preview";

export async function duckdbFigures(): Promise<Figure[]> {
  const records = nestedRecords();
  const rounds: { merge: number; load: number; rows: number }[] = [];
  for (let i = 0; i < 4; i++) {
    const destination = createDestination();
    const merge = mergeRun(destination, records);
    const state = destination.state();
    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    const t = performance.now();
    await loadIntoDuckDb(conn, state);
    const load = performance.now() - t;
    const rows = Object.values(state.rows).reduce((n, r) => n + r.length, 0);
    const check = await conn.runAndReadAll("SELECT count(*) FROM rest_api_data.customers");
    if (check.getRowsJson()[0]?.[0] !== "90000")
      throw new Error(`expected 90,000 rows in DuckDB, got ${String(check.getRowsJson()[0]?.[0])}`);
    conn.closeSync();
    instance.closeSync();
    if (i > 0) rounds.push({ merge, load, rows });
  }
  const merge = Math.min(...rounds.map((r) => r.merge));
  const load = Math.min(...rounds.map((r) => r.load));
  const rows = rounds[0]?.rows ?? 0;
  return [
    figure("duckdb.merge_100k_nested_ms", merge, "ms", 500, {
      note: "the no-DuckDB path (figure 3, run 1), measured beside the load",
    }),
    figure("duckdb.load_100k_nested_ms", load, "ms", 1000, {
      note: `${rows.toLocaleString("en-US")} rows in 3 tables + _dlt_loads/_dlt_version into an in-memory DuckDB`,
    }),
    info(
      "duckdb.merge_and_load_100k_nested_ms",
      merge + load,
      "ms",
      "normalise + merge, then DuckDB: the path the console and downloads take",
    ),
  ];
}
