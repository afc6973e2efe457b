import type { DataRecord } from "../engine/types";
import type { COLUMN_DATA_TYPES } from "../config/schema";

/** dlt's column data types: `text`, `bigint`, `double`, `bool`, `timestamp`, `date`, `json`, … */
export type ColumnDataType = (typeof COLUMN_DATA_TYPES)[number];

export interface PreviewColumn {
  readonly name: string;
  readonly data_type: ColumnDataType;
  /** `true` when any row lacks the column or holds null in it. */
  readonly nullable: boolean;
}

export interface PreviewStats {
  /** Records received from the API for this resource. */
  readonly fetched: number;
  /** Rows in the table after merging. */
  readonly merged: number;
  /** Records replaced by a later version with the same primary key. */
  readonly duplicates_collapsed: number;
}

/** A nested table dlt creates from a list inside the records: `<table>__<field>`. */
export interface PreviewChildTable {
  readonly table_name: string;
  readonly parent_table: string;
  /** Rows linked to their parent by `_dlt_parent_id` (the parent row's `_dlt_id`) and `_dlt_list_idx`. */
  readonly rows: readonly DataRecord[];
  readonly columns: readonly PreviewColumn[];
}

/** One resource as dlt would load it: its root table and its nested tables. */
export interface PreviewTable {
  readonly resource: string;
  /** Normalised table name (dlt's snake_case of `table_name`, default the resource name). */
  readonly table_name: string;
  readonly write_disposition: string;
  /** The key as configured (source field names), `null` when none. */
  readonly primary_key: readonly string[] | null;
  /** The merged records as the API sent them (field names untouched), in load order. */
  readonly records: readonly DataRecord[];
  /** The root table's rows: names normalised, nested dicts flattened, lists moved to child tables, `_dlt_id` added. */
  readonly rows: readonly DataRecord[];
  readonly columns: readonly PreviewColumn[];
  readonly child_tables: readonly PreviewChildTable[];
  readonly stats: PreviewStats;
  readonly warnings: readonly string[];
}

/** Per-resource hints the engine's events do not carry. */
export interface TableHints {
  readonly table_name?: string;
  readonly max_table_nesting?: number;
  /** The merge strategy of a dict `write_disposition` (`scd2` keeps every version). */
  readonly merge_strategy?: string;
}
