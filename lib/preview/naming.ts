/**
 * dlt's default `snake_case` naming convention, rule for rule (dlt 1.26.0,
 * `dlt/common/normalizers/naming/snake_case.py`, `sql_cs_v1.py`, `naming.py`):
 * - `strip()` (Python's Unicode whitespace), `+*@|-` become `x x a l _`, every run of characters
 *   outside `[a-zA-Z\d_]` becomes `_` (Python's `\d` is any Unicode decimal digit, so `৩` stays);
 * - camelCase and acronyms split (`XMLSource` -> `xml_source`), lower case, a leading digit gets a
 *   `_` prefix, each trailing `_` becomes `x`, runs of `_` collapse to one;
 * - keys are paths: `normalize_path` splits on `__` and drops empty parts (`__version` -> `version`,
 *   `x___y` stays), normalises each part and joins them with `__` again;
 * - with a destination's identifier limit (`max_identifier_length`, 63 on postgres) a longer name is
 *   cut to its head, a 6-character tag and its tail (`shorten_identifier`).
 */
import { shake128, trimChars, trimWhere } from "../shared";

/** dlt's separator between a parent and a nested name: `contacts__addresses`, `address__city`. */
export const PATH_SEPARATOR = "__";
/** What dlt names an empty or blank key (`EMPTY_KEY_IDENTIFIER` in relational.py). */
export const EMPTY_KEY = "_empty";

const PY_SPACE = "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const BLANK = new RegExp(`^${PY_SPACE}*$`);
/** Python's `str.isspace()` for one UTF-16 unit (PY_SPACE as a test; none of its characters is a surrogate). */
const isPySpace = (c: number): boolean =>
  (c >= 0x09 && c <= 0x0d) ||
  (c >= 0x1c && c <= 0x20) ||
  c === 0x85 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000;
const REDUCE: Readonly<Record<string, string>> = { "+": "x", "*": "x", "-": "_", "@": "a", "|": "l" };
const NON_ALPHANUMERIC = /[^a-zA-Z\p{Nd}_]+/gu;
const LEADING_DIGITS = /^\p{Nd}/u;
const CACHE_LIMIT = 50_000;

/** Python's `str.strip()` and `str.isspace()` (JavaScript's `\s` is a different set). */
export const pyStrip = (s: string): string => trimWhere(s, isPySpace);
export const isBlankKey = (s: string): boolean => BLANK.test(s);

function toSnakeCase(identifier: string): string {
  let s = identifier.replace(/([^_])([A-Z][a-z]+)/g, "$1_$2");
  s = s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  if (LEADING_DIGITS.test(s)) s = `_${s}`;
  const stripped = trimChars(s, "_", "end");
  return (stripped + "x".repeat(s.length - stripped.length)).replace(/__+/g, "_");
}

/** `lower(base64(shake_128(name, 4 bytes)))` without `=`, `/` -> `a`, `+` -> `b` (`_compute_tag`). */
export function computeTag(identifier: string): string {
  const bytes = shake128(new TextEncoder().encode(identifier), 4);
  return btoa(String.fromCharCode(...bytes))
    .replace(/=/g, "")
    .replace(/\//g, "a")
    .replace(/\+/g, "b")
    .toLowerCase();
}

/** `shorten_identifier`: past `maxLength` code points, head + tag (of `identifier`) + tail. */
export function shortenIdentifier(normalized: string, identifier: string, maxLength: number | null): string {
  if (maxLength === null) return normalized;
  const points = [...normalized];
  if (points.length <= maxLength) return normalized;
  const tag = computeTag(identifier);
  const remaining = maxLength - tag.length;
  const head = Math.floor(remaining / 2) + (remaining % 2);
  return points.slice(0, head).join("") + tag + points.slice(points.length - Math.floor(remaining / 2)).join("");
}

/** The snake_case convention for one destination (its identifier limit, `null` for none). */
export class Naming {
  private readonly identifiers = new Map<string, string>();
  private readonly paths = new Map<string, string>();
  private readonly joined = new Map<string, string>();

  constructor(readonly maxLength: number | null = null) {}

  /** `normalize_identifier`: one name, not split on `__`. Blank names are the caller's concern. */
  identifier(identifier: string): string {
    let hit = this.identifiers.get(identifier);
    if (hit === undefined) {
      const stripped = pyStrip(identifier);
      const reduced = stripped.replace(/[+*\-@|]/g, (c) => REDUCE[c] ?? "_").replace(NON_ALPHANUMERIC, "_");
      hit = shortenIdentifier(toSnakeCase(reduced), stripped, this.maxLength);
      remember(this.identifiers, identifier, hit);
    }
    return hit;
  }

  /** `normalize_path` (and `normalize_tables_path`, the same for snake_case): a key or a table name. */
  path(path: string): string {
    let hit = this.paths.get(path);
    if (hit === undefined) {
      const parts = path
        .split(PATH_SEPARATOR)
        .filter((p) => pyStrip(p) !== "")
        .map((p) => this.identifier(p));
      hit = shortenIdentifier(parts.join(PATH_SEPARATOR), path, this.maxLength);
      remember(this.paths, path, hit);
    }
    return hit;
  }

  /** `shorten_fragments`: joins normalised names with `__` and shortens the result. */
  fragments(...names: string[]): string {
    const key = names.join("\u0000");
    let hit = this.joined.get(key);
    if (hit === undefined) {
      const joined = names.filter((n) => pyStrip(n) !== "").join(PATH_SEPARATOR);
      hit = shortenIdentifier(joined, joined, this.maxLength);
      remember(this.joined, key, hit);
    }
    return hit;
  }

  /** The column name of a record key as dlt's `_flatten` makes it (blank keys become `_empty`). */
  key(key: string): string {
    return key === "" || isBlankKey(key) ? EMPTY_KEY : this.path(key);
  }
}

function remember(cache: Map<string, string>, key: string, value: string): void {
  // Keys come from data: the caches must not grow without bound.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

const DEFAULT = new Naming(null);

/** A key or name through dlt's snake_case path normalisation, without an identifier limit. */
export function normalizeIdentifier(name: string): string {
  return DEFAULT.key(name);
}
