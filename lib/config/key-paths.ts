/**
 * Config strings that name object keys: JSONPaths (`data_selector`, `total_path`, …), dot paths
 * (`offset_body_path`, …) and single names (resources, tables, parent fields). The engine and the
 * preview walk and write objects with them, so `__proto__`, `constructor` and `prototype` are refused
 * as a segment (issue #13: `limit_body_path: "__proto__.polluted"` wrote onto Object.prototype and
 * broke every later request). The names of a table's columns (`columns`, `primary_key`, `merge_key`,
 * the scd2 column names) are the exception: APIs have fields called `constructor` and dlt takes hints
 * on them, and every reader of a row by column name takes only its own values (`getOwn`), so only
 * `__proto__` is refused there (zod drops such a key). The schema marks which strings are such paths
 * (`keyPath`), so the check follows the schema wherever a new one is added.
 */
import { z } from "zod";
import { PROTOTYPE_KEYS } from "../shared";

export type KeyPathKind = "jsonpath" | "dotpath" | "name" | "column";

/** Schemas whose strings are key paths; `keys`: a record whose keys are names. */
export const keyPaths = z.registry<{ readonly kind: KeyPathKind; readonly keys?: true }>();

/** Marks a string schema as a key path of `kind` (or a record schema as keyed by names). */
export function keyPath<T extends z.ZodType>(schema: T, kind: KeyPathKind, keys?: true): T {
  keyPaths.add(schema, keys ? { kind, keys } : { kind });
  return schema;
}

/** The names refused in a string of `kind`: a column name only refuses `__proto__`. */
export const unsafeKeys = (kind: KeyPathKind): ReadonlySet<string> => (kind === "column" ? COLUMN_UNSAFE : PROTOTYPE_KEYS);
const COLUMN_UNSAFE: ReadonlySet<string> = new Set(["__proto__"]);

/** A header name (RFC 9110 `token`): what `Headers` accepts; anything else fails the request. */
export const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Names in a JSONPath: dotted (`a.b`, `$..b`, `@.b`) and quoted in brackets (`['a']`, `["a", 'b']`). */
const DOTTED = /(?:^|\.)\s*([^.[\]'"\s()?@=!<>,*:$]+)/g;
const QUOTED = /[[,]\s*(['"])((?:\\.|(?!\1).)*)\1/g;

/** The key names a string of `kind` walks through. */
export function keySegments(s: string, kind: KeyPathKind): string[] {
  if (kind === "name" || kind === "column") return [s];
  if (kind === "dotpath") return s.split(".");
  const names: string[] = [];
  for (const m of s.matchAll(DOTTED)) if (m[1]) names.push(m[1]);
  for (const m of s.matchAll(QUOTED)) if (m[2] !== undefined) names.push(m[2].replace(/\\(.)/g, "$1"));
  return names;
}

/** The first segment of `s` that must not be a key, or null. */
export function unsafeSegment(s: string, kind: KeyPathKind): string | null {
  // Fast path: most strings contain none of the words at all.
  if (!s.includes("__proto__") && !s.includes("constructor") && !s.includes("prototype")) return null;
  const unsafe = unsafeKeys(kind);
  return keySegments(s, kind).find((seg) => unsafe.has(seg)) ?? null;
}

/** The message for an unsafe segment in `where` (e.g. "`data_selector`"). */
export function unsafeMessage(segment: string, where: string): string {
  return (
    `\`${segment}\` cannot be a key in ${where}: in JavaScript this name reaches an object's prototype, not a field called so, ` +
    "so restplay refuses `__proto__`, `constructor` and `prototype` in every key path and name " +
    "(and `__proto__` in column names). Use another name."
  );
}
