/**
 * A nested hint's `write_disposition` on a table that keeps its parent (no key), under an `append` or
 * `replace` root: dlt 1.26 stores it on the nested table, its nested tables inherit it, and the load
 * treats each table by it (`nested_disposition_apart`). Expected values from real dlt 1.26 on DuckDB
 * (`dlt.resource(..., primary_key="id", nested_hints={"purchases": {"write_disposition": ...}})`, one
 * pipeline, the runs below in order; the data columns of each table after each run).
 */
import { describe, expect, it } from "vitest";
import type { DataRecord } from "../engine/types";
import type { NestedHint } from "../config/resolved";
import { nestedHintRuns, page, start, type ResourceStart } from "../testing/preview-events";
import { createPreview, materialize, type PreviewTableData } from "./index";

const R1: DataRecord[] = [{ id: 1, purchases: [{ pid: 10, tags: ["a"] }, { pid: 11 }] }];
const R2: DataRecord[] = [
  { id: 2, purchases: [{ pid: 12, tags: ["b"] }] },
  { id: 1, purchases: [{ pid: 13 }] },
];
const R3: DataRecord[] = [{ id: 3 }];
const R4: DataRecord[] = [{ id: 4, purchases: [{ pid: 14 }] }];
const R5: DataRecord[] = [{ id: 5, purchases: [{ pid: 15, tags: ["c"] }] }];

interface After {
  readonly items: number[];
  readonly purchases: number[];
  readonly tags: string[];
  readonly tables: Map<string, PreviewTableData>;
}

/** The runs into one destination (over the wire, as the browser gets them): each table's data after each run. */
function runs(root: Partial<ResourceStart>, hint: Omit<NestedHint, "path" | "columns">, records: DataRecord[][]): After[] {
  return nestedHintRuns(root, hint, records).map((tables) => {
    const column = (table: string, name: string) => (tables.has(table) ? materialize(tables.get(table)!).map((r) => r[name]) : []);
    return {
      items: column("items", "id") as number[],
      purchases: column("items__purchases", "pid") as number[],
      tags: column("items__purchases__tags", "value") as string[],
      tables,
    };
  });
}

const shape = (after: After[]) => after.map(({ items, purchases, tags }) => ({ items, purchases, tags }));

describe("a nested table's own write_disposition under an append or replace root", () => {
  it("replace under append: emptied in each run that brings it rows; its nested table by its own rows", () => {
    expect(shape(runs({}, { write_disposition: "replace" }, [R1, R4, R3, R5]))).toEqual([
      { items: [1], purchases: [10, 11], tags: ["a"] },
      { items: [1, 4], purchases: [14], tags: ["a"] },
      { items: [1, 4, 3], purchases: [14], tags: ["a"] },
      { items: [1, 4, 3, 5], purchases: [15], tags: ["c"] },
    ]);
    expect(shape(runs({}, { write_disposition: "replace" }, [R1, R2, R3])).map((a) => a.purchases)).toEqual([
      [10, 11],
      [12, 13],
      [12, 13],
    ]);
  });

  it("append under replace: the root is replaced each run, the nested tables keep every run's rows", () => {
    expect(shape(runs({ write_disposition: "replace" }, { write_disposition: "append" }, [R1, R4, R3, R5]))).toEqual([
      { items: [1], purchases: [10, 11], tags: ["a"] },
      { items: [4], purchases: [10, 11, 14], tags: ["a"] },
      { items: [3], purchases: [10, 11, 14], tags: ["a"] },
      { items: [5], purchases: [10, 11, 14, 15], tags: ["a", "c"] },
    ]);
  });

  it("merge without a key under append or replace: the tables exist, with their columns, and stay empty", () => {
    for (const [root, hint] of [
      [{}, { write_disposition: "merge" }],
      [{ write_disposition: "replace" }, { write_disposition: "merge" }],
      [{}, { write_disposition: "merge", merge_strategy: "upsert" }],
    ] as const) {
      const after = runs(root, hint, [R1, R2, R3]);
      expect(after.map((a) => [a.purchases, a.tags])).toEqual([
        [[], []],
        [[], []],
        [[], []],
      ]);
      const purchases = after[0]!.tables.get("items__purchases");
      expect(purchases?.columns.map((c) => c.name)).toEqual(["pid", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"]);
      expect(after[0]!.tables.get("items__purchases__tags")?.columns.map((c) => c.name)).toEqual([
        "value",
        "_dlt_parent_id",
        "_dlt_list_idx",
        "_dlt_id",
      ]);
    }
    expect(shape(runs({ write_disposition: "replace" }, { write_disposition: "merge" }, [R1, R2, R3])).map((a) => a.items)).toEqual([
      [1],
      [2, 1],
      [3],
    ]);
  });

  it("scd2 without a key under append: scd2's columns on the nested table, which stays empty", () => {
    const [first] = runs({}, { write_disposition: "merge", merge_strategy: "scd2" }, [R1]);
    const purchases = first!.tables.get("items__purchases")!;
    expect(purchases.rows).toEqual([]);
    expect(purchases.columns.map((c) => `${c.name}:${c.data_type}${c.nullable ? "" : "!"}`)).toEqual([
      "_dlt_valid_from:timestamp",
      "_dlt_valid_to:timestamp",
      "pid:bigint",
      "_dlt_parent_id:text!",
      "_dlt_list_idx:bigint!",
      "_dlt_id:text!",
    ]);
    expect(purchases.columns.find((c) => c.name === "_dlt_id")).toMatchObject({ "x-row-version": true });
  });

  it("the root's own disposition is the same as none: replace under replace empties the nested tables with the root", () => {
    expect(shape(runs({ write_disposition: "replace" }, { write_disposition: "replace" }, [R1, R3]))).toEqual([
      { items: [1], purchases: [10, 11], tags: ["a"] },
      { items: [3], purchases: [], tags: [] },
    ]);
  });
});

describe("under a merge root", () => {
  it("merge with another strategy but scd2 loads as its root's: the chain merges by the root's strategy", () => {
    // dlt 1.26 on DuckDB, runs R1 then R2: purchases [12, 13] under delete-insert, [13, 12] under upsert (13 takes item 1's slot 0).
    for (const [root, hint, purchases] of [
      [{ write_disposition: "merge" }, { write_disposition: "merge", merge_strategy: "upsert" }, [12, 13]],
      [{ write_disposition: "merge", merge_strategy: "upsert" }, { write_disposition: "merge" }, [13, 12]],
    ] as const) {
      const hinted = runs(root, hint, [R1, R2]);
      expect(hinted[1]!.purchases.slice().sort()).toEqual([...purchases].sort());
      expect(shape(hinted)).toEqual(shape(runs(root, {}, [R1, R2])));
    }
  });
});

describe("the windowed preview restplay run holds", () => {
  it("counts no rows for a nested table that never lands, and its columns still show", () => {
    const p = createPreview({ window: 1 });
    p.push({ type: "run_start", resources: ["items"], at: 0 });
    p.push(start("items", { primary_key: ["id"], nested_hints: [{ path: "purchases", columns: [], write_disposition: "merge" }] }));
    p.push(page("items", [...R1, ...R2]));
    p.push({ type: "done", ok: true, duration_ms: 1, stats: {} });
    const [items] = p.tables();
    expect(items!.total_rows ?? items!.rows.length).toBe(3);
    const purchases = items!.child_tables.find((t) => t.table_name === "items__purchases")!;
    expect([purchases.rows.length, purchases.total_rows ?? 0, purchases.changes.inserted]).toEqual([0, 0, 0]);
    expect(purchases.columns.map((c) => c.name)).toContain("pid");
  });
});
