/**
 * What the load rules share (load.ts: append, replace and delete-insert; merge-strategies.ts: upsert,
 * insert-only and scd2): the package a run loads and what loading it gives, row keys as SQL compares
 * them (nulls never match), the columns of a hint, the merge strategy of a table, and append, which
 * every rule falls back to.
 */
import type { DataRecord, Json } from "../engine/types";
import type { ColumnSchema, TableSchema } from "./schema";
import type { RowChange, TableChanges } from "./types";
import * as shared from "../shared";

// Bound once: a bundler's (or tsx's) module object reads each through a getter per call (keyOf runs per row).
const { getOwn, mergeStrategy } = shared;

/** The rows one run normalised, per table, and the root tables it loads. */
export interface LoadPackage {
  readonly loadId: string;
  readonly rows: Map<string, DataRecord[]>;
  /** Root tables of the resources that ran (a replace table in here is emptied even without rows…). */
  readonly roots: Set<string>;
  /**
   * …unless a resource yielded records to it and none became a row of its chain (a contract dropped
   * them): dlt writes an empty file only for a resource that yielded nothing, so no job truncates.
   */
  readonly yielded: Set<string>;
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

export const EMPTY: readonly DataRecord[] = [];

export type Key = string | number | boolean;

/**
 * A row's key: the value itself for one scalar column (a column holds one type, so `1` and `"1"`
 * never meet), else the values as JSON; `null` when a part is null or missing.
 */
export function keyOf(row: DataRecord, columns: readonly string[]): Key | null {
  if (columns.length === 1) {
    const v = getOwn(row, columns[0] as string);
    if (v === null || v === undefined) return null;
    return typeof v === "object" ? JSON.stringify(v) : v;
  }
  const parts: Json[] = [];
  for (const c of columns) {
    const v = getOwn(row, c);
    if (v === null || v === undefined) return null;
    parts.push(v);
  }
  return JSON.stringify(parts);
}

export const columnsWith = (t: TableSchema, hint: "primary_key" | "merge_key"): string[] =>
  [...t.columns.values()].filter((c) => c[hint] === true).map((c) => c.name);

/** A row `hard_delete` removes: `true` in a bool column, any value in a column of another type. */
export function hardDeleted(hard: ColumnSchema, row: DataRecord): boolean {
  const v = getOwn(row, hard.name);
  return hard.data_type === "bool" ? v === true : v !== null && v !== undefined;
}

export type Strategy = "delete-insert" | "upsert" | "insert-only" | "scd2";

/** A root table's merge strategy (`resolve_merge_strategy`: delete-insert unless named); `null` unless it merges. */
export function strategyOf(root: TableSchema): Strategy | null {
  const s = mergeStrategy(root.write_disposition, root.merge_strategy);
  if (s === null) return null;
  return s === "upsert" || s === "insert-only" || s === "scd2" ? s : "delete-insert";
}

export type Stored = ReadonlyMap<string, readonly DataRecord[]>;

/** The set of `columns`' keys in `rows` (nulls never match). */
export function keySet(rows: readonly DataRecord[], columns: readonly string[]): Set<Key> {
  const out = new Set<Key>();
  for (const r of rows) {
    const key = keyOf(r, columns);
    if (key !== null) out.add(key);
  }
  return out;
}

export type Writable = (table: string, rows: readonly DataRecord[], marks: readonly RowChange[], changes: TableChanges) => void;

/** Append: the load's rows after the stored ones (`replace`, for every table or those it says: instead of them). */
export function appendChain(
  chain: readonly TableSchema[],
  stored: Stored,
  pkg: LoadPackage,
  out: Writable,
  replace: boolean | ((table: TableSchema) => boolean) = false,
): void {
  for (const table of chain) {
    const replaced = typeof replace === "boolean" ? replace : replace(table);
    const old = replaced ? EMPTY : (stored.get(table.name) ?? EMPTY);
    const fresh = pkg.rows.get(table.name) ?? EMPTY;
    const marks = new Array<RowChange>(old.length + fresh.length).fill("unchanged", 0, old.length).fill("inserted", old.length);
    const deleted = replaced ? (stored.get(table.name) ?? EMPTY).length : 0;
    out(table.name, old.length === 0 ? fresh.slice() : old.concat(fresh), marks, {
      inserted: fresh.length,
      updated: 0,
      deleted,
      unchanged: old.length,
    });
  }
}
