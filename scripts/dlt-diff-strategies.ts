/**
 * The `--strategies` cases of scripts/dlt-diff.ts: one `upsert`, `insert-only` or `scd2` resource and
 * two or three runs of generated records (keys that repeat within and across runs, nested lists that
 * grow and shrink, `hard_delete` flags, scd2's `merge_key`, validity columns, active record and
 * boundary timestamps, a row version column), recorded by scripts/record-merge-strategies.py on dlt's
 * DuckDB destination and compared by lib/testing/strategies.ts.
 */
import type { Json } from "../lib/engine";
import { KEYS, KINDS, Raw, rng, value, write, type Gen } from "./dlt-diff-cases";

export interface GeneratedStrategyCase {
  readonly id: string;
  readonly summary: string;
  readonly resource: Record<string, Json>;
  readonly bodies: string[];
}

export function makeStrategyCase(seed: number): GeneratedStrategyCase {
  const r = rng(seed);
  const strategy = r.pick(["upsert", "insert-only", "scd2"] as const);
  const wd: Record<string, Json> = { disposition: "merge", strategy };
  const resource: Record<string, Json> = { name: "items", endpoint: { path: "items", paginator: "single_page" }, write_disposition: wd };
  const columns: Record<string, Json> = {};
  const compound = strategy !== "scd2" && r.next() < 0.3;
  if (strategy !== "scd2") resource.primary_key = compound ? ["id", "region"] : "id";
  let version = false;
  if (strategy === "scd2") {
    // A primary_key beside scd2 is only a not-null column (versions go by row hash).
    if (r.next() < 0.25) resource.primary_key = "id";
    if (r.next() < 0.35) resource.merge_key = "region";
    if (r.next() < 0.2) wd.validity_column_names = ["valid_from", "valid_to"];
    if (r.next() < 0.25) wd.active_record_timestamp = r.pick(["9999-12-31", "2100-01-01T00:00:00Z"]);
    if (r.next() < 0.2) wd.boundary_timestamp = r.pick(["2024-06-01T12:00:00+02:00", "2024-01-01"]);
    if (r.next() < 0.2) {
      wd.row_version_column_name = "version";
      version = true;
    }
  } else if (r.next() < 0.35) columns.deleted = r.next() < 0.5 ? { hard_delete: true, data_type: "bool" } : { hard_delete: true };
  if (Object.keys(columns).length > 0) resource.columns = columns;
  // A few extra keys per case, each with one kind (drifting now and then).
  // Not integers beyond 64 bits: DuckDB's bigint fails on those above 2^63 (dlt's extract takes them up to 2^64).
  const kinds = KINDS.filter((k) => k !== "bigint");
  const extras = Array.from({ length: r.int(3) }, () => [r.pick(KEYS.filter((k) => k !== "id")), r.pick(kinds)] as const);
  const record = (): Gen => {
    const rec: Record<string, Gen> = { id: 1 + r.int(5), region: r.pick(["eu", "us"]) };
    if (r.next() < 0.8) rec.name = r.pick(["a", "b", "ünï", 'x"y']);
    if (r.next() < 0.3) rec.score = r.pick([new Raw("1.0"), new Raw("2.5"), new Raw("1e-7"), new Raw("0.00001"), 3]);
    if (version) rec.version = r.pick(["v1", "v2"]);
    if (columns.deleted && r.next() < 0.35)
      rec.deleted =
        columns.deleted && (columns.deleted as { data_type?: string }).data_type ? r.pick([true, false, null]) : r.pick(["yes", null]);
    if (r.next() < 0.6) rec.tags = Array.from({ length: r.int(4) }, () => r.pick(["p", "q", "r"]));
    if (r.next() < 0.4)
      rec.items = Array.from({ length: r.int(3) }, () => ({ k: r.int(3), sub: Array.from({ length: r.int(2) }, () => r.int(9)) }));
    if (r.next() < 0.3) rec.meta = { a: r.int(3), b: r.pick(["x", "y"]) };
    for (const [key, kind] of extras) if (r.next() < 0.6) rec[key] = value(r, r.next() < 0.85 ? kind : r.pick(kinds), 1);
    return rec;
  };
  // Later runs repeat earlier records now and then (unchanged versions, unchanged keys).
  const seen: Gen[] = [];
  // Upsert: one record per key in a run — which of several updates a stored row is DuckDB's pick.
  const keyOf = (rec: Gen): string => {
    const o = rec as Record<string, Gen>;
    return JSON.stringify(compound ? [o.id, o.region] : o.id);
  };
  const bodies = Array.from({ length: 2 + r.int(2) }, () => {
    let records = Array.from({ length: r.next() < 0.1 ? 0 : 1 + r.int(6) }, () =>
      seen.length > 0 && r.next() < 0.35 ? (r.pick(seen) as Gen) : record(),
    );
    if (strategy === "upsert") records = records.filter((rec, i) => records.findIndex((x) => keyOf(x) === keyOf(rec)) === i);
    seen.push(...records);
    return write(records);
  });
  return { id: `strategy-${seed}`, summary: `${strategy} ${JSON.stringify(resource)}`, resource, bodies };
}
