/**
 * Parent records for dependent resources (dlt-rest-api.md §6.5). Each parent page goes to its children
 * as it arrives (./round-robin.ts); only what each child needs is kept per parent record (the
 * referenced fields and the `include_from_parent` keys), not the records themselves.
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

/** What one child takes from each of its parent's pages (the round robin hands it page by page). */
export class ParentRows {
  /** Compiled when the parent's first records arrive (a parent that fails never pays for it). */
  private fields: readonly (readonly [string, CompiledPath])[] | null = null;
  private readonly names: readonly string[];
  private readonly include: readonly string[];

  constructor(child: PreparedResource) {
    this.names = child.parent?.fields ?? [];
    this.include = child.include_from_parent;
  }

  /** The child's rows for one page of the parent's (emitted) records. */
  of(records: readonly DataRecord[]): ParentRow[] {
    const rows: ParentRow[] = [];
    this.fields ??= this.names.map((f) => [f, compilePath(f)] as const);
    for (const rec of records) {
      const values: Record<string, Json | undefined> = {};
      const include: Record<string, Json | undefined> = {};
      let missing = false;
      for (const [field, path] of this.fields) {
        const value = firstMatch(path, rec);
        setOwn(values, field, value);
        missing ||= value === undefined;
      }
      for (const key of this.include) {
        const value = getOwn(rec, key);
        setOwn(include, key, value);
        missing ||= value === undefined;
      }
      rows.push({ values, include, keys: missing ? Object.keys(rec) : null });
    }
    return rows;
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
