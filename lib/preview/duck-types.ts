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

/** dlt's `DEFAULT_NUMERIC_PRECISION`, `DEFAULT_NUMERIC_SCALE` (`dlt/common/arithmetics.py`). */
const DECIMAL_DEFAULT = [38, 9] as const;
const WEI_DEFAULT = [38, 0] as const;
/** duckdb's `timestamp_precision` capability. */
const TIMESTAMP_PRECISION = 6;

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

/** The DuckDB type dlt's duckdb destination creates for a column. */
export function duckType(c: TypedColumn): string {
  switch (c.data_type) {
    case "bigint":
      return integerType(c.precision);
    case "timestamp":
      return timestampType(c);
    case "decimal":
      return `DECIMAL(${c.precision ?? DECIMAL_DEFAULT[0]},${c.scale ?? DECIMAL_DEFAULT[1]})`;
    case "wei":
      return `DECIMAL(${c.precision ?? WEI_DEFAULT[0]},${c.scale ?? WEI_DEFAULT[1]})`;
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
