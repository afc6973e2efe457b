/**
 * Python's `int(…)`, `float(…)` and `bool(…)` of a value a reference gives (decision 0047): what `dlt.config[…]` hands
 * over (`dltConfigValue`: `10` an int, `1.5` a float, `false` a bool, a JSON dict a dict) or the text `os.environ[…]` is.
 * The one home of these semantics: validation (lib/config/type-refs.ts), a run (lib/engine/refs.ts) and the reader's
 * `int(os.getenv("X", "10"))` apply them. Checked with Python 3 (dlt 1.26.0's venv): `int(" 12 ")` is 12, `int("1_000")`
 * 1000, `int("1.5")` a ValueError, `int(12.7)` 12, `float("1e3")` 1000.0, `bool("false")` True.
 */
import type { Json } from "./json";
import { dltConfigValue, dltHanded, heldDate, str2bool, type HeldDate, type HeldValue } from "./dlt";
import type { GetType, RefCast, RefGet } from "./markers";
import { orjsonDumps, pyIntJson, pyNumberValue, pyTruthy } from "./py-numbers";
import { isPyNumber, pyFloat, pyFloatRepr, pyIntFromText, pyRepr, pyStr, PY_NUMBER, type PyValue } from "./python";

/** The cast's value, or the exception Python raises (`ValueError: invalid literal for int() with base 10: 'abc'`). */
export type CastOutcome = { readonly value: Json } | { readonly error: string };

/** A float as a value a config or a request holds: a whole or non-finite one as Python's `str()` of it (`{"$number": "10.0"}`). */
const floatJson = (x: number): Json => (Number.isInteger(x) || !Number.isFinite(x) ? { [PY_NUMBER]: pyFloatRepr(x) } : x);

/** Python's type name of a value that is not a number, a bool or text (`dict`, `list`, `NoneType`). */
const typeName = (v: Json): string => (v === null ? "NoneType" : Array.isArray(v) ? "list" : "dict");

/** A number's value: an int's digits exact (`bigint`), a float's value (`{"$number": "2.0"}` is the float 2). */
function numberOf(v: Json): { int: bigint } | { float: number } | null {
  if (typeof v === "boolean") return { int: v ? 1n : 0n };
  if (typeof v === "number") return Number.isInteger(v) ? { int: BigInt(v) } : { float: v };
  if (!isPyNumber(v)) return null;
  const n = pyNumberValue(v);
  return typeof n === "bigint" ? { int: n } : { float: n };
}

/**
 * `cast(v)` as Python computes it. `shown`: how a message shows the value (a secret's is masked by the caller: Python's
 * own message holds it).
 */
export function pyCast(cast: RefCast, v: Json, shown: (v: Json) => string = (x) => pyRepr(x as PyValue)): CastOutcome {
  if (cast === "bool") return { value: pyTruthy(v) };
  const n = numberOf(v);
  if (cast === "int") {
    if (typeof v === "string") {
      const i = pyIntFromText(v);
      return i === null ? { error: `ValueError: invalid literal for int() with base 10: ${shown(v)}` } : { value: pyIntJson(i) };
    }
    if (n === null)
      return { error: `TypeError: int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'` };
    if ("int" in n) return { value: pyIntJson(n.int) };
    if (Number.isNaN(n.float)) return { error: "ValueError: cannot convert float NaN to integer" };
    if (!Number.isFinite(n.float)) return { error: "OverflowError: cannot convert float infinity to integer" };
    return { value: pyIntJson(BigInt(Math.trunc(n.float))) };
  }
  if (typeof v === "string") {
    const f = pyFloat(v);
    return f === null ? { error: `ValueError: could not convert string to float: ${shown(v)}` } : { value: floatJson(f) };
  }
  if (n === null) return { error: `TypeError: float() argument must be a string or a real number, not '${typeName(v)}'` };
  if ("float" in n) return { value: floatJson(n.float) };
  const f = Number(n.int);
  return Number.isFinite(f) ? { value: floatJson(f) } : { error: "OverflowError: int too large to convert to float" };
}

/** What dlt's `_text_to_bigint`/`_text_to_double` read as a `0x` number (after `strip()`): Python's `int(rest, 16)`. */
const HEX_TEXT = /^0x([0-9a-fA-F](?:_?[0-9a-fA-F])*)$/;
/** The Python type dlt's schema types name a value by (`py_type_to_sc_type`): `str` text, `int` bigint, `float` double, … */
function getTypeOf(v: Json): GetType {
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (isPyNumber(v)) return /^-?\d+$/.test(v[PY_NUMBER]) ? "int" : "float";
  return Array.isArray(v) ? "list" : "dict";
}

/** dlt's `coerce_value(to, from, value)` as `deserialize_value` calls it for `get(name, type)`; null where dlt raises. */
function coerce(to: GetType, v: Json): Json | null {
  const from = getTypeOf(v);
  const json = (t: GetType) => t === "dict" || t === "list";
  // dict and list are both dlt's `json` type: a dict asked for as a list is handed over as it is.
  if (to === from || (json(to) && json(from))) return v;
  if (from === "str") {
    const text = v as string;
    const t = text.trim();
    const hex = HEX_TEXT.exec(t);
    if (to === "int") {
      const i = hex ? BigInt(`0x${hex[1]!.replace(/_/g, "")}`) : pyIntFromText(t);
      return i === null ? null : pyIntJson(i);
    }
    if (to === "float") {
      const f = hex ? Number(BigInt(`0x${hex[1]!.replace(/_/g, "")}`)) : pyFloat(t);
      return f === null ? null : floatJson(f);
    }
    if (to === "bool") return str2bool(text);
    // dict, list: dlt's json.loads of the text, which must give that type.
    const parsed = dltConfigValue(text);
    return (to === "dict" && typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) && !isPyNumber(parsed)) ||
      (to === "list" && Array.isArray(parsed))
      ? parsed
      : null;
  }
  // A dict or list is only ever handed over as one by a TOML provider: dlt writes it with its orjson.
  if (to === "str") return json(from) ? orjsonDumps(v) : pyStr(v as PyValue);
  if (json(to) || json(from)) return null;
  const n = numberOf(v);
  if (to === "bool") return from === "bool" || n === null ? null : "int" in n ? n.int !== 0n : n.float !== 0;
  if (from === "bool" || n === null) return null;
  if (to === "float") return "int" in n ? floatJson(Number(n.int)) : floatJson(n.float);
  // int of a float: only a whole one (`_numeric_to_bigint`).
  return "int" in n ? pyIntJson(n.int) : Number.isInteger(n.float) ? pyIntJson(BigInt(n.float)) : null;
}

/**
 * dlt's `dlt.config.get(name)` / `dlt.secrets.get(name, type)` (dlt/common/configuration/accessors.py, checked with dlt
 * 1.26.0): None without a value (`handed` undefined); without a type the value as the provider holds it (the environment's
 * text uncast: `LIM=10` gives `'10'`); with one, `deserialize_value` — text read as that type (`' 12 '` an int, `0x10` 16,
 * `yes` True, a JSON dict a dict), a TOML int as a float or a bool, anything else `ConfigValueCannotBeCoercedException`.
 */
export function dltGet(name: string, get: RefGet, handed: Json | undefined): CastOutcome {
  if (handed === undefined) return { value: null };
  if (get === true) return { value: handed };
  const value = coerce(get, handed);
  return value !== null ? { value } : { error: coerceError(name, get) };
}

/** dlt's `ConfigValueCannotBeCoercedException` for `get(name, type)`. */
const coerceError = (name: string, get: GetType): string =>
  `ConfigValueCannotBeCoercedException: Configured value for field \`${name}\` cannot be coerced into type \`<class '${get}'>\``;

/** The reference as `readRef` needs it: its name, and how it is read (`get`, the cast around it). */
export interface RefRead {
  readonly name: string;
  readonly get?: RefGet | undefined;
  readonly cast?: RefCast | undefined;
}

/**
 * What Python holds after reading a reference whose value is `text` — the one home of that chain: dlt's accessor (`[...]`'s
 * `auto_cast` or `get`'s value uncast, `dltHanded`; what a TOML provider holds instead, `held`), `get`'s type (`dltGet`),
 * then the cast around it (`pyCast`; `shown` as there). `environ`: Python's own `os.environ[...]`, text as it is. A held
 * date (a TOML date, checked with dlt 1.26.0) is handed over as its `str()` text, which the caller knows is a date
 * (`heldDate`); `get(k, str)` gives its `isoformat()` (`2024-01-01T00:00:00+00:00`), another type raises, `int()`/`float()`
 * raise `TypeError`, `bool()` is True.
 */
export function readRef(
  ref: RefRead,
  text: string,
  held: HeldValue | undefined,
  environ = false,
  shown?: (v: Json) => string,
): CastOutcome {
  let got: CastOutcome;
  const date = environ ? undefined : heldDate(held);
  if (held !== undefined && date !== undefined) {
    const iso = String(held.value).replace(" ", "T");
    got =
      ref.get === undefined || ref.get === true
        ? { value: held.value }
        : ref.get === "str"
          ? { value: iso }
          : { error: coerceError(ref.name, ref.get) };
    if ("value" in got && ref.cast && got.value === held.value) return datetimeCast(ref.cast, date);
  } else {
    const handed = environ ? text : dltHanded(text, held, ref.get !== undefined);
    got = ref.get !== undefined ? dltGet(ref.name, ref.get, handed) : { value: handed };
  }
  return "value" in got && ref.cast ? pyCast(ref.cast, got.value, shown) : got;
}

/**
 * Python's truth of what a reference gives a condition (`AUTH if TOKEN else None`), `text` its value in the run (`undefined`:
 * none), read as `readRef` reads it: `undefined` where Python raises instead (dlt's `[...]` without a value,
 * `ConfigFieldMissingException`; `int(None)`). Without a value dlt's `get` is None, false (checked with dlt 1.26.0: `AUTH if
 * TOKEN else None` without `TOKEN` sent no `Authorization`); `TOKEN=` is the empty text, false too.
 */
export function refTruth(ref: RefRead, text: string | undefined, held: HeldValue | undefined, environ = false): boolean | undefined {
  if (text === undefined) return ref.get !== undefined && !environ && (ref.cast === undefined || ref.cast === "bool") ? false : undefined;
  const r = readRef(ref, text, held, environ);
  return "value" in r ? pyTruthy(r.value) : undefined;
}

/** Python's `int()`, `float()`, `bool()` of a `datetime` (a `date`, a `time`). */
function datetimeCast(cast: RefCast, date: HeldDate): CastOutcome {
  if (cast === "bool") return { value: true };
  const takes = cast === "int" ? "a string, a bytes-like object or a real number" : "a string or a real number";
  return { error: `TypeError: ${cast}() argument must be ${takes}, not '${date.type}'` };
}
