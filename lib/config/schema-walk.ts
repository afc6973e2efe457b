/**
 * Introspection of the zod schema: which schema applies at a path of the user's document, which keys
 * an object allows, and which union variant a value means. This is what makes messages union-aware.
 */
import type { z } from "zod";
import { isMarker, markedAs } from "../shared";
import { PY_INT } from "./schema";

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  element?: z.ZodType;
  valueType?: z.ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
  catchall?: z.ZodType;
};

export const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Whether a schema member takes integers only: zod's `z.int()` family, or the unbounded Python `int` (schema.ts's `PY_INT`). */
export function isIntegerSchema(m: z.ZodType): boolean {
  const d = defOf(m) as Def & { format?: string; checks?: readonly unknown[] };
  if (d.type === "int") return true;
  return d.type === "number" && (["safeint", "int32", "int64"].includes(d.format ?? "") || (d.checks ?? []).includes(PY_INT));
}

/** Results per schema object: the schema is built once, so introspection is paid once too. */
function cached<T>(fn: (s: z.ZodType) => T): (s: z.ZodType) => T {
  const memo = new WeakMap<z.ZodType, T>();
  return (s) => {
    let v = memo.get(s);
    if (v === undefined && !memo.has(s)) {
      v = fn(s);
      memo.set(s, v);
    }
    return v as T;
  };
}

const WRAPPERS = new Set(["optional", "nullable", "default", "readonly"]);

/** Strips optional / nullable / default wrappers. */
export const unwrap = cached(function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (;;) {
    const d = defOf(cur);
    if (WRAPPERS.has(d.type ?? "") && d.innerType) cur = d.innerType;
    else return cur;
  }
});

/** The outermost description on a schema or its wrappers (`.partial()` wraps a described `.nullable()` in a bare optional). */
export function wrappedDescription(s: z.ZodType): string | undefined {
  for (let cur: z.ZodType | undefined = s; cur;) {
    const own = (cur as { description?: string }).description;
    if (own) return own;
    const d = defOf(cur);
    cur = WRAPPERS.has(d.type ?? "") ? d.innerType : undefined;
  }
  return undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The literal values a schema accepts (enum or literal), if it is one. */
export function literalValues(s: z.ZodType | null | undefined): unknown[] | null {
  return s ? literalsOf(s) : null;
}
const literalsOf = cached((s: z.ZodType): unknown[] | null => {
  const d = defOf(unwrap(s));
  if (d.type === "enum" && d.entries) return Object.values(d.entries);
  if (d.type === "literal" && d.values) return d.values;
  return null;
});

/** Flattens nested unions into their object / scalar members. */
export const unionMembers: (s: z.ZodType) => z.ZodType[] = cached((s: z.ZodType): z.ZodType[] => {
  const d = defOf(unwrap(s));
  if (d.type !== "union" || !d.options) return [unwrap(s)];
  return d.options.flatMap(unionMembers);
});

export function objectShape(s: z.ZodType | null | undefined): Record<string, z.ZodType> | null {
  if (!s) return null;
  const d = defOf(unwrap(s));
  return d.type === "object" && d.shape ? d.shape : null;
}

/** The keys an object schema allows (without the `$secret`-style markers). */
export const allowedKeys = cached((s: z.ZodType): string[] => Object.keys(objectShape(s) ?? {}).filter((k) => !isMarker(k)));

/** The keys an object schema requires (not optional). */
export const requiredKeys = cached((s: z.ZodType): string[] =>
  Object.entries(objectShape(s) ?? {})
    .filter(([, v]) => !(v as unknown as { _zod: { optin?: string } })._zod.optin && !["unknown", "any"].includes(defOf(v).type))
    .map(([k]) => k),
);

/** The child schema at one path segment of an object, list or dict schema (no union picking). */
export function childSchema(s: z.ZodType, segment: string | number): z.ZodType | null {
  const d = defOf(unwrap(s));
  if (d.type === "object" && d.shape) return Object.hasOwn(d.shape, String(segment)) ? (d.shape[String(segment)] ?? null) : null;
  if (d.type === "array" && d.element) return d.element;
  if (d.type === "record" && d.valueType) return d.valueType;
  return null;
}

/** A short human name of what a schema accepts: "a string", "an integer", "one of `GET`, `POST`". */
export const describeSchema = cached((s: z.ZodType): string => {
  const names = new Set<string>();
  let refs = 0;
  for (const m of unionMembers(s)) {
    const d = defOf(m);
    const lits = literalValues(m);
    if (lits) names.add(`one of ${lits.map((v) => `\`${String(v)}\``).join(", ")}`);
    else if (d.type === "object" && d.shape) {
      const marker = markedAs(d.shape);
      if (marker === "$secret") refs |= 1;
      else if (marker === "$config") refs |= 2;
      // Text made with references goes where references go: named by them.
      else if (marker === "$format") continue;
      else if (marker === "$python") names.add("(Python) a callable or object");
      else names.add("a dict");
    } else if (isIntegerSchema(m)) names.add("an integer");
    else if (d.type === "number") names.add("a number");
    else if (d.type === "string") names.add("a string");
    else if (d.type === "boolean") names.add("`True`/`False` (true/false)");
    else if (d.type === "array") names.add("a list");
    else if (d.type === "record") names.add("a dict");
    else if (d.type === "unknown" || d.type === "any") names.add("any value");
    else names.add(d.type);
  }
  if (refs)
    names.add(
      refs === 3
        ? "a dlt.secrets[...] or dlt.config[...] reference"
        : refs === 1
          ? "a dlt.secrets[...] reference"
          : "a dlt.config[...] reference",
    );
  const list = [...names];
  return list.length <= 2 ? list.join(" or ") : `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}`;
});

/**
 * The union member a value means: by `$secret`/`$config`/`$python` marker, by `type`, by shape.
 * Returns null when nothing fits (the caller reports what was expected).
 */
export function pickVariant(s: z.ZodType, value: unknown): z.ZodType | null {
  const members = unionMembers(s);
  if (members.length === 1) return members[0] ?? null;
  if (isPlainObject(value)) {
    const objects = members.filter((m) => objectShape(m));
    const marker = markedAs(value);
    if (marker) return objects.find((m) => Object.hasOwn(objectShape(m) ?? {}, marker)) ?? null;
    const plain = objects.filter((m) => !Object.keys(objectShape(m) ?? {}).some(isMarker));
    if (typeof value.type === "string") {
      const typed = plain.filter((m) => literalValues(objectShape(m)?.type));
      const byType = typed.find((m) => literalValues(objectShape(m)?.type)?.includes(value.type));
      // A `type` no variant has: nothing fits (the caller lists the valid types).
      if (byType || typed.length > 0) return byType ?? null;
    }
    const record = members.find((m) => defOf(m).type === "record");
    if (plain.length === 0) return record ?? null;
    if (plain.length === 1) return plain[0] ?? null;
    // No `type` (or an unknown one): the member sharing most keys with the value.
    const keys = Object.keys(value);
    let best: z.ZodType | null = null;
    let bestScore = -1;
    for (const m of plain) {
      const shape = objectShape(m) ?? {};
      const hasType = Object.hasOwn(shape, "type") && !defOf(shape.type as z.ZodType).type.startsWith("optional");
      if (!Object.hasOwn(value, "type") && hasType) continue;
      const score = keys.filter((k) => Object.hasOwn(shape, k)).length;
      if (score > bestScore) [best, bestScore] = [m, score];
    }
    return best;
  }
  const kind = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
  return (
    members.find((m) => {
      const d = defOf(m);
      if (kind === "string") return d.type === "string" || d.type === "enum" || d.type === "literal";
      if (kind === "number") return d.type === "number" || d.type === "int";
      if (kind === "boolean") return d.type === "boolean";
      if (kind === "array") return d.type === "array";
      return false;
    }) ?? null
  );
}

/** The schema that applies at `path` of the document value `root`. */
export function schemaAt(root: z.ZodType, rootValue: unknown, path: readonly (string | number)[]): z.ZodType | null {
  let s: z.ZodType | null = root;
  let v: unknown = rootValue;
  for (const seg of path) {
    if (!s) return null;
    const variant = pickVariant(s, v);
    if (!variant) return null;
    s = childSchema(variant, seg);
    v = (isPlainObject(v) || Array.isArray(v)) && Object.hasOwn(v, String(seg)) ? (v as Record<string, unknown>)[String(seg)] : undefined;
  }
  return s;
}
