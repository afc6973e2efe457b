/**
 * Parent records for dependent resources (dlt-rest-api.md §6.5). A parent runs before its children;
 * only what each child needs is kept per parent record (the referenced fields and the
 * `include_from_parent` keys), not the records themselves.
 */
import { EngineError, type DataRecord, type Json } from "./types";
import { compilePath, firstMatch, type CompiledPath } from "./jsonpath";
import { pyRepr } from "./interpolate";
import type { PreparedResource } from "./prepare";
import { getOwn, setOwn } from "../shared";

export interface ParentRow {
  /** Referenced fields (`resources.<parent>.<field>` → field) and their values; `undefined`: absent. */
  readonly values: Readonly<Record<string, Json | undefined>>;
  readonly include: Readonly<Record<string, Json | undefined>>;
  /** The parent record's keys, kept only when something is missing (for the error message). */
  readonly keys: readonly string[] | null;
}

interface Taker {
  readonly parent: string;
  readonly names: readonly string[];
  /** Compiled when the parent's first records arrive (a parent that fails never pays for it). */
  fields: readonly (readonly [string, CompiledPath])[] | null;
  readonly include: readonly string[];
  readonly rows: ParentRow[];
}

export class ParentStore {
  private readonly takers = new Map<string, Taker>();

  constructor(children: readonly PreparedResource[]) {
    for (const c of children) {
      if (!c.parent) continue;
      this.takers.set(c.name, {
        parent: c.parent.name,
        names: c.parent.fields,
        fields: null,
        include: c.include_from_parent,
        rows: [],
      });
    }
  }

  /** Whether any planned child reads this resource's records. */
  feeds(parent: string): boolean {
    for (const t of this.takers.values()) if (t.parent === parent) return true;
    return false;
  }

  /** Keeps what the children of `parent` need from one page of its (emitted) records. */
  collect(parent: string, records: readonly DataRecord[]): void {
    for (const t of this.takers.values()) {
      if (t.parent !== parent) continue;
      for (const rec of records) {
        const values: Record<string, Json | undefined> = {};
        const include: Record<string, Json | undefined> = {};
        let missing = false;
        t.fields ??= t.names.map((f) => [f, compilePath(f)] as const);
        for (const [field, path] of t.fields) {
          const value = firstMatch(path, rec);
          setOwn(values, field, value);
          missing ||= value === undefined;
        }
        for (const key of t.include) {
          const value = getOwn(rec, key);
          setOwn(include, key, value);
          missing ||= value === undefined;
        }
        t.rows.push({ values, include, keys: missing ? Object.keys(rec) : null });
      }
    }
  }

  rows(child: string): readonly ParentRow[] {
    return this.takers.get(child)?.rows ?? [];
  }

  /** Frees a child's rows once it ran. */
  release(child: string): void {
    const t = this.takers.get(child);
    if (t) t.rows.length = 0;
  }
}

/** The value of `{resources.<parent>.<field>}` for one parent record, or dlt's error. */
export function parentValue(row: ParentRow, parent: string, field: string, child: string): Json {
  const v = getOwn(row.values, field);
  if (v === undefined) {
    throw new EngineError(
      "placeholder_error",
      `Resource expects a field \`${field}\` to be present in the incoming data from resource \`${parent}\` in order to bind it to \`{resources.${parent}.${field}}\`. Available parent fields are: ${pyRepr([...(row.keys ?? [])])}`,
      { resource: child },
    );
  }
  return v;
}

/** `include_from_parent` columns (`_<parent>_<field>`) for one parent record, or dlt's error. */
export function includedColumns(row: ParentRow, parent: string, keys: readonly string[], child: string): DataRecord {
  const out: DataRecord = {};
  for (const k of keys) {
    const v = getOwn(row.include, k);
    if (v === undefined) {
      throw new EngineError(
        "placeholder_error",
        `Resource expects a field \`${k}\` to be present in the incoming data from resource \`${parent}\` in order to include it in child records under \`_${parent}_${k}\`. Available parent fields are: ${pyRepr([...(row.keys ?? [])])}`,
        { resource: child },
      );
    }
    out[`_${parent}_${k}`] = v;
  }
  return out;
}
