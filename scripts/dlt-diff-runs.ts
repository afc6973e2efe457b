/**
 * The `--runs` cases of scripts/dlt-diff.ts: one resource loaded twice into one destination — write
 * dispositions, keys repeated within and across runs, nested lists, `hard_delete`, `dedup_sort`,
 * `merge_key` and schema contract hints, a nested table of its own (a nested hint's key), and now and
 * then a second run whose column hints differ.
 */
import type { Json } from "../lib/engine";
import { rng, type Gen } from "./dlt-diff-cases";

/** A case of two runs into one destination: the config and each run's records (and the second run's config, if it differs). */
export interface RunsCase {
  readonly config: Record<string, Json>;
  readonly runs: Gen[][];
  readonly second?: Record<string, Json>;
}

/**
 * Write dispositions across two runs: keys that repeat within and across runs, nested lists that
 * follow their root, and now and then `hard_delete`, `dedup_sort` and `merge_key` hints.
 */
export function makeRunsCase(seed: number, baseUrl: string): RunsCase {
  const r = rng(seed);
  const disposition = r.pick(["merge", "merge", "merge", "replace", "append"] as const);
  const resource: Record<string, Json> = {
    name: "items",
    write_disposition: disposition,
    endpoint: { path: "items", data_selector: "data", paginator: { type: "single_page" } },
  };
  const columns: Record<string, Json> = {};
  if (r.next() < 0.8) resource.primary_key = "id";
  else if (r.next() < 0.5) resource.merge_key = "group";
  if (r.next() < 0.35) columns.deleted = { hard_delete: true };
  if (r.next() < 0.35) columns.updated = { dedup_sort: r.pick(["asc", "desc"]) };
  if (Object.keys(columns).length > 0) resource.columns = columns;
  const record = (): Gen => {
    const rec: Record<string, Gen> = { id: 1 + r.int(6), group: r.pick(["a", "b"]), name: r.pick(["x", "y", "z"]), updated: r.int(5) };
    if (r.next() < 0.6) rec.n = r.int(100);
    if (r.next() < 0.3) rec.deleted = r.pick([true, false, null]);
    if (r.next() < 0.7) rec.items = Array.from({ length: r.int(3) }, () => ({ k: r.int(10) }));
    if (r.next() < 0.4) rec.tags = Array.from({ length: r.int(3) }, () => r.pick(["p", "q"]));
    return rec;
  };
  const runs = [0, 1].map(() => Array.from({ length: r.int(7) }, record));
  // Drawn last, so that a seed's records stay what they were before contracts were generated.
  if (r.next() < 0.4) resource.schema_contract = r.pick(CONTRACTS);
  // …and a key on the nested `items`, which makes it a root table of its own, with or without its own disposition.
  const keyed = r.next() < 0.4;
  if (keyed) {
    const own: Record<string, Json> = { [r.next() < 0.7 ? "primary_key" : "merge_key"]: "k" };
    const wd = r.pick([null, "append", "replace", "merge"]);
    if (wd !== null) own.write_disposition = wd;
    resource.nested_hints = { items: own };
  } else if (r.next() < 0.4) {
    // …or a disposition of its own on a nested table that keeps its parent: under merge only another
    // merge strategy (the same as none; any other disposition fails dlt's load), else any.
    const strategies = ["upsert", "insert-only"].map((strategy): Json => ({ disposition: "merge", strategy }));
    const wd = r.pick<Json>(disposition === "merge" ? strategies : ["append", "replace", "merge", ...strategies]);
    resource.nested_hints = { [r.pick(["items", "tags"])]: { write_disposition: wd } };
  }
  const config = { client: { base_url: baseUrl }, resources: [resource] };
  // Now and then the second run's hints add a column or change one's type (what a contract checks at extract).
  if (r.next() >= 0.35) return { config, runs };
  const hinted = { ...columns, ...r.pick(SECOND_HINTS) };
  return { config, runs, second: { ...config, resources: [{ ...resource, columns: hinted }] } };
}

/** Column hints of `--runs`' second run: a new column (with or without values), a changed type or nullability. */
const SECOND_HINTS: Record<string, Json>[] = [
  { n: { data_type: "bigint" } },
  { n: { data_type: "text" } },
  { extra: { data_type: "text" } },
  { extra: { nullable: true } },
  { name: { data_type: "bigint" } },
  { name: { nullable: false } },
  { updated: { data_type: "text" } },
];

/** `schema_contract` values for `--runs`: mostly dicts that evolve tables (the first run loads), now and then a mode for all. */
const CONTRACTS: Json[] = [
  { columns: "freeze" },
  { columns: "discard_value" },
  { columns: "discard_row" },
  { data_type: "freeze" },
  { data_type: "discard_value" },
  { data_type: "discard_row" },
  { columns: "discard_row", data_type: "discard_value" },
  { tables: "discard_row", columns: "evolve" },
  "freeze",
  "discard_value",
];
