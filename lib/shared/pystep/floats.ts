/**
 * A float's decimal digits as CPython's `format` gives them: exact (a double is a binary fraction, worked out with
 * BigInt) and rounded half to even, where JavaScript's `toFixed`/`toExponential` round ties up and `toFixed` stops at 1e21.
 */

import { trimChars } from "../text";

/** `x` (finite, ≥ 0) as `mant * 2**exp2`. */
function binary(x: number): { mant: bigint; exp2: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const e = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return e === 0 ? { mant: frac, exp2: -1074 } : { mant: frac | (1n << 52n), exp2: e - 1075 };
}

/** `round(x * 10**k)`, half to even, exactly. */
function scaled(x: number, k: number): bigint {
  const { mant, exp2 } = binary(x);
  let num = mant;
  let den = 1n;
  if (exp2 >= 0) num <<= BigInt(exp2);
  else den <<= BigInt(-exp2);
  if (k >= 0) num *= 10n ** BigInt(k);
  else den *= 10n ** BigInt(-k);
  const q = num / den;
  const r2 = (num % den) * 2n;
  return r2 > den || (r2 === den && q % 2n === 1n) ? q + 1n : q;
}

/** `x` (finite, ≥ 0) with `p` digits after the point: the digits, the point not placed (`p` last are the fraction). */
export function fixedDigits(x: number, p: number): string {
  return scaled(x, p)
    .toString()
    .padStart(p + 1, "0");
}

/** `x` (finite, ≥ 0) to `p + 1` significant digits: the digits and the decimal exponent of the first. */
export function sciDigits(x: number, p: number): { digits: string; exp: number } {
  if (x === 0) return { digits: "0".repeat(p + 1), exp: 0 };
  let exp = Math.floor(Math.log10(x));
  for (;;) {
    const d = scaled(x, p - exp).toString();
    if (d.length > p + 1) {
      // Rounded up to the next power of ten (`9.99` to 2 digits), or the estimate was low.
      if (d === `1${"0".repeat(p + 1)}`) return { digits: d.slice(0, p + 1), exp: exp + 1 };
      exp++;
    } else if (d.length < p + 1) exp--;
    else return { digits: d, exp };
  }
}

const exponent = (e: number) => `e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;

/**
 * `x` (≥ 0, may be inf/nan) formatted by presentation type `f`, `e` or `g` (`upper`: `F`/`E`/`G`), precision `p`,
 * `alt` (`#`: keep the point and trailing zeros), `dot0` (`format(x, ".3")`: a positional result gets `.0`).
 */
export function formatFloat(x: number, type: "f" | "e" | "g", p: number, alt: boolean, upper: boolean, dot0 = false): string {
  const up = (s: string) => (upper ? s.toUpperCase() : s);
  if (Number.isNaN(x)) return up("nan");
  if (!Number.isFinite(x)) return up("inf");
  if (type === "f") {
    const d = fixedDigits(x, p);
    const out = p ? `${d.slice(0, -p)}.${d.slice(-p)}` : d;
    return alt && p === 0 ? `${out}.` : out;
  }
  if (type === "e") {
    const { digits, exp } = sciDigits(x, p);
    return up(`${digits[0]}${p || alt ? "." : ""}${digits.slice(1)}${exponent(exp)}`);
  }
  const P = p === 0 ? 1 : p;
  const { digits, exp } = sciDigits(x, P - 1);
  // Trailing zeros, then a trailing point (the text always has a point here).
  const trim = (s: string) => (alt ? s : trimChars(trimChars(s, "0", "end"), ".", "end"));
  // `format(x, ".3")` (`dot0`) goes to the exponent form one digit sooner (CPython's pystrtod.c).
  if (exp >= -4 && exp < (dot0 ? P - 1 : P)) {
    const point = exp + 1;
    const body =
      point <= 0
        ? `0.${"0".repeat(-point)}${digits}`
        : point >= digits.length
          ? digits + "."
          : `${digits.slice(0, point)}.${digits.slice(point)}`;
    const out = trim(body);
    return dot0 && !out.includes(".") ? `${out}.0` : out;
  }
  const mant = digits.length > 1 ? trim(`${digits[0]}.${digits.slice(1)}`) : alt ? `${digits}.` : digits;
  return up(`${mant}${exponent(exp)}`);
}
