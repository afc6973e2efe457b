/**
 * The merge strategies `upsert`, `insert-only` and `scd2` against real dlt 1.26.0 on its duckdb
 * destination (lib/testing/fixtures/merge-strategies.json, recorded by
 * scripts/record-merge-strategies.py): each case's bodies run by run through the real engine and
 * the preview into one destination, and after every run the tables, their columns (types,
 * nullability, hints) and every row — dlt's own `_dlt_id`s included, which these strategies derive
 * from the primary key or the record — must be dlt's, and after the last run dlt's stored schema
 * (lib/testing/strategies.ts).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readStrategyCases, strategyProblems } from "../testing/strategies";

const { cases, numberText } = readStrategyCases(readFileSync(resolve(__dirname, "../testing/fixtures/merge-strategies.json"), "utf8"));

describe("merge strategies as dlt 1.26.0 loads them into duckdb", () => {
  it("has the recorded cases", () => expect(cases.length).toBeGreaterThanOrEqual(13));

  for (const c of cases) it(`${c.id}: ${c.summary}`, async () => expect(await strategyProblems(c, numberText)).toEqual([]));
});
