/**
 * A `time` a processing step returns loads as dlt 1.26.0 loads it (each expectation what dlt loaded for the same steps
 * on a loopback API, twenty-eighth session; its load files hold the `isoformat()`): a `time` column, its ISO text in a
 * `text` column a record made first, a variant where dlt has no coercion (timestamp, bigint, date columns), a later
 * time-of-day text coerced into it, and in nested tables.
 */
import { describe, expect, it } from "vitest";
import { run, runSteps } from "../testing/steps";

const cells = async (list: string, table = "items") => {
  const r = await runSteps(list);
  expect(r.errors).toEqual([]);
  return { columns: r.columns(table), rows: r.rows(table) };
};
const pairs = (rows: Record<string, unknown>[] | undefined, a: string, b: string) => rows?.map((x) => [x[a] ?? null, x[b] ?? null]);

describe("a time a step returns", () => {
  it("makes a time column, with the time's isoformat() (an aware one keeps its offset, as dlt's load file)", async () => {
    const r = await cells(
      `{"map": lambda x: {**x, "t": time(10, x["id"], 5), "u": time(1, 2, 3, 4, tzinfo=timezone(timedelta(hours=2))), "v": time(0, 0)}}`,
    );
    expect(r.columns).toEqual(["id:bigint", "a:text", "t:time", "u:time", "v:time"]);
    expect(r.rows?.map((x) => [x.t, x.u, x.v])).toEqual([
      ["10:01:05", "01:02:03.000004+02:00", "00:00:00"],
      ["10:02:05", "01:02:03.000004+02:00", "00:00:00"],
      ["10:03:05", "01:02:03.000004+02:00", "00:00:00"],
    ]);
  });

  it("goes into a text column as its isoformat(); into timestamp, bigint and date columns as a variant", async () => {
    const text = await cells(`{"map": lambda x: {**x, "t": "abc" if x["id"] == 1 else time(10, x["id"], 5, 123)}}`);
    expect(text.columns).toEqual(["id:bigint", "a:text", "t:text"]);
    expect(text.rows?.map((x) => x.t)).toEqual(["abc", "10:02:05.000123", "10:03:05.000123"]);
    const ts = await cells(`{"map": lambda x: {**x, "t": "2024-01-01T10:00:00Z" if x["id"] == 1 else time(10, x["id"], 5)}}`);
    expect(ts.columns).toEqual(["id:bigint", "a:text", "t:timestamp", "t__v_time:time"]);
    expect(pairs(ts.rows, "t", "t__v_time")).toEqual([
      ["2024-01-01T10:00:00+00:00", null],
      [null, "10:02:05"],
      [null, "10:03:05"],
    ]);
    const big = await cells(`{"map": lambda x: {**x, "t": 5 if x["id"] == 1 else time(10, x["id"], 5)}}`);
    expect(big.columns).toEqual(["id:bigint", "a:text", "t:bigint", "t__v_time:time"]);
    const day = await cells(`{"map": lambda x: {**x, "t": date(2024, 1, 2) if x["id"] == 1 else time(1, 2, 3)}}`);
    expect(day.columns).toEqual(["id:bigint", "a:text", "t:date", "t__v_time:time"]);
    expect(pairs(day.rows, "t", "t__v_time")).toEqual([
      ["2024-01-02", null],
      [null, "01:02:03"],
      [null, "01:02:03"],
    ]);
  });

  it("takes a later time-of-day text into its column; other values go to variants", async () => {
    const text = await cells(`{"map": lambda x: {**x, "t": time(1, 2, 3) if x["id"] == 1 else ("abc" if x["id"] == 2 else "10:11:12")}}`);
    expect(text.columns).toEqual(["id:bigint", "a:text", "t:time", "t__v_text:text"]);
    expect(pairs(text.rows, "t", "t__v_text")).toEqual([
      ["01:02:03", null],
      [null, "abc"],
      ["10:11:12", null],
    ]);
    const mixed = await cells(
      `{"map": lambda x: {**x, "t": time(1, 2, 3) if x["id"] == 1 else (date(2024, 1, 2) if x["id"] == 2 else 7)}}`,
    );
    expect(mixed.columns).toEqual(["id:bigint", "a:text", "t:time", "t__v_date:date", "t__v_bigint:bigint"]);
    const iso = await cells(`{"map": lambda x: {**x, "t": time(1, 2, 3) if x["id"] == 1 else "2024-01-02T03:04:05Z"}}`);
    expect(iso.columns).toEqual(["id:bigint", "a:text", "t:time", "t__v_text:timestamp"]);
    expect(pairs(iso.rows, "t", "t__v_text")).toEqual([
      ["01:02:03", null],
      [null, "2024-01-02T03:04:05+00:00"],
      [null, "2024-01-02T03:04:05+00:00"],
    ]);
  });

  it("inside a nested dict is a time column, inside a list a nested table's time column", async () => {
    const list = `{"map": lambda x: {**x, "w": {"t": time(1, 2), "l": [time(3, 4), "x"]}}}`;
    const root = await cells(list);
    expect(root.columns).toEqual(["id:bigint", "a:text", "w__t:time"]);
    expect(root.rows?.map((x) => x.w__t)).toEqual(["01:02:00", "01:02:00", "01:02:00"]);
    const nested = await cells(list, "items__w__l");
    expect(nested.columns).toEqual(["value:time", "value__v_text:text"]);
    expect(nested.rows?.slice(0, 2)).toEqual([{ value: "03:04:00" }, { value: null, value__v_text: "x" }]);
  });

  it("a child's steps see the parent's time (`include_from_parent`) as a time, and load it as one", async () => {
    const served = async () => new Response(JSON.stringify([{ id: 1 }]), { headers: { "content-type": "application/json" } });
    const r = await run(
      `from datetime import time
source = rest_api_source({
    "client": {"base_url": "https://api.example.com/", "paginator": "single_page"},
    "resources": [{"name": "items", "endpoint": {"path": "items"}, "processing_steps": [{"map": lambda x: {**x, "t": time(5, 6)}}]},
        {"name": "subs", "endpoint": {"path": "items/{resources.items.id}/subs"}, "include_from_parent": ["t"],
         "processing_steps": [{"map": lambda c: {**c, "h": c["_items_t"].hour}}]}],
})\n`,
      served,
    );
    expect(r.columns("subs")).toEqual(["id:bigint", "_items_t:time", "h:bigint"]);
    expect(r.rows("subs")).toEqual([{ id: 1, _items_t: "05:06:00", h: 5 }]);
  });
});
