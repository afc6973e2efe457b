/**
 * dlt's data types as dlt 1.26.0's duckdb destination declares them (`DuckDbTypeMapper` and
 * `TypeMapperImpl.to_destination_type`, `dlt/destinations/impl/duckdb/factory.py` and
 * `dlt/destinations/type_mapping.py`): `text` is VARCHAR whatever its precision, `bigint` narrows by
 * its precision in bits, `timestamp` is TIMESTAMP WITH TIME ZONE unless `timezone: false` (then by
 * precision: _S, _MS, plain, _NS), `decimal` is DECIMAL(p,s) with dlt's defaults (38, 9), `wei`
 * DECIMAL(38,0). The reverse (`dbt_to_sct`) reads a DuckDB type back as dlt's.
 */
import type { ColumnDataType } from "./types";

/** The column properties the mapping reads. */
export interface TypedColumn {
  readonly data_type: ColumnDataType;
  readonly precision?: number;
  readonly scale?: number;
  readonly timezone?: boolean;
}

const UNBOUND: Readonly<Record<ColumnDataType, string>> = {
  json: "JSON",
  text: "VARCHAR",
  double: "DOUBLE",
  bool: "BOOLEAN",
  date: "DATE",
  timestamp: "TIMESTAMP WITH TIME ZONE",
  bigint: "BIGINT",
  binary: "BLOB",
  time: "TIME",
  decimal: "DECIMAL",
  wei: "DECIMAL",
};

/** Whether `t` is one of dlt's data types (every one has a DuckDB type). */
export const isDataType = (t: unknown): t is ColumnDataType => typeof t === "string" && Object.hasOwn(UNBOUND, t);

/** dlt's `DEFAULT_NUMERIC_PRECISION`, `DEFAULT_NUMERIC_SCALE` (`dlt/common/arithmetics.py`). */
const DECIMAL_DEFAULT = [38, 9] as const;
const WEI_DEFAULT = [38, 0] as const;
/** duckdb's `timestamp_precision` capability. */
const TIMESTAMP_PRECISION = 6;

/** The signed width in bits of each DuckDB integer type dlt creates (DuckDB's own names: INT8 … INT128). */
const INTEGER_BITS: Readonly<Record<string, number>> = { TINYINT: 8, SMALLINT: 16, INTEGER: 32, BIGINT: 64, HUGEINT: 128 };

function integerType(precision: number | undefined): string {
  if (precision === undefined) return "BIGINT";
  if (precision <= 8) return "TINYINT";
  if (precision <= 16) return "SMALLINT";
  if (precision <= 32) return "INTEGER";
  if (precision <= 64) return "BIGINT";
  if (precision <= 128) return "HUGEINT";
  throw new RangeError(`bigint with precision=${precision} can't be mapped to a DuckDB integer type`);
}

function timestampType(c: TypedColumn): string {
  if (c.timezone ?? true) return UNBOUND.timestamp;
  const precision = c.precision ?? TIMESTAMP_PRECISION;
  if (precision === 0) return "TIMESTAMP_S";
  if (precision <= 3) return "TIMESTAMP_MS";
  if (precision <= 6) return "TIMESTAMP";
  if (precision <= 9) return "TIMESTAMP_NS";
  throw new RangeError(`DuckDB doesn't support precision=${precision} for a timestamp column`);
}

/** `DECIMAL(p,s)`: the type is SQL text, so only whole numbers go into it (a state read back from a client is untrusted). */
function decimalType(precision: unknown, scale: unknown): string {
  if (!Number.isSafeInteger(precision) || !Number.isSafeInteger(scale))
    throw new RangeError(`a decimal's precision and scale must be whole numbers (got ${String(precision)}, ${String(scale)})`);
  return `DECIMAL(${precision as number},${scale as number})`;
}

/** The DuckDB type dlt's duckdb destination creates for a column. */
export function duckType(c: TypedColumn): string {
  switch (c.data_type) {
    case "bigint":
      return integerType(c.precision);
    case "timestamp":
      return timestampType(c);
    case "decimal":
      return decimalType(c.precision ?? DECIMAL_DEFAULT[0], c.scale ?? DECIMAL_DEFAULT[1]);
    case "wei":
      return decimalType(c.precision ?? WEI_DEFAULT[0], c.scale ?? WEI_DEFAULT[1]);
    default:
      return UNBOUND[c.data_type];
  }
}

const FROM_DUCK: Readonly<Record<string, ColumnDataType>> = {
  VARCHAR: "text",
  JSON: "json",
  DOUBLE: "double",
  BOOLEAN: "bool",
  DATE: "date",
  "TIMESTAMP WITH TIME ZONE": "timestamp",
  BLOB: "binary",
  DECIMAL: "decimal",
  TIME: "time",
  TINYINT: "bigint",
  SMALLINT: "bigint",
  INTEGER: "bigint",
  BIGINT: "bigint",
  HUGEINT: "bigint",
  TIMESTAMP: "timestamp",
  TIMESTAMP_S: "timestamp",
  TIMESTAMP_MS: "timestamp",
  TIMESTAMP_NS: "timestamp",
};

/** dlt's type of a DuckDB column type (`dbt_to_sct`; DECIMAL(38,0) is `wei`), `null` for a type dlt never creates. */
export function dltType(duck: string): ColumnDataType | null {
  const base = (duck.split("(")[0] ?? "").trim().toUpperCase();
  if (base === "DECIMAL" && /^DECIMAL\(38,\s*0\)$/i.test(duck.trim())) return "wei";
  return FROM_DUCK[base] ?? null;
}

/**
 * DuckDB's integer type for a `bigint` column and its bits, `null` when it holds `value` (a number or
 * its digits): the signed range of TINYINT … HUGEINT. dlt's load step fails on DuckDB on any other
 * value (`Conversion Error: … out of range for the destination type INT16`). A precision no DuckDB
 * integer type takes is left to the table's creation, which fails on it.
 */
export function duckIntOverflow(value: number | string, precision: number | undefined): { type: string; bits: number } | null {
  if (precision !== undefined && precision > 128) return null;
  const type = integerType(precision);
  const bits = INTEGER_BITS[type] as number;
  if (typeof value === "number" && bits >= 53) return null;
  const n = BigInt(value);
  const max = (1n << BigInt(bits - 1)) - 1n;
  return n > max || n < -max - 1n ? { type, bits } : null;
}

/** A `decimal` (or `wei`) column's DuckDB precision and scale: its hints, else dlt's defaults. */
export function decimalShape(c: TypedColumn): readonly [precision: number, scale: number] {
  const [p, s] = c.data_type === "wei" ? WEI_DEFAULT : DECIMAL_DEFAULT;
  return [c.precision ?? p, c.scale ?? s];
}

/**
 * Whether DuckDB's DECIMAL(precision, scale) refuses `text` (`str(Decimal)`, what dlt's INSERT
 * writes): DuckDB rounds it to `scale` places, half away from zero, and refuses a result of more than
 * `precision` digits (`Conversion Error: Casting value "12345.6" to type DECIMAL(6,3) failed: value is
 * out of range!`). Text that is not a finite decimal is not judged here.
 */
export function decimalOverflows(text: string, precision: number, scale: number): boolean {
  const m = /^-?(\d*)(?:\.(\d*))?(?:E([+-]?\d+))?$/i.exec(text);
  if (!m) return false;
  const digits = `${m[1] ?? ""}${m[2] ?? ""}`;
  // The place of the decimal point within `digits`, then of the last digit DuckDB keeps (at or
  // before the first: the value rounds to one unit of the scale at most, which any precision holds).
  const keep = (m[1] ?? "").length + Number(m[3] ?? 0) + scale;
  if (digits === "" || keep <= 0) return false;
  // Count the digits kept before comparing (an exponent may be huge): fewer than `precision` hold even
  // when rounding adds one, more never do.
  const lead = /^0*/.exec(digits)?.[0].length ?? 0;
  if (lead === digits.length || keep - lead !== precision) return lead < digits.length && keep - lead > precision;
  const kept = keep >= digits.length ? digits + "0".repeat(keep - digits.length) : digits.slice(0, keep);
  const up = keep < digits.length && digits.charCodeAt(keep) >= 0x35;
  return BigInt(kept) + (up ? 1n : 0n) >= 10n ** BigInt(precision);
}
