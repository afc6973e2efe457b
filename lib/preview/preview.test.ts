import { describe, expect, it } from "vitest";
import type { DataRecord, EngineEvent } from "../engine/types";
import { createPreview, normalizeIdentifier } from "./index";
import { validateText } from "../config";

const start = (resource: string, primary_key: string[] | null, write_disposition = "merge"): EngineEvent => ({
  type: "resource_start", resource, paginator: "offset", data_selector: "data", primary_key, write_disposition, parent: null,
});
let pageNo = 0;
const page = (resource: string, records: DataRecord[]): EngineEvent => ({
  type: "page", resource, page: ++pageNo, request_id: pageNo, records, count: records.length, selector: "data", selector_source: "configured",
});
const run = (events: EngineEvent[], options?: Parameters<typeof createPreview>[0]) => {
  const p = createPreview(options);
  for (const e of events) p.push(e);
  return p;
};
const range = (n: number, f: (i: number) => DataRecord) => Array.from({ length: n }, (_, i) => f(i + 1));

describe("merge by primary key", () => {
  it("the seed duplicate case: 251 fetched -> 250 merged, 1 collapsed, the last version wins at the first position", () => {
    const records = range(251, (i) => (i === 251 ? { id: 17, name: "updated", value: 2 } : { id: i, name: `n${i}`, value: 1 }));
    const p = run([start("resource_name", ["id"]), page("resource_name", records.slice(0, 100)), page("resource_name", records.slice(100, 200)), page("resource_name", records.slice(200))]);
    const [t] = p.tables();
    expect(t!.stats).toEqual({ fetched: 251, merged: 250, duplicates_collapsed: 1 });
    expect(t!.rows).toHaveLength(250);
    expect(t!.records[16]).toEqual({ id: 17, name: "updated", value: 2 });
    expect(t!.rows[16]).toMatchObject({ id: 17, name: "updated" });
    expect(t!.rows[17]).toMatchObject({ id: 18 });
    expect(t!.warnings).toEqual([]);
  });

  it("compound keys are joined safely (no collisions through separators or types)", () => {
    const p = run([
      start("r", ["a", "b"]),
      page("r", [
        { a: "x|y", b: "z", v: 1 },
        { a: "x", b: "y|z", v: 2 },
        { a: 1, b: "1", v: 3 },
        { a: "1", b: "1", v: 4 },
        { a: "x", b: "y|z", v: 5 },
      ]),
    ]);
    const t = p.tables()[0]!;
    expect(t.stats).toEqual({ fetched: 5, merged: 4, duplicates_collapsed: 1 });
    expect(t.records.map((r) => r.v)).toEqual([1, 5, 3, 4]);
  });

  it("matches the key against normalised names, as dlt does with hints", () => {
    const p = run([start("r", ["ContactID"]), page("r", [{ ContactID: "a", n: 1 }, { ContactID: "a", n: 2 }])]);
    const t = p.tables()[0]!;
    expect(t.stats.merged).toBe(1);
    expect(t.rows[0]).toMatchObject({ contact_id: "a", n: 2 });
  });

  it("a missing key is not invented: records stay unmerged and the warning suggests the real key", () => {
    const records = range(251, (i) => ({ BankTransactionID: `bt-${i}`, ContactID: `c-${i % 7}`, Total: i * 1.5 }));
    const p = run([start("bank_transactions", ["id"]), page("bank_transactions", records)]);
    const t = p.tables()[0]!;
    expect(t.stats).toEqual({ fetched: 251, merged: 251, duplicates_collapsed: 0 });
    expect(t.rows.every((r) => !("id" in r))).toBe(true);
    expect(t.warnings).toEqual([
      'primary_key `id` is missing in 251 of 251 records of `bank_transactions`; the records carry `BankTransactionID` — set `primary_key: "BankTransactionID"`',
    ]);
  });

  it("suggests a key that repeats only where a merge would collapse versions, and prefers the table's own id", () => {
    const records = range(251, (i) => ({ ContactID: i === 251 ? "c-3" : `c-${i}`, AccountID: `acc-${i}`, Name: `n${i}` }));
    const p = run([start("contacts", ["id"]), page("contacts", records)]);
    expect(p.tables()[0]!.warnings[0]).toBe(
      'primary_key `id` is missing in 251 of 251 records of `contacts`; the records carry `ContactID` — set `primary_key: "ContactID"`',
    );
  });

  it("without a candidate the warning says the records are kept unmerged; a null key counts as missing", () => {
    const p = run([start("r", ["id"]), page("r", [{ id: 1 }, { id: null, name: "a" }, { name: "b" }, { id: 1 }])]);
    const t = p.tables()[0]!;
    expect(t.stats).toEqual({ fetched: 4, merged: 3, duplicates_collapsed: 1 });
    expect(t.warnings[0]).toMatch(/^primary_key `id` is missing in 2 of 4 records of `r`; those records are not merged/);
  });
});

describe("write dispositions", () => {
  const dup = [{ id: 1, v: "a" }, { id: 1, v: "b" }];
  it("append keeps every row", () => {
    const t = run([start("r", ["id"], "append"), page("r", dup)]).tables()[0]!;
    expect(t.stats).toEqual({ fetched: 2, merged: 2, duplicates_collapsed: 0 });
    expect(t.warnings).toEqual([]);
  });
  it("replace keeps every row of this run; a new run starts over", () => {
    const p = run([start("r", null, "replace"), page("r", dup)]);
    expect(p.tables()[0]!.rows).toHaveLength(2);
    p.push({ type: "run_start", resources: ["r"], at: 0 });
    p.push(start("r", null, "replace"));
    p.push(page("r", [{ id: 9 }]));
    expect(p.tables()[0]!.records).toEqual([{ id: 9 }]);
  });
  it("merge without a primary key appends, with a warning", () => {
    const t = run([start("r", null, "merge"), page("r", dup)]).tables()[0]!;
    expect(t.stats.merged).toBe(2);
    expect(t.warnings).toEqual(["`r` uses write_disposition `merge` without a primary_key: dlt appends every record (nothing is deduplicated) — set `primary_key`"]);
  });
  it("the scd2 strategy (a dict write_disposition, from the config) keeps every version", () => {
    const config = validateText(JSON.stringify({
      client: { base_url: "https://api.example.com" },
      resources: [{ name: "r", primary_key: "id", write_disposition: { disposition: "merge", strategy: "scd2" } }],
    }), "json").config;
    const t = run([start("r", ["id"], "merge"), page("r", dup)], { config }).tables()[0]!;
    expect(t.stats).toEqual({ fetched: 2, merged: 2, duplicates_collapsed: 0 });
    expect(t.warnings).toEqual(["`r` uses the scd2 merge strategy: dlt keeps every version, so the preview shows every fetched record"]);
  });
  it("pages of a resource that never started are appended", () => {
    const t = run([page("x", dup)]).tables()[0]!;
    expect(t).toMatchObject({ resource: "x", write_disposition: "append", primary_key: null, stats: { merged: 2 } });
  });
});

describe("nested data", () => {
  const record = (id: number, city: string): DataRecord => ({
    id,
    Address: { City: city, Geo: { lat: 1.5 } },
    tags: ["a", "b"],
    lines: [{ sku: "x", qty: 1, parts: [{ no: 1 }] }, { sku: "y", qty: 2, parts: [] }],
    matrix: [[1, 2]],
  });

  it("flattens dicts into parent__child columns and moves lists to linked child tables", () => {
    const t = run([start("orders", ["id"]), page("orders", [record(1, "Rome")])]).tables()[0]!;
    const root = t.rows[0]!;
    expect(root).toEqual({ id: 1, address__city: "Rome", address__geo__lat: 1.5, _dlt_id: expect.any(String) });
    const byName = Object.fromEntries(t.child_tables.map((c) => [c.table_name, c]));
    expect(Object.keys(byName).sort()).toEqual(["orders__lines", "orders__lines__parts", "orders__matrix", "orders__matrix__list", "orders__tags"]);
    expect(byName.orders__tags!.rows.map((r) => [r.value, r._dlt_list_idx, r._dlt_parent_id, r._dlt_root_id])).toEqual([
      ["a", 0, root._dlt_id, root._dlt_id],
      ["b", 1, root._dlt_id, root._dlt_id],
    ]);
    const line = byName.orders__lines!.rows[0]!;
    expect(line).toMatchObject({ sku: "x", qty: 1, _dlt_parent_id: root._dlt_id, _dlt_list_idx: 0 });
    expect(byName.orders__lines__parts!.rows).toEqual([{ no: 1, _dlt_parent_id: line._dlt_id, _dlt_list_idx: 0, _dlt_id: expect.any(String), _dlt_root_id: root._dlt_id }]);
    expect(byName.orders__lines__parts!.parent_table).toBe("orders__lines");
    expect(byName.orders__matrix__list!.rows.map((r) => r.value)).toEqual([1, 2]);
    expect(new Set(byName.orders__tags!.rows.map((r) => r._dlt_id)).size).toBe(2);
  });

  it("drops the child rows of a collapsed duplicate", () => {
    const t = run([start("orders", ["id"]), page("orders", [record(1, "Rome"), record(2, "Oslo"), record(1, "Pisa")])]).tables()[0]!;
    const tags = t.child_tables.find((c) => c.table_name === "orders__tags")!;
    expect(tags.rows).toHaveLength(4);
    const parents = new Set(t.rows.map((r) => r._dlt_id));
    expect(tags.rows.every((r) => parents.has(r._dlt_parent_id as string))).toBe(true);
    expect(t.rows[0]).toMatchObject({ id: 1, address__city: "Pisa" });
  });

  it("append tables carry no _dlt_root_id", () => {
    const t = run([start("orders", null, "append"), page("orders", [record(1, "Rome")])]).tables()[0]!;
    expect(t.child_tables[0]!.rows[0]).not.toHaveProperty("_dlt_root_id");
  });

  it("max_table_nesting keeps deeper data as json (from the config's hints)", () => {
    const config = validateText(JSON.stringify({
      client: { base_url: "https://api.example.com" },
      resource_defaults: { max_table_nesting: 0 },
      resources: [{ name: "flat", table_name: "FlatTable" }, { name: "one", max_table_nesting: 1 }],
    }), "json").config;
    expect(config).not.toBeNull();
    const p = run([start("flat", ["id"]), page("flat", [record(1, "Rome")]), start("one", ["id"]), page("one", [record(1, "Rome")])], { config });
    const [flat, one] = p.tables();
    expect(flat!.table_name).toBe("flat_table");
    expect(flat!.child_tables).toEqual([]);
    expect(flat!.columns.find((c) => c.name === "address")).toEqual({ name: "address", data_type: "json", nullable: false });
    expect(one!.rows[0]).toMatchObject({ address__city: "Rome", address__geo: { lat: 1.5 } });
    const lines = one!.child_tables.find((c) => c.table_name === "one__lines")!;
    expect(lines.rows[0]).toMatchObject({ sku: "x", parts: [{ no: 1 }] });
    expect(one!.child_tables.map((c) => c.table_name)).not.toContain("one__lines__parts");
  });
});

describe("columns", () => {
  it("infers dlt types and nullability in order of appearance", () => {
    const t = run([
      start("r", ["id"]),
      page("r", [
        { id: 1, name: "a", price: 1, ok: true, at: "2024-05-01T10:00:00Z", day: "2024-05-01", meta: null, note: "x", code: "2024-13-45" },
        { id: 2, name: "b", price: 2.5, ok: false, at: "2024-05-02T11:30:00.123+02:00", day: "2024-05-02", meta: null },
      ]),
    ]).tables()[0]!;
    expect(t.columns).toEqual([
      { name: "id", data_type: "bigint", nullable: false },
      { name: "name", data_type: "text", nullable: false },
      { name: "price", data_type: "double", nullable: false },
      { name: "ok", data_type: "bool", nullable: false },
      { name: "at", data_type: "timestamp", nullable: false },
      { name: "day", data_type: "date", nullable: false },
      { name: "note", data_type: "text", nullable: true },
      { name: "code", data_type: "text", nullable: true },
      { name: "_dlt_id", data_type: "text", nullable: false },
    ]);
    expect(t.warnings).toEqual(["`meta` is null in every record of `r`: dlt creates no column until a value arrives"]);
  });

  it("a null in some rows makes a column nullable; json for nested values beyond the nesting level", () => {
    const t = run([start("r", ["id"]), page("r", [{ id: 1, v: 3 }, { id: 2, v: null }])]).tables()[0]!;
    expect(t.columns.find((c) => c.name === "v")).toEqual({ name: "v", data_type: "bigint", nullable: true });
  });

  it("reports type conflicts with dlt's variant column name", () => {
    const t = run([start("r", ["id"]), page("r", [{ id: 1, v: 3 }, { id: 2, v: "three" }])]).tables()[0]!;
    expect(t.columns.find((c) => c.name === "v")!.data_type).toBe("bigint");
    expect(t.warnings).toEqual(["column `v` of `r` is bigint but also holds text values; dlt would store those in `v__v_text`"]);
  });
});

describe("naming and caching", () => {
  it("normalises names as dlt's snake_case convention", () => {
    expect(["BankTransactionID", "UpdatedDateUTC", "contactId", "Email Address", "a-b", "1st", "trailing_", "x__y", "HTMLParser", "_dlt_id"].map(normalizeIdentifier))
      .toEqual(["bank_transaction_id", "updated_date_utc", "contact_id", "email_address", "a_b", "_1st", "trailingx", "x_y", "html_parser", "_dlt_id"]);
  });

  it("tables() is cached until the next change", () => {
    const p = run([start("r", ["id"]), page("r", [{ id: 1 }])]);
    const a = p.tables();
    expect(p.tables()).toBe(a);
    p.push({ type: "warning", code: "x", message: "y" });
    expect(p.tables()).toBe(a);
    p.push(page("r", [{ id: 2 }]));
    expect(p.tables()).not.toBe(a);
    expect(p.table("r")!.stats.merged).toBe(2);
  });
});
