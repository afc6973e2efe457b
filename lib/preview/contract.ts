/**
 * A resource's `schema_contract` as dlt 1.26.0 applies it (`Schema.apply_schema_contract` in
 * `dlt/common/schema/schema.py`, called by the extractor per table and by the normaliser per row that
 * adds columns):
 * - `tables` governs new tables: a table is new when the schema lacks it or it has no complete column
 *   (`is_new_table`). At extract, before any of the run's hints are merged, a new root table under
 *   `freeze` fails the extract step; under `discard_row`/`discard_value` the resource's items are
 *   dropped and no table is made. At normalize, a new nested table is treated alike (its rows and
 *   theirs are skipped, or the step fails).
 * - `columns` governs new, non-variant columns of an existing table — except in the run that creates
 *   the root table (`evolve-columns-once`) and in a table new at normalize, whose columns evolve.
 *   `discard_value` drops the column's values, `discard_row` the rows that have one (and their nested
 *   rows), `freeze` fails the normalize step.
 * - `data_type` governs new variant columns (`<column>__v_<type>`), in every run, likewise.
 * Nested tables follow their root's contract (`get_inherited_table_hint`). A failing step is announced
 * on the table (lib/preview/failures.ts), and the preview then goes on as if the entity evolved.
 */
import type { ContractSetting, NestedHint, SchemaContract } from "../config/resolved";
import { ownsTable } from "../shared";
import { contractMessage, hintContractMessage } from "./failures";
import { isComplete, type ColumnSchema, type Schema, type TableSchema } from "./schema";

/** `expand_schema_contract_settings`: a mode for all three entities, an entity not given evolves; `null` when all evolve. */
export function expandContract(setting: ContractSetting | undefined): SchemaContract | null {
  if (setting === undefined) return null;
  const c: SchemaContract =
    typeof setting === "string"
      ? { tables: setting, columns: setting, data_type: setting }
      : { tables: setting.tables ?? "evolve", columns: setting.columns ?? "evolve", data_type: setting.data_type ?? "evolve" };
  return c.tables === "evolve" && c.columns === "evolve" && c.data_type === "evolve" ? null : c;
}

/**
 * The extract step goes on to the nested hints' tables after a `tables` contract discarded a new root
 * table (`_compute_and_update_tables`): a table that keeps its parent takes its own hint's contract,
 * else the schema's default (its parent is not there to inherit from), so it evolves into a table
 * whose parent is missing (`ParentTableNotFoundException`) or is frozen (`DataValidationError`) —
 * both fail dlt's extract step; a discarding one is dropped. Messages go to `warnings`.
 */
export function orphanedNestedHints(root: string, nested: readonly { name: string; h: NestedHint }[], warnings: string[]): void {
  for (const { name, h } of nested) {
    if (ownsTable(h)) continue;
    const tables = expandContract(h.schema_contract)?.tables ?? "evolve";
    if (tables === "freeze") warnings.push(contractMessage("nested_table", "extract", "freeze", name, null));
    else if (tables === "evolve")
      warnings.push(
        `\`${root}\` is discarded by its \`schema_contract\`, but the nested hint of \`${name}\` keeps it as its parent: ` +
          `dlt's extract step fails (\`ParentTableNotFoundException\`: Parent table \`${root}\` for \`${name}\` was not found). ` +
          "Evolve tables for the run that creates it, or give the nested hint a `schema_contract` that discards tables too.",
      );
    else continue;
    return;
  }
}

/** `is_new_table`: no such table, or none of its columns is complete (a name and a data type). */
export const isNewTable = (t: TableSchema | undefined): boolean =>
  t === undefined || ![...t.columns.values()].some((c) => c.data_type !== undefined && c.name !== "");

/** The column properties dlt's `data_type` contract guards on a complete column (`TColumnType`). */
const TYPE_PROPS = ["data_type", "nullable", "precision", "scale", "timezone"] as const;

/** One load's contract state: filtered tables and columns, and the tables whose columns evolve once. */
export class ContractState {
  private readonly filteredTables = new Set<string>();
  private readonly filteredColumns = new Map<string, Map<string, "discard_row" | "discard_value">>();
  private readonly evolveOnce = new Set<string>();
  /** The extract step failed (a frozen new table): dlt's normalize step never runs. */
  private failed = false;

  /** Whether dlt's extract step fails on the contract (nothing of the run loads). */
  get extractFailed(): boolean {
    return this.failed;
  }

  /** A `freeze` the normalize step fails on (a new column, variant or nested table): nothing of the run loads either. */
  private normalizeFailed = false;

  /** Whether dlt fails this run on the contract, at extract or normalize: it loads nothing of it. */
  get loadFails(): boolean {
    return this.failed || this.normalizeFailed;
  }

  constructor(
    private readonly schema: Schema,
    /** Tells `message` on the root table `root` (once per message). */
    private readonly note: (root: string, message: string) => void,
  ) {}

  /**
   * The extract step's check of the tables a resource's hints make — its root table, then those of its
   * `nested_hints` — before the hints are merged (messages go to `warnings`): `false` when the
   * contract drops the resource's items (no table is made); a nested one it drops is filtered.
   */
  extract(tables: readonly (readonly [string, SchemaContract | null])[], warnings: string[]): boolean {
    for (const [i, [table, c]] of tables.entries()) {
      if (c === null || !isNewTable(this.schema.table(table))) continue;
      // `evolve-columns-once`: the run that creates the table adds its columns freely.
      this.evolveOnce.add(table);
      if (c.tables === "evolve") continue;
      warnings.push(contractMessage(i === 0 ? "table" : "nested_table", "extract", c.tables, table, null));
      if (c.tables === "freeze") {
        this.failed = true;
        return true;
      }
      if (i === 0) return false;
      this.filteredTables.add(table);
    }
    return true;
  }

  /**
   * The extract step's check of the columns a resource's hints give the table `table` once it exists
   * (`apply_schema_contract` on the computed table): a column new to it (or without a data type there)
   * under `columns` (which evolve in the run that made the table), a column whose data type,
   * nullability, precision, scale or timezone the hint changes under `data_type`. `freeze` fails the
   * step (the preview then merges the hints as if they evolved); a discard mode leaves the column out.
   * Returns the columns to merge; messages go to `warnings`.
   */
  hints(table: string, c: SchemaContract, columns: ColumnSchema[], warnings: string[]): ColumnSchema[] {
    const t = this.schema.table(table);
    if (this.failed || t === undefined || isNewTable(t)) return columns;
    const columnMode = this.evolveOnce.has(table) ? "evolve" : c.columns;
    return columns.filter((col) => {
      if (this.failed || col.name.startsWith("_dlt")) return true;
      const existing = t.columns.get(col.name);
      const change = isComplete(existing) ? (TYPE_PROPS.find((p) => col[p] !== undefined && col[p] !== existing?.[p]) ?? null) : "new";
      if (change === null) return true;
      const mode = change === "new" ? columnMode : c.data_type;
      if (mode === "evolve") return true;
      warnings.push(
        hintContractMessage(table, col.name, change === "new" ? null : { prop: change, was: existing?.[change], now: col[change] }, mode),
      );
      if (mode === "freeze") this.failed = true;
      return mode === "freeze";
    });
  }

  /** Before a row is coerced: `false` when its table or one of its columns drops it (and its nested rows). */
  admit(table: string, row: Record<string, unknown>): boolean {
    if (this.filteredTables.has(table)) return false;
    return this.filter(table, row);
  }

  /**
   * The normaliser's check of the columns a coerced row adds to `table` (`added`, pruned in place of
   * those the contract refuses): `false` when the row is dropped.
   */
  columns(name: string, root: string, c: SchemaContract, added: ColumnSchema[], row: Record<string, unknown>): boolean {
    if (this.failed) return true;
    const isNew = isNewTable(this.schema.table(name));
    if (isNew && c.tables !== "evolve") {
      this.note(root, contractMessage("nested_table", "normalize", c.tables, name, null));
      if (c.tables === "freeze") this.normalizeFailed = true;
      if (c.tables !== "freeze") {
        this.filteredTables.add(name);
        added.length = 0;
        return false;
      }
      return true;
    }
    const columnMode = isNew || this.evolveOnce.has(name) ? "evolve" : c.columns;
    let filtered = false;
    for (let i = added.length - 1; i >= 0; i--) {
      const col = added[i] as ColumnSchema;
      if (col.name.startsWith("_dlt")) continue;
      const variant = col.variant === true;
      const m = variant ? c.data_type : columnMode;
      if (m === "evolve") continue;
      this.note(root, contractMessage(variant ? "data_type" : "columns", "normalize", m, name, col.name));
      if (m === "freeze") {
        this.normalizeFailed = true;
        continue;
      }
      let byColumn = this.filteredColumns.get(name);
      if (!byColumn) this.filteredColumns.set(name, (byColumn = new Map()));
      byColumn.set(col.name, m);
      added.splice(i, 1);
      filtered = true;
    }
    return !filtered || this.filter(name, row);
  }

  /** `_filter_columns`: a filtered column's value dropped, or the row. */
  private filter(table: string, row: Record<string, unknown>): boolean {
    const byColumn = this.filteredColumns.get(table);
    if (byColumn === undefined) return true;
    for (const [column, m] of byColumn) {
      if (!Object.hasOwn(row, column)) continue;
      if (m === "discard_row") return false;
      delete row[column];
    }
    return true;
  }
}
