/**
 * Python's `Decimal` as dlt makes it for `decimal` columns (`_COERCE_DISPATCH` in
 * `dlt/common/data_types/type_helpers.py`) and writes it to its load files (`str(Decimal)`):
 * - from a float: `Decimal(float)`, the float's exact binary expansion (19.99 ->
 *   19.989999999999998436805981327779591083526611328125); no rounding to the hinted scale;
 * - from text: the digits as written (`0.50` stays `0.50`), `0x` hex, `_` separators;
 * - from an int: its digits.
 */
import { asciiDigits } from "../shared/python";

/** `(sign, coefficient digits, exponent)`, Python's `_dec_from_triple`. */
interface Triple {
  readonly negative: boolean;
  readonly digits: string;
  readonly exp: number;
}

/** `Decimal.__str__` (scientific notation when the exponent is positive or the value tiny). */
function toText({ negative, digits, exp }: Triple): string {
  const sign = negative ? "-" : "";
  const left = exp + digits.length;
  const dot = exp <= 0 && left > -6 ? left : 1;
  let int: string;
  let frac: string;
  if (dot <= 0) [int, frac] = ["0", `.${"0".repeat(-dot)}${digits}`];
  else if (dot >= digits.length) [int, frac] = [digits + "0".repeat(dot - digits.length), ""];
  else [int, frac] = [digits.slice(0, dot), `.${digits.slice(dot)}`];
  const e = left === dot ? "" : `E${left - dot >= 0 ? "+" : ""}${left - dot}`;
  return sign + int + frac + e;
}

const trimZeros = (digits: string): string => digits.replace(/^0+(?=\d)/, "");

/** `str(Decimal(x))` of a float: exact, from its binary expansion. */
export function decimalFromFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  const negative = x < 0 || Object.is(x, -0);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exp2 = biased === 0 ? -1074 : biased - 1075;
  if (biased !== 0) mantissa |= 1n << 52n;
  if (mantissa === 0n) return toText({ negative, digits: "0", exp: 0 });
  while (mantissa % 2n === 0n && exp2 < 0) {
    mantissa /= 2n;
    exp2 += 1;
  }
  if (exp2 >= 0) return toText({ negative, digits: (mantissa << BigInt(exp2)).toString(), exp: 0 });
  return toText({ negative, digits: (mantissa * 5n ** BigInt(-exp2)).toString(), exp: exp2 });
}

/** `str(Decimal(int))`. */
export function decimalFromInt(digits: string): string {
  const negative = digits.startsWith("-");
  return toText({ negative, digits: trimZeros(negative ? digits.slice(1) : digits), exp: 0 });
}

const SYNTAX = /^([+-])?(?:(\d(?:_?\d)*)(?:\.((?:\d(?:_?\d)*)?))?|\.(\d(?:_?\d)*))(?:[eE]([+-]?\d(?:_?\d)*))?$/;

/** dlt's `_text_to_decimal`: `str(Decimal(text.strip()))`, or `null` when Python would raise. */
export function decimalFromText(text: string): string | null {
  const t = asciiDigits(text).trim();
  if (t.startsWith("0x")) {
    try {
      return decimalFromInt(BigInt(t).toString());
    } catch {
      return null;
    }
  }
  const special = /^([+-])?(inf|infinity|nan)$/i.exec(t);
  if (special) return special[2]?.toLowerCase() === "nan" ? "NaN" : `${special[1] === "-" ? "-" : ""}Infinity`;
  const m = SYNTAX.exec(t);
  if (!m) return null;
  const int = (m[2] ?? "").replace(/_/g, "");
  const frac = (m[3] ?? m[4] ?? "").replace(/_/g, "");
  const exp = Number((m[5] ?? "0").replace(/_/g, "")) - frac.length;
  return toText({ negative: m[1] === "-", digits: trimZeros(int + frac || "0"), exp });
}
