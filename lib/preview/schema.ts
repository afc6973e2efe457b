/**
 * The part of dlt's schema the preview keeps: tables (root and nested), their columns in dlt's
 * order with dlt's hints, and the table hints a load needs. Rules from dlt 1.26.0:
 * - `merge_columns` (`dlt/common/schema/utils.py`): a column that was incomplete (a hint without a
 *   `data_type`) and becomes complete is removed and added again, so it sits where the data puts
 *   it; complete hint columns stay first, in hint order;
 * - `_merge_key` (`dlt/extract/hints.py`): a primary or merge key column is `nullable: false`;
 * - `extend_schema` (`relational.py`): the `_dlt` columns are not null, `_dlt_id` is `unique` and
 *   `row_key`, `_dlt_parent_id` `parent_key`, `_dlt_root_id` `root_key`.
 * Plain data: a schema serialises to JSON (`toJSON`) and back (`Schema.from`).
 */
import type { ColumnHint } from "../engine/types";
import type { ContractSetting, NestedHint, Scd2Hints } from "../config/resolved";
import type { ColumnDataType } from "./types";
import type { Naming } from "./naming";
import { ownsTable } from "../shared";

/** dlt's column schema (the properties the preview models). */
export interface ColumnSchema {
  name: string;
  data_type?: ColumnDataType;
  nullable?: boolean;
  primary_key?: boolean;
  merge_key?: boolean;
  unique?: boolean;
  row_key?: boolean;
  parent_key?: boolean;
  root_key?: boolean;
  hard_delete?: boolean;
  dedup_sort?: "asc" | "desc";
  incremental?: boolean;
  precision?: number;
  scale?: number;
  timezone?: boolean;
  variant?: boolean;
  /** scd2: the column a version becomes valid at, the one it stops being valid at, and the row version. */
  "x-valid-from"?: boolean;
  "x-valid-to"?: boolean;
  "x-row-version"?: boolean;
  /** scd2: the "valid to" of active records as configured (`null`: NULL). */
  "x-active-record-timestamp"?: string | number | null;
}

export interface TableSchema {
  readonly name: string;
  readonly parent: string | null;
  /** Root tables: the first resource that wrote to the table (dlt's `resource` hint). */
  resource: string | null;
  write_disposition: string | null;
  /** `x-merge-strategy` (the strategy of a dict `write_disposition`). */
  merge_strategy: string | null;
  /** scd2's `x-boundary-timestamp` as configured (absent: each load's own time). */
  boundary_timestamp?: string | number;
  /**
   * The `schema_contract` as written: a root's from its resource, a nested table's from
   * `nested_hints` (dlt's schema keeps the last one given).
   */
  schema_contract?: ContractSetting;
  /** `x-normalizer.max_nesting`: the resource's `max_table_nesting`. */
  max_nesting: number | null;
  /** `x-normalizer.seen-data`: the table received rows at some point (it exists in the destination). */
  seen_data: boolean;
  readonly columns: Map<string, ColumnSchema>;
}

export interface TableSchemaJson extends Omit<TableSchema, "columns"> {
  readonly columns: ColumnSchema[];
}

/** Hints of a `_dlt` column as `extend_schema` registers them; data columns have none. */
export function dltColumnHints(name: string): Partial<ColumnSchema> {
  switch (name) {
    case "_dlt_id":
      return { nullable: false, unique: true, row_key: true };
    case "_dlt_parent_id":
      return { nullable: false, parent_key: true };
    case "_dlt_root_id":
      return { nullable: false, root_key: true };
    case "_dlt_list_idx":
    case "_dlt_load_id":
      return { nullable: false };
    default:
      return { nullable: true };
  }
}

export const isComplete = (c: ColumnSchema | undefined): boolean => c !== undefined && c.data_type !== undefined;

/** The hint columns a table takes (a schema contract may leave some out). */
export type AdmitHints = (columns: ColumnSchema[]) => ColumnSchema[];
const all: AdmitHints = (columns) => columns;

/** `merge_columns(a, b)`: merges `b` into `a` in place. */
export function mergeColumns(a: Map<string, ColumnSchema>, b: readonly ColumnSchema[]): void {
  for (const col of b) {
    const existing = a.get(col.name);
    if (isComplete(col) && existing && !isComplete(existing)) a.delete(col.name);
    a.set(col.name, existing ? { ...existing, ...col } : { ...col });
  }
}

/** Resource hints as the `resource_start` event carries them. */
export interface ResourceHints {
  readonly resource: string;
  readonly write_disposition: string;
  readonly merge_strategy: string | null;
  readonly max_table_nesting: number | null;
  readonly primary_key: readonly string[] | null;
  readonly merge_key: readonly string[] | null;
  readonly columns: readonly ColumnHint[];
  readonly scd2?: Scd2Hints;
  readonly schema_contract?: ContractSetting;
}

/** dlt's default scd2 validity columns (`DEFAULT_VALIDITY_COLUMN_NAMES`). */
export const DEFAULT_VALIDITY_COLUMNS: readonly [string, string] = ["_dlt_valid_from", "_dlt_valid_to"];

/** The column hints a resource's `columns` can give, besides `data_type` and `nullable`, in dlt's order. */
const CONFIG_HINTS = [
  "primary_key",
  "merge_key",
  "unique",
  "row_key",
  "parent_key",
  "root_key",
  "hard_delete",
  "dedup_sort",
  "incremental",
  "precision",
  "scale",
  "timezone",
  "variant",
] as const;

/** Every column hint besides `data_type` and `nullable`, in dlt's order (the preview shows each when set). */
export const COLUMN_HINTS = [...CONFIG_HINTS, "x-valid-from", "x-valid-to", "x-row-version", "x-active-record-timestamp"] as const;

const HINT_KEYS = ["data_type", "nullable", ...CONFIG_HINTS] as const;

/** The columns of a resource's table template: `columns` hints, then `_merge_keys`, names normalised. */
/** A column hint's column (its name as written). */
function hintColumn(hint: ColumnHint): ColumnSchema {
  const col: ColumnSchema = { name: hint.name };
  for (const key of HINT_KEYS) if (hint[key] !== undefined) Object.assign(col, { [key]: hint[key] });
  return col;
}

function templateColumns(
  hints: Pick<ResourceHints, "columns" | "primary_key" | "merge_key" | "write_disposition" | "merge_strategy" | "scd2">,
  naming: Naming,
): ColumnSchema[] {
  const byName = new Map<string, ColumnSchema>();
  for (const hint of hints.columns) byName.set(hint.name, hintColumn(hint));
  const keys = (hint: "primary_key" | "merge_key", names: readonly string[] | null): void => {
    for (const c of byName.values()) delete c[hint];
    for (const key of names ?? []) {
      const col = byName.get(key);
      if (col) Object.assign(col, { [hint]: true, nullable: col.nullable ?? false });
      else byName.set(key, { name: key, nullable: false, [hint]: true });
    }
  };
  keys("primary_key", hints.primary_key);
  keys("merge_key", hints.merge_key);
  // `_merge_merge_disposition_dict`: scd2's columns replace any hints of the same name.
  if (hints.write_disposition === "merge" && hints.merge_strategy === "scd2") {
    const o = hints.scd2;
    const [from, to] = o?.validity_column_names ?? DEFAULT_VALIDITY_COLUMNS;
    const active = o?.active_record_timestamp ?? null;
    byName.set(from, { name: from, data_type: "timestamp", nullable: true, "x-valid-from": true });
    byName.set(to, {
      name: to,
      data_type: "timestamp",
      nullable: true,
      "x-valid-to": true,
      "x-active-record-timestamp": active,
    });
    const version = o?.row_version_column_name ?? "_dlt_id";
    byName.set(version, { name: version, nullable: false, "x-row-version": true, unique: false, row_key: false });
  }
  return [...byName.values()].map((c) => ({ ...c, name: naming.path(c.name) }));
}

export class Schema {
  readonly tables = new Map<string, TableSchema>();

  static from(json: readonly TableSchemaJson[]): Schema {
    const s = new Schema();
    for (const t of json) s.tables.set(t.name, { ...t, columns: new Map(t.columns.map((c) => [c.name, { ...c }])) });
    return s;
  }

  toJSON(): TableSchemaJson[] {
    return [...this.tables.values()].map((t) => ({ ...t, columns: [...t.columns.values()].map((c) => ({ ...c })) }));
  }

  table(name: string): TableSchema | undefined {
    return this.tables.get(name);
  }

  /** Creates a table (nested ones inherit their hints from the root). */
  ensure(name: string, parent: string | null): TableSchema {
    let t = this.tables.get(name);
    if (!t) {
      t = {
        name,
        parent,
        resource: null,
        write_disposition: null,
        merge_strategy: null,
        max_nesting: null,
        seen_data: false,
        columns: new Map(),
      };
      this.tables.set(name, t);
    }
    return t;
  }

  /**
   * A resource's table template merged into the root table `name` (`Schema.update_table`), its columns
   * first through `admit` (the extract step's schema contract: those it refuses are left out).
   */
  applyHints(name: string, hints: ResourceHints, naming: Naming, admit: AdmitHints = all): TableSchema {
    const t = this.ensure(name, null);
    t.resource ??= hints.resource;
    // A merge that names no strategy keeps the table's stored one, as dlt's `update_table` keeps a hint
    // the new template lacks (an scd2 table run again as plain `merge` stays scd2).
    const kept = hints.write_disposition === "merge" && hints.merge_strategy === null && t.write_disposition === "merge";
    t.write_disposition = hints.write_disposition;
    if (!kept) {
      t.merge_strategy = hints.merge_strategy;
      const boundary = hints.merge_strategy === "scd2" ? (hints.scd2?.boundary_timestamp ?? null) : null;
      if (boundary === null) delete t.boundary_timestamp;
      else t.boundary_timestamp = boundary;
    }
    t.max_nesting = hints.max_table_nesting;
    if (hints.schema_contract !== undefined) t.schema_contract = hints.schema_contract;
    mergeColumns(t.columns, admit(templateColumns(hints, naming)));
    return t;
  }

  /**
   * `nested_hints` columns merged into the nested table `name` of `parent`, made now as dlt's extract
   * step makes it (`compute_nested_table_schemas`). A key makes it a root table of its own
   * (`may_be_nested`): no parent, the resource's, its own disposition (else `append`, a root table's
   * default) and key columns — unless an earlier run made it nested (a table keeps its parent).
   */
  applyNestedHints(name: string, parent: string, hint: NestedHint, naming: Naming, admit: AdmitHints = all): TableSchema {
    const own = ownsTable(hint);
    const t = this.ensure(name, own ? null : parent);
    if (hint.schema_contract !== undefined) t.schema_contract = hint.schema_contract;
    const ofItsOwn = own && t.parent === null;
    // Its own disposition is stored on the table (a root table of its own: else `append`; a nested one keeps its parent's).
    if (ofItsOwn || hint.write_disposition !== undefined) {
      t.write_disposition = hint.write_disposition ?? "append";
      t.merge_strategy = t.write_disposition === "merge" ? (hint.merge_strategy ?? null) : null;
    }
    if (ofItsOwn) {
      t.resource ??= this.tables.get(parent)?.resource ?? null;
      const boundary = t.merge_strategy === "scd2" ? (hint.scd2?.boundary_timestamp ?? null) : null;
      if (boundary === null) delete t.boundary_timestamp;
      else t.boundary_timestamp = boundary;
      const template = {
        columns: hint.columns,
        primary_key: hint.primary_key ?? null,
        merge_key: hint.merge_key ?? null,
        write_disposition: hint.write_disposition ?? "append",
        merge_strategy: t.merge_strategy,
        ...(hint.scd2 ? { scd2: hint.scd2 } : {}),
      };
      mergeColumns(t.columns, admit(templateColumns(template, naming)));
      return t;
    }
    // A nested table's scd2 (`nested_disposition_apart`) brings scd2's columns.
    const columns = hint.columns.map((h) => ({ ...hintColumn(h), name: naming.path(h.name) }));
    if (t.write_disposition === "merge" && t.merge_strategy === "scd2") {
      const template = { columns: [], primary_key: null, merge_key: null, write_disposition: "merge", merge_strategy: "scd2" };
      columns.unshift(...templateColumns({ ...template, ...(hint.scd2 ? { scd2: hint.scd2 } : {}) }, naming));
    }
    mergeColumns(t.columns, admit(columns));
    return t;
  }

  /** dlt's `get_inherited_table_hint` for `write_disposition`: the table's own, else its nearest parent's. */
  dispositionOf(name: string): string | null {
    let t = this.tables.get(name);
    while (t && t.write_disposition === null && t.parent !== null) t = this.tables.get(t.parent);
    return t?.write_disposition ?? null;
  }

  /**
   * dlt's `get_inherited_table_hint` for `schema_contract`: the table's own, else its nearest
   * parent's (`parent` for a table not made yet).
   */
  contractOf(name: string, parent: string | null): ContractSetting | undefined {
    let t = this.tables.get(name) ?? (parent === null ? undefined : this.tables.get(parent));
    while (t && t.schema_contract === undefined && t.parent !== null) t = this.tables.get(t.parent);
    return t?.schema_contract;
  }

  /** Whether any table holds a `schema_contract`. */
  hasContract(): boolean {
    for (const t of this.tables.values()) if (t.schema_contract !== undefined) return true;
    return false;
  }

  /** Whether a nested hint made a table of its own below the root table `root` (a root table of the same resource). */
  hasOwnTables(root: string): boolean {
    const resource = this.tables.get(root)?.resource;
    for (const t of this.tables.values()) if (t.parent === null && t.name !== root && t.resource === resource) return true;
    return false;
  }

  /** The root table of `name`. */
  root(name: string): TableSchema | undefined {
    let t = this.tables.get(name);
    while (t && t.parent !== null) t = this.tables.get(t.parent);
    return t;
  }

  /** `name` and its nested tables, parents before children (dlt's table chain). */
  chain(name: string): TableSchema[] {
    const out: TableSchema[] = [];
    const walk = (n: string) => {
      const t = this.tables.get(n);
      if (!t) return;
      out.push(t);
      for (const c of this.tables.values()) if (c.parent === n) walk(c.name);
    };
    walk(name);
    return out;
  }
}
