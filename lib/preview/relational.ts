/**
 * Long because it is one hot loop: the normaliser's methods share its work stacks and found-list arrays.
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
 * Numbers the engine reported with their JSON spelling (`NumberText`) become `PyFloat`/`PyInt`; keys are
 * walked in the order the response had them where the engine reported one (`KeyOrder`: array-index keys).
 */
import type { DataRecord, Json, KeyOrder, NumberText } from "../engine/types";
import type { Naming } from "./naming";
import type { Schema } from "./schema";
import * as ids from "./ids";
import { rowType, type RowType } from "./row-type";
import type { RootIds } from "./ids";
import * as values from "./values";
import { loneSurrogateMessage } from "./failures";
import type { Value } from "./values";
import * as shared from "../shared";

// Imported functions bound once: a bundler's (or tsx's) module object reads each through a getter per call.
const { dltDigest, encodeId, hashString, keyHash, mix, rowHash } = ids;
const { keepOrder, keepSpelling, pyStr, pyTrue, spelledValue } = values;
const { getOwn, orderedKeys, subOrder } = shared;

export type Row = { [column: string]: Value };
/** Receives every row, parents before their children. */
/** Takes a normalised row; `false`: the row was dropped, so its nested rows are not made. */
export type EmitRow = (table: string, parent: string | null, row: Row) => boolean;

/** A table rows go to: its name, its parent table, its path (the names it is made of) and id hash. */
interface Place {
  /** Makes its rows (`rowType`). */
  readonly Row: RowType;
  readonly table: string;
  readonly parent: string | null;
  /**
   * Its rows are root rows (`not should_be_nested(table)`): the root table, and a list whose table is a
   * root table (a list under a blank key or `__` joins its parent's name: its items land in the
   * parent's table, as dlt writes them: `_dlt_load_id` and a root id, no parent columns).
   */
  readonly root: boolean;
  readonly path: readonly string[];
  readonly hash: number;
  /** Its child tables by the path of the list in its rows. */
  readonly children: Map<string, Place>;
}

/** The path of a list inside a row (`("broker", "spoken_languages")`) and that path as a key. */
interface ListPath {
  readonly path: readonly string[];
  readonly key: string;
}

interface KeyInfo {
  /** The key as the record spells it. */
  readonly key: string;
  /** The column name (`shorten_fragments(*path, norm_k)`). */
  readonly name: string;
  /** The key on its own, normalised. */
  readonly norm: string;
  dict: KeyNode | null;
  list: ListPath | null;
}

const listPath = (path: string[]): ListPath => ({ path, key: path.join("\u0000") });

/** Names cached per dict path, so rows of one shape build no strings. */
class KeyNode {
  readonly keys = new Map<string, KeyInfo>();
  /** The key met last at each position of a dict here: records of one shape find it without a look-up. */
  readonly order: KeyInfo[] = [];
  constructor(readonly path: readonly string[]) {}
}

/** What every row of one record passes on (a nested table of its own switches to its own below it). */
interface Pass {
  /** The root table these settings are of. */
  readonly table: string;
  readonly rootKey: boolean;
  readonly emit: EmitRow;
  /** `null`: ids from the fast hashes. */
  readonly ids: RootIds | null;
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
  /** A record dlt's normaliser fails on (a primary key part missing where the key is hashed). */
  /** A record dlt's extract or normalize step fails on (`step`), said on its table. */
  readonly problem?: (table: string, message: string, step: "extract" | "normalize") => void;
  /**
   * A root table met below a record's own (a nested hint with a key made it one): how its rows get
   * their ids and whether its id is its nested rows' `_dlt_root_id`; absent: as the record's table.
   */
  readonly rootOf?: (table: string) => { readonly rootKey: boolean; readonly ids: RootIds | null };
}

/** Normalises the records of one load; row ids are derived from the load id, the table and counters. */
export class Relational {
  private readonly seed: number;
  private readonly tableHashes = new Map<string, number>();
  private readonly counters = new Map<string, number>();
  private readonly keyRoot = new KeyNode([]);
  private readonly roots = new Map<string, Place>();
  /** `flatten`'s work stack (one per instance: flatten does not recurse). */
  private readonly stack = {
    dicts: [] as Dict[],
    texts: [] as (NumberText | null)[],
    orders: [] as (KeyOrder | null)[],
    levels: [] as number[],
    nodes: [] as KeyNode[],
  };
  /**
   * The lists found in rows being normalised, in parallel arrays (no object or array per row): a row's
   * lists are `found*[from, top)`, its children's go above them (`row` resets `top` when it is done).
   */
  private readonly foundPaths: ListPath[] = [];
  private readonly foundItems: (readonly Json[] | null)[] = [];
  private readonly foundTexts: (NumberText | null)[] = [];
  private readonly foundOrders: (KeyOrder | null)[] = [];
  private top = 0;

  constructor(private readonly o: RelationalOptions) {
    this.seed = hashString(o.loadId);
  }

  private hashOf(table: string): number {
    let h = this.tableHashes.get(table);
    if (h === undefined) this.tableHashes.set(table, (h = hashString(table)));
    return h;
  }

  /** The names of `key` below `node` (`shorten_fragments(*path, norm_k)`), cached per path. */
  private info(node: KeyNode, key: string, at: number, table: string): KeyInfo {
    let info = node.keys.get(key);
    if (info === undefined) {
      // A key is written by dlt's extract as it came: a lone surrogate fails it (told once per key).
      if (!key.isWellFormed()) this.o.problem?.(table, loneSurrogateMessage("key", [table, ...node.path].join("__"), key), "extract");
      const norm = this.o.naming.key(key);
      info = { key, name: node.path.length === 0 ? norm : this.o.naming.fragments(...node.path, norm), norm, dict: null, list: null };
      // Keys come from data: keep the caches bounded.
      if (node.keys.size >= 10_000) return info;
      node.keys.set(key, info);
    }
    if (at < 10_000) node.order[at] = info;
    return info;
  }

  /** `is_nested_type`: keep a dict or list whole at the level limit or under a `json` column hint. */
  private keepWhole(table: string, name: string, level: number): boolean {
    return level <= 0 || this.o.schema.table(table)?.columns.get(name)?.data_type === "json";
  }

  /** Flattens `dict` into a row; the lists that become child tables are pushed on `found*` (from `top`). */
  private flatten(place: Place, dict: Dict, text: NumberText | null, order: KeyOrder | null, level: number): Row {
    const table = place.table;
    const row = new place.Row();
    const from = this.top;
    const { dicts, texts, orders, levels, nodes } = this.stack;
    dicts.push(dict);
    texts.push(text);
    orders.push(order);
    levels.push(level);
    nodes.push(this.keyRoot);
    while (dicts.length > 0) {
      const current = dicts.pop() as Dict;
      const t = texts.pop() as NumberText | null;
      const o = orders.pop() as KeyOrder | null;
      const lvl = levels.pop() as number;
      const node = nodes.pop() as KeyNode;
      // The response's order where JavaScript's differs: the same keys, read in that order.
      const keys = o === null ? null : orderedKeys(current, o);
      let at = 0;
      for (const forIn in current) {
        const key = keys === null ? forIn : (keys[at] as string);
        const v = current[key] as Json;
        const last = node.order[at];
        const info = last !== undefined && last.key === key ? last : this.info(node, key, at, table);
        at++;
        if (typeof v === "object" && v !== null && !this.keepWhole(table, info.name, lvl)) {
          if (Array.isArray(v)) {
            // A list's table takes the key through `normalize_table_identifier`: no `_empty` for a blank key.
            const list = info.list ?? (info.list = listPath([...node.path, this.o.naming.path(key)]));
            // Same path twice (keys that normalise alike): the last list wins at the first one's place.
            let slot = from;
            while (slot < this.top && (this.foundPaths[slot] as ListPath).key !== list.key) slot++;
            if (slot === this.top) this.top++;
            this.foundPaths[slot] = list;
            this.foundItems[slot] = v;
            this.foundTexts[slot] = sub(t, key);
            this.foundOrders[slot] = subOrder(o, key);
          } else {
            dicts.push(v as Dict);
            texts.push(sub(t, key));
            orders.push(subOrder(o, key));
            levels.push(lvl - 1);
            nodes.push(info.dict ?? (info.dict = new KeyNode([...node.path, info.norm])));
          }
          continue;
        }
        const lexeme = t !== null ? t[key] : undefined;
        if (typeof lexeme === "object" && typeof v === "object" && v !== null) keepSpelling(v, lexeme);
        if (o !== null && typeof v === "object" && v !== null) {
          const vo = subOrder(o, key);
          if (vo !== null) keepOrder(v, vo);
        }
        row[info.name] = typeof lexeme === "string" ? spelledValue(lexeme, v) : v;
      }
    }
    return row;
  }

  /** The table of a list found in a row of `parent` (its path and name, cached). */
  private childPlace(parent: Place, found: ListPath): Place {
    let place = parent.children.get(found.key);
    if (!place) {
      const path = [...parent.path, ...found.path];
      const table = this.o.naming.fragments(...path);
      // `should_be_nested`: a table the schema has is nested if it has a parent; a new one is nested.
      const known = this.o.schema.table(table);
      const root = this.roots.has(table) || (known !== undefined && known.parent === null);
      place = { Row: rowType(), table, parent: root ? null : parent.table, root, path, hash: this.hashOf(table), children: new Map() };
      parent.children.set(found.key, place);
    }
    return place;
  }

  /**
   * One record of the root table `table` (`normalize_data_item`), with its nesting limit; `rootKey`:
   * nested rows get `_dlt_root_id` (`merge` with delete-insert, upsert or insert-only).
   */
  normalize(
    record: DataRecord,
    text: NumberText | null,
    order: KeyOrder | null,
    table: string,
    maxNesting: number | null,
    rootKey: boolean,
    emit: EmitRow,
    ids: RootIds | null = null,
  ): Value {
    const n = (this.counters.get(table) ?? 0) + 1;
    this.counters.set(table, n);
    const h = this.hashOf(table);
    let place = this.roots.get(table);
    if (!place)
      this.roots.set(table, (place = { Row: rowType(), table, parent: null, root: true, path: [table], hash: h, children: new Map() }));
    const pass = this.pass(table, rootKey, emit, ids);
    return this.row(record, text, order, place, null, mix(this.seed, h, n), mix(h, this.seed ^ n, 2), 0, maxNesting ?? 1000, null, pass);
  }

  /** One `Pass` per kind of record (not one per record: this is the hot path). */
  private passes: Pass[] = [];
  private pass(table: string, rootKey: boolean, emit: EmitRow, ids: RootIds | null): Pass {
    const last = this.passes[this.passes.length - 1];
    if (last !== undefined && last.table === table && last.rootKey === rootKey && last.emit === emit && last.ids === ids) return last;
    let p = this.passes.find((x) => x.table === table && x.rootKey === rootKey && x.emit === emit && x.ids === ids);
    if (!p) this.passes.push((p = { table, rootKey, emit, ids }));
    return p;
  }

  /** The pass for rows of `place`: a root table other than the record's has settings of its own. */
  private passFor(place: Place, o: Pass): Pass {
    if (!place.root || place.table === o.table || !this.o.rootOf) return o;
    const own = this.o.rootOf(place.table);
    return this.pass(place.table, own.rootKey, o.emit, own.ids);
  }

  /** A root row's id where dlt's is not random. */
  private rootId(ids: RootIds, table: string, dict: Dict, text: NumberText | null, row: Row): string {
    if (ids.kind === "row_hash") return rowHash(dict, text);
    const missing = ids.key.filter((k) => getOwn(row, k) === undefined);
    if (missing.length > 0)
      this.o.problem?.(
        table,
        `a record has no \`${missing.join("`, `")}\` (primary_key), whose hash is the row id: dlt's normalize step fails on it (KeyError)`,
        "normalize",
      );
    return keyHash(row, ids.key);
  }

  private row(
    dict: Dict,
    text: NumberText | null,
    order: KeyOrder | null,
    place: Place,
    parentId: Value | null,
    // The row's id hash and its index in its list (no object per row: this is the hot path).
    h1: number,
    h2: number,
    pos: number,
    level: number,
    rootId: Value | null,
    pass: Pass,
  ): Value {
    const o = this.passFor(place, pass);
    const from = this.top;
    const row = this.flatten(place, dict, text, order, level);
    const to = this.top;
    if (rootId !== null) row._dlt_root_id = rootId;
    const isRoot = place.root;
    if (isRoot) row._dlt_load_id = this.o.loadId;
    // A row keeps an `_dlt_id` of its own that Python takes as true (`if not row_id`); its children point at it.
    let rowId = row._dlt_id;
    if (rowId !== undefined && pyTrue(rowId)) {
      // Nor does it get parent columns (dlt's `_add_row_id` is skipped).
      if (!isRoot) {
        this.omit(place.table, "_dlt_parent_id");
        this.omit(place.table, "_dlt_list_idx");
      }
    } else {
      if (!isRoot) {
        row._dlt_parent_id = parentId;
        row._dlt_list_idx = pos;
      }
      rowId = row._dlt_id =
        o.ids === null
          ? encodeId(h1, h2)
          : isRoot
            ? this.rootId(o.ids, place.table, dict, text, row)
            : dltDigest(`${pyStr(parentId as Value)}_${place.table}_${pos}`);
    }
    const childRoot = isRoot && o.rootKey ? rowId : rootId;
    const descend = o.emit(place.table, place.parent, row);
    for (let i = from; descend && i < to; i++)
      this.list(
        this.foundItems[i] as readonly Json[],
        this.foundTexts[i] as NumberText | null,
        this.foundOrders[i] as KeyOrder | null,
        this.childPlace(place, this.foundPaths[i] as ListPath),
        rowId,
        h1,
        h2,
        level - 1,
        childRoot,
        o,
      );
    // The lists' items are not held once their rows are out.
    for (let i = from; i < to; i++) this.foundItems[i] = this.foundTexts[i] = this.foundOrders[i] = null;
    this.top = from;
    return rowId;
  }

  /**
   * A scalar item of a list whose table is a root table: a root id and no parent columns, and (dlt
   * adds `_dlt_load_id` only to dict rows) no `_dlt_load_id`, which dlt's load refuses (NOT NULL: the
   * table says so, as for every not-null column a row has no value for).
   */
  private rootItem(value: Value, place: Place, h1: number, h2: number, rootId: Value | null, o: Pass): void {
    const row: Row = rootId === null ? { value } : { value, _dlt_root_id: rootId };
    row._dlt_id = o.ids === null ? encodeId(h1, h2) : this.rootId(o.ids, place.table, { value: value as Json }, null, row);
    this.omit(place.table, "_dlt_load_id");
    o.emit(place.table, place.parent, row);
  }

  /**
   * The rows written without a `_dlt` column that the table's other rows have (a nested row with an id
   * of its own has no parent columns; a root table's scalar item no `_dlt_load_id`): per table and
   * column. Every other row gets its `_dlt` columns here, so they are not looked for row by row.
   */
  readonly omitted = new Map<string, Map<string, number>>();

  private omit(table: string, column: string): void {
    let byColumn = this.omitted.get(table);
    if (!byColumn) this.omitted.set(table, (byColumn = new Map()));
    byColumn.set(column, (byColumn.get(column) ?? 0) + 1);
  }

  private list(
    items: readonly Json[],
    text: NumberText | null,
    order: KeyOrder | null,
    place: Place,
    parentId: Value,
    parentH1: number,
    parentH2: number,
    level: number,
    rootId: Value | null,
    o: Pass,
  ): void {
    for (let idx = 0; idx < items.length; idx++) {
      const item = items[idx] as Json;
      const h1 = mix(parentH1, place.hash, idx);
      const h2 = mix(parentH2, place.hash, idx);
      const t = text === null ? undefined : text[String(idx)];
      if (typeof item !== "object" || item === null) {
        const value = typeof t === "string" ? spelledValue(t, item) : item;
        if (place.root) {
          this.rootItem(value, place, h1, h2, rootId, this.passFor(place, o));
          continue;
        }
        const id = o.ids === null ? encodeId(h1, h2) : dltDigest(`${pyStr(parentId)}_${place.table}_${idx}`);
        // One literal per shape: V8 stores a literal's properties in the object itself.
        const row: Row =
          rootId === null
            ? { value, _dlt_parent_id: parentId, _dlt_list_idx: idx, _dlt_id: id }
            : { value, _dlt_root_id: rootId, _dlt_parent_id: parentId, _dlt_list_idx: idx, _dlt_id: id };
        o.emit(place.table, place.parent, row);
        continue;
      }
      const itemOrder = order === null ? null : subOrder(order, String(idx));
      if (isDict(item)) this.row(item, typeof t === "object" ? t : null, itemOrder, place, parentId, h1, h2, idx, level, rootId, o);
      else if (Array.isArray(item)) {
        const listOrder = itemOrder === null ? null : { at: { list: itemOrder } };
        this.row({ list: item }, typeof t === "object" ? { list: t } : null, listOrder, place, parentId, h1, h2, idx, level - 1, rootId, o);
      }
    }
  }
}
