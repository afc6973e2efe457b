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
 * - `upsert` (`gen_upsert_sql`, duckdb's `MERGE`): a staged root row replaces the stored rows of its
 *   primary key (the first staged row of a key wins them), or is deleted with them when its `hard_delete`
 *   column is set, or is inserted (flagged or not, duplicates too) when none is stored; nested rows are
 *   merged by their ids (dlt's hashes: the same list position under the same key), and nested rows of a
 *   staged root that the load does not have, or whose root is flagged, are deleted.
 * - `insert-only`: root rows whose key is not stored are inserted (not flagged ones); nested rows whose
 *   id is not stored are inserted, whatever their root.
 * - `scd2` (`gen_scd2_sql`): active stored versions (valid to is NULL or the active record timestamp)
 *   whose row version the load does not have are retired at the load's boundary (only those whose
 *   `merge_key` the load has, with one); staged rows whose version is not active are inserted, valid
 *   from the boundary; nested rows whose id is not stored are inserted. A load without rows for the
 *   table changes nothing (dlt runs no merge job for it).
 * Nulls never match a key (SQL `=`).
 */
import type { DataRecord, Json } from "../engine/types";
import { CANNOT, tryCoerce } from "./coerce";
import { formatTimestamp, fromTimestamp } from "./datetime";
import { KeySet } from "./key-set";
import { pyType } from "./values";
import type { ColumnSchema, Schema, TableSchema } from "./schema";
import type { RowChange, TableChanges } from "./types";

/** The rows one run normalised, per table, and the root tables it loads. */
export interface LoadPackage {
  readonly loadId: string;
  readonly rows: Map<string, DataRecord[]>;
  /** Root tables of the resources that ran (a replace table in here is emptied even without rows). */
  readonly roots: Set<string>;
}

export interface LoadResult {
  readonly rows: ReadonlyMap<string, readonly DataRecord[]>;
  readonly changes: Map<string, TableChanges>;
  /** Per table, parallel to its rows: what this load did to each row. */
  readonly marks: Map<string, readonly RowChange[]>;
  /**
   * Per root table this load wrote rows to: the index in `pkg.rows` of each row it inserted (or updated),
   * in table order; absent: every staged row, in staging order.
   */
  readonly sources: Map<string, readonly number[]>;
}

const EMPTY: readonly DataRecord[] = [];

type Key = string | number | boolean;

/**
 * A row's key: the value itself for one scalar column (a column holds one type, so `1` and `"1"`
 * never meet), else the values as JSON; `null` when a part is null or missing.
 */
function keyOf(row: DataRecord, columns: readonly string[]): Key | null {
  if (columns.length === 1) {
    const v = row[columns[0] as string];
    if (v === null || v === undefined) return null;
    return typeof v === "object" ? JSON.stringify(v) : v;
  }
  const parts: Json[] = [];
  for (const c of columns) {
    const v = row[c];
    if (v === null || v === undefined) return null;
    parts.push(v);
  }
  return JSON.stringify(parts);
}

/** SQL order of a dedup sort: nulls first ascending (sqlite), numbers by value, strings by code unit. */
function compare(a: Json | undefined, b: Json | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

const columnsWith = (t: TableSchema, hint: "primary_key" | "merge_key"): string[] =>
  [...t.columns.values()].filter((c) => c[hint] === true).map((c) => c.name);

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
    if (!kept || compare(row[sort.name], kept[sort.name]) * sign < 0) first.set(key, row);
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

/** A row `hard_delete` removes: `true` in a bool column, any value in a column of another type. */
function hardDeleted(hard: ColumnSchema, row: DataRecord): boolean {
  const v = row[hard.name];
  return hard.data_type === "bool" ? v === true : v !== null && v !== undefined;
}

/** Whether `applyLoad` treats the root table as a merge (`mergeChain`): its keys, else `null`. */
function mergeKeys(root: TableSchema): { pk: string[]; mk: string[] } | null {
  if (strategyOf(root) !== "delete-insert") return null;
  const pk = columnsWith(root, "primary_key");
  const mk = columnsWith(root, "merge_key");
  return pk.length + mk.length > 0 ? { pk, mk } : null;
}

type Strategy = "delete-insert" | "upsert" | "insert-only" | "scd2";

/** A root table's merge strategy (`resolve_merge_strategy`: delete-insert unless named); `null` unless it merges. */
export function strategyOf(root: TableSchema): Strategy | null {
  if (root.write_disposition !== "merge") return null;
  const s = root.merge_strategy ?? "delete-insert";
  return s === "upsert" || s === "insert-only" || s === "scd2" ? s : "delete-insert";
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

type Stored = ReadonlyMap<string, readonly DataRecord[]>;

/** The set of `columns`' keys in `rows` (nulls never match). */
function keySet(rows: readonly DataRecord[], columns: readonly string[]): Set<Key> {
  const out = new Set<Key>();
  for (const r of rows) {
    const key = keyOf(r, columns);
    if (key !== null) out.add(key);
  }
  return out;
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

type Writable = (table: string, rows: readonly DataRecord[], marks: readonly RowChange[], changes: TableChanges) => void;

/** A table being changed in place: its rows (`null`: deleted) and marks, then the rows the load adds. */
class Edit {
  readonly rows: (DataRecord | null)[];
  readonly marks: RowChange[];
  /** Per row, the index of the staged row it came from (-1: a stored row this load changed). */
  readonly from: number[];
  deleted = 0;
  constructor(stored: readonly DataRecord[]) {
    this.rows = stored.slice();
    this.marks = new Array<RowChange>(stored.length).fill("unchanged");
    this.from = new Array<number>(stored.length).fill(-1);
  }
  replace(i: number, row: DataRecord, from: number): void {
    this.rows[i] = row;
    this.marks[i] = "updated";
    this.from[i] = from;
  }
  remove(i: number): void {
    if (this.rows[i] === null) return;
    this.rows[i] = null;
    this.deleted++;
  }
  add(row: DataRecord, from: number): void {
    this.rows.push(row);
    this.marks.push("inserted");
    this.from.push(from);
  }
  /** Writes the table; its changed rows' staged indexes into `sources` when given. */
  write(name: string, out: Writable, sources?: LoadResult["sources"]): void {
    const rows: DataRecord[] = [];
    const marks: RowChange[] = [];
    const from: number[] = [];
    const counts = { inserted: 0, updated: 0, unchanged: 0 };
    this.rows.forEach((r, i) => {
      if (r === null) return;
      const mark = this.marks[i] as RowChange;
      rows.push(r);
      marks.push(mark);
      counts[mark]++;
      if (mark !== "unchanged") from.push(this.from[i] as number);
    });
    sources?.set(name, from);
    out(name, rows, marks, { ...counts, deleted: this.deleted });
  }
}

/** The stored rows' indexes by a key (rows whose key is null are left out: they match nothing). */
function indexBy(rows: readonly (DataRecord | null)[], key: (row: DataRecord) => Key | null): Map<Key, number[]> {
  const out = new Map<Key, number[]>();
  rows.forEach((row, i) => {
    const k = row === null ? null : key(row);
    if (k === null) return;
    const at = out.get(k);
    if (at) at.push(i);
    else out.set(k, [i]);
  });
  return out;
}

const idOf = (row: DataRecord): Key | null => {
  const id = row._dlt_id;
  return typeof id === "string" ? id : null;
};

/** `gen_upsert_sql`: upsert, or insert-only with `insertOnly`. */
function upsertChain(
  chain: readonly TableSchema[],
  stored: Stored,
  pkg: LoadPackage,
  out: Writable,
  sources: LoadResult["sources"],
  insertOnly: boolean,
): void {
  const root = chain[0] as TableSchema;
  const pk = columnsWith(root, "primary_key");
  // Without a primary key dlt's load fails (the preview warns): the rows are shown appended.
  if (pk.length === 0) return appendChain(chain, stored, pkg, out);
  const hard = [...root.columns.values()].find((c) => c.hard_delete === true);
  const flagged = (row: DataRecord): boolean => hard !== undefined && hardDeleted(hard, row);
  const staged = pkg.rows.get(root.name) ?? EMPTY;
  const edit = new Edit(stored.get(root.name) ?? EMPTY);
  // MERGE matches against the table as it was: rows it inserts are not matched again.
  const byKey = indexBy(edit.rows, (row) => keyOf(row, pk));
  const decided = new Set<number>();
  staged.forEach((row, j) => {
    if (insertOnly && flagged(row)) return;
    const key = keyOf(row, pk);
    const targets = key === null ? undefined : byKey.get(key);
    if (targets === undefined) return edit.add(row, j);
    if (insertOnly) return;
    for (const t of targets) {
      // The first staged row of a key decides its stored rows.
      if (decided.has(t)) continue;
      decided.add(t);
      if (flagged(row)) edit.remove(t);
      else edit.replace(t, row, j);
    }
  });
  edit.write(root.name, out, sources);
  const stagedIds = new Set(staged.map((r) => r._dlt_id));
  const flaggedIds = new Set(staged.filter(flagged).map((r) => r._dlt_id));
  for (const table of chain.slice(1)) {
    const nested = new Edit(stored.get(table.name) ?? EMPTY);
    const byId = indexBy(nested.rows, idOf);
    const staging = pkg.rows.get(table.name) ?? EMPTY;
    const matched = new Set<number>();
    staging.forEach((row, j) => {
      const id = idOf(row);
      const targets = id === null ? undefined : byId.get(id);
      if (targets === undefined) nested.add(row, j);
      else if (!insertOnly)
        for (const t of targets) {
          if (matched.has(t)) continue;
          matched.add(t);
          nested.replace(t, row, j);
        }
    });
    if (!insertOnly) {
      const staged = new Set(staging.map((r) => r._dlt_id));
      const rootKey = [...table.columns.values()].find((c) => c.root_key === true)?.name ?? "_dlt_parent_id";
      nested.rows.forEach((row, i) => {
        if (row === null) return;
        const root = row[rootKey];
        if ((stagedIds.has(root) && !staged.has(row._dlt_id)) || flaggedIds.has(root)) nested.remove(i);
      });
    }
    nested.write(table.name, out);
  }
}

/** A configured timestamp as its column holds it (`ensure_pendulum_datetime_utc`); `null` when there is none or it does not read. */
function timestampCell(v: string | number | null | undefined): Json {
  if (v === undefined || v === null) return null;
  const cell = tryCoerce("timestamp", pyType(v) ?? "text", v, true);
  return cell === CANNOT ? null : cell;
}

/** `gen_scd2_sql`. */
function scd2Chain(chain: readonly TableSchema[], stored: Stored, pkg: LoadPackage, out: Writable, sources: LoadResult["sources"]): void {
  const root = chain[0] as TableSchema;
  const staged = pkg.rows.get(root.name) ?? EMPTY;
  const columns = [...root.columns.values()];
  const from = columns.find((c) => c["x-valid-from"] === true)?.name;
  const to = columns.find((c) => c["x-valid-to"] === true);
  const version = columns.find((c) => c["x-row-version"] === true)?.name;
  // No rows for the table: dlt has no job to follow up.
  if (staged.length === 0 || from === undefined || to === undefined || version === undefined) return appendChain(chain, stored, pkg, out);
  const boundary =
    root.boundary_timestamp !== undefined
      ? timestampCell(root.boundary_timestamp)
      : formatTimestamp(fromTimestamp(Number(pkg.loadId)) ?? { seconds: 0, micro: 0, aware: true }, true);
  const activeAt = timestampCell(to["x-active-record-timestamp"]);
  const active = (row: DataRecord): boolean =>
    activeAt === null ? row[to.name] === null || row[to.name] === undefined : row[to.name] === activeAt;
  const versions = new Set(staged.map((r) => r[version]));
  const mk = columnsWith(root, "merge_key");
  const loadKeys = mk.length > 0 ? keySet(staged, mk) : null;
  const edit = new Edit(stored.get(root.name) ?? EMPTY);
  edit.rows.forEach((row, i) => {
    if (row === null || !active(row) || versions.has(row[version])) return;
    if (loadKeys !== null) {
      const key = keyOf(row, mk);
      if (key === null || !loadKeys.has(key)) return;
    }
    edit.replace(i, { ...row, [to.name]: boundary }, -1);
  });
  const activeVersions = new Set(edit.rows.filter((r): r is DataRecord => r !== null && active(r)).map((r) => r[version]));
  staged.forEach((row, j) => {
    if (!activeVersions.has(row[version])) edit.add({ ...row, [from]: boundary, [to.name]: activeAt }, j);
  });
  edit.write(root.name, out, sources);
  for (const table of chain.slice(1)) insertNew(table, stored, pkg, out);
}

/** Nested rows whose id the table does not hold yet are inserted (scd2's nested tables). */
function insertNew(table: TableSchema, stored: Stored, pkg: LoadPackage, out: Writable): void {
  const edit = new Edit(stored.get(table.name) ?? EMPTY);
  const ids = new Set(edit.rows.map((r) => r?._dlt_id));
  (pkg.rows.get(table.name) ?? EMPTY).forEach((row, j) => {
    if (!ids.has(row._dlt_id)) edit.add(row, j);
  });
  edit.write(table.name, out);
}

function appendChain(chain: readonly TableSchema[], stored: Stored, pkg: LoadPackage, out: Writable, replace = false): void {
  for (const table of chain) {
    const old = replace ? EMPTY : (stored.get(table.name) ?? EMPTY);
    const fresh = pkg.rows.get(table.name) ?? EMPTY;
    const marks = new Array<RowChange>(old.length + fresh.length).fill("unchanged", 0, old.length).fill("inserted", old.length);
    const deleted = replace ? (stored.get(table.name) ?? EMPTY).length : 0;
    out(table.name, old.length === 0 ? fresh.slice() : old.concat(fresh), marks, {
      inserted: fresh.length,
      updated: 0,
      deleted,
      unchanged: old.length,
    });
  }
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
    if (root.write_disposition === "replace") appendChain(chain, stored, pkg, out, true);
    else if (strategy === "delete-insert") mergeChain(chain, stored, pkg, out, sources);
    else if (strategy === "upsert" || strategy === "insert-only") upsertChain(chain, stored, pkg, out, sources, strategy === "insert-only");
    else if (strategy === "scd2") scd2Chain(chain, stored, pkg, out, sources);
    else appendChain(chain, stored, pkg, out);
  }
  return { rows, changes, marks, sources };
}
