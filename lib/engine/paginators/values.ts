/** Reading totals and has_more flags the way dlt does (Python `int()`, its bool parsing, its error texts). */
import { EngineError, type Json } from "../types";
import type { PageResponse } from "./types";
import { defect } from "../defect";
import { isPyNumber, jsonShown, pyNumberValue, str2bool } from "../../shared";

const DIGIT = /\p{Nd}/u;

/** The value of a Unicode decimal digit: Unicode lays each script's digits out as runs of ten from its zero. */
function digitValue(ch: string): number {
  const cp = ch.codePointAt(0) as number;
  let zero = cp;
  while (DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
  return (cp - zero) % 10;
}

/** Python's `int()` of text: optional spaces and sign, decimal digits of any script, single `_` between them; else `null`. */
export function pythonIntText(text: string): bigint | null {
  const m = /^\s*([-+]?)(\p{Nd}+(?:_\p{Nd}+)*)\s*$/u.exec(text);
  if (!m) return null;
  let n = 0n;
  for (const ch of (m[2] as string).replace(/_/g, "")) n = n * 10n + BigInt(digitValue(ch));
  return m[1] === "-" ? -n : n;
}

/**
 * Python `int()` of a total, exactly: numbers truncated (a marker's digits beyond 2^53 exact, `5.0` 5), numeric strings
 * accepted. `int()` of an infinite float raises OverflowError, which dlt does not catch (NaN's ValueError it does).
 */
export function toInt(v: Json, path: string, cls: string): bigint {
  if (typeof v === "number" && Number.isFinite(v)) return BigInt(Math.trunc(v));
  if (typeof v === "boolean") return v ? 1n : 0n;
  if (isPyNumber(v)) {
    const n = pyNumberValue(v);
    if (typeof n === "bigint") return n;
    if (Number.isFinite(n)) return BigInt(Math.trunc(n));
    if (!Number.isNaN(n)) throw new EngineError("paginator_error", "OverflowError: cannot convert float infinity to integer");
  }
  const text = typeof v === "string" ? pythonIntText(v) : null;
  if (text !== null) return text;
  throw new EngineError(
    "paginator_error",
    `'${path}' is not an \`int\` in the response in \`${cls}\`. Expected an integer, got \`${typeof v === "string" ? v : jsonShown(v)}\``,
  );
}

/** A `has_more` value: a bool, or a string dlt parses; anything else (even `1`) is an error. */
export function toBool(v: Json | undefined, path: string, cls: string, res: PageResponse): boolean {
  if (v === undefined || v === null) {
    throw new EngineError(
      "paginator_error",
      `Has more value not found in the response in \`${cls}\`.Expected a response with a \`${path}\` key, got \`${res.show(res.body)}\`.`,
    );
  }
  if (typeof v === "boolean") return v;
  const b = typeof v === "string" ? str2bool(v.trim()) : null;
  if (b !== null) return b;
  throw new EngineError(
    "paginator_error",
    `'${path}' is not a \`bool\` in the response in \`${cls}\`. Expected a boolean, got \`${typeof v === "string" ? v : JSON.stringify(v)}\``,
  );
}

/** The placement of a value: the body path when given, else the query parameter (lib/config refused both, and empty names). */
export function exactlyOne(
  param: string | undefined,
  bodyPath: string | undefined,
  names: [string, string],
  fallback: string,
): { param: string | null; bodyPath: string | null } {
  const both = param !== undefined && bodyPath !== undefined;
  if (both || param === "" || bodyPath === "") throw defect(`both or an empty '${names[0]}'/'${names[1]}'`);
  return bodyPath !== undefined ? { param: null, bodyPath } : { param: param ?? fallback, bodyPath: null };
}
