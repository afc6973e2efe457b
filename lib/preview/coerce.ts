/**
 * dlt's coercion table (`_COERCE_DISPATCH` and `coerce_value` in
 * `dlt/common/data_types/type_helpers.py`, timestamps through `normalize_timezone` in
 * `dlt/common/time.py`): a value of Python type `from` stored in a column of type `to`. A pair
 * dlt has no coercer for, or a coercer that raises, gives `CANNOT` (`tryCoerce`; `coerceValue`
 * throws `CoercionError` instead): the caller then writes the value to a variant column, as
 * `JsonLItemsNormalizer._coerce_non_null_value` does, named by the value's own Python type (a `datetime` a step
 * returned is `timestamp`, its `bytes` `binary`: `<col>__v_timestamp`, `<col>__v_binary`).
 * Results are the values dlt writes to its load files (see `Value` for numbers).
 */
import type { Json, KeyOrder, NumberText } from "../engine/types";
import { parseBody, str2bool } from "../shared";
import type { ColumnDataType } from "./types";
import * as datetime from "./datetime";
import type { DateTimeValue } from "./datetime";
import { decimalFromFloat, decimalFromInt, decimalFromText } from "./decimal";
import * as values from "./values";
import * as python from "../shared/python";
import type { Value } from "./values";

// Imported functions bound once: a bundler's (or tsx's) module object reads each through a getter per call.
const { dateTimeValue, formatDate, formatTimestamp, formatUtcText, fromTimestamp, parseIso, parseTime, textDateTime } = datetime;
const { asciiDigits, pyFloat } = python;
const { beyond64, intDigits, keepOrder, keepSpelling, numberOf, pyJsonText, pyStr, storeInt, toJson } = values;
const { PyBytes, PyDate, PyDateTime, PyFloat, PyInt, PyTime } = values;

export class CoercionError extends Error {
  override readonly name = "CoercionError";
}

/**
 * What a coercion dlt would refuse gives. A value landing in a variant column is the common path
 * (every non-integer `amount` of a bigint column), so refusals are returned, not thrown: an
 * exception per value cost most of the preview (docs/performance.md).
 */
export const CANNOT: unique symbol = Symbol("cannot coerce");
export type Cannot = typeof CANNOT;

const INT = /^[+-]?\d(?:_?\d)*$/;

/** Python's `int(text.strip())` (Unicode digits too), `0x` as hex (`_text_to_bigint`). */
function textToInt(text: string): string | Cannot {
  const t = asciiDigits(text).trim();
  if (t.startsWith("0x")) return /^0x[0-9a-fA-F](?:_?[0-9a-fA-F])*$/.test(t) ? BigInt(t.replace(/_/g, "")).toString() : CANNOT;
  return INT.test(t) ? BigInt(t.replace(/_/g, "")).toString() : CANNOT;
}

/** Python's `float(text.strip())` (Unicode digits too), `0x` as hex (`_text_to_double`). */
function textToFloat(text: string): number | Cannot {
  if (asciiDigits(text).trim().startsWith("0x")) {
    const int = textToInt(text);
    return int === CANNOT ? CANNOT : Number(BigInt(int));
  }
  return pyFloat(text) ?? CANNOT;
}

/** dlt's `str2bool` (lib/shared). */
const textToBool = (text: string): boolean | Cannot => str2bool(text) ?? CANNOT;

/** `ensure_pendulum_datetime_non_utc` of text (`textDateTime`), the common `…Z` spelling first. */
function textToDateTime(text: string): DateTimeValue | Cannot {
  const iso = parseIso(text);
  if (iso) return iso.value;
  const f = textDateTime(text);
  return f === null ? CANNOT : dateTimeValue(f);
}

const isNumber = (v: Value): v is number | values.PyFloat | values.PyInt =>
  typeof v === "number" || v instanceof PyFloat || v instanceof PyInt;

/** The ISO text of a `datetime` a step returned, or of text (`ensure_pendulum_datetime_non_utc` reads both alike). */
const dateTimeText = (from: ColumnDataType, v: Value): string | null =>
  from === "text" && typeof v === "string" ? v : from === "timestamp" && v instanceof PyDateTime ? v.iso : null;

function toTimestamp(from: ColumnDataType, v: Value): DateTimeValue | Cannot {
  const text = dateTimeText(from, v);
  if (text !== null) return textToDateTime(text);
  // A `date` (`ensure_pendulum_datetime_non_utc`): its midnight, naive.
  if (from === "date" && v instanceof PyDate) return parseIso(v.iso)?.value ?? CANNOT;
  if ((from === "bigint" || from === "double") && isNumber(v)) return fromTimestamp(numberOf(v)) ?? CANNOT;
  return CANNOT;
}

function toDecimal(from: ColumnDataType, v: Value): string | Cannot {
  if (from === "text" && typeof v === "string") return decimalFromText(v) ?? CANNOT;
  if (from === "bigint" && (typeof v === "number" || v instanceof PyInt)) return decimalFromInt(intDigits(v));
  if (from === "double" && isNumber(v)) return decimalFromFloat(numberOf(v));
  return CANNOT;
}

function toBigint(from: ColumnDataType, v: Value): Json | Cannot {
  if (from === "bigint" && (typeof v === "number" || v instanceof PyInt)) return storeInt(intDigits(v));
  if (from === "text" && typeof v === "string") {
    const digits = textToInt(v);
    return digits === CANNOT ? CANNOT : storeInt(digits);
  }
  if (from === "double" && isNumber(v)) {
    const n = numberOf(v);
    return Number.isInteger(n) ? storeInt(BigInt(n).toString()) : CANNOT;
  }
  return CANNOT;
}

function toDouble(from: ColumnDataType, v: Value): number | Cannot {
  if (from === "double" && isNumber(v)) return numberOf(v);
  if (from === "bigint" && isNumber(v)) return Number.isFinite(numberOf(v)) ? numberOf(v) : CANNOT;
  if (from === "text" && typeof v === "string") return textToFloat(v);
  return CANNOT;
}

/** JSON strings (kept) and integer `-0` tokens (Python's json reads them as 0; JSON.parse as -0). */
const STRING_OR_INT_MINUS_ZERO = /"(?:[^"\\]|\\.)*"|-0(?![\d.eE])/g;

/**
 * dlt's `json.loads` of text (orjson's): the value, the spellings of its numbers kept with each
 * container (`46.0` stays a float, 9007199254740993 exact; integers beyond 64 bits become floats, as
 * orjson reads them). Not kept: the spelling of a number that is the whole text (`1.0` shows as 1).
 */
function textToJson(v: string): Json | Cannot {
  // Python's json reads `-0` as the integer 0; a float `-0.0` stays negative (JSON.parse: -0 for both).
  const text = v.includes("-0") ? v.replace(STRING_OR_INT_MINUS_ZERO, (m) => (m === "-0" ? "0" : m)) : v;
  const sink = new WeakMap<object, NumberText>();
  const orders = new WeakMap<object, KeyOrder>();
  let out: Json;
  try {
    out = parseBody(text, sink, { orders });
  } catch {
    return CANNOT;
  }
  if (typeof out === "object" && out !== null) {
    const spelled = sink.get(out);
    if (spelled) keepSpelling(out, orjsonLoaded(spelled));
    const order = orders.get(out);
    if (order) keepOrder(out, order);
  }
  return out;
}

/** Spellings as orjson's `loads` leaves them: an integer beyond 64 bits is read as a float. */
function orjsonLoaded(t: NumberText): NumberText {
  const out: NumberText = {};
  for (const k in t) {
    const x = t[k] as string | NumberText;
    out[k] = typeof x === "object" ? orjsonLoaded(x) : /[.eE]/.test(x) || !beyond64(x) ? x : `${x}e0`;
  }
  return out;
}

/**
 * dlt's `_text_to_binary`: `0x…` read by `bytes.fromhex` (byte pairs, spaces between them), anything else
 * by `base64.b64decode(validate=True)` (the alphabet, padded to a multiple of 4); the bytes as `0x` hex text
 * (lib/duck writes them as a BLOB). `null` where Python raises (the value then goes to a variant).
 */
function textToBinary(v: string): string | null {
  if (v.startsWith("0x")) {
    const hex = v.slice(2);
    return /^\s*(?:[0-9a-fA-F]{2}\s*)*$/.test(hex) ? `0x${hex.replace(/\s+/g, "").toLowerCase()}` : null;
  }
  if (v.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) return null;
  let bytes = "";
  for (const c of atob(v)) bytes += c.charCodeAt(0).toString(16).padStart(2, "0");
  return `0x${bytes}`;
}

/** dlt's `int.to_bytes((v.bit_length() + 7) // 8, "little")`: as `0x` hex; a negative one raises (a variant then). */
function intToBinary(digits: string): string | Cannot {
  const n = BigInt(digits);
  if (n < 0n) return CANNOT;
  const hex = n === 0n ? "" : n.toString(16);
  const even = hex.length % 2 ? `0${hex}` : hex;
  let out = "";
  for (let i = even.length - 2; i >= 0; i -= 2) out += even.slice(i, i + 2);
  return `0x${out}`;
}

const formatted = (v: DateTimeValue | Cannot, format: (v: DateTimeValue) => string): string | Cannot => (v === CANNOT ? CANNOT : format(v));

/** The value dlt stores for `v` (Python type `from`) in a column of type `to`; throws `CoercionError`. */
export function coerceValue(to: ColumnDataType, from: ColumnDataType, v: Value, timezone = true): Json {
  const out = tryCoerce(to, from, v, timezone);
  if (out === CANNOT) throw new CoercionError("cannot coerce");
  return out;
}

/** `coerceValue` without the exception: `CANNOT` where dlt's coercion raises. */
export function tryCoerce(to: ColumnDataType, from: ColumnDataType, v: Value, timezone = true): Json | Cannot {
  switch (to) {
    case "text":
      if (from === "json") return pyJsonText(toJson(v));
      // A `date`, `time` or `datetime` (`_text_fallback`): its ISO text; `bytes`: their base64 (checked with dlt 1.26.0).
      return pyStr(v);
    case "bigint":
      return toBigint(from, v);
    case "double":
      return toDouble(from, v);
    case "bool":
      if (typeof v === "boolean") return v;
      if (from === "text" && typeof v === "string") return textToBool(v);
      if (isNumber(v)) return v instanceof PyInt ? !/^-?0+$/.test(v.digits) : numberOf(v) !== 0;
      return CANNOT;
    case "json":
      if (from === "json") return toJson(v);
      return from === "text" && typeof v === "string" ? textToJson(v) : CANNOT;
    case "decimal":
    case "wei":
      return toDecimal(from, v);
    case "timestamp": {
      const text = dateTimeText(from, v);
      if (text !== null) {
        const fast = formatUtcText(text, timezone);
        if (fast !== null) return fast;
      }
      return formatted(toTimestamp(from, v), (t) => formatTimestamp(t, timezone));
    }
    case "date": {
      if (from === "date" && v instanceof PyDate) return v.iso;
      const text = dateTimeText(from, v);
      if (text !== null) {
        const iso = parseIso(text);
        return iso ? formatDate(iso.value) : formatted(textToDateTime(text), formatDate);
      }
      return formatted(toTimestamp(from, v), formatDate);
    }
    case "time":
      if (from === "time" && v instanceof PyTime) return v.iso;
      return from === "text" && typeof v === "string" ? (parseTime(v) ?? CANNOT) : CANNOT;
    case "binary":
      if (from === "binary" && v instanceof PyBytes) return v.hex;
      if (from === "bigint" && (typeof v === "number" || v instanceof PyInt)) return intToBinary(intDigits(v));
      return from === "text" && typeof v === "string" ? (textToBinary(v) ?? CANNOT) : CANNOT;
    default:
      return CANNOT;
  }
}
