/**
 * A result is weighed on DuckDB's vectors before it is converted (`weigh.ts`): the weight must see
 * inside every nested type and every string without converting it — node-api keeps some of what it
 * reads private, and this fails if a new node-api moves it — and it must stay at or under the JSON the
 * console counts, so a result that fits is never cut for its weight.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DuckDBDataChunk, DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { MAX_RESULT_BYTES, runReadOnly } from "./console";
import { rowWeight } from "./weigh";

let instance: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  conn = await instance.connect();
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

async function weightOf(sql: string): Promise<number> {
  const result = await conn.stream(sql);
  const chunk = await result.fetchChunk();
  if (!chunk) throw new Error("no chunk");
  const vectors = result.columnNames().map((_, i) => chunk.getColumnVector(i));
  return rowWeight(vectors, 0, Number.MAX_SAFE_INTEGER);
}

describe("weighing a result before converting it", () => {
  it("sees the values inside lists, arrays, maps, structs and unions, and the length of strings and blobs", async () => {
    for (const [sql, atLeast] of [
      ["SELECT range(0, 100000)", 200_000],
      ["SELECT [range(0, 50000), range(0, 50000)]", 200_000],
      ["SELECT array_value(range(0, 100000), range(0, 100000))::BIGINT[][2]", 400_000],
      ["SELECT {'a': range(0, 100000)}", 200_000],
      ["SELECT map([1], [range(0, 100000)])", 200_000],
      ["SELECT union_value(l := range(0, 100000))", 200_000],
      ["SELECT repeat('x', 300000)", 100_000],
      ["SELECT repeat('x', 300000)::BLOB", 100_000],
    ] as const) {
      expect(await weightOf(sql), sql).toBeGreaterThanOrEqual(atLeast);
    }
    expect(await weightOf("SELECT NULL::BIGINT[], NULL::VARCHAR, 1")).toBeLessThan(10);
  });

  it("stays at or under the JSON the console counts, so what fits is not cut", async () => {
    for (const sql of [
      "SELECT range(0, 1000) AS r, 'é€😀 text' AS s, {'a': [1, 2], 'b': 'x'} AS st, map([1, 2], ['a', 'b']) AS m",
      "SELECT encode(repeat('é', 1000)) AS b, [NULL, 1] AS l, union_value(k := 'x') AS u",
    ]) {
      const out = await runReadOnly(conn, sql);
      if (!out.ok) throw new Error(out.error.message);
      expect(await weightOf(sql)).toBeLessThanOrEqual(JSON.stringify(out.result.rows[0]).length);
    }
  });

  it("cuts a result too big to convert before converting it: one huge cell, or a chunk of big ones", async () => {
    const converted = vi.spyOn(DuckDBDataChunk.prototype, "convertRowValues");
    const cell = await runReadOnly(conn, "SELECT range(0, n) AS r FROM (VALUES (5000000)) t(n)");
    expect(cell.ok && { rows: cell.result.rows.length, truncated: cell.result.truncated }).toEqual({ rows: 0, truncated: true });
    expect(converted).not.toHaveBeenCalled();
    const chunk = await runReadOnly(conn, "SELECT range(0, 20000) AS r FROM range(2048)");
    if (!chunk.ok) throw new Error(chunk.error.message);
    expect(chunk.result.truncated).toBe(true);
    expect(JSON.stringify(chunk.result.rows).length).toBeLessThanOrEqual(MAX_RESULT_BYTES);
    expect(chunk.result.rows.length).toBeGreaterThan(10);
    // The rows returned, and the one that passed the limit: not the chunk's other 2,000.
    expect(converted.mock.calls.length).toBeLessThanOrEqual(chunk.result.rows.length + 1);
    converted.mockRestore();
  });
});
