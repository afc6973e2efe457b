/** A JSON Schema (or sample records) as the spec mock's bounded record shape (lib/mocks/spec/plan.ts). */
import type { MockShape } from "../mocks";
import { fieldsOf, flatten, schemaType, type Source } from "./fields";
import { arr, isObj, obj, own, plain, str } from "./values";
import { MAX_EXAMPLE_CHARS, MAX_RECORD_VALUES, setOwn } from "../shared";

const MAX_DEPTH = 5;
const MAX_PROPS = 60;

/** One shape still to build: its source (a schema or a sample value), its depth, its items' multiplicity, where it goes. */
interface Pending {
  readonly source: unknown;
  readonly depth: number;
  /** Copies of it in a record (an array's items count twice, as `recordValues` counts them). */
  readonly times: number;
  readonly put: (shape: MockShape) => void;
}

/** A scalar schema's shape, or `null` for an object or an array. */
function schemaLeaf(s: ReturnType<typeof flatten>, type: ReturnType<typeof schemaType>): MockShape | null {
  switch (type) {
    case "object":
    case "array":
      return null;
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

function valueLeaf(v: unknown, depth: number): MockShape | null {
  if (typeof v === "number") return { type: Number.isInteger(v) ? "integer" : "number" };
  if (typeof v === "boolean") return { type: "boolean" };
  if (typeof v === "string")
    return { type: "string", format: /^\d{4}-\d{2}-\d{2}T/.test(v) ? "date-time" : undefined, example: v.slice(0, 500) };
  if (depth >= MAX_DEPTH || v === null || typeof v !== "object") return { type: "null" };
  return null;
}

/**
 * The shape of `root`, built breadth first within `MAX_RECORD_VALUES` (counted as the mock counts a record's
 * values): a dereferenced document shares its schemas, so a few kilobytes of `$ref`s can describe billions of
 * fields; the first levels are kept whole, the deeper ones as far as the budget goes (an object's later properties left out).
 */
function bounded(root: unknown, fromSchema: boolean): MockShape {
  let result: MockShape = { type: "null" };
  let left = MAX_RECORD_VALUES - 1;
  const queue: Pending[] = [{ source: root, depth: 0, times: 1, put: (s) => (result = s) }];
  for (let i = 0; i < queue.length; i++) {
    const { source, depth, times, put } = queue[i] as Pending;
    const s = fromSchema ? flatten(source) : source;
    const type = fromSchema ? schemaType(s as ReturnType<typeof flatten>) : null;
    const leaf = fromSchema
      ? depth >= MAX_DEPTH && (type === "object" || type === "array")
        ? { type: "null" as const }
        : schemaLeaf(s as ReturnType<typeof flatten>, type ?? "unknown")
      : valueLeaf(s, depth);
    if (leaf) {
      put(leaf);
      continue;
    }
    const isArray = fromSchema ? type === "array" : Array.isArray(s);
    if (isArray) {
      const items = fromSchema ? own(s as ReturnType<typeof flatten>, "items") : ((s as unknown[])[0] ?? null);
      // The items need a value at least (a `null` shape) in each of the array's two copies.
      if (left < times * 2) {
        put({ type: "null" });
        continue;
      }
      left -= times * 2;
      const shape: { type: "array"; items: MockShape } = { type: "array", items: { type: "null" } };
      put(shape);
      queue.push({ source: items, depth: depth + 1, times: times * 2, put: (x) => (shape.items = x) });
      continue;
    }
    const properties: Record<string, MockShape> = {};
    put({ type: "object", properties });
    const entries = fromSchema
      ? Object.entries(obj(own(s as ReturnType<typeof flatten>, "properties")))
      : isObj(s)
        ? Object.entries(s)
        : [];
    for (const [k, v] of entries.slice(0, MAX_PROPS)) {
      if (left < times) break;
      left -= times;
      setOwn(properties, k, { type: "null" });
      queue.push({ source: v, depth: depth + 1, times, put: (x) => setOwn(properties, k, x) });
    }
  }
  return result;
}

/** The record shape of a records source (a schema, or the first sample record with every key seen). */
export function shapeOf(items: Source): MockShape {
  if (items.kind === "schema") return bounded(items.schema, true);
  const merged: Record<string, unknown> = {};
  for (const f of fieldsOf(items, 1)) merged[f.path[0] ?? ""] = f.sample ?? null;
  return bounded(merged, false);
}

/** The first 20 of `values` that are records small enough for the mock to copy (`MAX_EXAMPLE_CHARS`), as plain JSON. */
export function exampleRecordsOf(values: readonly unknown[]): Record<string, never>[] {
  const out: Record<string, never>[] = [];
  for (const v of values) {
    if (out.length >= 20) break;
    if (!isObj(v)) continue;
    const r = plain(v) as Record<string, never>;
    if (JSON.stringify(r).length <= MAX_EXAMPLE_CHARS) out.push(r);
  }
  return out;
}

/** Drops `undefined` members (the plan's zod schema is strict about shapes it receives as JSON). */
export function clean<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
