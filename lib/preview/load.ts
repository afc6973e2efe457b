/**
 * Loading one package into the destination, per write disposition, as dlt 1.26.0 does it:
 * - `append` adds the load's rows to every table of the chain;
 * - `replace` empties the root table and its nested tables, then inserts the load's rows; a replace
 *   resource that yielded nothing still empties them (`Extract._write_empty_files`);
 * - `merge` (`delete-insert`, `SqlMergeFollowupJob.gen_merge_sql` / the sqlalchemy `merge_job.py`):
 *   stored root rows whose primary key (all parts) **or** merge key matches a row of the load are
 *   deleted with their nested rows (by `_dlt_root_id`); the load's rows are deduplicated per primary
 *   key with `ROW_NUMBER()` ordered by the `dedup_sort` column (without one the destination keeps
 *   the first it reads; sqlite: the first loaded), rows whose `hard_delete` column is set are not
 *   inserted, and nested rows follow their root row. Without any key, merge appends.
 * - `upsert`, `insert-only` and `scd2`: merge-strategies.ts.
 * - a nested table's own `write_disposition` under an `append` or `replace` root (`replaced`): `replace`
 *   empties it, `append` keeps it, `merge` leaves it as it is (none of its rows land).
 * Nulls never match a key (SQL `=`).
 */
import type { DataRecord, Json } from "../engine/types";
import * as shared from "../shared";
import { KeySet } from "./key-set";
import type { ColumnSchema, Schema, TableSchema } from "./schema";
import type { RowChange, TableChanges } from "./types";
import * as loadRows from "./load-rows";
import {
  appendChain,
  columnsWith,
  EMPTY,
  hardDeleted,
  keySet,
  strategyOf,
  type Key,
  type LoadPackage,
  type LoadResult,
  type Stored,
  type Writable,
} from "./load-rows";
import { scd2Chain, upsertChain } from "./merge-strategies";

// Bound once: a bundler's (or tsx's) module object reads an imported function through a getter per call.
const { getOwn } = shared;
const { keyOf } = loadRows;

export { strategyOf, type LoadPackage, type LoadResult } from "./load-rows";

/**
 * Whether `a` sorts before `b` in the dedup's `ORDER BY <dedup_sort> ASC|DESC` (`sign` 1 or -1) on
 * DuckDB, the Python download's destination: nulls last either way (DuckDB's default; SQLite would put
 * them first ascending), numbers by value, text by code unit.
 */
function sortsBefore(a: Json | undefined, b: Json | undefined, sign: number): boolean {
  if (a === null || a === undefined) return false;
  if (b === null || b === undefined) return true;
  if (typeof a === "number" && typeof b === "number") return (a - b) * sign < 0;
  const [x, y] = [String(a), String(b)];
  return (x < y ? -1 : x > y ? 1 : 0) * sign < 0;
}

/**
 * The load's root rows that survive dedup and hard deletes (`insert_temp_table`), in load order, and
 * the `_dlt_id`s of those that do not (their nested rows are not inserted either).
 */
function survivors(
  root: TableSchema,
  staged: readonly DataRecord[],
  pk: readonly string[],
): { rows: DataRecord[]; at: number[]; dropped: Set<Json | undefined> } {
  const dropped = new Set<Json | undefined>();
  const hard = [...root.columns.values()].find((c) => c.hard_delete === true);
  const sort = pk.length > 0 ? [...root.columns.values()].find((c) => c.dedup_sort !== undefined) : undefined;
  const rows: DataRecord[] = [];
  const at: number[] = [];
  if (sort === undefined) {
    // The first row of a key wins it: decided row by row, in one pass.
    const admit = admitter(pk, () => hard, staged.length);
    for (let i = 0; i < staged.length; i++) {
      const row = staged[i] as DataRecord;
      if (!admit(row)) dropped.add(row._dlt_id);
      else {
        rows.push(row);
        at.push(i);
      }
    }
    return { rows, at, dropped };
  }
  const sign = sort.dedup_sort === "desc" ? -1 : 1;
  const first = new Map<Key, DataRecord>();
  for (const row of staged) {
    const key = keyOf(row, pk);
    if (key === null) continue;
    const kept = first.get(key);
    if (!kept || sortsBefore(getOwn(row, sort.name), getOwn(kept, sort.name), sign)) first.set(key, row);
  }
  for (let i = 0; i < staged.length; i++) {
    const row = staged[i] as DataRecord;
    const key = keyOf(row, pk);
    if (key !== null && first.get(key) !== row) dropped.add(row._dlt_id);
    else if (hard && hardDeleted(hard, row)) dropped.add(row._dlt_id);
    else {
      rows.push(row);
      at.push(i);
    }
  }
  return { rows, at, dropped };
}

/**
 * Merge's dedup without a `dedup_sort` and its hard deletes, root row by root row in load order: the
 * first row of a key wins it (even when `hard_delete` then removes that row). `hard`: the
 * `hard_delete` column, if any, as it stands when the row is decided; `expected`: how many rows there are.
 */
function admitter(pk: readonly string[], hard: () => ColumnSchema | undefined, expected = 0): (row: DataRecord) => boolean {
  const seen = new KeySet(pk.length > 0 ? expected : 0);
  return (row) => {
    if (pk.length > 0) {
      const key = keyOf(row, pk);
      if (key !== null && !seen.add(key)) return false;
    }
    const h = hard();
    return !h || !hardDeleted(h, row);
  };
}

/** Whether `applyLoad` treats the root table as a merge (`mergeChain`): its keys, else `null`. */
function mergeKeys(root: TableSchema): { pk: string[]; mk: string[] } | null {
  if (strategyOf(root) !== "delete-insert") return null;
  const pk = columnsWith(root, "primary_key");
  const mk = columnsWith(root, "merge_key");
  return pk.length + mk.length > 0 ? { pk, mk } : null;
}

/**
 * The same rules as `applyLoad`, decided root row by root row as a load is staged, for a load onto a
 * destination that holds none of the table's rows (a windowed preview keeps counts, not rows):
 * `admit(row)` says whether the row survives merge's dedup and hard deletes (its nested rows follow
 * it), in staging order. The keys seen are all it keeps. `null` when it cannot be decided before the
 * load ends: with a `dedup_sort` column a later row may win its key.
 */
export function streamingSurvivors(schema: Schema, table: string): { admit(row: DataRecord): boolean } | null {
  const root = schema.table(table);
  // Upsert, insert-only and scd2 act on stored and nested rows by their ids: decided when the load ends.
  const strategy = root ? strategyOf(root) : null;
  if (strategy !== null && strategy !== "delete-insert") return null;
  const keys = root ? mergeKeys(root) : null;
  if (!root || keys === null) return { admit: () => true };
  if ([...root.columns.values()].some((c) => c.dedup_sort !== undefined)) return null;
  const hardName = [...root.columns.values()].find((c) => c.hard_delete === true)?.name;
  // Looked up per row: inference replaces an incomplete column (a hint without a type) by a typed one.
  return { admit: admitter(keys.pk, () => (hardName === undefined ? undefined : schema.table(table)?.columns.get(hardName))) };
}

/** Marks for `kept` rows (unchanged) then `fresh` ones (updated when they replaced a key, else inserted). */
function markRows(
  kept: number,
  fresh: readonly DataRecord[],
  pk: readonly string[] | null,
  replaced: Set<Key>,
): { marks: RowChange[]; updated: number } {
  const marks = new Array<RowChange>(kept + fresh.length).fill("unchanged", 0, kept);
  if (pk === null || replaced.size === 0) return { marks: marks.fill("inserted", kept), updated: 0 };
  let updated = 0;
  for (let j = 0; j < fresh.length; j++) {
    const key = pk ? keyOf(fresh[j] as DataRecord, pk) : null;
    const isUpdate = key !== null && replaced.has(key);
    if (isUpdate) updated++;
    marks[kept + j] = isUpdate ? "updated" : "inserted";
  }
  return { marks, updated };
}

function mergeChain(chain: readonly TableSchema[], stored: Stored, pkg: LoadPackage, out: Writable, sources: LoadResult["sources"]): void {
  const root = chain[0] as TableSchema;
  const merge = mergeKeys(root);
  if (merge === null) return appendChain(chain, stored, pkg, out);
  const { pk, mk } = merge;
  const staged = pkg.rows.get(root.name) ?? EMPTY;
  const storedRoot = stored.get(root.name) ?? EMPTY;
  // The load's keys only matter against stored rows.
  const keys = storedRoot.length === 0 ? [] : [pk, mk].filter((k) => k.length > 0).map((k) => ({ columns: k, values: keySet(staged, k) }));
  const deletedIds = new Set<Json | undefined>();
  const replacedPks = new Set<Key>();
  for (const row of storedRoot) {
    let hit = false;
    for (const k of keys) {
      const key = keyOf(row, k.columns);
      if (key !== null && k.values.has(key)) {
        hit = true;
        break;
      }
    }
    if (!hit) continue;
    deletedIds.add(row._dlt_id);
    const key = pk.length > 0 ? keyOf(row, pk) : null;
    if (key !== null) replacedPks.add(key);
  }
  const { rows: inserted, at, dropped } = survivors(root, staged, pk);
  sources.set(root.name, at);
  chain.forEach((table, i) => {
    const old = stored.get(table.name) ?? EMPTY;
    const link = i === 0 ? "_dlt_id" : "_dlt_root_id";
    const kept = deletedIds.size === 0 ? old : old.filter((r) => !deletedIds.has(r[link]));
    const staging = pkg.rows.get(table.name) ?? EMPTY;
    const fresh = i === 0 ? inserted : dropped.size === 0 ? staging : staging.filter((r) => !dropped.has(r._dlt_root_id));
    const { marks, updated } = markRows(kept.length, fresh, i === 0 && pk.length > 0 ? pk : null, replacedPks);
    out(table.name, kept.length === 0 ? fresh.slice() : kept.concat(fresh), marks, {
      inserted: fresh.length - updated,
      updated,
      deleted: Math.max(0, old.length - kept.length - updated),
      unchanged: kept.length,
    });
  });
}

/**
 * Which tables of an `append` or `replace` root's chain the load empties first (dlt's truncate list,
 * `_extend_tables_with_table_chain`): those whose own or inherited disposition is `replace` — under a
 * `replace` root every one when a table of the chain has a job (rows in this load, or the empty file
 * of a resource that yielded nothing), under an `append` root those with rows. A nested table's
 * `merge` or `skip` never lands rows (`landsRows`), so it keeps what it holds.
 */
function replaced(schema: Schema, root: TableSchema, chain: readonly TableSchema[], pkg: LoadPackage): (table: TableSchema) => boolean {
  const job = (t: TableSchema) => (pkg.rows.get(t.name)?.length ?? 0) > 0;
  const all = root.write_disposition === "replace" && (!pkg.yielded.has(root.name) || chain.some(job));
  return (table) => schema.dispositionOf(table.name) === "replace" && (all || job(table));
}

/**
 * Whether the load writes a nested table's rows to it: not where its own (or inherited) disposition is
 * `merge` or `skip` under a root that does not merge (`nested_disposition_apart`: dlt stages them and no
 * merge follows; `skip` fails its load). Its columns are made all the same.
 */
export function landsRows(schema: Schema, name: string): boolean {
  const wd = schema.dispositionOf(name);
  return schema.root(name)?.write_disposition === "merge" || (wd !== "merge" && wd !== "skip");
}

/** The destination after loading `pkg` onto `stored` (which is not changed). */
export function applyLoad(schema: Schema, stored: Stored, pkg: LoadPackage): LoadResult {
  const rows = new Map(stored);
  const changes = new Map<string, TableChanges>();
  const marks = new Map<string, readonly RowChange[]>();
  const sources = new Map<string, readonly number[]>();
  const out: Writable = (table, r, m, c) => {
    rows.set(table, r);
    marks.set(table, m);
    changes.set(table, c);
  };
  for (const name of pkg.roots) {
    const root = schema.table(name);
    if (!root) continue;
    const chain = schema.chain(name).filter((t) => t.seen_data);
    if (chain.length === 0) continue;
    const strategy = strategyOf(root);
    if (strategy === null) appendChain(chain, stored, pkg, out, replaced(schema, root, chain, pkg));
    else if (strategy === "delete-insert") mergeChain(chain, stored, pkg, out, sources);
    else if (strategy === "upsert" || strategy === "insert-only") upsertChain(chain, stored, pkg, out, sources, strategy === "insert-only");
    else if (strategy === "scd2") scd2Chain(chain, stored, pkg, out, sources);
  }
  return { rows, changes, marks, sources };
}
