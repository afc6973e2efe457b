import { describe, expect, it } from "vitest";
import { columnMarks, compareCells, visibleRows, orderRows } from "./grid-model";

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

describe("the grid's rows in order", () => {
  const rows = [
    { id: 3, name: "Oslo", n: null },
    { id: 1, name: "berlin", n: 2 },
    { id: 2, name: "Lisbon" },
    { id: 10, name: "Bergen", n: 2 },
  ];
  const names = ["id", "name", "n"];
  const cell = (r: number, c: number) => (rows[r] as Record<string, unknown>)[names[c] as string];
  const columnOf = (id: string) => (names.includes(id) ? names.indexOf(id) : undefined);
  const ids = (order: readonly number[]) => order.map((r) => rows[r]?.id);
  const all = [0, 1, 2, 3];

  it("keeps the rows as they are without filters or sorts", () => {
    expect(ids(orderRows(all, cell, columnOf, [], []))).toEqual([3, 1, 2, 10]);
  });

  it("filters a column by its text, any case, every filter at once", () => {
    expect(ids(orderRows(all, cell, columnOf, [{ id: "name", value: "BER" }], []))).toEqual([1, 10]);
    expect(
      ids(
        orderRows(
          all,
          cell,
          columnOf,
          [
            { id: "name", value: "ber" },
            { id: "id", value: "1" },
          ],
          [],
        ),
      ),
    ).toEqual([1, 10]);
    expect(ids(orderRows(all, cell, columnOf, [{ id: "name", value: "" }], []))).toEqual([3, 1, 2, 10]);
  });

  it("sorts numbers by value and text as text, either way", () => {
    expect(ids(orderRows(all, cell, columnOf, [], [{ id: "id", desc: false }]))).toEqual([1, 2, 3, 10]);
    expect(ids(orderRows(all, cell, columnOf, [], [{ id: "id", desc: true }]))).toEqual([10, 3, 2, 1]);
    expect(ids(orderRows(all, cell, columnOf, [], [{ id: "name", desc: false }]))).toEqual([10, 2, 3, 1]);
  });

  it("puts nulls and missing cells last whichever way it sorts; ties keep their order, or go by the next sort", () => {
    expect(ids(orderRows(all, cell, columnOf, [], [{ id: "n", desc: false }]))).toEqual([1, 10, 3, 2]);
    expect(ids(orderRows(all, cell, columnOf, [], [{ id: "n", desc: true }]))).toEqual([1, 10, 3, 2]);
    const twoSorts = [
      { id: "n", desc: false },
      { id: "id", desc: true },
    ];
    expect(ids(orderRows(all, cell, columnOf, [], twoSorts))).toEqual([10, 1, 3, 2]);
  });

  it("sorts only the rows the search and the filters kept", () => {
    expect(ids(orderRows([1, 3], cell, columnOf, [], [{ id: "id", desc: true }]))).toEqual([10, 1]);
  });
});
