/**
 * dlt's coercion table (`_COERCE_DISPATCH` and `coerce_value` in
 * `dlt/common/data_types/type_helpers.py`, timestamps through `normalize_timezone` in
 * `dlt/common/time.py`): a value of Python type `from` stored in a column of type `to`. A pair
 * dlt has no coercer for, or a coercer that raises, throws `CoercionError`: the caller then
 * writes the value to a variant column, as `JsonLItemsNormalizer._coerce_non_null_value` does.
 * Results are the values dlt writes to its load files (see `Value` for numbers).
 */
import type { Json } from "../engine/types";
import type { ColumnDataType } from "./types";
import { formatDate, formatTimestamp, formatUtcText, fromTimestamp, parseIso, parseTime, type DateTimeValue } from "./datetime";
import { decimalFromFloat, decimalFromInt, decimalFromText } from "./decimal";
import { intDigits, numberOf, PyFloat, PyInt, pyStr, storeInt, toJson, type Value } from "./values";

export class CoercionError extends Error {
  override readonly name = "CoercionError";
}

/**
 * One instance thrown for every value that does not fit: a value landing in a variant column is the
 * common path, and capturing a fresh stack each time cost most of the preview (docs/performance.md).
 */
const CANNOT = new CoercionError("cannot coerce");
const fail = (): never => {
  throw CANNOT;
};

const INT = /^[+-]?\d(?:_?\d)*$/;
const FLOAT = /^[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|inf|infinity|nan)$/i;

/** Python's `int(text.strip())`, `0x` as hex (`_text_to_bigint`). */
function textToInt(text: string): string {
  const t = text.trim();
  if (t.startsWith("0x")) return /^0x[0-9a-fA-F](?:_?[0-9a-fA-F])*$/.test(t) ? BigInt(t.replace(/_/g, "")).toString() : fail();
  return INT.test(t) ? BigInt(t.replace(/_/g, "")).toString() : fail();
}

/** Python's `float(text.strip())`, `0x` as hex (`_text_to_double`). */
function textToFloat(text: string): number {
  const t = text.trim();
  if (t.startsWith("0x")) return Number(BigInt(textToInt(t)));
  if (!FLOAT.test(t)) return fail();
  const lower = t.toLowerCase().replace(/_/g, "");
  if (lower.endsWith("nan")) return NaN;
  if (lower.endsWith("inf") || lower.endsWith("infinity")) return lower.startsWith("-") ? -Infinity : Infinity;
  return Number(lower);
}

/** dlt's `str2bool`. */
function textToBool(text: string): boolean {
  const t = text.toLowerCase();
  if (["yes", "true", "t", "y", "1"].includes(t)) return true;
  return ["no", "false", "f", "n", "0"].includes(t) ? false : fail();
}

/** `ensure_pendulum_datetime_non_utc` of text: ISO date-time, ISO date (midnight), or a number of seconds. */
function textToDateTime(text: string): DateTimeValue {
  const iso = parseIso(text);
  if (iso) return iso.value;
  const seconds = FLOAT.test(text.trim()) ? textToFloat(text) : fail();
  return fromTimestamp(seconds) ?? fail();
}

const isNumber = (v: Value): v is number | PyFloat | PyInt => typeof v === "number" || v instanceof PyFloat || v instanceof PyInt;

function toTimestamp(from: ColumnDataType, v: Value): DateTimeValue {
  if (from === "text" && typeof v === "string") return textToDateTime(v);
  if ((from === "bigint" || from === "double") && isNumber(v)) return fromTimestamp(numberOf(v)) ?? fail();
  return fail();
}

function toDecimal(from: ColumnDataType, v: Value): string {
  if (from === "text" && typeof v === "string") return decimalFromText(v) ?? fail();
  if (from === "bigint" && (typeof v === "number" || v instanceof PyInt)) return decimalFromInt(intDigits(v));
  if (from === "double" && isNumber(v)) return decimalFromFloat(numberOf(v));
  return fail();
}

function toBigint(from: ColumnDataType, v: Value): Json {
  if (from === "bigint" && (typeof v === "number" || v instanceof PyInt)) return storeInt(intDigits(v));
  if (from === "text" && typeof v === "string") return storeInt(textToInt(v));
  if (from === "double" && isNumber(v)) {
    const n = numberOf(v);
    return Number.isInteger(n) ? storeInt(BigInt(n).toString()) : fail();
  }
  return fail();
}

function toDouble(from: ColumnDataType, v: Value): number {
  if (from === "double" && isNumber(v)) return numberOf(v);
  if (from === "bigint" && isNumber(v)) return Number.isFinite(numberOf(v)) ? numberOf(v) : fail();
  if (from === "text" && typeof v === "string") return textToFloat(v);
  return fail();
}

/** The value dlt stores for `v` (Python type `from`) in a column of type `to`; throws `CoercionError`. */
export function coerceValue(to: ColumnDataType, from: ColumnDataType, v: Value, timezone = true): Json {
  switch (to) {
    case "text":
      if (from === "json") return JSON.stringify(toJson(v));
      return from === "text" || from === "bigint" || from === "double" || from === "bool" ? pyStr(v) : fail();
    case "bigint":
      return toBigint(from, v);
    case "double":
      return toDouble(from, v);
    case "bool":
      if (typeof v === "boolean") return v;
      if (from === "text" && typeof v === "string") return textToBool(v);
      if (isNumber(v)) return v instanceof PyInt ? !/^-?0+$/.test(v.digits) : numberOf(v) !== 0;
      return fail();
    case "json":
      if (from === "json") return toJson(v);
      if (from !== "text" || typeof v !== "string") return fail();
      try {
        return JSON.parse(v) as Json;
      } catch {
        return fail();
      }
    case "decimal":
    case "wei":
      return toDecimal(from, v);
    case "timestamp":
      if (from === "text" && typeof v === "string") {
        const fast = formatUtcText(v, timezone);
        if (fast !== null) return fast;
      }
      return formatTimestamp(toTimestamp(from, v), timezone);
    case "date":
      if (from === "text" && typeof v === "string") {
        const iso = parseIso(v);
        return iso ? formatDate(iso.value) : formatDate(textToDateTime(v));
      }
      return formatDate(toTimestamp(from, v));
    case "time":
      return from === "text" && typeof v === "string" ? (parseTime(v) ?? fail()) : fail();
    case "binary":
      return from === "text" && typeof v === "string" && /^(?:0x[0-9a-fA-F]*|[A-Za-z0-9+/]*={0,2})$/.test(v) ? v : fail();
    default:
      return fail();
  }
}
