import type { DataRecord } from "../engine/types";
import type { COLUMN_DATA_TYPES } from "../config/schema";
import type { ContractSetting } from "../config/resolved";

/** dlt's column data types: `text`, `bigint`, `double`, `bool`, `timestamp`, `date`, `json`, … */
export type ColumnDataType = (typeof COLUMN_DATA_TYPES)[number];

/** A column as dlt's schema holds it: name, type, nullability and the hints dlt set. */
export interface PreviewColumn {
  readonly name: string;
  readonly data_type: ColumnDataType;
  /** dlt's rule: every inferred column is nullable; primary and merge keys, `nullable: false` hints and `_dlt` columns are not. */
  readonly nullable: boolean;
  readonly primary_key?: boolean;
  readonly merge_key?: boolean;
  readonly unique?: boolean;
  readonly row_key?: boolean;
  readonly parent_key?: boolean;
  readonly root_key?: boolean;
  readonly hard_delete?: boolean;
  readonly dedup_sort?: "asc" | "desc";
  readonly precision?: number;
  readonly scale?: number;
  readonly timezone?: boolean;
  /** A variant column (`<column>__v_<type>`): values that did not fit the column's type. */
  readonly variant?: boolean;
  /** scd2: when a version became valid, when it stopped (null or the active record timestamp: still valid), the row version. */
  readonly "x-valid-from"?: boolean;
  readonly "x-valid-to"?: boolean;
  readonly "x-row-version"?: boolean;
  readonly "x-active-record-timestamp"?: string | number;
}

/** What this run's load did to a row that is in the table now. */
export type RowChange = "inserted" | "updated" | "unchanged";

/** Per table and run: rows inserted, updated (re-inserted for a key they replaced), deleted, kept. */
export interface TableChanges {
  readonly inserted: number;
  readonly updated: number;
  readonly deleted: number;
  readonly unchanged: number;
}

export interface PreviewStats {
  /** Records this run fetched for the table (all its resources). */
  readonly fetched: number;
  /** Rows in the table after this run's load. */
  readonly merged: number;
  /** Records of this run that merge dropped: duplicates of a key, and `hard_delete` records. */
  readonly duplicates_collapsed: number;
}

/** A table as it stands after this run's load (dlt's destination table). */
export interface PreviewTableData {
  readonly table_name: string;
  /** `null` for a root table. */
  readonly parent_table: string | null;
  /** Rows as dlt loads them: names normalised, values coerced; a column a row lacks is null. */
  readonly rows: readonly DataRecord[];
  /** Parallel to `rows`. */
  readonly row_changes: readonly RowChange[];
  readonly columns: readonly PreviewColumn[];
  readonly changes: TableChanges;
  /** Rows dlt's normaliser wrote for this table in this run (before merge dedup). */
  readonly normalized_rows: number;
  /**
   * Set by a windowed preview when `rows` holds only the first of the table's rows: how many rows the
   * table has (`changes` and `stats` count every row either way).
   */
  readonly total_rows?: number;
}

/** A nested table dlt creates from a list inside the records: `<table>__<field>`. */
export interface PreviewChildTable extends PreviewTableData {
  readonly parent_table: string;
}

/** A root table with its nested tables. */
export interface PreviewTable extends PreviewTableData {
  /** The first resource that wrote to it (two resources with one `table_name` share the table). */
  readonly resource: string;
  readonly write_disposition: string;
  /** The strategy of a `merge` table as configured (`upsert`, `insert-only`, `scd2`, `delete-insert`); `null`: delete-insert. */
  readonly merge_strategy: string | null;
  /** Primary key columns (normalised names), `null` when none. */
  readonly primary_key: readonly string[] | null;
  /** The table's `schema_contract` as written, `null` when none. */
  readonly schema_contract: ContractSetting | null;
  /** This run's records that were loaded into it, as the API sent them. */
  readonly records: readonly DataRecord[];
  readonly child_tables: readonly PreviewChildTable[];
  readonly stats: PreviewStats;
  readonly warnings: readonly string[];
  /** The load id of this run (`_dlt_load_id` of the rows it wrote). */
  readonly load_id: string;
  /** `false` while the run streams, and after a run that failed: dlt loads nothing then. */
  readonly loaded: boolean;
}

/** One resource of the run: where its records went. */
export interface PreviewResource {
  readonly resource: string;
  /** Its root table; `null` when dlt does not load it (`selected: false` parents, `skip`). */
  readonly table_name: string | null;
  readonly fetched: number;
  /** This run's records of the resource that were loaded, as the API sent them (a windowed preview: the first). */
  readonly records: readonly DataRecord[];
  /** How many of this run's records of the resource were loaded (`records.length` unless windowed). */
  readonly loaded: number;
  readonly warnings: readonly string[];
}
