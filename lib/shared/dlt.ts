import { parsePythonBody, type Json, type NumberText } from "./json";
import { pyIntJson, pyNumberValue, sentNumber } from "./py-numbers";
import { setOwn } from "./objects";
import { isPyNumber, pyFloat, pyFloatRepr, PY_NUMBER } from "./python";

/** dlt's `str2bool` (dlt/common/utils.py): its spellings, any case, not stripped; `null` for any other text. */
export function str2bool(text: string): boolean | null {
  const t = text.toLowerCase();
  return STR2BOOL_TRUE.has(t) ? true : STR2BOOL_FALSE.has(t) ? false : null;
}
const STR2BOOL_TRUE: ReadonlySet<string> = new Set(["yes", "true", "t", "y", "1"]);
const STR2BOOL_FALSE: ReadonlySet<string> = new Set(["no", "false", "f", "n", "0"]);

/** The dlt release restplay follows: every rule, request and table is checked against it (../shared/dlt-golden). */
export const DLT_VERSION = "1.26.0";

const HEX = /^0x([0-9a-fA-F]+(?:_[0-9a-fA-F]+)*)$/;
const INT = /^[+-]?\d+(?:_\d+)*$/;
/** Python's `float()` spellings; the fraction's digits only after the point, so no two runs split the same digits (linear). */
const FLOAT = /^[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+(?:_\d+)*)?$/;
/** Python's spellings of a float that is not finite, which `float()` reads (`inf`, `-Infinity`, `nan`). */
const NOT_FINITE = /^[+-]?(?:inf|infinity|nan)$/i;

/** The Python type `auto_cast` makes of text (`dltAutoCast`), an integer past 2^53 included: `"12345"` is an `int`. */
export function dltAutoCastType(text: string): "bool" | "int" | "float" | "list" | "dict" | "str" {
  const v = dltConfigValue(text);
  if (typeof v === "boolean") return "bool";
  if (isPyNumber(v)) return /^-?\d+$/.test(v[PY_NUMBER]) ? "int" : "float";
  if (typeof v === "number") return FLOAT.test(text.trim()) && !INT.test(text.trim()) ? "float" : "int";
  return Array.isArray(v) ? "list" : typeof v === "object" && v !== null ? "dict" : "str";
}

/**
 * The value `dlt.config[name]` / `dlt.secrets[name]` gives for text (an environment variable, a TOML string, a run's
 * `--secret`): dlt's `auto_cast` (dlt/common/configuration/utils.py), checked with dlt 1.26.0 — `true`/`false` in any
 * case a bool, an integer (spaces around, `0x` hex) an int, a float a float, a JSON list or dict that, else the text.
 * Python's `inf`/`nan` spellings and an integer past 2^53 stay text here, and numbers in a list or dict are
 * JavaScript's; `dltConfigValue` holds them as Python does.
 */
export function dltAutoCast(text: string): unknown {
  const v = dltConfigValue(text);
  if (isPyNumber(v)) return /^-?(?:\d+|inf|nan)$/.test(v[PY_NUMBER]) ? text : Number(v[PY_NUMBER]);
  return plainNumbers(v);
}

/** `v` with each number marker as JavaScript's number (`{"$number": "2.0"}` → 2; `nan` → NaN). */
function plainNumbers(v: Json): Json {
  if (isPyNumber(v)) return Number(pyNumberValue(v));
  if (Array.isArray(v)) return v.map(plainNumbers);
  if (typeof v === "object" && v !== null) {
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) setOwn(out, k, plainNumbers(x));
    return out;
  }
  return v;
}

/**
 * What `dltAutoCast` makes of text, as Python holds it (checked with dlt 1.26.0): a whole float (`2.0`, `1e2`), a float
 * not finite (`inf`, `nan`, JSON's `NaN`, `Infinity`, `1e400`) and an integer past 2^53 are `{"$number": text}` markers
 * (`2.0`, `100.0`, `inf`, the exact digits: Python's `str()`), at any depth of a JSON list or dict too, whose text dlt
 * reads with Python's json. What a run binds for a reference (lib/engine/refs.ts).
 */
export function dltConfigValue(text: string): Json {
  const lower = text.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  const t = text.trim();
  const hex = HEX.exec(t);
  const int = hex ? BigInt(`0x${hex[1]!.replace(/_/g, "")}`) : INT.test(t) ? BigInt(t.replace(/_/g, "")) : null;
  if (int !== null) return pyIntJson(int);
  if (FLOAT.test(t) || NOT_FINITE.test(t)) {
    const f = pyFloat(t) as number;
    return Number.isInteger(f) || !Number.isFinite(f) ? { [PY_NUMBER]: pyFloatRepr(f) } : f;
  }
  try {
    const sink = new WeakMap<object, NumberText>();
    const parsed = parsePythonBody(text, sink);
    if (typeof parsed === "object" && parsed !== null) return withMarkers(parsed, sink.get(parsed));
  } catch {
    // not JSON: the text itself
  }
  return text;
}

/** A parsed JSON container with each number its spelling changed (`spellings`) as a marker (`sentNumber`). */
function withMarkers(v: Json, spellings: NumberText | string | undefined): Json {
  if (typeof spellings === "string") return sentNumber(typeof v === "number" ? v : null, spellings);
  if (spellings === undefined || typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map((x, i) => withMarkers(x, spellings[String(i)]));
  const out: { [k: string]: Json } = {};
  for (const [k, x] of Object.entries(v))
    Object.defineProperty(out, k, { value: withMarkers(x, spellings[k]), enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * A date, time or datetime one of dlt's TOML providers holds (tomlkit's, unwrapped: Python's own `datetime.datetime`,
 * `datetime.date`, `datetime.time`), at `at` inside the held value (`[]`: the value itself; `["since"]`: a table's key;
 * `[0]`: a list's first item). Its `str()` is the text at that place in `HeldValue.value`; `repr` is Python's (as requests'
 * and dlt's messages show it: `datetime.datetime(2024, 1, 1, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(0), 'UTC'))`).
 */
export interface HeldDate {
  readonly at: readonly (string | number)[];
  readonly type: "datetime.datetime" | "datetime.date" | "datetime.time";
  readonly repr: string;
}

/**
 * A value one of dlt's TOML providers (`.dlt/secrets.toml`, `.dlt/config.toml`) holds as other than text (decision 0045,
 * twenty-ninth and thirtieth sessions): the Python value dlt hands over as it is, uncast (`lim = 10` the int 10, `flag = true`
 * True, a table a dict), as `dltConfigValue` holds it. A date or time is Python's: in `value` as its `str()`
 * (`2024-01-01 00:00:00+00:00`, what a query parameter or an f-string writes), and listed in `dates` (a `json` body, a header,
 * an auth's secret and an incremental's comparison refuse it), inside a table or a list as well as the value itself. A run
 * carries these beside its values, by reference name (`HeldValues`); text is never held.
 */
export interface HeldValue {
  readonly value: Json;
  readonly dates?: readonly HeldDate[];
}
/** The date a held value is itself (not one inside it), if it is one. */
export const heldDate = (held: HeldValue | undefined): HeldDate | undefined => held?.dates?.find((d) => d.at.length === 0);
export type HeldValues = Readonly<Record<string, HeldValue>>;

/**
 * What dlt's accessor hands over for a reference whose value is `text` (`held`: what a TOML provider holds instead): the
 * held value as it is, else `dlt.config[...]`'s `auto_cast` of the text (`dltConfigValue`) or `get`'s text uncast.
 * Checked with dlt 1.26.0: `lim = 10` in config.toml is 10 for both, `s = "10"` 10 for `[...]` and '10' for `get`.
 */
export function dltHanded(text: string, held: HeldValue | undefined, get: boolean): Json {
  if (held !== undefined) return held.value;
  return get ? text : dltConfigValue(text);
}
