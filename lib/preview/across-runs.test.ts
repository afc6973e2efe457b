/** The same table loaded again with other hints: what dlt keeps of the stored table, and what DuckDB refuses. */
import { describe, expect, it } from "vitest";
import type { DataRecord, EngineEvent } from "../engine/types";
import { createDestination, createPreview, materialize, type Destination } from "./index";
import { page, start } from "../testing/preview-events";

const done: EngineEvent = { type: "done", ok: true, duration_ms: 1, stats: {} };

function run(destination: Destination, at: number, events: EngineEvent[]) {
  const p = createPreview({ destination });
  for (const e of [{ type: "run_start", resources: [], at } as EngineEvent, ...events, done]) p.push(e);
  return p;
}

describe("a merge table run again without a strategy", () => {
  it("keeps the strategy it has (an scd2 table stays scd2, its history kept), as dlt's update_table keeps the hint", () => {
    const destination = createDestination();
    let at = 1000;
    const load = (strategy: string | null, records: DataRecord[]) =>
      run(destination, (at += 1000), [
        start("r", { write_disposition: "merge", merge_strategy: strategy, primary_key: ["id"] }),
        page("r", records),
      ]).tables()[0]!;
    load("scd2", [
      { id: 1, v: "a" },
      { id: 2, v: "b" },
    ]);
    const second = load(null, [
      { id: 1, v: "a2" },
      { id: 2, v: "b" },
    ]);
    expect(second.merge_strategy).toBe("scd2");
    // The changed record's old version is retired and kept; the unchanged one stays as it was.
    expect(materialize(second).map((r) => [r.id, r.v, r._dlt_valid_to === null])).toEqual([
      [1, "a", false],
      [2, "b", true],
      [1, "a2", true],
    ]);
  });
});

describe("a NOT NULL column an existing table gets later", () => {
  it("is flagged and fails the load: DuckDB cannot add it (append, then merge: `_dlt_root_id` on the nested table)", () => {
    const destination = createDestination();
    const records: DataRecord[] = [{ id: 1, tags: ["a"] }];
    run(destination, 1000, [start("r", { write_disposition: "append" }), page("r", records)]);
    const merged = run(destination, 2000, [start("r", { write_disposition: "merge", primary_key: ["id"] }), page("r", records)]);
    expect(merged.tables()[0]!.warnings).toContain(
      "r__tags: `_dlt_root_id` is a new NOT NULL column of a table an earlier load made: DuckDB cannot add a column with a " +
        "constraint (`Parser Error: Adding columns with constraints not yet supported`), so dlt's load fails",
    );
    // dlt migrates the tables first, in one transaction: nothing of the run loads, and the next run fails the same way.
    const before = JSON.stringify(destination.state());
    expect([merged.loaded(), merged.refusal()]).toEqual([false, "a NOT NULL column DuckDB cannot add to a table an earlier load made"]);
    expect(JSON.stringify(destination.state())).toBe(before);
    const next = run(destination, 3000, [start("r", { write_disposition: "merge", primary_key: ["id"] }), page("r", records)]);
    expect(next.loaded()).toBe(false);
    // A run without rows for the nested table has no load job for it: dlt migrates (and loads) the root table only.
    const flat = run(destination, 4000, [start("r", { write_disposition: "merge", primary_key: ["id"] }), page("r", [{ id: 2 }])]);
    expect([flat.loaded(), flat.refusal()]).toEqual([true, null]);
    // A merge from the first run has the column from the start: nothing to flag.
    const fresh = createDestination();
    run(fresh, 1000, [start("r", { write_disposition: "merge", primary_key: ["id"] }), page("r", records)]);
    const again = run(fresh, 2000, [start("r", { write_disposition: "merge", primary_key: ["id"] }), page("r", records)]);
    expect(again.tables()[0]!.warnings.join("\n")).not.toContain("NOT NULL column");
  });
});

describe("a run dlt's extract or normalize step fails on", () => {
  it("is not loaded: a null primary key fails normalize, an integer beyond 64 bits fails extract; the next run loads its own rows", () => {
    const destination = createDestination();
    const merge = start("r", { write_disposition: "merge", primary_key: ["id"] });
    const bad = run(destination, 1000, [
      merge,
      page("r", [
        { id: 1, v: "x" },
        { id: null, v: "y" },
      ]),
    ]);
    expect([bad.loaded(), bad.refusal()]).toEqual([false, "a record its normalize step fails on"]);
    const big = run(destination, 2000, [merge, page("r", [{ id: 2, n: 1 }], [{ n: "18446744073709551616" }])]);
    expect([big.loaded(), big.refusal()]).toEqual([false, "a record its extract step fails on"]);
    const good = run(destination, 3000, [merge, page("r", [{ id: 5, v: "z" }])]);
    expect(good.loaded()).toBe(true);
    expect(materialize(good.tables()[0]!).map((r) => [r.id, r.v])).toEqual([[5, "z"]]);
  });

  it("a not-null column that is null in every row is told as absent (dlt treats both alike), not as a column still to come", () => {
    const destination = createDestination();
    const p = run(destination, 1000, [start("r", { write_disposition: "merge", primary_key: ["id"] }), page("r", [{ id: null, v: "x" }])]);
    const warnings = p.tables()[0]!.warnings.join("\n");
    expect(warnings).toContain("`id` is not nullable, but a row has no value there and no row gives it a type");
    expect(warnings).not.toContain("dlt creates no column until a value arrives");
  });
});
