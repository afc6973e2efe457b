/**
 * A `date` a processing step returns loads as dlt 1.26.0 loads it (each expectation what dlt loaded into DuckDB for the
 * same steps on a loopback API, twenty-seventh session): a `date` column, coerced into the column a record made first
 * (text: its ISO text; timestamp: its midnight in UTC), a variant where dlt has no coercion, and in nested tables.
 */
import { describe, expect, it } from "vitest";
import { run, runSteps } from "../testing/steps";

const cells = async (list: string, table = "items") => {
  const r = await runSteps(list);
  expect(r.errors).toEqual([]);
  return { columns: r.columns(table), rows: r.rows(table) };
};

describe("a date a step returns", () => {
  it("makes a date column", async () => {
    const r = await cells(`{"map": lambda x: {**x, "d": date(2024, 1, x["id"])}}`);
    expect(r.columns).toEqual(["id:bigint", "a:text", "d:date"]);
    expect(r.rows?.map((x) => x.d)).toEqual(["2024-01-01", "2024-01-02", "2024-01-03"]);
  });

  it("goes into a text column as its ISO text, and into a timestamp column as its midnight in UTC", async () => {
    const text = await cells(`{"map": lambda x: {**x, "d": "abc" if x["id"] == 1 else date(2024, 1, x["id"])}}`);
    expect(text.columns).toEqual(["id:bigint", "a:text", "d:text"]);
    expect(text.rows?.map((x) => x.d)).toEqual(["abc", "2024-01-02", "2024-01-03"]);
    const ts = await cells(`{"map": lambda x: {**x, "d": "2024-01-01T10:00:00Z" if x["id"] == 1 else date(2024, 1, x["id"])}}`);
    expect(ts.columns).toEqual(["id:bigint", "a:text", "d:timestamp"]);
    expect(ts.rows?.map((x) => x.d)).toEqual(["2024-01-01T10:00:00+00:00", "2024-01-02T00:00:00+00:00", "2024-01-03T00:00:00+00:00"]);
    const dt = await cells(`{"map": lambda x: {**x, "d": datetime(2024, 1, 1, 5) if x["id"] == 1 else date(2024, 1, x["id"])}}`);
    expect(dt.columns).toEqual(["id:bigint", "a:text", "d:timestamp"]);
    expect(dt.rows?.map((x) => x.d)).toEqual(["2024-01-01T05:00:00+00:00", "2024-01-02T00:00:00+00:00", "2024-01-03T00:00:00+00:00"]);
  });

  it("makes the column a later text or datetime is coerced into (a variant where dlt cannot), and a variant of a bigint", async () => {
    const text = await cells(
      `{"map": lambda x: {**x, "d": date(2024, 1, 1) if x["id"] == 1 else ("abc" if x["id"] == 2 else "2024-02-03")}}`,
    );
    expect(text.columns).toEqual(["id:bigint", "a:text", "d:date", "d__v_text:text"]);
    expect(text.rows?.map((x) => [x.d ?? null, x.d__v_text ?? null])).toEqual([
      ["2024-01-01", null],
      [null, "abc"],
      ["2024-02-03", null],
    ]);
    const dt = await cells(`{"map": lambda x: {**x, "d": date(2024, 1, 1) if x["id"] == 1 else datetime(2024, 1, x["id"], 5, 6)}}`);
    expect(dt.columns).toEqual(["id:bigint", "a:text", "d:date"]);
    expect(dt.rows?.map((x) => x.d)).toEqual(["2024-01-01", "2024-01-02", "2024-01-03"]);
    const iso = await cells(`{"map": lambda x: {**x, "d": date(2024, 1, 1) if x["id"] == 1 else "2024-01-02T03:04:05Z"}}`);
    expect(iso.rows?.map((x) => x.d)).toEqual(["2024-01-01", "2024-01-02", "2024-01-02"]);
    const big = await cells(`{"map": lambda x: {**x, "d": 5 if x["id"] == 1 else date(2024, 1, x["id"])}}`);
    expect(big.columns).toEqual(["id:bigint", "a:text", "d:bigint", "d__v_date:date"]);
    expect(big.rows?.map((x) => [x.d ?? null, x.d__v_date ?? null])).toEqual([
      [5, null],
      [null, "2024-01-02"],
      [null, "2024-01-03"],
    ]);
  });

  it("inside a nested dict is a date column, inside a list a nested table's date column", async () => {
    const list = `{"map": lambda x: {**x, "w": {"d": date(2023, 12, 31), "l": [date(2024, 2, 29), "x"]}}}`;
    const root = await cells(list);
    expect(root.columns).toEqual(["id:bigint", "a:text", "w__d:date"]);
    expect(root.rows?.map((x) => x.w__d)).toEqual(["2023-12-31", "2023-12-31", "2023-12-31"]);
    const nested = await cells(list, "items__w__l");
    expect(nested.columns).toEqual(["value:date", "value__v_text:text"]);
    expect(nested.rows?.slice(0, 2)).toEqual([{ value: "2024-02-29" }, { value: null, value__v_text: "x" }]);
  });

  it("a child's steps see the parent's date (`include_from_parent`) as a date, and load it as one", async () => {
    const served = async () => new Response(JSON.stringify([{ id: 1 }]), { headers: { "content-type": "application/json" } });
    const r = await run(
      `from datetime import date
source = rest_api_source({
    "client": {"base_url": "https://api.example.com/", "paginator": "single_page"},
    "resources": [{"name": "items", "endpoint": {"path": "items"}, "processing_steps": [{"map": lambda x: {**x, "d": date(2024, 5, 6)}}]},
        {"name": "subs", "endpoint": {"path": "items/{resources.items.id}/subs"}, "include_from_parent": ["d"],
         "processing_steps": [{"map": lambda c: {**c, "y": c["_items_d"].year}}]}],
})\n`,
      served,
    );
    expect(r.columns("subs")).toEqual(["id:bigint", "_items_d:date", "y:bigint"]);
    expect(r.rows("subs")).toEqual([{ id: 1, _items_d: "2024-05-06", y: 2024 }]);
  });

  it("(a parent's float `3.0` included in a child stays a float there too: dlt loads a double)", async () => {
    const served = async () => new Response('[{"id": 1, "price": 3.0}]', { headers: { "content-type": "application/json" } });
    const r = await run(
      `source = rest_api_source({
    "client": {"base_url": "https://api.example.com/", "paginator": "single_page"},
    "resources": [{"name": "items", "endpoint": {"path": "items"}},
        {"name": "subs", "endpoint": {"path": "items/{resources.items.id}/subs"}, "include_from_parent": ["price"]}],
})\n`,
      served,
    );
    expect(r.columns("subs")).toEqual(["id:bigint", "price:double", "_items_price:double"]);
  });
});
