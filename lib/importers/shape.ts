/** A JSON Schema (or sample records) as the spec mock's bounded record shape (lib/mocks/spec/plan.ts). */
import type { MockShape } from "../mocks";
import { fieldsOf, flatten, schemaType, type Source } from "./fields";
import { arr, isObj, obj, own, str } from "./values";

const MAX_DEPTH = 5;
const MAX_PROPS = 60;

function fromSchema(schema: unknown, depth: number): MockShape {
  const s = flatten(schema);
  const type = schemaType(s);
  if (depth >= MAX_DEPTH && (type === "object" || type === "array")) return { type: "null" };
  switch (type) {
    case "object": {
      const properties: Record<string, MockShape> = {};
      for (const [k, v] of Object.entries(obj(own(s, "properties"))).slice(0, MAX_PROPS)) properties[k] = fromSchema(v, depth + 1);
      return { type: "object", properties };
    }
    case "array":
      return { type: "array", items: fromSchema(own(s, "items"), depth + 1) };
    case "integer":
    case "number": {
      const n = (k: string) => (typeof own(s, k) === "number" ? (own(s, k) as number) : undefined);
      return { type, minimum: n("minimum"), maximum: n("maximum"), example: n("example") };
    }
    case "boolean":
      return { type: "boolean" };
    case "string": {
      const values = arr(own(s, "enum"))
        .filter((x): x is string => typeof x === "string")
        .slice(0, 50);
      const example = str(own(s, "example"));
      return {
        type: "string",
        format: str(own(s, "format"))?.slice(0, 40),
        enum: values.length ? values : undefined,
        example: example?.slice(0, 500),
      };
    }
    default:
      return { type: "string" };
  }
}

function fromValue(v: unknown, depth: number): MockShape {
  if (typeof v === "number") return { type: Number.isInteger(v) ? "integer" : "number" };
  if (typeof v === "boolean") return { type: "boolean" };
  if (typeof v === "string")
    return { type: "string", format: /^\d{4}-\d{2}-\d{2}T/.test(v) ? "date-time" : undefined, example: v.slice(0, 500) };
  if (depth >= MAX_DEPTH || v === null) return { type: "null" };
  if (Array.isArray(v)) return { type: "array", items: fromValue(v[0] ?? null, depth + 1) };
  const properties: Record<string, MockShape> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v).slice(0, MAX_PROPS)) properties[k] = fromValue(x, depth + 1);
  return { type: "object", properties };
}

/** The record shape of a records source (a schema, or the first sample record with every key seen). */
export function shapeOf(items: Source): MockShape {
  if (items.kind === "schema") return fromSchema(items.schema, 0);
  const merged: Record<string, unknown> = {};
  for (const f of fieldsOf(items, 1)) merged[f.path[0] ?? ""] = f.sample ?? null;
  return fromValue(merged, 0);
}

/** Drops `undefined` members (the plan's zod schema is strict about shapes it receives as JSON). */
export function clean<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
