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

describe("TracePrinter with resources taking turns", () => {
  it("says whose lines follow when the resource changes, and only then", () => {
    const lines: string[] = [];
    const p = new TracePrinter((l) => lines.push(l), plain);
    const page = (resource: string, n: number): EngineEvent => ({
      type: "page",
      resource,
      page: n,
      request_id: n,
      records: [],
      count: 0,
      selector: "data",
      selector_source: "configured",
    });
    p.event(start);
    p.event(page("r", 1));
    p.event({ ...start, resource: "s" });
    p.event(page("s", 1));
    p.event(page("r", 2));
    p.event(page("r", 3));
    p.event({ type: "resource_done", resource: "s", ok: true, stats: { requests: 1, pages: 1, retries: 0, records_fetched: 0 } });
    expect(lines.filter((l) => !l.includes("paginator") && l.trim() !== "")).toEqual([
      "r\n",
      "  page 1: 0 records\n",
      "s\n",
      "  page 1: 0 records\n",
      "r (continued)\n",
      "  page 2: 0 records\n",
      "  page 3: 0 records\n",
      "s (continued)\n",
      "  done: 1 page, 0 records, 1 request, 0 retries\n",
    ]);
  });
});

describe("TracePrinter with a page whose yield_map gives its records later", () => {
  it("prints the page's line once the last of them came, counting them; records under way print no header", () => {
    const lines: string[] = [];
    const p = new TracePrinter((l) => lines.push(l), plain);
    const page = (resource: string, count: number, extra: object): EngineEvent => ({
      type: "page",
      resource,
      page: 1,
      request_id: resource === "r" ? 1 : 2,
      records: [],
      count,
      selector: "data",
      selector_source: "configured",
      ...extra,
    });
    const done = (resource: string): EngineEvent => ({
      type: "resource_done",
      resource,
      ok: true,
      stats: { requests: 1, pages: 1, retries: 0, records_fetched: 3 },
    });
    p.event(start);
    p.event(page("r", 0, { later: true }));
    p.event({ ...start, resource: "s" });
    p.event(page("s", 0, { later: true }));
    p.event(page("r", 2, { continued: true }));
    p.event(page("s", 3, { continued: true }));
    p.event(page("r", 1, { continued: true }));
    p.event(page("r", 0, { continued: true, settled: true }));
    // `s` ends before its last record came (closed by its incremental, or a limit): its line counts what came.
    p.event(done("s"));
    expect(lines.filter((l) => !l.includes("paginator") && l.trim() !== "")).toEqual([
      "r\n",
      "s\n",
      "r (continued)\n",
      "  page 1: 3 records\n",
      "s (continued)\n",
      "  page 1: 3 records\n",
      "  done: 1 page, 3 records, 1 request, 0 retries\n",
    ]);
  });
});

describe("TracePrinter messages over several lines", () => {
  it("indents an error's further lines (the response's excerpt) under it", () => {
    const lines: string[] = [];
    const p = new TracePrinter((l) => lines.push(l), plain);
    p.event(start);
    const message = '503 Server Error: Service Unavailable for url: https://api.test/items\nResponse: {"error":"down"}';
    p.event({ type: "error", resource: "r", error: { code: "http_error", message } });
    expect(lines.at(-1)).toBe(
      '  error http_error: 503 Server Error: Service Unavailable for url: https://api.test/items\n      Response: {"error":"down"}\n',
    );
  });
});
