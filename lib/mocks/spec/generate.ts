/**
 * Deterministic records from a spec's shapes and examples: the same endpoint, parent and index give
 * the same record on every run and machine (seeded PRNG, no clock). Key fields are unique and
 * sequential, timestamps rise with the index (so `since` filters and incremental cursors behave),
 * foreign keys named like a path parameter carry that parameter's value.
 */
import type { JsonValue, Rec } from "../data";
import { guid, hex, prng, type Rng } from "../prng";
import { MAX_SHAPE_DEPTH } from "../../shared";
import type { MockEndpoint, MockShape } from "./plan";

const T0 = Date.UTC(2025, 0, 1);
const HOUR = 3_600_000;
const WORDS = ["alpha", "bravo", "cedar", "delta", "ember", "fjord", "granite", "harbor", "indigo", "juniper"];
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** A stable 32-bit hash of a string (FNV-1a). */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

interface Context {
  readonly r: Rng;
  /** 0-based position in the collection. */
  readonly index: number;
  /** First id of this collection (children of different parents get different id ranges). */
  readonly idBase: number;
  /** Path parameter values by name (`user_id` → "3"). */
  readonly params: Readonly<Record<string, string>>;
}

const isKey = (name: string) => /^(id|uuid|key|_id)$/i.test(name);

function stringFor(name: string, shape: Extract<MockShape, { type: "string" }>, c: Context): string {
  if (shape.enum && shape.enum.length > 0) return shape.enum[c.index % shape.enum.length] ?? "";
  const fromParam = c.params[name];
  if (fromParam !== undefined) return fromParam;
  switch (shape.format) {
    case "date-time":
      return iso(T0 + (c.idBase + c.index) * HOUR);
    case "date":
      return iso(T0 + (c.idBase + c.index) * 24 * HOUR).slice(0, 10);
    case "email":
      return `user${c.idBase + c.index + 1}@example.com`;
    case "uri":
    case "url":
      return `https://example.com/${name}/${c.idBase + c.index + 1}`;
    case "uuid":
      return guid(prng(hash(`${c.idBase}:${c.index}:${name}`)));
  }
  if (isKey(name)) return `${name}_${c.idBase + c.index + 1}`;
  if (/name|title/i.test(name)) return `${WORDS[c.index % WORDS.length]} ${c.idBase + c.index + 1}`;
  if (shape.example !== undefined) return shape.example;
  return `${name}-${hex(c.r, 6)}`;
}

function numberFor(name: string, shape: Extract<MockShape, { type: "integer" | "number" }>, c: Context): number {
  const fromParam = c.params[name];
  if (fromParam !== undefined && /^-?\d+(\.\d+)?$/.test(fromParam)) return Number(fromParam);
  if (isKey(name)) return c.idBase + c.index + 1;
  const min = shape.minimum ?? 0;
  const max = shape.maximum ?? Math.max(min + 1000, min);
  if (/_id$|Id$/.test(name)) return Math.min(max, min + 1 + (c.index % 5));
  const v = min + c.r() * (max - min);
  return shape.type === "integer" ? Math.floor(v) : Math.round(v * 100) / 100;
}

/** One value of `shape` (depth-bounded: the plan is already bounded, this is a second guard; `recordValues` counts what it builds). */
export function valueFor(name: string, shape: MockShape, c: Context, depth = 0): JsonValue {
  if (depth > MAX_SHAPE_DEPTH) return null;
  switch (shape.type) {
    case "object": {
      const out: Rec = {};
      for (const [k, s] of Object.entries(shape.properties)) out[k] = valueFor(k, s, c, depth + 1);
      return out;
    }
    case "array": {
      const n = 1 + ((c.index + depth) % 2);
      return Array.from({ length: n }, (_, i) => valueFor(name, shape.items, { ...c, index: c.index * 3 + i }, depth + 1));
    }
    case "string":
      return stringFor(name, shape, c);
    case "integer":
    case "number":
      return numberFor(name, shape, c);
    case "boolean":
      return c.index % 2 === 0;
    case "null":
      return null;
  }
}

/** An example record as a template: key, foreign-key and timestamp fields are made unique and rising. */
function fromExample(example: Rec, shape: MockShape, c: Context): Rec {
  const out: Rec = { ...example };
  const props = shape.type === "object" ? shape.properties : {};
  for (const [k, v] of Object.entries(example)) {
    const s = props[k];
    const keyLike = isKey(k) || c.params[k] !== undefined;
    const timeLike = typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v);
    if (keyLike || timeLike)
      out[k] = valueFor(
        k,
        s ?? (typeof v === "number" ? { type: "integer" } : { type: "string", format: timeLike ? "date-time" : undefined }),
        c,
      );
  }
  return out;
}

/** The records of an endpoint for one set of path parameter values. */
export function generateRecords(endpoint: MockEndpoint, params: Readonly<Record<string, string>>): Rec[] {
  const key = Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const idBase = key === "" ? 0 : (hash(`${endpoint.path}?${key}`) % 9000) * 100 + 1000;
  const r = prng(hash(`${endpoint.path}|${key}`));
  // A collection under `/users/{id}/posts` has its own ids: only an entity takes its key from the path.
  const own = endpoint.kind === "entity" ? params : Object.fromEntries(Object.entries(params).filter(([k]) => !isKey(k)));
  return Array.from({ length: endpoint.count }, (_, index) => {
    const c: Context = { r, index, idBase, params: own };
    const example = endpoint.examples.length > 0 ? endpoint.examples[index % endpoint.examples.length] : undefined;
    const value = example ? fromExample(example as Rec, endpoint.record, c) : valueFor("", endpoint.record, c);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : { value };
  });
}
