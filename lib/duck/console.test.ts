/** The SQL console: one read-only statement, located refusals and errors, a database that reaches nothing outside. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DuckDBExtractedStatements } from "@duckdb/node-api";
import { createDestination, type DestinationState } from "../preview";
import { goldenCase } from "../testing/golden";
import { runGoldenOnce } from "../testing/golden-run";
import { MAX_RESULT_BYTES, openLockedDatabase, runReadOnly, splitStatements, type LockedDatabase, type SqlOutcome } from "./index";

let db: LockedDatabase;
let state: DestinationState;

beforeAll(async () => {
  const c = goldenCase("merge-primary-key");
  const destination = createDestination();
  for (const run of c.runs) await runGoldenOnce(c, run, destination);
  state = destination.state();
  db = await openLockedDatabase(state);
});
afterAll(() => db.close());

const refused = (o: SqlOutcome) => (o.ok ? null : o.error);

describe("the SQL console", () => {
  it("answers a SELECT on the dataset's tables (unqualified names, dlt's own tables too)", async () => {
    const out = await runReadOnly(db.connection, "SELECT count(*) AS n FROM customers");
    expect(out.ok && out.result.rows).toEqual([[String(state.rows.customers?.length)]]);
    const loads = await runReadOnly(db.connection, "from _dlt_loads select status");
    expect(loads.ok && loads.result.rows.length).toBe(2);
    const described = await runReadOnly(db.connection, "DESCRIBE customers__phones");
    expect(described.ok && described.result.columns[0]?.name).toBe("column_name");
  });

  it("refuses writes, DDL, ATTACH, COPY, SET and PRAGMA statements, located at their keyword", async () => {
    for (const sql of [
      "DELETE FROM customers",
      "  drop table customers",
      "ATTACH 'x.db'",
      "COPY customers TO 'x.csv'",
      "SET threads = 4",
      "INSTALL httpfs",
      "CALL pragma_version()",
      "EXPLAIN ANALYZE DELETE FROM customers",
    ]) {
      const e = refused(await runReadOnly(db.connection, sql));
      expect(e?.code, sql).toBe("not_read_only");
      expect(sql.slice(e?.start, e?.end).toUpperCase(), sql).toBe(sql.trim().split(/\s/)[0]?.toUpperCase());
    }
    const count = await runReadOnly(db.connection, "SELECT count(*) FROM customers");
    expect(count.ok && count.result.rows).toEqual([[String(state.rows.customers?.length)]]);
  });

  it("runs one statement at a time and says where the second starts", async () => {
    const sql = "SELECT 1; -- a comment; still\n  SELECT 2;";
    const e = refused(await runReadOnly(db.connection, sql));
    expect(e?.code).toBe("one_statement");
    expect(sql.slice(e?.start, e?.end)).toBe("SELECT 2");
    expect((await runReadOnly(db.connection, "SELECT ';' AS x; ")).ok).toBe(true);
    expect(refused(await runReadOnly(db.connection, " -- nothing\n"))?.code).toBe("empty_query");
  });

  it("locates parser and binder errors in the query", async () => {
    const sql = "SELECT name,\n  nope\nFROM customers";
    const e = refused(await runReadOnly(db.connection, sql));
    expect(e?.code).toBe("sql_error");
    expect(e?.message).toMatch(/Referenced column "nope" not found/);
    expect(sql.slice(e?.start, e?.end)).toBe("nope");
    const typo = "SELECT * FORM customers";
    const p = refused(await runReadOnly(db.connection, typo));
    expect(p?.message).toMatch(/syntax error/);
    expect(p?.start).toBeGreaterThan(8);
  });

  it("reaches no file and no setting: external access is off and the configuration locked", async () => {
    for (const sql of ["SELECT * FROM read_csv('/etc/passwd')", "SELECT * FROM read_text('/etc/hostname')", "SELECT * FROM glob('/*')"]) {
      const e = refused(await runReadOnly(db.connection, sql));
      expect(e?.message, sql).toMatch(/disabled by configuration/);
    }
  });

  it("caps the rows it returns and their bytes, and stops a query that runs too long", async () => {
    const limits = { rows: 10, ms: 5000, bytes: MAX_RESULT_BYTES };
    const big = await runReadOnly(db.connection, "SELECT * FROM range(100)", limits);
    expect(big.ok && [big.result.rows.length, big.result.truncated]).toEqual([10, true]);
    // Long values: cut once their text passes the byte budget (the rest of the result is never converted).
    const wide = await runReadOnly(db.connection, "SELECT repeat('a', 1000) AS t FROM range(100)", { ...limits, rows: 1000, bytes: 5000 });
    expect(wide.ok && [wide.result.rows.length, wide.result.truncated]).toEqual([4, true]);
    const all = await runReadOnly(db.connection, "SELECT repeat('a', 10) AS t FROM range(3000)", { ...limits, rows: 5000 });
    expect(all.ok && [all.result.rows.length, all.result.truncated]).toEqual([3000, false]);
    const slow = await runReadOnly(db.connection, "SELECT count(*) FROM range(1000000000000) a", { ...limits, ms: 200 });
    expect(refused(slow)?.code).toBe("timeout");
    // Seconds of constant folding while DuckDB prepares: inside the limit too (the prepare is interrupted).
    const prepare = vi.spyOn(DuckDBExtractedStatements.prototype, "prepare");
    const folded = "SELECT length(list_transform(range(0, 8000000), x -> x::VARCHAR || 'aaaa'))";
    expect(refused(await runReadOnly(db.connection, folded, { ...limits, ms: 200 }))?.code).toBe("timeout");
    await expect(prepare.mock.results[0]?.value).rejects.toThrow(/Interrupted/);
    prepare.mockRestore();
  });

  it("splits statements around quotes, comments and dollar strings", () => {
    const spans = splitStatements("select 'a;b', \"c;d\" /* ; */; select $$;$$ -- ;\n;");
    expect(spans.map((s) => s.keyword)).toEqual(["SELECT", "SELECT"]);
  });
});
