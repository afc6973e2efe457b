import { describe, expect, it } from "vitest";
import { columnMarks, compareCells, visibleRows } from "./grid-model";

describe("the data grid's model", () => {
  it("headers say nullability and every hint", () => {
    expect(columnMarks({ name: "id", data_type: "bigint", nullable: false, primary_key: true })).toEqual(["not null", "primary key"]);
    expect(columnMarks({ name: "x", data_type: "decimal", nullable: true, precision: 10, scale: 2, dedup_sort: "desc" })).toEqual([
      "nullable",
      "dedup_sort desc",
      "precision 10,2",
    ]);
  });

  it("filters by search text and by change", () => {
    const rows = [
      ["a", 1],
      ["B", 2],
      ["c", null],
    ];
    const cell = (r: number, c: number) => rows[r]?.[c];
    expect(visibleRows(3, cell, 2, "b", undefined, false)).toEqual([1]);
    expect(visibleRows(3, cell, 2, "null", undefined, false)).toEqual([2]);
    expect(visibleRows(3, cell, 2, "", ["unchanged", "updated", "inserted"], true)).toEqual([1, 2]);
  });

  it("orders numbers by value, big integers as digits too, nulls last", () => {
    const values = ["10", null, 2, "9", "b", "a"];
    expect([...values].sort((a, b) => compareCells(a, b))).toEqual([2, "9", "10", "a", "b", null]);
  });

  it("keeps nulls last when the grid sorts descending (it negates the comparison)", () => {
    const values = [null, 2, "9", null, 30.5, "b"];
    expect([...values].sort((a, b) => -compareCells(a, b, true))).toEqual(["b", 30.5, "9", 2, null, null]);
  });
});
