/**
 * What dlt's steps fail on, as a table announces it: the one home of these messages (the coercer and
 * the normaliser report the failure; the pending load and the view word it). Each names the step of
 * dlt's that fails and, where it is DuckDB's, the error dlt gets from it.
 */
import { pyStr, type Value } from "./values";
import { decimalShape, duckIntOverflow } from "./duck-types";
import type { ColumnSchema } from "./schema";

/** A value dlt cannot write as the preview wrote it (`RowCoercer`'s reports, but a null-only key). */
export type Failure =
  | "null_in_not_null"
  | "variant_in_not_null"
  | "no_variant"
  | "beyond_64"
  | "beyond_int_type"
  | "beyond_decimal"
  | "not_finite"
  | "nul_in_text"
  | "lone_surrogate";

/**
 * The failures that fail one of dlt's steps before the load (nothing of the run is then loaded); the
 * others fail a load job on DuckDB, which the preview flags and loads (decision 0033).
 */
export const FAILED_STEP: Record<Failure, FailedStep> = {
  null_in_not_null: "normalize",
  no_variant: "normalize",
  lone_surrogate: "extract",
  // DuckDB refuses these in dlt's load step: the table's load job fails, the load is not completed
  // (no `_dlt_loads` row, the package stays pending), so the destination is not what the run would make.
  variant_in_not_null: "load",
  beyond_64: "load",
  beyond_int_type: "load",
  beyond_decimal: "load",
  not_finite: "load",
  nul_in_text: "load",
};

/** The step of dlt's that fails on a record: nothing of the run is then loaded (`Preview.refusal`). */
export type FailedStep = "extract" | "normalize" | "load";

/**
 * The table's message for `failure` at `column` (`value`: the value, or the variant column it went to;
 * `typed`: the column, for its DuckDB type), and the key under which only its first occurrence is told
 * (`null`: every distinct message is).
 */
export function failureMessage(
  failure: Failure,
  table: string,
  column: string,
  value: Value,
  typed: Pick<ColumnSchema, "data_type" | "precision" | "scale"> | undefined,
): { text: string; once: string | null } {
  switch (failure) {
    case "null_in_not_null":
      return { text: `\`${column}\` is not nullable but a record holds null there: dlt's normalize step fails on it`, once: null };
    case "variant_in_not_null":
      return {
        text:
          `\`${column}\` is not nullable, but a record's value of another type went to \`${pyStr(value)}\` and left it empty: ` +
          `dlt's load step fails on DuckDB (\`Constraint Error: NOT NULL constraint failed: ${table}.${column}\`)`,
        once: `variant ${column}`,
      };
    case "beyond_64":
      // The first such value of each column (the values may all differ).
      return {
        text:
          `\`${column}\` gets ${pyStr(value)}, beyond 64 bits: dlt's normalize step fails on it where it writes JSONL load files ` +
          "(orjson, dlt's JSON library: `Integer exceeds 64-bit range`), and dlt's load step fails on it on DuckDB (BIGINT out of range)",
        once: `column ${column}`,
      };
    case "beyond_int_type": {
      const digits = pyStr(value);
      const over = duckIntOverflow(digits, typed?.precision) ?? { type: "BIGINT", bits: 64 };
      const max = (1n << BigInt(over.bits - 1)) - 1n;
      const hint = typed?.precision === undefined ? "" : ` (\`precision: ${typed.precision}\`)`;
      return {
        text:
          `\`${column}\` gets ${digits}, outside -${max + 1n} to ${max}: DuckDB's ${over.type}${hint} cannot hold it, so dlt's load ` +
          `step fails on DuckDB (\`Conversion Error: … out of range for the destination type INT${over.bits}\`)`,
        once: `integer ${column}`,
      };
    }
    case "beyond_decimal": {
      const [precision, scale] = decimalShape({ ...typed, data_type: typed?.data_type === "wei" ? "wei" : "decimal" });
      return {
        text:
          `\`${column}\` gets ${pyStr(value)}, which DuckDB's DECIMAL(${precision},${scale}) cannot hold (rounded to ${scale} ` +
          `places, at most ${precision - scale} digits before the point): dlt's load step fails on DuckDB ` +
          `(\`Conversion Error: Casting value … to type DECIMAL(${precision},${scale}) failed: value is out of range!\`)`,
        once: `decimal ${column}`,
      };
    }
    case "nul_in_text":
      return {
        text:
          `\`${column}\` holds text with a NUL character (\`\\u0000\`): dlt's load step fails on DuckDB, whose INSERT ends the ` +
          "text there (`Parser Error: unterminated quoted string`)",
        once: `nul ${column}`,
      };
    case "lone_surrogate":
      return { text: loneSurrogateMessage("value", column, typeof value === "string" ? value : ""), once: `surrogate ${column}` };
    case "not_finite": {
      const literal = pyStr(value);
      return {
        text:
          `\`${column}\` holds text that dlt's normalize step makes the double ${literal}: dlt's load step fails on it on DuckDB, ` +
          `whose INSERT gets \`${literal}\` (\`Binder Error: Referenced column "${literal.replace("-", "")}" was not found\`)`,
        once: `double ${column}`,
      };
    }
    case "no_variant":
      return {
        text: `\`${column}\` cannot hold ${pyStr(value)}: dlt's normalize step fails on it (CannotCoerceColumnException)`,
        once: null,
      };
  }
}

/**
 * An integer outside 64 bits at `at` of a record: dlt writes extracted items with orjson, its JSON
 * library on CPython, which refuses them (`TypeError: Integer exceeds 64-bit range`).
 */
export const beyond64Message = (at: string, digits: string): string =>
  `\`${at}\` holds ${digits}, beyond 64 bits: dlt's extract step fails on it (orjson, dlt's JSON library: ` +
  "`Integer exceeds 64-bit range`) and loads nothing";

/**
 * Text at `at` of a record (a value, a key, or text in a json cell) holding half of a UTF-16 surrogate
 * pair (an emoji cut in two, `"\\ud83d"`): dlt writes extracted items with orjson, which refuses it.
 */
export function loneSurrogateMessage(where: "key" | "value", at: string, text: string): string {
  // Up to 20 characters before the first lone surrogate, and it (escaped, as JSON writes it).
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    else if (c >= 0xd800 && c <= 0xdfff) break;
  }
  let from = Math.max(0, i - 20);
  if (from > 0 && (text.charCodeAt(from) & 0xfc00) === 0xdc00) from++;
  const shown = `${from > 0 ? "…" : ""}${text.slice(from, i + 1)}`;
  return (
    `${where === "key" ? `a key in \`${at}\`` : `\`${at}\``} holds text with a lone UTF-16 surrogate ` +
    `(${JSON.stringify(shown)}, half of a character such as an emoji): ` +
    "dlt's extract step fails on it (orjson, dlt's JSON library: `str is not valid UTF-8: surrogates not allowed`) and loads nothing"
  );
}

/**
 * A key that normalises to nothing (`__`, `___`) makes a column without a name: dlt's load files (the
 * filesystem destination) hold it, but its normalize step for DuckDB fails on it (`NormalizeJobFailed`).
 */
export const namelessColumnMessage = (table: string): string =>
  `${table}: a key that normalises to nothing (such as \`__\`) makes a column without a name: ` +
  "dlt's normalize step fails on it for DuckDB (`NormalizeJobFailed`); rename the key with a `processing_steps` map";

/**
 * `rows` of this load have no value at the not-null `column` (dlt writes them without it): its load
 * into DuckDB refuses them, or, when no row gave the column a type (`typed: false`) or it has no name
 * (a hint on a blank key), its normalize step the column (`UnboundColumnException`).
 */
export function absentMessage(table: string, column: string, rows: number, typed: boolean): string {
  if (column === "")
    return (
      `${table}: a not-null hint on a blank key names no column (the records' blank key is \`_empty\`): ` +
      "dlt's normalize step fails (`UnboundColumnException`)"
    );
  const where = `\`${column}\` is not nullable, but ${rows === 1 ? "a row has" : `${rows} rows have`} no value there`;
  return typed
    ? `${table}: ${where}: dlt's load step fails on DuckDB (\`Constraint Error: NOT NULL constraint failed: ${table}.${column}\`)`
    : `${table}: ${where} and no row gives it a type: dlt's normalize step fails (\`UnboundColumnException\`)`;
}

/**
 * A table whose name is too long for its load files (checked with dlt 1.26.0 on Linux): dlt writes each
 * table's rows to a file named `<table>.<10-character file id>.0.<format>.gz`, and a file name has at most
 * 255 bytes. Its normalize step writes `….0.insert_values.gz` for DuckDB (a table name of up to 225 UTF-8
 * bytes); its extract step writes the resource's own table first, `….0.typed-jsonl.gz` (up to 227).
 * Deeply nested lists make such names (`items__a__b__…`), as does a long resource name. `null`: it fits.
 */
export function fileNameFailure(table: string, extracted: boolean): { text: string; step: "extract" | "normalize" } | null {
  const bytes = new TextEncoder().encode(table).length;
  const tooLong = (file: string) => bytes + `.0123456789.0.${file}.gz`.length > 255;
  const step = extracted && tooLong("typed-jsonl") ? "extract" : tooLong("insert_values") ? "normalize" : null;
  if (step === null) return null;
  const file = step === "extract" ? "typed-jsonl" : "insert_values";
  return {
    text:
      `the table's name is ${bytes} bytes long: dlt's ${step} step fails writing its load file \`<table>.<file id>.0.${file}.gz\`, ` +
      "longer than the 255 bytes a file name may have (`OSError: [Errno 36] File name too long`)",
    step,
  };
}

/**
 * What a `schema_contract` does to a new table (at dlt's `extract` or `normalize` step), a new column
 * (`columns`) or a new variant column (`data_type`) in `mode` (never `evolve`). `freeze` fails the step
 * with dlt's `DataValidationError`; the discard modes drop data silently in dlt, so the table says so.
 */
export function contractMessage(
  entity: "table" | "nested_table" | "columns" | "data_type",
  step: "extract" | "normalize",
  mode: "freeze" | "discard_row" | "discard_value",
  table: string,
  column: string | null,
): string {
  if (entity === "table" || entity === "nested_table") {
    const what = entity === "table" ? `\`${table}\` is a new table` : `\`${table}\` is a new nested table`;
    return mode === "freeze"
      ? `${what} and \`schema_contract\` freezes \`tables\`: dlt's ${step} step fails ` +
          `(\`DataValidationError\`: Can't add table \`${table}\` because \`tables\` are frozen)`
      : `${what} and \`schema_contract\` says \`tables: ${mode}\`: dlt loads none of its ${entity === "table" ? "records" : "rows"} ` +
          "(a contract that does not evolve tables only loads into tables that exist; evolve them for the first run)";
  }
  const what = entity === "columns" ? `\`${column}\` is a new column` : `\`${column}\` is a new variant column`;
  if (mode === "freeze")
    return (
      `${what} and \`schema_contract\` freezes \`${entity}\`: dlt's normalize step fails (\`DataValidationError\`: ` +
      (entity === "columns"
        ? `Can't add table column \`${column}\` to table \`${table}\` because \`columns\` are frozen)`
        : `Can't add variant column \`${column}\` for table \`${table}\` because \`data_types\` are frozen)`)
    );
  return mode === "discard_value"
    ? `${what} of \`${table}\` and \`schema_contract\` says \`${entity}: discard_value\`: dlt drops its values`
    : `${what} of \`${table}\` and \`schema_contract\` says \`${entity}: discard_row\`: ` +
        "dlt drops the rows that have a value there, with their nested rows";
}

/**
 * What the extract step's `schema_contract` does to a column a resource's hints give a table that
 * exists: a new one (`change` null, under `columns`) or a change of one of its type properties (under
 * `data_type`). `freeze` fails the step; a discard mode leaves the hint out.
 */
export function hintContractMessage(
  table: string,
  name: string,
  change: { readonly prop: string; readonly was: unknown; readonly now: unknown } | null,
  mode: "freeze" | "discard_row" | "discard_value",
): string {
  const shown = (v: unknown) => (v === undefined ? "unset" : `\`${String(v)}\``);
  const what =
    change === null
      ? `\`${name}\`, a column the resource's hints add to \`${table}\`, is new`
      : `the resource's hints change \`${change.prop}\` of \`${name}\` in \`${table}\` (${shown(change.was)} → ${shown(change.now)})`;
  const entity = change === null ? "columns" : "data_type";
  if (mode === "freeze")
    return (
      `${what} and \`schema_contract\` freezes \`${entity}\`: dlt's extract step fails (\`DataValidationError\`: ` +
      (change === null
        ? `Can't add table column \`${name}\` to table \`${table}\` because \`columns\` are frozen)`
        : `Can't evolve column type of \`${name}\` in table \`${table}\` because \`data_types\` are frozen)`)
    );
  return (
    `${what} and \`schema_contract\` says \`${entity}: ${mode}\`: dlt leaves the hint out` +
    (change === null ? ` (values in \`${name}\` then meet the contract as a new column's)` : ` and keeps \`${name}\` as it is`)
  );
}

/**
 * A hint that changes the data type of a column the destination's table has: dlt's schema takes the
 * new type, the table keeps the old one (dlt adds columns, never alters them) and casts what it loads.
 */
export function keptTypeMessage(table: string, column: string, was: string, now: string): string {
  return (
    `the resource's hints change \`data_type\` of \`${column}\` in \`${table}\` (\`${was}\` → \`${now}\`): dlt's schema takes it, ` +
    `but the destination's \`${column}\` column stays \`${was}\` (dlt never alters a column's type), so this run's values are cast to ` +
    `\`${was}\` as they load and dlt's load step fails on one that cannot be; the preview shows them as \`${now}\`. ` +
    "To change the type, drop the table or load into a new dataset"
  );
}

/** Why dlt's load fails a run that ran to the end (`Preview.refusal`), said after "dlt fails the load on". */
export const LOAD_REFUSALS = {
  schema_contract: "a schema_contract freeze",
  extract: "a record its extract step fails on",
  normalize: "a record its normalize step fails on",
  load: "a value DuckDB refuses in its load step",
  not_null_column: "a NOT NULL column DuckDB cannot add to a table an earlier load made",
} as const;

/** A NOT NULL column this run adds to a table an earlier load made: DuckDB cannot add it (`loaded-types.ts`). */
export const addedNotNullMessage = (table: string, column: string): string =>
  `${table}: \`${column}\` is a new NOT NULL column of a table an earlier load made: DuckDB cannot add a column with a ` +
  "constraint (`Parser Error: Adding columns with constraints not yet supported`), so dlt's load fails";
