/**
 * dlt's relational normaliser, reduced to what a preview needs:
 * - keys become snake_case column names;
 * - nested dicts are flattened into `parent__child` columns;
 * - lists become child tables `<table>__<field>` whose rows carry `_dlt_parent_id` (the parent
 *   row's `_dlt_id`) and `_dlt_list_idx`; a list of scalars becomes rows with a `value` column; a
 *   list of lists gets an intermediate row with a `list` child, as dlt does;
 * - below `max_table_nesting` levels (each dict or list level counts one) nested data stays in
 *   place as a `json` value;
 * - with `root_id`, nested rows also carry `_dlt_root_id` (dlt propagates it for `merge`).
 *
 * Left out, stated: `_dlt_load_id`, column/nested hints, name shortening to a destination's limit.
 */
import type { DataRecord, Json } from "../engine/types";
import { encodeId, hashString, mix, normalizeIdentifier, PATH_SEPARATOR } from "./naming";

/** Receives each nested row with its table, its parent table and the root record's number. */
export type EmitChild = (table: string, parentTable: string, row: DataRecord, owner: number) => void;

type Row = { [key: string]: Json };
/** `[name, items, name, items, …]`: lists found while flattening, in order (one array, fewer objects). */
type Lists = (string | Json[])[];

function isDict(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Column names by prefix and key (`address` + `City` -> `address__city`), so hot loops build no strings. */
const names = new Map<string, Map<string, string>>();

function columnName(byKey: Map<string, string>, prefix: string, key: string): string {
  let name = byKey.get(key);
  if (name === undefined) {
    name = prefix === "" ? normalizeIdentifier(key) : prefix + PATH_SEPARATOR + normalizeIdentifier(key);
    // Keys come from data: keep the cache bounded.
    if (byKey.size > 10_000) byKey.clear();
    byKey.set(key, name);
  }
  return name;
}

/** Flattens `obj` into `row`; lists that become child tables are appended to `lists` (created on demand). */
function flatten(obj: { readonly [key: string]: Json }, prefix: string, level: number, row: Row, lists: Lists | null): Lists | null {
  let byKey = names.get(prefix);
  if (byKey === undefined) {
    if (names.size > 10_000) names.clear();
    names.set(prefix, (byKey = new Map()));
  }
  for (const key in obj) {
    const v = obj[key] as Json;
    const name = columnName(byKey, prefix, key);
    if (level > 0 && typeof v === "object" && v !== null) {
      if (Array.isArray(v)) (lists ??= []).push(name, v);
      else lists = flatten(v, name, level - 1, row, lists);
      continue;
    }
    row[name] = v;
  }
  return lists;
}

export interface NormalizeOptions {
  /** Normalised root table name. */
  readonly table: string;
  /** dlt's `max_table_nesting`; `undefined` = unlimited (dlt's default of 1000 levels). */
  readonly maxNesting?: number;
  /** Add `_dlt_root_id` to nested rows (dlt does for `merge`). */
  readonly rootKey: boolean;
}

/** Normalises the records of one root table. Row ids are derived from `(table, record number)`. */
export class Normalizer {
  private readonly level: number;
  private readonly tableHash: number;
  /** Child table names and their hashes by `parent table` then `field`, so hot loops build no strings. */
  private readonly childTables = new Map<string, Map<string, { readonly table: string; readonly hash: number }>>();

  constructor(private readonly options: NormalizeOptions, private readonly emit: EmitChild) {
    this.level = options.maxNesting ?? 1000;
    this.tableHash = hashString(options.table);
  }

  /** The root row of record number `n`; its nested rows go to `emit`, parents before children. */
  normalize(record: DataRecord, n: number): DataRecord {
    const row: Row = {};
    const lists = flatten(record, "", this.level, row, null);
    const h1 = mix(this.tableHash, n, 1);
    const h2 = mix(this.tableHash, n, 2);
    const id = encodeId(h1, h2);
    row._dlt_id = id;
    if (lists !== null) this.emitLists(lists, this.options.table, id, h1, h2, this.options.rootKey ? id : null, this.level - 1, n);
    return row;
  }

  private child(parent: string, field: string): { readonly table: string; readonly hash: number } {
    let byField = this.childTables.get(parent);
    if (!byField) this.childTables.set(parent, (byField = new Map()));
    let entry = byField.get(field);
    if (!entry) {
      const table = parent + PATH_SEPARATOR + field;
      entry = { table, hash: hashString(table) };
      byField.set(field, entry);
    }
    return entry;
  }

  private emitLists(lists: Lists, table: string, parentId: string, p1: number, p2: number, rootId: string | null, level: number, owner: number): void {
    for (let i = 0; i < lists.length; i += 2) {
      const { table: childTable, hash } = this.child(table, lists[i] as string);
      const items = lists[i + 1] as Json[];
      for (let idx = 0; idx < items.length; idx++) {
        const item = items[idx] as Json;
        const h1 = mix(p1, hash, idx);
        const h2 = mix(p2, hash, idx);
        const id = encodeId(h1, h2);
        const row: Row = {};
        let nested: Lists | null = null;
        if (isDict(item)) nested = flatten(item, "", level, row, null);
        else if (Array.isArray(item)) nested = flatten({ list: item }, "", level, row, null);
        else row.value = item;
        row._dlt_parent_id = parentId;
        row._dlt_list_idx = idx;
        row._dlt_id = id;
        if (rootId !== null) row._dlt_root_id = rootId;
        this.emit(childTable, table, row, owner);
        if (nested !== null) this.emitLists(nested, childTable, id, h1, h2, rootId, level - 1, owner);
      }
    }
  }
}
