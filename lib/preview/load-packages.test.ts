/**
 * Which runs make a load (a `_dlt_loads` row) — dlt 1.26.0 on DuckDB against a loopback API, three runs each
 * (`pipeline.run`, then `select count(*)` of the table and of `_dlt_loads`):
 * - an API answering `[]` every run: one load (the first: a new schema and state), whatever the disposition;
 * - the same record every run behind an incremental cursor (the boundary de-duplication drops it): one load;
 * - one record, then `[]`, then the record: `replace` loads every run ((1, 1), (0, 2), (1, 3): the empty run empties the
 *   table), `merge` without a key and `append` skip the empty run ((1, 1), (1, 1), (2, 2)).
 */
import { describe, expect, it } from "vitest";
import type { DataRecord, EngineEvent, IncrementalState } from "../engine/types";
import { createDestination, createPreview, type Destination } from "./index";
import { page, start } from "../testing/preview-events";

const done: EngineEvent = { type: "done", ok: true, duration_ms: 1, stats: {} };

/** One run of resource `r` (`state`: the incremental state it starts from; `after`: its cursor's state after it). */
function run(
  d: Destination,
  at: number,
  wd: string,
  records: DataRecord[],
  state: Record<string, IncrementalState>,
  after?: IncrementalState,
) {
  const p = createPreview({ destination: d, incrementalBefore: state });
  const events: EngineEvent[] = [{ type: "run_start", resources: ["r"], at }, start("r", { write_disposition: wd }), page("r", records)];
  if (after)
    events.push({
      type: "incremental",
      resource: "r",
      cursor_path: "id",
      before: 0,
      start_value: 0,
      end_value: null,
      after: 1,
      filtered: 0,
      state: after,
    });
  for (const e of [...events, done]) p.push(e);
  return { p, rows: d.rows().get("r")?.length ?? 0, loads: d.state().loads.length };
}

describe("a run that extracts nothing makes no load, as dlt makes no load package", () => {
  it("[] every run: one load, whatever the disposition", () => {
    for (const wd of ["append", "merge", "replace"]) {
      const d = createDestination();
      const loads = [1000, 2000, 3000].map((at) => run(d, at, wd, [], {}).loads);
      expect(loads, wd).toEqual([1, 1, 1]);
    }
  });

  it("a record, then [], then the record: replace empties the table in a load of its own; append and merge skip the empty run", () => {
    const seen = (wd: string) => {
      const d = createDestination();
      return [[{ id: 1 }], [], [{ id: 1 }]].map((records, i) => {
        const r = run(d, 1000 * (i + 1), wd, records, {});
        return [r.rows, r.loads];
      });
    };
    expect(seen("replace")).toEqual([
      [1, 1],
      [0, 2],
      [1, 3],
    ]);
    for (const wd of ["append", "merge"])
      expect(seen(wd), wd).toEqual([
        [1, 1],
        [1, 1],
        [2, 2],
      ]);
  });

  it("an incremental state that changes is a load of its own; one that does not is none; the run is loaded either way", () => {
    const d = createDestination();
    const state: IncrementalState = { cursor_path: "id", last_value: 1, initial_value: 0, unique_hashes: ["h1"] };
    expect(run(d, 1000, "append", [{ id: 1 }], {}, state).loads).toBe(1);
    // The same state again (the record was dropped at the boundary): no load.
    const same = run(d, 2000, "append", [], { r: state }, { ...state, unique_hashes: ["h1"] });
    expect([same.loads, same.p.loaded(), same.p.packageless()]).toEqual([1, true, true]);
    // A state the run starts without (a resource new to the state), or that moved: a load with no rows.
    expect(run(d, 3000, "append", [], {}, state).loads).toBe(2);
    expect(run(d, 4000, "append", [], { r: state }, { ...state, last_value: 2 }).loads).toBe(3);
  });

  it("without the state it started from (incrementalBefore), every run that ends ok is a load, as before", () => {
    const d = createDestination();
    for (const at of [1000, 2000]) {
      const p = createPreview({ destination: d });
      for (const e of [{ type: "run_start", resources: ["r"], at } as EngineEvent, start("r", { write_disposition: "append" }), done])
        p.push(e);
    }
    expect(d.state().loads).toHaveLength(2);
  });
});
