/**
 * Keys JavaScript orders first (array indices: `"2023"`, `"7"`) in the order the response had them, as
 * dlt's columns come. Every expected column list and json cell here was recorded from dlt 1.26.0 on
 * DuckDB (the dlt oracle, ../shared/tools/dlt-oracle) running the same config against a loopback
 * server that sent the same bodies.
 */
import { describe, expect, it } from "vitest";
import { collect, fakeFetch } from "../testing/engine";
import { createDestination, createPreview, stringifyJson } from "./index";

const BODIES: Record<string, string> = {
  "/items": `[{"id": 1, "2023": 10, "name": "a", "10": 5, "2": 3, "stats": {"b": 1, "7": 2, "a": 3}, "rows": [{"z": 1, "1": 2}]},
    {"id": 2, "5": 1, "name": "b"}]`,
  "/a": '[{"id": 1, "9": "x", "v": 2}]',
  "/b/1": '[{"w": 5, "3": 1}]',
  "/c": '[[{"b": 1, "1": 2}], {"k": 1, "0": 2}]',
  "/h": '{"data": [{"id": 1}], "links": {"next": "https://api.test/h2"}, "7": {"next": "https://api.test/other"}}',
  "/f": '{"x": [{"id": 1}], "0": [{"id": 2}]}',
  "/d": '{"data": {"b": {"id": 1, "5": 0}, "2": {"id": 2}}, "n": {"x": [1], "0": [2]}}',
};

async function tablesOf(config: object) {
  const { fetch } = fakeFetch(
    (_req, _n, url) => new Response(BODIES[url.pathname] ?? "[]", { headers: { "content-type": "application/json" } }),
  );
  const run = await collect({ client: { base_url: "https://api.test", paginator: "single_page" }, ...config }, fetch);
  const preview = createPreview({ destination: createDestination() });
  for (const e of run.events) preview.push(e);
  const all = preview.tables().flatMap((t) => [t, ...t.child_tables]);
  const table = (name: string) => {
    const t = all.find((x) => x.table_name === name);
    if (!t) throw new Error(`no table ${name} (${all.map((x) => x.table_name).join(", ")})`);
    return t;
  };
  const root = (name: string) => preview.tables().find((x) => x.table_name === name)!;
  return { columns: (name: string) => table(name).columns.map((c) => c.name), table, root, run };
}

describe("columns in the order the response had its keys", () => {
  it("array-index keys among others, in nested dicts and in list items", async () => {
    const t = await tablesOf({ resources: [{ name: "items", endpoint: { path: "items" } }] });
    expect(t.columns("items")).toEqual([
      "id",
      "_2023",
      "name",
      "_10",
      "_2",
      "stats__b",
      "stats___7",
      "stats__a",
      "_dlt_load_id",
      "_dlt_id",
      "_5",
    ]);
    expect(t.columns("items__rows")).toEqual(["z", "_1", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"]);
    // The page says so; a record whose keys JavaScript keeps in the text's order carries none.
    const page = t.run.of("page")[0]!;
    expect(page.key_order?.[0]?.keys).toEqual(["id", "2023", "name", "10", "2", "stats", "rows"]);
    expect(page.key_order?.[1]?.keys).toEqual(["id", "5", "name"]);
    // The table's records (`run --format json`) as the API sent them.
    expect(stringifyJson(t.root("items").records[1])).toBe('{"id":2,"5":1,"name":"b"}');
  });

  it("values kept whole (max_table_nesting 0) are written with their keys in that order", async () => {
    const t = await tablesOf({ resource_defaults: { max_table_nesting: 0 }, resources: [{ name: "items", endpoint: { path: "items" } }] });
    expect(t.columns("items")).toEqual(["id", "_2023", "name", "_10", "_2", "stats", "rows", "_dlt_load_id", "_dlt_id", "_5"]);
    const row = t.table("items").rows[0]!;
    expect(stringifyJson([row.stats, row.rows])).toBe('[{"b":1,"7":2,"a":3},[{"z":1,"1":2}]]');
  });

  it("a child's include_from_parent columns come after its own keys; a list record's items keep theirs", async () => {
    const t = await tablesOf({
      resources: [
        { name: "a", endpoint: { path: "a" } },
        { name: "b", include_from_parent: ["v", "9"], endpoint: { path: "b/{resources.a.id}" } },
        { name: "c", endpoint: { path: "c" } },
      ],
    });
    expect(t.columns("a")).toEqual(["id", "_9", "v", "_dlt_load_id", "_dlt_id"]);
    expect(t.columns("b")).toEqual(["w", "_3", "_a_v", "_a_9", "_dlt_load_id", "_dlt_id"]);
    expect(t.columns("c")).toEqual(["_dlt_load_id", "_dlt_id", "k", "_0"]);
    expect(t.columns("c__value")).toEqual(["b", "_1", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"]);
  });

  it("a data_selector walks a dict's keys in that order (`*`, `..`), as jsonpath-ng walks Python's dict", async () => {
    const t = await tablesOf({
      resources: [
        { name: "d", endpoint: { path: "d", data_selector: "data.*" } },
        { name: "e", endpoint: { path: "d", data_selector: "n..[*]" } },
      ],
    });
    expect(t.table("d").rows.map((r) => r.id)).toEqual([1, 2]);
    expect(t.columns("d")).toEqual(["id", "_5", "_dlt_load_id", "_dlt_id"]);
    expect(t.table("e").rows.map((r) => r.value ?? null)).toEqual([null, 1, 1, 2, 2]);
    // No data_selector: dlt's detector takes the first list in the response's order.
    const f = await tablesOf({ resources: [{ name: "f", endpoint: { path: "f" } }] });
    expect(f.table("f").rows.map((r) => r.id)).toEqual([1]);
    expect(f.run.of("page")[0]).toMatchObject({ selector: "x", selector_source: "detected" });
  });

  it("paginator detection finds the first next link in the response's key order, as dlt's detector does", async () => {
    const { fetch, urls } = fakeFetch(
      (_req, _n, url) => new Response(BODIES[url.pathname] ?? "[]", { headers: { "content-type": "application/json" } }),
    );
    await collect({ client: { base_url: "https://api.test" }, resources: [{ name: "h", endpoint: { path: "h" } }] }, fetch);
    expect(urls()).toEqual(["https://api.test/h", "https://api.test/h2"]);
  });
});
