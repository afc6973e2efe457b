/** The schema's history in the .duckdb, as dlt keeps it (checked with dlt 1.26 on DuckDB: versions 2, 3, … per change). */
import { describe, expect, it } from "vitest";
import { memoryDuckDb } from "../testing/duck";
import type { DataRecord, EngineEvent } from "../engine";
import { createDestination, createPreview, readDestinationState, type Destination } from "../preview";
import { page, start } from "../testing/preview-events";
import { loadIntoDuckDb } from "./index";

const connection = memoryDuckDb();

function load(destination: Destination, at: number, records: DataRecord[]): void {
  const p = createPreview({ destination });
  const events: EngineEvent[] = [
    { type: "run_start", resources: ["r"], at },
    start("r"),
    page("r", records),
    { type: "done", ok: true, duration_ms: 1, stats: {} },
  ];
  for (const e of events) p.push(e);
}

describe("_dlt_version and _dlt_loads", () => {
  it("hold a version per load that changed the schema (2, then 3 …), and each load the hash of the version it loaded with", async () => {
    const destination = createDestination();
    load(destination, 1_000, [{ id: 1 }]);
    load(destination, 2_000, [{ id: 2 }]);
    load(destination, 3_000, [{ id: 3, b: "x" }]);
    const state = destination.state();
    expect(state.versions?.map((v) => v.load)).toEqual([state.loads[0], state.loads[2]]);
    // The versions travel with the state (the SQL console's sync, --state-dir).
    expect(readDestinationState(JSON.parse(JSON.stringify(state))).fault).toBeUndefined();
    await loadIntoDuckDb(connection(), state, { dataset: "versions" });
    const versions = (await connection().runAndReadAll("SELECT version, version_hash FROM versions._dlt_version ORDER BY version"))
      .getRowsJson()
      .map(([v, h]) => [Number(v), h]);
    expect(versions.map(([v]) => v)).toEqual([2, 3]);
    const loads = (await connection().runAndReadAll("SELECT schema_version_hash FROM versions._dlt_loads ORDER BY load_id")).getRowsJson();
    expect(loads.map(([h]) => h)).toEqual([versions[0]![1], versions[0]![1], versions[1]![1]]);
  });

  it("a state without versions (written before they were kept) has its schema as the one version", async () => {
    const destination = createDestination();
    load(destination, 1_000, [{ id: 1 }]);
    const { versions: _dropped, ...old } = destination.state();
    await loadIntoDuckDb(connection(), old, { dataset: "old_state" });
    const rows = (await connection().runAndReadAll("SELECT version FROM old_state._dlt_version")).getRowsJson();
    expect(rows.map(([v]) => Number(v))).toEqual([2]);
  });
});
