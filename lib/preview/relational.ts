/**
 * dlt's relational normaliser (`DataItemNormalizer` in `dlt/common/normalizers/json/relational.py`,
 * dlt 1.26.0), rule for rule:
 * - `_flatten` walks a dict with a stack: a dict's own keys first, in key order, then its nested dicts,
 *   the last one first; `row[name] = value`, so of two keys that normalise alike the one flattened
 *   last wins (a nested `pos.north` beats a top-level `pos__north`), at the first one's position;
 * - a dict or list is kept whole (a json value) when the nesting level is used up or its column is
 *   hinted `json` (`is_nested_type`); the level counts down for nested dicts and for lists;
 * - a list becomes the child table `<parent path>__<key>`: dict items are rows, a list item becomes an
 *   intermediate row `{"list": item}` one level further down, anything else a row `{"value": item}`;
 * - child rows get `_dlt_parent_id`, `_dlt_list_idx` and their own `_dlt_id`; only root rows get
 *   `_dlt_load_id`; with `rootKey` every nested row gets `_dlt_root_id` (`requires_root_key`);
 * - a record that is not a dict is wrapped as `{"value": record}` (the engine does that already).
 * Numbers the engine reported with their JSON spelling (`NumberText`) become `PyFloat`/`PyInt`.
 */
import type { DataRecord, Json, NumberText } from "../engine/types";
import type { Naming } from "./naming";
import type { Schema } from "./schema";
import { encodeId, hashString, mix } from "./ids";
import { fromLexeme, type Value } from "./values";

export type Row = { [column: string]: Value };
/** Receives every row, parents before their children. */
export type EmitRow = (table: string, parent: string | null, row: Row) => void;

interface Found {
  readonly path: readonly string[];
  readonly items: readonly Json[];
  readonly text: NumberText | null;
}

type Dict = { readonly [key: string]: Json };
const isDict = (v: Json | undefined): v is Dict => typeof v === "object" && v !== null && !Array.isArray(v);
const sub = (text: NumberText | null, key: string): NumberText | null => {
  const t = text?.[key];
  return typeof t === "object" ? t : null;
};

export interface RelationalOptions {
  readonly naming: Naming;
  readonly schema: Schema;
  readonly loadId: string;
}

/** Normalises the records of one load; row ids are derived from the load id, the table and counters. */
export class Relational {
  private readonly seed: number;
  private readonly tableHashes = new Map<string, number>();
  private readonly counters = new Map<string, number>();
  private readonly nestedNames = new Map<string, Map<string, string>>();

  constructor(private readonly o: RelationalOptions) {
    this.seed = hashString(o.loadId);
  }

  private hashOf(table: string): number {
    let h = this.tableHashes.get(table);
    if (h === undefined) this.tableHashes.set(table, (h = hashString(table)));
    return h;
  }

  /** `shorten_fragments(*path, norm_k)`, cached by path and key. */
  private nestedName(prefix: string, path: readonly string[], key: string): string {
    let byKey = this.nestedNames.get(prefix);
    if (!byKey) this.nestedNames.set(prefix, (byKey = new Map()));
    let name = byKey.get(key);
    if (name === undefined) {
      const k = this.o.naming.key(key);
      name = path.length === 0 ? k : this.o.naming.fragments(...path, k);
      if (byKey.size > 10_000) byKey.clear();
      byKey.set(key, name);
    }
    return name;
  }

  /** `is_nested_type`: keep a dict or list whole at the level limit or under a `json` column hint. */
  private keepWhole(table: string, name: string, level: number): boolean {
    return level <= 0 || this.o.schema.table(table)?.columns.get(name)?.data_type === "json";
  }

  private flatten(table: string, dict: Dict, text: NumberText | null, level: number): [Row, Found[]] {
    const row: Row = {};
    const lists = new Map<string, Found>();
    const stack: [Dict, NumberText | null, number, string[], string][] = [[dict, text, level, [], ""]];
    while (stack.length > 0) {
      const [current, t, lvl, path, prefix] = stack.pop() as [Dict, NumberText | null, number, string[], string];
      for (const key in current) {
        const v = current[key] as Json;
        const name = this.nestedName(prefix, path, key);
        if (typeof v === "object" && v !== null && !this.keepWhole(table, name, lvl)) {
          const k = this.o.naming.key(key);
          if (Array.isArray(v)) {
            const found = [...path, k];
            lists.set(found.join("\u0000"), { path: found, items: v, text: sub(t, key) });
          } else stack.push([v as Dict, sub(t, key), lvl - 1, [...path, k], `${prefix}\u0000${key}`]);
          continue;
        }
        const lexeme = typeof v === "number" ? t?.[key] : undefined;
        row[name] = typeof lexeme === "string" ? fromLexeme(lexeme, v as number) : v;
      }
    }
    return [row, [...lists.values()]];
  }

  /**
   * One record of the root table `table` (`normalize_data_item`), with its nesting limit; `rootKey`:
   * nested rows get `_dlt_root_id` (`merge` with delete-insert, upsert or insert-only).
   */
  normalize(
    record: DataRecord,
    text: NumberText | null,
    table: string,
    maxNesting: number | null,
    rootKey: boolean,
    emit: EmitRow,
  ): string {
    const n = (this.counters.get(table) ?? 0) + 1;
    this.counters.set(table, n);
    const h = this.hashOf(table);
    return this.row(
      record,
      text,
      [table],
      [],
      null,
      { h1: mix(this.seed, h, n), h2: mix(h, this.seed ^ n, 2), pos: 0 },
      maxNesting ?? 1000,
      null,
      rootKey,
      emit,
    );
  }

  private row(
    dict: Dict,
    text: NumberText | null,
    ident: readonly string[],
    parentPath: readonly string[],
    parentId: string | null,
    id: { h1: number; h2: number; pos: number },
    level: number,
    extend: Row | null,
    rootKey: boolean,
    emit: EmitRow,
  ): string {
    const table = this.o.naming.fragments(...parentPath, ...ident);
    const [row, lists] = this.flatten(table, dict, text, level);
    if (extend) Object.assign(row, extend);
    const isRoot = parentId === null;
    if (isRoot) row._dlt_load_id = this.o.loadId;
    let rowId = row._dlt_id;
    if (typeof rowId !== "string" || rowId === "") {
      if (!isRoot) {
        row._dlt_parent_id = parentId;
        row._dlt_list_idx = id.pos;
      }
      rowId = row._dlt_id = encodeId(id.h1, id.h2);
    }
    const childExtend = isRoot && rootKey ? { _dlt_root_id: rowId } : extend;
    emit(table, parentPath.length === 0 ? null : this.o.naming.fragments(...parentPath), row);
    const path = [...parentPath, ...ident];
    for (const found of lists) this.list(found, path, rowId, id, level - 1, childExtend, rootKey, emit);
    return rowId;
  }

  private list(
    found: Found,
    parentPath: readonly string[],
    parentId: string,
    parent: { h1: number; h2: number },
    level: number,
    extend: Row | null,
    rootKey: boolean,
    emit: EmitRow,
  ): void {
    const table = this.o.naming.fragments(...parentPath, ...found.path);
    const h = this.hashOf(table);
    found.items.forEach((item, idx) => {
      const id = { h1: mix(parent.h1, h, idx), h2: mix(parent.h2, h, idx), pos: idx };
      const t = found.text?.[String(idx)];
      if (isDict(item))
        this.row(item, typeof t === "object" ? t : null, found.path, parentPath, parentId, id, level, extend, rootKey, emit);
      else if (Array.isArray(item))
        this.row(
          { list: item },
          typeof t === "object" ? { list: t } : null,
          found.path,
          parentPath,
          parentId,
          id,
          level - 1,
          extend,
          rootKey,
          emit,
        );
      else {
        const row: Row = { value: typeof t === "string" && typeof item === "number" ? fromLexeme(t, item) : item };
        if (extend) Object.assign(row, extend);
        row._dlt_parent_id = parentId;
        row._dlt_list_idx = idx;
        row._dlt_id = encodeId(id.h1, id.h2);
        emit(table, parentPath.length === 0 ? null : this.o.naming.fragments(...parentPath), row);
      }
    });
  }
}
