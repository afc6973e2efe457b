/** `restplay run CONFIG --duckdb FILE`: the file opens with DuckDB and holds dlt's layout, and a second run merges into it. */
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readLayout } from "../duck";
import { cli } from "../testing/cli";
import { tempDir } from "../testing/temp-dir";
import { withDuckFile } from "../testing/duck";

const { dir, write } = tempDir("duckdb");

const config = {
  client: { base_url: "https://api.example.com" },
  resources: [{ name: "orders", primary_key: "id", write_disposition: "merge", endpoint: { path: "/orders", paginator: "single_page" } }],
};
write("orders.json", JSON.stringify(config));

let run = 0;
const fetch = async () => {
  run++;
  const body =
    run === 1
      ? '[{"id": 1, "at": "2025-01-01T10:00:00Z", "total": 3.0, "lines": [{"sku": "a"}]}, {"id": 2, "total": 5, "ref": 12345678901234567}]'
      : '[{"id": 2, "total": 9, "lines": [{"sku": "b"}]}, {"id": 3, "total": 1}]';
  return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
};

describe("restplay run --duckdb", () => {
  it("writes the DuckDB file dlt's duckdb destination would leave", async () => {
    const out = await cli(["run", "orders.json", "--state-dir", "state", "--duckdb", "out.duckdb"], { cwd: dir, fetch });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/duckdb: .*out\.duckdb \(dataset rest_api_data: 2 tables, _dlt_loads, _dlt_version\)/);
    await withDuckFile(join(dir, "out.duckdb"), async (conn) => {
      const layout = await readLayout(conn);
      expect(layout.map((t) => t.name)).toEqual(["_dlt_version", "_dlt_loads", "orders", "orders__lines"]);
      const orders = layout.find((t) => t.name === "orders")!;
      expect(orders.columns.map((c) => `${c.name} ${c.duck_type}${c.nullable ? "" : " NOT NULL"}`)).toEqual([
        "id BIGINT NOT NULL",
        "at TIMESTAMP WITH TIME ZONE",
        "total DOUBLE",
        "_dlt_load_id VARCHAR NOT NULL",
        "_dlt_id VARCHAR NOT NULL",
        "ref BIGINT",
      ]);
      const rows = await conn.runAndReadAll(
        "SELECT id, ref, l.sku FROM rest_api_data.orders o " +
          "LEFT JOIN rest_api_data.orders__lines l ON l._dlt_root_id = o._dlt_id ORDER BY id",
      );
      expect(rows.getRowsJson()).toEqual([
        ["1", null, "a"],
        ["2", "12345678901234567", null],
      ]);
    });
  });

  it("after a second run (kept in --state-dir) holds both loads, merged", async () => {
    const out = await cli(["run", "orders.json", "--state-dir", "state", "--duckdb", "out.duckdb"], { cwd: dir, fetch });
    expect(out.code).toBe(0);
    await withDuckFile(join(dir, "out.duckdb"), async (conn) => {
      const loads = await conn.runAndReadAll("SELECT count(*), min(status), max(schema_name) FROM rest_api_data._dlt_loads");
      expect(loads.getRowsJson()).toEqual([["2", "0", "rest_api"]]);
      const orders = await conn.runAndReadAll("SELECT id, total FROM rest_api_data.orders ORDER BY id");
      expect(orders.getRowsJson()).toEqual([
        ["1", 3],
        ["2", 9],
        ["3", 1],
      ]);
      const version = await conn.runAndReadAll(
        "SELECT schema_name, engine_version, json_extract_string(schema, '$.name') FROM rest_api_data._dlt_version",
      );
      expect(version.getRowsJson()).toEqual([["rest_api", "11", "rest_api"]]);
    });
  });

  it("a load DuckDB refuses leaves an existing file as it was (the new one is written beside it)", async () => {
    const tiny = {
      client: { base_url: "https://api.example.com" },
      resources: [{ name: "t", columns: { v: { data_type: "bigint", precision: 8 } }, endpoint: { path: "/t", paginator: "single_page" } }],
    };
    write("tiny.json", JSON.stringify(tiny));
    let body = '[{"v": 1}]';
    const small = async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
    expect((await cli(["run", "tiny.json", "--duckdb", "tiny.duckdb"], { cwd: dir, fetch: small })).code).toBe(0);
    const before = readFileSync(join(dir, "tiny.duckdb"));
    body = '[{"v": 300}]';
    // dlt's load fails on the value (its job, and so the load): the run is not loaded and the file is left alone.
    const refused = await cli(["run", "tiny.json", "--duckdb", "tiny.duckdb"], { cwd: dir, fetch: small });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("dlt fails the load on a value DuckDB refuses in its load step (above): nothing was loaded");
    expect(refused.stdout + refused.stderr).toContain("tiny.duckdb left as it was (nothing was loaded)");
    expect(readFileSync(join(dir, "tiny.duckdb")).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes(".part"))).toEqual([]);
    // A record without its primary key: DuckDB's NOT NULL constraint, told on the table; nothing written.
    const keyed = {
      client: tiny.client,
      resources: [{ name: "k", primary_key: "id", endpoint: { path: "/k", paginator: "single_page" } }],
    };
    write("keyed.json", JSON.stringify(keyed));
    body = '[{"id": 1}, {"x": 2}]';
    const nullKey = await cli(["run", "keyed.json", "--duckdb", "keyed.duckdb"], { cwd: dir, fetch: small });
    expect(nullKey.code).toBe(1);
    expect(nullKey.stdout).toContain("NOT NULL constraint failed: k.id");
    expect(readdirSync(dir)).not.toContain("keyed.duckdb");
  });

  it("refuses before the run to replace a file that is no DuckDB database (`--duckdb orders.json`, the config itself)", async () => {
    let asked = 0;
    const counted = async () => (asked++, fetch());
    const before = readFileSync(join(dir, "orders.json"));
    const r = await cli(["run", "orders.json", "--duckdb", "orders.json"], { cwd: dir, fetch: counted });
    expect([r.code, asked]).toEqual([2, 0]);
    expect(r.stderr).toMatch(/--duckdb .*orders\.json: it is not a DuckDB database, and the run would replace it/);
    expect(readFileSync(join(dir, "orders.json")).equals(before)).toBe(true);
  });

  it.runIf(existsSync("/proc/self"))(
    "refuses before the run a place it cannot write, even where access() says it may (root and /proc)",
    async () => {
      let asked = 0;
      const counted = async () => (asked++, fetch());
      const r = await cli(["run", "orders.json", "--duckdb", "/proc/orders.duckdb"], { cwd: dir, fetch: counted });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("--duckdb /proc/orders.duckdb: /proc cannot be written");
      expect(asked).toBe(0);
      expect(readdirSync(dir).filter((f) => f.startsWith(".restplay-write-check"))).toEqual([]);
    },
  );
});
