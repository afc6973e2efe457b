/**
 * dlt's config validation accepts `None` for every Optional key (dlt-rest-api.md §2), and for most of them
 * its source build does too: validate, run, preview and export a config full of those nulls. Where the
 * build then fails (checked with dlt 1.26: `rest_api_source(config)`), restplay says so while you type.
 */
import { describe, expect, it } from "vitest";
import { exportConfig, validateText } from "../config";
import { createVirtualClock, extract, fetchTransport } from "../engine";
import { createMockApi, MOCK_DEMO_SECRETS } from "../mocks";
import { createPreview } from "../preview";

const hints = {
  include_from_parent: null,
  table_name: null,
  write_disposition: null,
  primary_key: null,
  merge_key: null,
  columns: null,
  schema_contract: null,
  table_format: null,
  file_format: null,
  max_table_nesting: null,
  selected: null,
  parallelized: null,
};
const endpointNulls = {
  method: null,
  data: null,
  headers: null,
  response_actions: null,
  incremental: null,
  paginator: null,
  data_selector: null,
};
const withNulls = {
  client: { base_url: "https://lab.example.com", headers: null, auth: null, paginator: null },
  resource_defaults: { ...hints, endpoint: { ...endpointNulls } },
  resources: [{ name: "posts", ...hints, endpoint: { path: "/posts", ...endpointNulls } }],
};
const without = { client: { base_url: "https://lab.example.com" }, resources: [{ name: "posts", endpoint: { path: "/posts" } }] };

async function run(text: string) {
  const r = validateText(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const clock = createVirtualClock();
  const api = createMockApi({ sleep: (ms) => clock.sleep(ms) });
  const preview = createPreview();
  const requests: string[] = [];
  let ok = false;
  for await (const e of extract(
    { source: r.source!, secrets: MOCK_DEMO_SECRETS },
    { transport: fetchTransport(api.fetch), ...clock, virtualClock: true },
  )) {
    preview.push(e);
    if (e.type === "request") requests.push(`${e.method} ${e.url}`);
    if (e.type === "done") ok = e.ok;
  }
  return { r, ok, requests, tables: preview.tables().map((t) => [t.resource, t.write_disposition, t.primary_key, t.stats.merged]) };
}

describe("None / null for Optional keys, as dlt accepts them", () => {
  it("validates in JSON, YAML and Python, and runs exactly like the same config without them", async () => {
    const json = JSON.stringify(withNulls, null, 2);
    const a = await run(json);
    const b = await run(JSON.stringify(without));
    expect(a.ok).toBe(true);
    expect(a.requests).toEqual(b.requests);
    expect(a.tables).toEqual(b.tables);
    for (const format of ["yaml", "python"] as const) {
      const converted = exportConfig(a.r, format)?.text ?? "";
      expect(converted).not.toBe("");
      const again = validateText(converted);
      expect(again.format).toBe(format);
      expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    }
    const py = validateText(
      `rest_api_source({"client": {"base_url": "https://x", "auth": None}, ` +
        `"resources": [{"name": "a", "selected": None, "primary_key": None, "endpoint": {"path": "/a", "paginator": None}}]})`,
    );
    expect(py.valid).toBe(true);
  });

  it("keys that are not Optional in dlt still reject None, saying what they expect", () => {
    const py = validateText(`rest_api_source({"client": {"base_url": "https://x"}, "resources": [{"name": None}]})`);
    expect(py.valid).toBe(false);
    expect(py.diagnostics[0]!.path).toBe("/resources/0/name");
    expect(py.diagnostics[0]!.message).toContain("got `None`");
    const limit = validateText(
      JSON.stringify({
        client: { base_url: "https://x" },
        resources: [{ name: "a", endpoint: { paginator: { type: "offset", limit: null } } }],
      }),
    );
    expect(limit.diagnostics.map((d) => d.path)).toContain("/resources/0/endpoint/paginator/limit");
  });

  it("None where dlt's source build fails on it is an error (checked with dlt 1.26: TypeError or AssertionError)", () => {
    const base = { base_url: "https://x" };
    const cases: [object, string][] = [
      [{ client: base, resources: [{ name: "a", endpoint: null }] }, "/resources/0/endpoint"],
      [{ client: base, resource_defaults: { endpoint: null }, resources: ["a"] }, "/resource_defaults/endpoint"],
      [{ client: base, resource_defaults: { endpoint: "a" }, resources: ["a"] }, "/resource_defaults/endpoint"],
      [{ client: base, resources: [{ name: "a", processing_steps: null }] }, "/resources/0/processing_steps"],
      [{ client: base, resources: [{ name: "a", endpoint: { path: null } }] }, "/resources/0/endpoint/path"],
      [{ client: base, resources: [{ name: "a", endpoint: { params: null } }] }, "/resources/0/endpoint/params"],
      [{ client: base, resources: [{ name: "a", endpoint: { json: null, method: "POST" } }] }, "/resources/0/endpoint/json"],
      // `parent_table_name` is a nested hint's key; `dlt.resource` does not take it (TypeError).
      [{ client: base, resources: [{ name: "a", parent_table_name: "b" }] }, "/resources/0/parent_table_name"],
    ];
    for (const [config, path] of cases)
      expect(
        validateText(JSON.stringify(config))
          .diagnostics.filter((d) => d.severity === "error")
          .map((d) => d.path),
        JSON.stringify(config),
      ).toEqual([path]);
  });

  it("a column hint's properties given as None are not given; a None data_type is an error (checked with dlt 1.26 on DuckDB)", () => {
    const hints = { nullable: null, precision: null, scale: null, dedup_sort: null, hard_delete: null, primary_key: null };
    const r = validateText(JSON.stringify({ client: { base_url: "https://x" }, resources: [{ name: "a", columns: { c: hints } }] }));
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const columns = r.source!.resources[0]!.table.columns;
    expect([...(columns.defaults ?? []), ...(columns.own ?? [])]).toEqual([{ name: "c" }]);
    // dlt's load fails on a column whose data_type is None (KeyError).
    const typed = validateText(
      JSON.stringify({ client: { base_url: "https://x" }, resources: [{ name: "a", columns: { c: { data_type: null } } }] }),
    );
    expect(typed.diagnostics.filter((d) => d.severity === "error").map((d) => d.path)).toEqual(["/resources/0/columns/c/data_type"]);
  });

  it("an empty JSONPath where dlt compiles it as it builds the paginator is an error (JsonPathParserError)", () => {
    for (const paginator of [
      { type: "json_link", next_url_path: "" },
      { type: "cursor", cursor_path: "" },
    ]) {
      const r = validateText(JSON.stringify({ client: { base_url: "https://x" }, resources: [{ name: "a", endpoint: { paginator } }] }));
      expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual(["invalid_value"]);
    }
  });
});
