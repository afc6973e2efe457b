import { describe, expect, it } from "vitest";
import { TracePrinter } from "./trace";
import { styleFor } from "./io";
import type { EngineEvent } from "../engine";

const plain = styleFor({ write: () => true, isTTY: false } as never, { NO_COLOR: "1" });
const start: Extract<EngineEvent, { type: "resource_start" }> = {
  type: "resource_start",
  resource: "r",
  paginator: "single_page",
  data_selector: null,
  primary_key: ["id"],
  write_disposition: "merge",
  parent: null,
  table_name: "r",
  max_table_nesting: null,
  merge_key: null,
  merge_strategy: null,
  columns: [],
};

describe("TracePrinter resource header", () => {
  it("names the effective settings, and says when parallelized runs concurrently or in order", () => {
    const lines: string[] = [];
    const p = new TracePrinter((l) => lines.push(l), plain);
    p.event(start);
    p.event({ ...start, resource: "s", parallelized: "concurrent" });
    p.event({ ...start, resource: "t", parallelized: "in_order" });
    const headers = lines.filter((l) => l.includes("paginator"));
    expect(headers).toEqual([
      "  paginator single_page · data_selector (detected) · primary_key id · merge\n",
      "  paginator single_page · data_selector (detected) · primary_key id · merge · parallelized (concurrent)\n",
      "  paginator single_page · data_selector (detected) · primary_key id · merge · parallelized (in order against the mock)\n",
    ]);
  });
});
