/**
 * The merge strategies besides delete-insert, as dlt 1.26.0's SQL runs them on DuckDB
 * (`gen_upsert_sql`, `gen_upsert_merge_sql` and `gen_scd2_sql` in `dlt/destinations/sql_jobs.py`;
 * decision 0028):
 * - `upsert` (DuckDB's `MERGE`): a staged root row replaces the stored rows of its primary key (of
 *   several staged rows of a stored key DuckDB applies one of its choosing; here the first), or is
 *   deleted with them when its `hard_delete` column is set, or is inserted (flagged or not, duplicates
 *   too) when none is stored; nested rows are merged by their ids (dlt's hashes: the same list position
 *   under the same key), and nested rows of a staged root that the load does not have, or whose root
 *   is flagged, are deleted.
 * - `insert-only`: root rows whose key is not stored are inserted (not flagged ones); nested rows whose
 *   id is not stored are inserted, whatever their root.
 * - `scd2`: active stored versions (valid to is NULL or the active record timestamp) whose row version
 *   the load does not have are retired at the load's boundary (only those whose `merge_key` the load
 *   has, with one); staged rows whose version is not active are inserted, valid from the boundary;
 *   nested rows whose id is not stored are inserted. A load without rows for the table changes nothing
 *   (dlt runs no merge job for it).
 */
import type { DataRecord, Json } from "../engine/types";
import { getOwn } from "../shared";
import { CANNOT, tryCoerce } from "./coerce";
import { formatTimestamp, fromTimestamp } from "./datetime";
import { pyType } from "./values";
import type { TableSchema } from "./schema";
import type { RowChange } from "./types";
import {
  appendChain,
  columnsWith,
  EMPTY,
  hardDeleted,
  keyOf,
  keySet,
  type Key,
  type LoadPackage,
  type LoadResult,
  type Stored,
  type Writable,
} from "./load-rows";

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
export function upsertChain(
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
export function scd2Chain(
  chain: readonly TableSchema[],
  stored: Stored,
  pkg: LoadPackage,
  out: Writable,
  sources: LoadResult["sources"],
): void {
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
    activeAt === null ? (getOwn(row, to.name) ?? null) === null : getOwn(row, to.name) === activeAt;
  const versions = new Set(staged.map((r) => getOwn(r, version)));
  const mk = columnsWith(root, "merge_key");
  const loadKeys = mk.length > 0 ? keySet(staged, mk) : null;
  const edit = new Edit(stored.get(root.name) ?? EMPTY);
  edit.rows.forEach((row, i) => {
    if (row === null || !active(row) || versions.has(getOwn(row, version))) return;
    if (loadKeys !== null) {
      const key = keyOf(row, mk);
      if (key === null || !loadKeys.has(key)) return;
    }
    edit.replace(i, { ...row, [to.name]: boundary }, -1);
  });
  const activeVersions = new Set(edit.rows.filter((r): r is DataRecord => r !== null && active(r)).map((r) => getOwn(r, version)));
  staged.forEach((row, j) => {
    if (!activeVersions.has(getOwn(row, version))) edit.add({ ...row, [from]: boundary, [to.name]: activeAt }, j);
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
