/**
 * Figure 3: normalise + merge 100,000 nested records into dlt-shaped tables (dlt's normaliser and
 * delete-insert merge, `lib/preview`): run 1 into an empty destination, run 2 on top of run 1's load.
 */
import { createDestination, createPreview, type Destination } from "../lib/preview";
import type { DataRecord } from "../lib/engine";
import { figure, type Figure } from "./figures";

/** 100,000 nested records (10,000 repeat a key): a dict, a dict in a dict, two lists. */
export function nestedRecords(n = 100_000): DataRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i % 90_000,
    name: `customer ${i}`,
    created_at: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
    amount: i % 11 === 0 ? null : i / 7,
    address: {
      city: ["Berlin", "Oslo"][i % 2] ?? "",
      geo: { lat: 52.5, lon: 13.4 },
    },
    tags: i % 3 === 0 ? ["a", "b"] : [],
    lines: [{ sku: `s${i}`, qty: 1 }],
  }));
}

/** One merge run of `records` into `destination`, as the engine's events feed it; its time in ms. */
export function mergeRun(destination: Destination, records: readonly DataRecord[]): number {
  const n = records.length;
  const preview = createPreview({ destination });
  const t = performance.now();
  preview.push({ type: "run_start", resources: ["customers"], at: 0 });
  preview.push({
    type: "resource_start",
    resource: "customers",
    paginator: "offset",
    data_selector: "data",
    primary_key: ["id"],
    write_disposition: "merge",
    parent: null,
    table_name: "customers",
    max_table_nesting: null,
    merge_key: null,
    merge_strategy: null,
    columns: [],
  });
  for (let p = 0; p < n / 100; p++) {
    const page = records.slice(p * 100, p * 100 + 100);
    preview.push({
      type: "page",
      resource: "customers",
      page: p + 1,
      request_id: p + 1,
      records: page,
      count: page.length,
      selector: "data",
      selector_source: "configured",
    });
  }
  preview.push({ type: "done", ok: true, duration_ms: 0, stats: {} });
  const tables = preview.tables();
  const ms = performance.now() - t;
  if (tables[0]?.stats.merged !== 90_000) throw new Error(`expected 90,000 merged rows, got ${tables[0]?.stats.merged}`);
  return ms;
}

export function previewFigures(): Figure[] {
  const records = nestedRecords();
  const run = (destination: Destination) => mergeRun(destination, records);
  const twice = () => {
    const destination = createDestination();
    return [run(destination), run(destination)] as const;
  };
  twice();
  const runs = [twice(), twice(), twice()];
  const first = Math.min(...runs.map((r) => r[0]));
  const second = Math.min(...runs.map((r) => r[1]));
  const note = "100,000 records (10,000 duplicates), nested dict + 2 lists → root + 2 child tables, dlt's types and nullability";
  return [
    figure("preview.merge_100k_nested_ms", first, "ms", 500, {
      note: `${note}; into an empty destination`,
    }),
    figure("preview.merge_100k_nested_run2_ms", second, "ms", 500, {
      note: `${note}; delete-insert over run 1's 90,000 rows`,
    }),
  ];
}
