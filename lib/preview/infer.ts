/**
 * Fitting a normalised row into its table (`JsonLItemsNormalizer._coerce_row` in
 * `dlt/normalize/items_normalizers/jsonl.py`, dlt 1.26.0):
 * - a null creates no column (a key that is null everywhere never becomes one);
 * - a value of the column's type is stored as it is; another type is coerced when dlt can
 *   (`coerce.ts`), else it goes to the variant column `<column>__v_<python type>` (`variant: true`);
 * - a new column's type comes from its first non-null value: strings that are ISO date-times are
 *   `timestamp` (dlt's only default detection, `iso_timestamp`), else the Python type's dlt type;
 * - every inferred column is `nullable: true`; only the `_dlt` columns are not null, and hints
 *   (`nullable: false`, keys) win over inference (`_infer_column`, `merge_column`).
 * A value dlt would refuse (a null in a not-null column, a value that fits neither the column nor its
 * variant) fails dlt's normalize step; the preview keeps the row and reports it instead.
 */
import type { DataRecord, Json } from "../engine/types";
import type { ColumnDataType } from "./types";
import type { Naming } from "./naming";
import { dltColumnHints, mergeColumns, type ColumnSchema, type Schema } from "./schema";
import * as coerce from "./coerce";
import * as datetime from "./datetime";
import * as values from "./values";
import * as duckTypes from "./duck-types";
import type { TypedColumn } from "./duck-types";
import type { Value } from "./values";
import type { Row } from "./relational";
import type { Failure } from "./failures";

// Imported functions bound once: a bundler's (or tsx's) module object reads each through a getter per call.
const CANNOT: coerce.Cannot = coerce.CANNOT;
const { tryCoerce } = coerce;
const { isIsoDateTime } = datetime;
const { beyond64, loneSurrogateIn, pyType, PyInt } = values;
const { decimalOverflows, decimalShape, duckIntOverflow } = duckTypes;

/** `_infer_column_type`: the `iso_timestamp` detection, then the Python type. */
export function inferType(v: Value): ColumnDataType | null {
  // Cheap pre-check first: most strings are not date-times (the shortest is `YYYYH:M`, pendulum's common format).
  if (typeof v === "string" && v.length >= 7 && v.charCodeAt(0) <= 57 && isIsoDateTime(v)) return "timestamp";
  return pyType(v);
}

/** `null`: a null where no column exists (yet); the others fail dlt's normalize step. */
const NO_COLUMNS: ReadonlyMap<string, ColumnSchema> = new Map();

export type Report = (table: string, column: string, problem: "null" | Failure, value: Value) => void;

/** Checks the columns a row adds (pruning refused ones from `added`, which are then added); `false` drops the row. */
export type Gate = (table: string, added: ColumnSchema[], row: Row) => boolean;

export class RowCoercer {
  /** Variant column names (`shorten_fragments(name, "v_<type>")`) per column and type. */
  private readonly variants = new Map<string, Partial<Record<ColumnDataType, string>>>();
  private readonly moved: (string | Json)[] = [];

  constructor(
    private readonly schema: Schema,
    private readonly naming: Naming,
    private readonly report: Report,
  ) {}

  /**
   * The row as dlt writes it, coerced in place (a key without a value holds null); new columns are
   * added to the table, which is created with its first row.
   */
  coerce(tableName: string, parent: string | null, row: Row, gate: Gate | null = null): DataRecord | null {
    const columns = this.schema.table(tableName)?.columns ?? NO_COLUMNS;
    let added: ColumnSchema[] | null = null;
    // Variant columns and their values, in pairs (one buffer for every row: most rows of a mixed column have one).
    const moved = this.moved;
    let m = 0;
    for (const name in row) {
      const v = row[name] as Value;
      const existing = columns.get(name);
      const type = existing?.data_type;
      if (v === null) {
        if (type !== undefined && existing?.nullable === false) this.report(tableName, name, "null_in_not_null", null);
        else if (type === undefined) this.report(tableName, name, "null", null);
        continue;
      }
      // Text dlt's extract (a lone surrogate) or DuckDB's load (a NUL, in any column: dlt writes text as it is) fails on.
      if (typeof v === "string" && (!v.isWellFormed() || v.indexOf("\0") !== -1)) this.oddText(tableName, name, v);
      // The common case first: a value of the column's own JSON type is stored as it is.
      if ((type === "text" && typeof v === "string") || (type === "bool" && typeof v === "boolean")) continue;
      // (An integer beyond 2^53 goes on: a bigint column holds its digits, as when the column was made.)
      if (typeof v === "number" && (type === "double" || (type === "bigint" && Number.isSafeInteger(v)))) {
        if (type === "bigint") {
          if (Object.is(v, -0)) row[name] = 0;
          // A `precision` below 53 bits makes a narrower DuckDB type.
          else if (existing?.precision !== undefined && duckIntOverflow(v, existing.precision))
            this.report(tableName, name, "beyond_int_type", v);
        }
        continue;
      }
      // A json cell (a dict or list kept whole) is written by dlt's extract as it came.
      if (typeof v === "object") {
        const odd = loneSurrogateIn(v);
        if (odd !== null) this.report(tableName, name, "lone_surrogate", odd);
      }
      let r: ReturnType<RowCoercer["nonNull"]>;
      if (type !== undefined) {
        const from = pyType(v) as ColumnDataType;
        const value = tryCoerce(type, from, v, existing?.timezone ?? true);
        if (value !== CANNOT) {
          row[name] = value;
          // An integer made from a float or text (a record's own integers are checked at extract, pending.ts).
          if (type === "bigint" && (typeof value === "string" || typeof value === "number")) {
            if (typeof value === "string" && !(v instanceof PyInt) && beyond64(value)) this.report(tableName, name, "beyond_64", value);
            else if (duckIntOverflow(value, existing?.precision)) this.report(tableName, name, "beyond_int_type", value);
          }
          if ((type === "decimal" || type === "wei") && typeof value === "string" && existing !== undefined) {
            const [precision, scale] = decimalShape(existing as TypedColumn);
            if (decimalOverflows(value, precision, scale)) this.report(tableName, name, "beyond_decimal", value);
          }
          // Text such as "nan" or "inf" in a double column: Python's float takes it.
          if (typeof value === "number" && !Number.isFinite(value)) this.report(tableName, name, "not_finite", value);
          continue;
        }
        // dlt never takes a column without a name as complete (`is_complete_column`): a value its type
        // cannot take stays there, with the type the value itself infers to, and no variant is made.
        if (name === "") {
          const r = this.nonNull(tableName, columns, name, v, false);
          if (r !== null) row[name] = r.value;
          continue;
        }
        // `nonNull` would try the same column and type again: straight to the variant.
        const variant = this.variant(name, from);
        const vtype = columns.get(variant)?.data_type;
        const fits = vtype === undefined ? CANNOT : tryCoerce(vtype, from, v, columns.get(variant)?.timezone ?? true);
        if (fits !== CANNOT) {
          // The variant column exists and takes the value (what `nonNull` returns, without building it).
          row[name] = null;
          if (existing?.nullable === false) this.report(tableName, name, "variant_in_not_null", variant);
          moved[m++] = variant;
          moved[m++] = fits;
          continue;
        }
        r = this.nonNull(tableName, columns, variant, v, true);
      } else r = this.nonNull(tableName, columns, name, v, false);
      if (r === null || r.name !== name) {
        row[name] = null;
        // dlt's row has no value left for the column, which its load then refuses (NOT NULL).
        if (r !== null && existing?.nullable === false) this.report(tableName, name, "variant_in_not_null", r.name);
        if (r !== null) {
          moved[m++] = r.name;
          moved[m++] = r.value;
        }
      } else {
        row[name] = r.value;
        const column = existing ?? r.column;
        if ((typeof r.value === "string" || typeof r.value === "number") && column?.data_type === "bigint")
          if (duckIntOverflow(r.value, column.precision)) this.report(tableName, name, "beyond_int_type", r.value);
      }
      if (r?.column) (added ??= []).push(r.column);
    }
    // Variant values go in after the loop: keys added while `for…in` runs may or may not be visited.
    for (let i = 0; i < m; i += 2) row[moved[i] as string] = moved[i + 1] as Json;
    if (added) {
      // A schema contract may refuse some of the new columns (pruned from `added`) and the row; the
      // columns it lets through join the table even so (dlt updates the schema, then filters the row).
      const keep = gate === null || gate(tableName, added, row);
      if (added.length > 0) mergeColumns(this.schema.ensure(tableName, parent).columns, added);
      if (!keep) return null;
    }
    return row as DataRecord;
  }

  /** A lone surrogate (dlt's extract fails on it) or a NUL (DuckDB's INSERT fails; a json cell's text is escaped). */
  private oddText(table: string, column: string, v: string): void {
    if (!v.isWellFormed()) this.report(table, column, "lone_surrogate", v);
    if (v.indexOf("\0") !== -1) this.report(table, column, "nul_in_text", v);
  }

  /** The variant column of `name` for values of type `from` (`<name>__v_<from>`, shortened). */
  private variant(name: string, from: ColumnDataType): string {
    let byType = this.variants.get(name);
    // Column names come from data: keep the cache bounded.
    if (byType === undefined && this.variants.size < 10_000) this.variants.set(name, (byType = {}));
    let hit = byType?.[from];
    if (hit === undefined) {
      hit = this.naming.fragments(name, `v_${from}`);
      if (byType) byType[from] = hit;
    }
    return hit;
  }

  /** `_coerce_non_null_value`: a new, incomplete or variant column. */
  private nonNull(
    table: string,
    columns: ReadonlyMap<string, ColumnSchema>,
    name: string,
    v: Value,
    isVariant: boolean,
  ): { name: string; value: Json; column: ColumnSchema | null } | null {
    let existing = columns.get(name);
    let incomplete: ColumnSchema | null = null;
    if (existing && (existing.data_type === undefined || name === "")) [incomplete, existing] = [existing, undefined];
    const type = existing?.data_type ?? (inferType(v) as ColumnDataType);
    const from = pyType(v) as ColumnDataType;
    const value = tryCoerce(type, from, v, (existing ?? incomplete)?.timezone ?? true);
    if (value === CANNOT) {
      if (isVariant) {
        this.report(table, name, "no_variant", v);
        return null;
      }
      return this.nonNull(table, columns, this.variant(name, from), v, true);
    }
    if (existing) return { name, value, column: null };
    const inferred: ColumnSchema = { name, data_type: type, ...dltColumnHints(name), ...(isVariant ? { variant: true } : {}) };
    if (incomplete?.data_type !== undefined) return { name, value, column: null };
    return { name, value, column: incomplete ? { ...inferred, ...incomplete, data_type: type } : inferred };
  }
}
