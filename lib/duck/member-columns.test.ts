/**
 * APIs have fields named like JavaScript's Object members (an F1 API's `constructor`): a config may name
 * them as columns — hints, `primary_key`, `merge_key`, `dedup_sort` — as dlt lets it, and the run,
 * the merge and the DuckDB load treat them as data (checked against real dlt 1.26 on DuckDB: the merge
 * keeps ferrari 2 and mercedes 3, `constructor` VARCHAR NOT NULL, `toString` as `to_string`).
 */
import { describe, expect, it } from "vitest";
import { exportConfig, validateText } from "../config";
import { createVirtualClock, extract, fetchTransport } from "../engine";
import { writeJson, writePythonLiteral, writeYaml, type PlainValue } from "../formats";
import { createDestination, createPreview } from "../preview";
import { memoryDuckDb } from "../testing/duck";
import { loadIntoDuckDb } from "./index";

const CONFIG = {
  client: { base_url: "https://f1.example.com/" },
  resources: [
    {
      name: "teams",
      endpoint: { path: "teams", data_selector: "data", paginator: { type: "single_page" } },
      primary_key: "constructor",
      write_disposition: "merge",
      columns: { constructor: { data_type: "text", nullable: false }, prototype: { dedup_sort: "desc" } },
    },
  ],
} satisfies PlainValue;

const RECORDS: Record<string, string | number>[] = [
  { constructor: "mercedes", prototype: 1, n: 1 },
  { constructor: "ferrari", prototype: 2 },
  { constructor: "mercedes", prototype: 3, toString: "x" },
];

const connection = memoryDuckDb();

describe("columns named like Object members", () => {
  it.each([
    ["json", writeJson(CONFIG)],
    ["yaml", writeYaml(CONFIG)],
    ["python", `source = rest_api_source(${writePythonLiteral(CONFIG)})\n`],
  ] as const)("are valid in %s", (format, text) => {
    const r = validateText(text, format);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it("are refused as `__proto__` still, and as a table or resource name", () => {
    const codes = (c: PlainValue) => validateText(writeJson(c), "json").diagnostics.map((d) => d.code);
    const teams = CONFIG.resources[0]!;
    expect(codes({ ...CONFIG, resources: [{ ...teams, primary_key: "__proto__" }] })).toContain("unsafe_path_segment");
    expect(codes({ ...CONFIG, resources: [{ ...teams, table_name: "constructor" }] })).toContain("unsafe_path_segment");
    expect(codes({ ...CONFIG, resources: [{ ...teams, endpoint: { ...teams.endpoint, data_selector: "constructor" } }] })).toContain(
      "unsafe_path_segment",
    );
  });

  it("run, merge by `constructor` as dlt does, load into DuckDB and download", async () => {
    const before = [Object.getOwnPropertyNames(Object.prototype), Object.getOwnPropertyNames(Function.prototype)];
    const validation = validateText(writeJson(CONFIG), "json");
    const destination = createDestination();
    const preview = createPreview({ destination });
    const fetch = async () => new Response(JSON.stringify({ data: RECORDS }), { headers: { "content-type": "application/json" } });
    for await (const e of extract(
      { source: validation.source!, secrets: {} },
      { transport: fetchTransport(fetch), ...createVirtualClock(), virtualClock: true },
    ))
      preview.push(e);
    const teams = preview.tables()[0]!;
    expect(teams.warnings).toEqual([]);
    expect(teams.columns.map((c) => `${c.name}:${c.data_type}${c.nullable ? "" : "!"}`)).toEqual([
      "constructor:text!",
      "prototype:bigint",
      "n:bigint",
      "_dlt_load_id:text!",
      "_dlt_id:text!",
      "to_string:text",
    ]);
    const rows = teams.rows.map((r) => [r.constructor, r.prototype, r.n ?? null, r.to_string ?? null]);
    expect(rows.sort()).toEqual([
      ["ferrari", 2, null, null],
      ["mercedes", 3, null, "x"],
    ]);

    await loadIntoDuckDb(connection(), destination.state(), { dataset: "f1" });
    const got = await connection().runAndReadAll(`SELECT "constructor", "prototype", "n", "to_string" FROM f1.teams ORDER BY 1`);
    expect(got.getRows()).toEqual([
      ["ferrari", 2n, null, null],
      ["mercedes", 3n, null, "x"],
    ]);

    const python = exportConfig(validation, "python");
    expect(python?.text).toContain(`"primary_key": "constructor"`);
    expect(python?.text).toContain(`"constructor": {`);
    expect([Object.getOwnPropertyNames(Object.prototype), Object.getOwnPropertyNames(Function.prototype)]).toEqual(before);
  });
});
