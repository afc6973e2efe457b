/**
 * A nested hint's own `write_disposition` on a table that keeps its parent: what the editor says, per
 * root disposition — each pair probed with dlt 1.26 on DuckDB (two runs; see decision 0030).
 */
import { describe, expect, it } from "vitest";
import { validateText } from "./index";

const config = (root: unknown, nested: unknown, key = false) =>
  JSON.stringify({
    client: { base_url: "https://api.example.com" },
    resources: [
      {
        name: "items",
        primary_key: "id",
        write_disposition: root,
        endpoint: { path: "items", paginator: "single_page" },
        nested_hints: { purchases: { write_disposition: nested, ...(key ? { primary_key: "pid" } : {}) } },
      },
    ],
  });

const codes = (root: unknown, nested: unknown, key = false) =>
  validateText(config(root, nested, key))
    .diagnostics.filter((d) => d.code.startsWith("nested_"))
    .map((d) => `${d.severity}:${d.code}`);

const merge = (strategy: string) => ({ disposition: "merge", strategy });

describe("a nested table's own write_disposition", () => {
  it("the same as none: its root's, or merge with any strategy but scd2 under a merge root (dlt merges the chain by its root's)", () => {
    expect(codes("replace", "replace")).toEqual([]);
    expect(codes("merge", merge("upsert"))).toEqual([]);
    expect(codes(merge("upsert"), "merge")).toEqual([]);
    expect(codes(merge("insert-only"), merge("upsert"))).toEqual([]);
    expect(codes(merge("scd2"), "merge")).toEqual([]);
    expect(codes(merge("scd2"), merge("scd2"))).toEqual([]);
  });

  it("dlt's load step fails: another disposition under a merge root, scd2 under a merge root that is not scd2, skip anywhere", () => {
    expect(codes("merge", "append")).toEqual(["error:nested_disposition_load_fails"]);
    expect(codes(merge("upsert"), merge("scd2"))).toEqual(["error:nested_disposition_load_fails"]);
    expect(codes("merge", merge("scd2"))).toEqual(["error:nested_disposition_load_fails"]);
    expect(codes("append", "skip")).toEqual(["error:nested_disposition_load_fails"]);
  });

  it("loaded apart under an append or replace root (dlt warns), and a table of its own (a key) loads on its own terms", () => {
    expect(codes("append", "replace")).toEqual(["warning:nested_disposition_apart"]);
    expect(codes("replace", "append")).toEqual(["warning:nested_disposition_apart"]);
    expect(codes("replace", merge("upsert"))).toEqual(["warning:nested_disposition_apart"]);
    expect(codes("merge", "replace", true)).toEqual([]);
  });

  it("parent_table_name: its root table changes nothing; another name fails dlt unless that table exists (flagged)", () => {
    const withParent = (parent: string) =>
      validateText(config("append", "append").replace('"write_disposition":"append"}}', `"parent_table_name":"${parent}"}}`))
        .diagnostics.filter((d) => d.code.startsWith("nested_"))
        .map((d) => d.code);
    expect(withParent("items")).toEqual([]);
    expect(withParent("other")).toEqual(["nested_hint_not_previewed"]);
  });
});
