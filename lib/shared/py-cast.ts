/**
 * Python's `int(…)`, `float(…)` and `bool(…)` of a value a reference gives (decision 0047): what `dlt.config[…]` hands
 * over (`dltConfigValue`: `10` an int, `1.5` a float, `false` a bool, a JSON dict a dict) or the text `os.environ[…]` is.
 * The one home of these semantics: validation (lib/config/type-refs.ts), a run (lib/engine/refs.ts) and the reader's
 * `int(os.getenv("X", "10"))` apply them. Checked with Python 3 (dlt 1.26.0's venv): `int(" 12 ")` is 12, `int("1_000")`
 * 1000, `int("1.5")` a ValueError, `int(12.7)` 12, `float("1e3")` 1000.0, `bool("false")` True.
 */
import type { Json } from "./json";
import type { RefCast } from "./markers";
import { pyIntJson, pyNumberValue, pyTruthy } from "./py-numbers";
import { isPyNumber, pyFloat, pyFloatRepr, pyIntFromText, pyRepr, PY_NUMBER, type PyValue } from "./python";

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
