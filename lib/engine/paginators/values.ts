/** Reading totals and has_more flags the way dlt does (Python `int()`, its bool parsing, its error texts). */
import { EngineError, type Json } from "../types";

type Excerpt = (text: string, max: number) => string;

/** A body in a message, cut at 200 characters (after masking, when the response gives an `excerpt`). */
export const snippet = (body: Json | undefined, excerpt: Excerpt = (t, max) => t.slice(0, max)): string => {
  const s = JSON.stringify(body) ?? "None";
  return s.length > 200 ? `${excerpt(s, 200)}…` : s;
};

/** Python `int()` of a total: numbers truncated, numeric strings accepted. */
export function toInt(v: Json, path: string, cls: string): number {
  if (typeof v === "number" && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string" && /^\s*[-+]?\d+(_\d+)*\s*$/.test(v)) return Number.parseInt(v.replace(/_/g, ""), 10);
  throw new EngineError("paginator_error", `'${path}' is not an \`int\` in the response in \`${cls}\`. Expected an integer, got \`${typeof v === "string" ? v : JSON.stringify(v)}\``);
}

const TRUE = new Set(["yes", "true", "t", "y", "1"]);
const FALSE = new Set(["no", "false", "f", "n", "0"]);

/** A `has_more` value: a bool, or a string dlt parses; anything else (even `1`) is an error. */
export function toBool(v: Json | undefined, path: string, cls: string, body: Json | undefined, excerpt?: Excerpt): boolean {
  if (v === undefined || v === null) {
    const got = snippet(body, excerpt);
    const message = `Has more value not found in the response in \`${cls}\`.Expected a response with a \`${path}\` key, got \`${got}\`.`;
    throw new EngineError("paginator_error", message);
  }
  if (typeof v === "boolean") return v;
  if (typeof v === "string") {
    const t = v.trim().toLowerCase();
    if (TRUE.has(t)) return true;
    if (FALSE.has(t)) return false;
  }
  throw new EngineError("paginator_error", `'${path}' is not a \`bool\` in the response in \`${cls}\`. Expected a boolean, got \`${typeof v === "string" ? v : JSON.stringify(v)}\``);
}

/** dlt's rule for a pair of alternatives: not both, and an empty name counts as given. */
export function exactlyOne(param: string | undefined, bodyPath: string | undefined, names: [string, string], fallback: string): { param: string | null; bodyPath: string | null } {
  if ((param !== undefined && bodyPath !== undefined) || param === "" || bodyPath === "") {
    throw new EngineError("invalid_config", `Either '${names[0]}' or '${names[1]}' must be provided, not both.`);
  }
  return bodyPath !== undefined ? { param: null, bodyPath } : { param: param ?? fallback, bodyPath: null };
}
