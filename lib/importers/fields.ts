/**
 * A response body's fields as the importers see them — from an OpenAPI schema or from a sample value —
 * so one detector works on both: each field's path (3 levels deep at most, as dlt looks), its type,
 * its format, and for arrays of objects the record's own fields.
 */
import { arr, isObj, obj, own, str, type Obj } from "./values";

export type FieldType = "array" | "object" | "string" | "integer" | "number" | "boolean" | "null" | "unknown";

export interface Field {
  readonly path: readonly string[];
  readonly type: FieldType;
  readonly format?: string | undefined;
  /** Required in the schema, or present in every sample record. */
  readonly required: boolean;
  /** A sample value (samples, schema examples). */
  readonly sample?: unknown;
  /** For an array: its items' schema or sample values. */
  readonly items?: Source | undefined;
}

/** Either a JSON Schema (OpenAPI) or sample values (every value seen at that place). */
export type Source = { readonly kind: "schema"; readonly schema: Obj } | { readonly kind: "values"; readonly values: readonly unknown[] };

/**
 * Each schema's flattening, once: a dereferenced document shares its schemas, so `allOf`s of `allOf`s written once
 * each are met again and again (60 parts, 6 levels: 60⁶ visits); a schema being flattened is taken as it is written
 * (a cycle).
 */
const flattened = new WeakMap<Obj, Obj>();

/** allOf merged, the first oneOf/anyOf branch taken: enough to see an object's properties. */
export function flatten(schema: unknown, depth = 0): Obj {
  const s = obj(schema);
  if (depth > 6) return s;
  const known = flattened.get(s);
  if (known) return known;
  flattened.set(s, s);
  const merged = merge(s, depth);
  flattened.set(s, merged);
  return merged;
}

function merge(s: Obj, depth: number): Obj {
  const parts = [...arr(own(s, "allOf")), ...arr(own(s, "oneOf")).slice(0, 1), ...arr(own(s, "anyOf")).slice(0, 1)].map((p) =>
    flatten(p, depth + 1),
  );
  if (parts.length === 0) return s;
  const properties = Object.assign({}, ...parts.map((p) => obj(own(p, "properties"))), obj(own(s, "properties"))) as Obj;
  const required = [...parts.flatMap((p) => arr(own(p, "required"))), ...arr(own(s, "required"))];
  const typed = parts.find((p) => own(p, "type") !== undefined);
  return { ...(typed ?? {}), ...s, properties, required };
}

export function schemaType(schema: Obj): FieldType {
  const t = own(schema, "type");
  const types = Array.isArray(t) ? t.filter((x) => x !== "null") : [t];
  const first = types[0];
  if (first === "array" || first === "object" || first === "string" || first === "integer" || first === "number" || first === "boolean")
    return first;
  if (isObj(own(schema, "properties"))) return "object";
  if (own(schema, "items") !== undefined) return "array";
  return "unknown";
}

const valueType = (v: unknown): FieldType =>
  v === null
    ? "null"
    : Array.isArray(v)
      ? "array"
      : typeof v === "object"
        ? "object"
        : typeof v === "string"
          ? "string"
          : typeof v === "number"
            ? Number.isInteger(v)
              ? "integer"
              : "number"
            : typeof v === "boolean"
              ? "boolean"
              : "unknown";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The fields of an object (from its schema or its sample values), `depth` levels deep. */
export function fieldsOf(source: Source, depth = 3, prefix: readonly string[] = []): Field[] {
  const out: Field[] = [];
  if (source.kind === "schema") {
    const s = flatten(source.schema);
    const required = new Set(arr(own(s, "required")).filter((x): x is string => typeof x === "string"));
    for (const [k, raw] of Object.entries(obj(own(s, "properties")))) {
      const p = flatten(raw);
      const type = schemaType(p);
      const path = [...prefix, k];
      const items = type === "array" ? ({ kind: "schema", schema: flatten(own(p, "items")) } as const) : undefined;
      out.push({ path, type, format: str(own(p, "format")), required: required.has(k), sample: own(p, "example"), items });
      if (type === "object" && depth > 1) out.push(...fieldsOf({ kind: "schema", schema: p }, depth - 1, path));
    }
    return out;
  }
  const objects = source.values.filter(isObj);
  const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
  for (const k of keys) {
    const seen = objects.map((o) => own(o, k)).filter((v) => v !== undefined);
    const nonNull = seen.find((v) => v !== null);
    const type = valueType(nonNull ?? null);
    const path = [...prefix, k];
    const items = type === "array" ? ({ kind: "values", values: seen.flatMap((v) => arr(v)) } as const) : undefined;
    const format = typeof nonNull === "string" && ISO.test(nonNull) ? "date-time" : undefined;
    out.push({ path, type, format, required: seen.length === objects.length && seen.every((v) => v !== null), sample: nonNull, items });
    if (type === "object" && depth > 1) out.push(...fieldsOf({ kind: "values", values: seen.filter(isObj) }, depth - 1, path));
  }
  return out;
}

/** How many distinct values a field has across sample records (null for schemas). */
export function distinct(source: Source, name: string): number | null {
  if (source.kind === "schema") return null;
  return new Set(source.values.filter(isObj).map((o) => JSON.stringify(own(o, name) ?? null))).size;
}
