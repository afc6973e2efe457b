/**
 * The /api/duckdb routes end to end: a destination synced for a session, read-only queries with
 * located refusals, 409 for a revision the server does not hold, and downloads that DuckDB opens
 * with dlt's layout (and CSV / Parquet / JSONL of one table).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { readLayout, type QueryResponse } from "@/lib/duck";
import { getExample } from "@/lib/examples";
import { createDestination, createPreview, destinationRevision, type DestinationState } from "@/lib/preview";
import { createRunCollector, prepareRun } from "@/lib/run";
import { POST as sync } from "./sync/route";
import { POST as query } from "./query/route";
import { POST as file } from "./file/route";

const dir = mkdtempSync(join(tmpdir(), "restplay-duck-route-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const call = (route: (r: Request) => Promise<Response>, body: unknown, headers: Record<string, string> = {}) =>
  route(
    new Request("http://127.0.0.1:3100/api/duckdb", {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", ...headers },
    }),
  );

let state: DestinationState;
let revision: string;
const session = "test-session-1";

/** lab-parent-child against the mocks: posts, and comments per post (a root table each). */
beforeAll(async () => {
  const prepared = prepareRun({ text: getExample("lab-parent-child")!.text, target: "mock", resources: [], secrets: {}, limits: {} }, {});
  if (!prepared.ok) throw new Error(prepared.message);
  const collector = createRunCollector();
  for await (const e of prepared.events) collector.push(e);
  state = collector.preview.destination.state();
  revision = destinationRevision(state);
});

describe("/api/duckdb", () => {
  it("answers 409 until the session's destination is synced, then queries it", async () => {
    const before = await call(query, { session, revision, sql: "SELECT 1" });
    expect(before.status).toBe(409);
    expect(await before.json()).toMatchObject({ error: { code: "destination_unknown" } });
    const synced = await call(sync, { session, revision, state });
    expect(synced.status).toBe(200);
    const res = await call(query, { session, revision, sql: "SELECT count(*) AS n FROM posts" });
    const out = (await res.json()) as QueryResponse;
    expect(out.ok && out.result.rows).toEqual([[String(state.rows.posts?.length)]]);
    expect((await call(query, { session, revision: "9:x", sql: "SELECT 1" })).status).toBe(409);
  });

  it("refuses anything but one read-only statement, and says where", async () => {
    const sql = "SELECT 1;\nDELETE FROM posts";
    const out = (await (await call(query, { session, revision, sql })).json()) as QueryResponse;
    expect(out.ok).toBe(false);
    if (!out.ok) expect([out.error.code, sql.slice(out.error.start, out.error.end)]).toEqual(["one_statement", "DELETE FROM posts"]);
    const del = (await (await call(query, { session, revision, sql: "delete from posts" })).json()) as QueryResponse;
    expect(!del.ok && del.error.code).toBe("not_read_only");
  });

  it("downloads the .duckdb file dlt's duckdb destination would leave", async () => {
    const res = await call(file, { session, revision, format: "duckdb" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="rest_api_pipeline.duckdb"');
    const path = join(dir, "download.duckdb");
    writeFileSync(path, new Uint8Array(await res.arrayBuffer()));
    const instance = await DuckDBInstance.create(path, { access_mode: "READ_ONLY" });
    const conn = await instance.connect();
    try {
      const layout = await readLayout(conn);
      expect(layout.map((t) => t.name)).toEqual([
        "_dlt_version",
        "_dlt_loads",
        ...state.schema
          .filter((t) => t.seen_data)
          .map((t) => t.name)
          .sort(),
      ]);
      const loads = await conn.runAndReadAll("SELECT count(*) FROM rest_api_data._dlt_loads");
      expect(loads.getRowsJson()).toEqual([["1"]]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  it("downloads one table as CSV, Parquet and JSON lines, and 404s an unknown table", async () => {
    const csv = await call(file, { session, revision, format: "csv", table: "posts" });
    const text = await csv.text();
    expect(text.split("\n")[0]).toContain("_dlt_id");
    expect(text.trim().split("\n")).toHaveLength(1 + (state.rows.posts?.length ?? 0));
    const parquet = new Uint8Array(await (await call(file, { session, revision, format: "parquet", table: "posts" })).arrayBuffer());
    expect(new TextDecoder().decode(parquet.slice(0, 4))).toBe("PAR1");
    const jsonl = await (await call(file, { session, revision, format: "jsonl", table: "comments" })).text();
    expect(JSON.parse(jsonl.split("\n")[0] ?? "{}")).toHaveProperty("_posts_title");
    expect((await call(file, { session, revision, format: "csv", table: "nope" })).status).toBe(404);
  });

  it("answers 422 load_fails, naming the table, for a stored value DuckDB refuses (as dlt's load step fails on it)", async () => {
    const destination = createDestination();
    const preview = createPreview({ destination });
    preview.push({ type: "run_start", resources: ["r"], at: 0 });
    const columns = [{ name: "tiny", data_type: "bigint" as const, precision: 8 }];
    const common = { resource: "r", table_name: "r", paginator: "single_page", data_selector: null, primary_key: null, parent: null };
    const hints = { max_table_nesting: null, merge_key: null, merge_strategy: null };
    preview.push({ type: "resource_start", ...common, ...hints, write_disposition: "append", columns });
    const records = [{ tiny: 100 }, { tiny: 300 }];
    preview.push({ type: "page", resource: "r", page: 1, request_id: 1, records, count: 2, selector: "$", selector_source: "detected" });
    preview.push({ type: "done", ok: true, duration_ms: 1, stats: {} });
    expect(preview.tables()[0]?.warnings).toEqual([expect.stringContaining("DuckDB's TINYINT (`precision: 8`) cannot hold it")]);
    // dlt does not load such a run, and neither does the preview: a state holding the value comes from elsewhere
    // (a file of an older restplay): the first run's 100 loaded, then its cell edited to 300.
    expect(preview.refusal()).toBe("a value DuckDB refuses in its load step");
    const first = createPreview({ destination });
    first.push({ type: "run_start", resources: ["r"], at: 0 });
    first.push({ type: "resource_start", ...common, ...hints, write_disposition: "append", columns });
    first.push({
      type: "page",
      resource: "r",
      page: 1,
      request_id: 1,
      records: [{ tiny: 100 }],
      count: 1,
      selector: "$",
      selector_source: "detected",
    });
    first.push({ type: "done", ok: true, duration_ms: 1, stats: {} });
    const state = JSON.parse(JSON.stringify(destination.state())) as DestinationState & { rows: Record<string, { tiny: number }[]> };
    state.rows.r![0]!.tiny = 300;
    const odd = { session: "test-session-odd", revision: destinationRevision(state) };
    expect((await call(sync, { ...odd, state })).status).toBe(200);
    for (const res of [await call(file, { ...odd, format: "duckdb" }), await call(query, { ...odd, sql: "SELECT 1" })]) {
      expect(res.status).toBe(422);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("load_fails");
      expect(error.message).toMatch(/^DuckDB refuses a value of `r` \(.*300.*\): dlt's load step fails on it too/);
    }
  });

  it("refuses cross-site callers and bodies that fail the contract", async () => {
    const cross = await call(
      query,
      { session, revision, sql: "SELECT 1" },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    );
    expect(cross.status).toBe(403);
    const bad = await call(sync, { session: "x", revision, state });
    expect(bad.status).toBe(400);
    const wrong = await call(sync, { session, revision: "7:nope", state });
    expect(wrong.status).toBe(400);
  });
});
