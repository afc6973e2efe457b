/**
 * A later run's hint that changes the data type of a column the destination's table has (checked with
 * dlt 1.26 on DuckDB): dlt's schema takes the new type, the table keeps its column's type and casts what
 * it loads — the preview says so.
 */
import { describe, expect, it } from "vitest";
import type { ColumnHint, DataRecord, EngineEvent } from "../engine/types";
import type { ContractSetting } from "../config/resolved";
import { page, start } from "../testing/preview-events";
import { createDestination, createPreview, type Destination } from "./index";

function run(destination: Destination, columns: ColumnHint[], records: DataRecord[], schema_contract?: ContractSetting) {
  const p = createPreview({ destination });
  for (const e of [
    { type: "run_start", resources: ["items"], at: 0 },
    start("items", { primary_key: ["id"], write_disposition: "merge", columns, ...(schema_contract ? { schema_contract } : {}) }),
    page("items", records),
    { type: "done", ok: true, duration_ms: 1, stats: {} },
  ] as EngineEvent[])
    p.push(e);
  return { warnings: p.resources()[0]!.warnings, column: p.tables()[0]?.columns.find((c) => c.name === "n") };
}

describe("a hint that changes a loaded column's type", () => {
  it("dlt's schema takes the new type; the destination's column keeps the old one, and the run says so", () => {
    const destination = createDestination();
    expect(run(destination, [], [{ id: 1, n: 14 }]).warnings).toEqual([]);
    const second = run(destination, [{ name: "n", data_type: "text" }], [{ id: 2, n: 52 }]);
    expect(second.column?.data_type).toBe("text");
    expect(second.warnings).toEqual([
      "the resource's hints change `data_type` of `n` in `items` (`bigint` → `text`): dlt's schema takes it, but the destination's " +
        "`n` column stays `bigint` (dlt never alters a column's type), so this run's values are cast to `bigint` as they load and " +
        "dlt's load step fails on one that cannot be; the preview shows them as `text`. To change the type, drop the table or load " +
        "into a new dataset",
    ]);
  });

  it("says nothing for a table's first load, a hint that keeps the type, or a hint a contract leaves out", () => {
    expect(run(createDestination(), [{ name: "n", data_type: "text" }], [{ id: 1, n: 14 }]).warnings).toEqual([]);
    const same = createDestination();
    run(same, [], [{ id: 1, n: 14 }]);
    expect(run(same, [{ name: "n", data_type: "bigint" }], [{ id: 2, n: 5 }]).warnings).toEqual([]);
    const kept = createDestination();
    run(kept, [], [{ id: 1, n: 14 }], { data_type: "discard_value" });
    const discarded = run(kept, [{ name: "n", data_type: "text" }], [{ id: 2, n: 52 }], { data_type: "discard_value" });
    expect(discarded.column?.data_type).toBe("bigint");
    expect(discarded.warnings).toEqual([expect.stringContaining("dlt leaves the hint out and keeps `n` as it is")]);
  });
});
