/**
 * A nested hint with a key makes its table a root table of its own (`may_be_nested` in dlt 1.26.0):
 * no parent columns, its own `_dlt_load_id`, its own disposition (else `append`) and keys; its own
 * nested tables hang below it. Expected values from real dlt 1.26 on DuckDB, two runs each:
 * records [{id 1, purchases [{pid 10, price 1, tags [a]}, {pid 11, price 2}]}], then
 * [{id 2, purchases [{pid 10, price 5, tags [b, c]}]}].
 */
import { describe, expect, it } from "vitest";
import type { DataRecord } from "../engine/types";
import type { NestedHint } from "../config/resolved";
import { nestedHintRuns, type ResourceStart } from "../testing/preview-events";
import { materialize, type PreviewTableData } from "./index";

const RUNS: DataRecord[][] = [
  [
    {
      id: 1,
      purchases: [
        { pid: 10, price: 1, tags: ["a"] },
        { pid: 11, price: 2 },
      ],
    },
  ],
  [{ id: 2, purchases: [{ pid: 10, price: 5, tags: ["b", "c"] }] }],
];

/** Both runs into one destination: the tables after each. */
const runs = (root: Partial<ResourceStart>, hint: Omit<NestedHint, "path" | "columns">, all: DataRecord[][] = RUNS) =>
  nestedHintRuns(root, hint, all);

const columns = (t: PreviewTableData | undefined) => t?.columns.map((c) => `${c.name}:${c.data_type}${c.nullable ? "" : "!"}`);
const values = (t: PreviewTableData | undefined, ...names: string[]) => materialize(t!).map((r) => names.map((n) => r[n]));

describe("a nested hint with a key: a root table of its own", () => {
  it("primary_key under an append root: no parent columns, its own load id, appended; its lists nest below it", () => {
    const [, second] = runs({}, { primary_key: ["pid"] });
    const purchases = second!.get("items__purchases") as PreviewTableData & { write_disposition: string; resource: string };
    expect(purchases.parent_table).toBeNull();
    expect(purchases.write_disposition).toBe("append");
    expect(purchases.resource).toBe("items");
    expect(columns(purchases)).toEqual(["pid:bigint!", "price:bigint", "_dlt_load_id:text!", "_dlt_id:text!"]);
    expect(values(purchases, "pid", "price")).toEqual([
      [10, 1],
      [11, 2],
      [10, 5],
    ]);
    const tags = second!.get("items__purchases__tags");
    expect(tags?.parent_table).toBe("items__purchases");
    expect(columns(tags)).toEqual(["value:text", "_dlt_parent_id:text!", "_dlt_list_idx:bigint!", "_dlt_id:text!"]);
    // Each tag points at its purchase.
    const ids = new Map(materialize(purchases).map((r) => [r._dlt_id, `${r.pid}/${r.price}`]));
    expect(materialize(tags!).map((r) => [r.value, ids.get(r._dlt_parent_id)])).toEqual([
      ["a", "10/1"],
      ["b", "10/5"],
      ["c", "10/5"],
    ]);
    // The root keeps only its own columns.
    expect(columns(second!.get("items"))).toEqual(["id:bigint!", "_dlt_load_id:text!", "_dlt_id:text!"]);
  });

  it("merge_key: the same, keyed on the merge key", () => {
    const [, second] = runs({}, { merge_key: ["pid"] });
    const purchases = second!.get("items__purchases")!;
    expect(purchases.parent_table).toBeNull();
    expect(purchases.columns.find((c) => c.name === "pid")).toMatchObject({ merge_key: true, nullable: false });
    expect(values(purchases, "pid")).toEqual([[10], [11], [10]]);
  });

  it("its own write_disposition: replace keeps the last run's rows (and their tags), merge dedups by its key", () => {
    const [, replaced] = runs({}, { primary_key: ["pid"], write_disposition: "replace" });
    expect(values(replaced!.get("items__purchases"), "pid", "price")).toEqual([[10, 5]]);
    expect(values(replaced!.get("items__purchases__tags"), "value")).toEqual([["b"], ["c"]]);
    expect(values(replaced!.get("items"), "id")).toEqual([[1], [2]]);
    const [, merged] = runs({}, { primary_key: ["pid"], write_disposition: "merge" });
    expect(values(merged!.get("items__purchases"), "pid", "price")).toEqual([
      [11, 2],
      [10, 5],
    ]);
  });

  it("under a merge root: its rows carry the root's id; its lists take its own id from the next run on, as dlt's do", () => {
    const [first, second] = runs({ write_disposition: "merge" }, { primary_key: ["pid"] });
    const purchases = second!.get("items__purchases") as PreviewTableData & { write_disposition: string };
    expect(purchases.write_disposition).toBe("append");
    expect(columns(purchases)).toEqual(["pid:bigint!", "price:bigint", "_dlt_root_id:text!", "_dlt_load_id:text!", "_dlt_id:text!"]);
    const items = new Map(materialize(second!.get("items")!).map((r) => [r._dlt_id, r.id]));
    expect(materialize(purchases).map((r) => [r.pid, items.get(r._dlt_root_id)])).toEqual([
      [10, 1],
      [11, 1],
      [10, 2],
    ]);
    // Run 1: the tag's root id is the item's (dlt propagates the purchase's id once its table has a root key column).
    const firstItems = new Map(materialize(first!.get("items")!).map((r) => [r._dlt_id, r.id]));
    expect(materialize(first!.get("items__purchases__tags")!).map((r) => firstItems.get(r._dlt_root_id))).toEqual([1]);
    const own = new Map(materialize(purchases).map((r) => [r._dlt_id, r.pid]));
    expect(
      materialize(second!.get("items__purchases__tags")!).map((r) => [r.value, own.get(r._dlt_root_id) ?? items.get(r._dlt_root_id)]),
    ).toEqual([
      ["a", 1],
      ["b", 10],
      ["c", 10],
    ]);
  });

  it("scd2 on a table of its own: versions retired and inserted by its key, its lists follow the versions", () => {
    // The probe's runs: the first of RUNS, then purchase 10 with one tag, then the same again and a new one.
    const second: DataRecord = { id: 2, purchases: [{ pid: 10, price: 5, tags: ["b"] }] };
    const third: DataRecord = {
      id: 3,
      purchases: [
        { pid: 10, price: 5, tags: ["b"] },
        { pid: 12, price: 7 },
      ],
    };
    const hint = { primary_key: ["pid"], write_disposition: "merge", merge_strategy: "scd2" };
    const after = runs({}, hint, [RUNS[0]!, [second], [third]]);
    // Under a merge root the same (its rows carry the root's id, which the version's hash leaves out).
    const underMerge = runs({ write_disposition: "merge" }, hint, [RUNS[0]!, [second], [third]]);
    expect(values(underMerge[2]!.get("items__purchases"), "pid", "_dlt_valid_to")).toEqual(
      values(after[2]!.get("items__purchases"), "pid", "_dlt_valid_to"),
    );
    const purchases = after[2]!.get("items__purchases") as PreviewTableData & { write_disposition: string; merge_strategy: string };
    expect([purchases.write_disposition, purchases.merge_strategy]).toEqual(["merge", "scd2"]);
    expect(columns(purchases)).toEqual([
      "_dlt_valid_from:timestamp",
      "_dlt_valid_to:timestamp",
      "pid:bigint!",
      "price:bigint",
      "_dlt_load_id:text!",
      "_dlt_id:text!",
    ]);
    // dlt 1.26 on DuckDB: run 2 retires both first versions (11 is gone, 10 changed), run 3 keeps 10's and adds 12.
    const versions = (t: PreviewTableData | undefined) =>
      materialize(t!).map((r) => [r.pid, r.price, r._dlt_valid_to === null ? "active" : "retired"]);
    expect(versions(after[0]!.get("items__purchases"))).toEqual([
      [10, 1, "active"],
      [11, 2, "active"],
    ]);
    expect(versions(after[1]!.get("items__purchases"))).toEqual([
      [10, 1, "retired"],
      [11, 2, "retired"],
      [10, 5, "active"],
    ]);
    expect(versions(purchases)).toEqual([
      [10, 1, "retired"],
      [11, 2, "retired"],
      [10, 5, "active"],
      [12, 7, "active"],
    ]);
    const rows = materialize(purchases);
    expect(rows[0]!._dlt_valid_to).toEqual(rows[2]!._dlt_valid_from);
    // An unchanged version is not inserted again, nor are its tags.
    expect(values(after[2]!.get("items__purchases__tags"), "value")).toEqual([["a"], ["b"]]);
  });
});
