/**
 * Parent records for dependent resources (dlt-rest-api.md §6.5). Each parent page goes to its children
 * as it arrives (./round-robin.ts); only what each child needs is kept per parent record (the
 * referenced fields and the `include_from_parent` keys), not the records themselves.
 */
import { EngineError, type DataRecord, type Json, type NumberText } from "./types";
import { compilePath, firstMatch, firstMatchAsSent, type CompiledPath } from "./jsonpath";
import { carryNumberText, type NumberTexts } from "./number-text";
import { pyRepr } from "./interpolate";
import type { PreparedResource } from "./prepare";
import { getOwn, setOwn, spellable } from "../shared";
import { wrappedValues } from "./sequence";
import { aloneRecords } from "./steps-pipe";

export interface ParentRow {
  /** Referenced fields (`resources.<parent>.<field>` → field) and their values; `undefined`: absent. */
  readonly values: Readonly<Record<string, Json | undefined>>;
  /** `values` as a request carries them (numbers `JSON.parse` changed as Python's: `sentNumber`); `null`: the same. */
  readonly sent: Readonly<Record<string, Json | undefined>> | null;
  readonly include: Readonly<Record<string, Json | undefined>>;
  /** The spellings of `include`'s values (a float `3.0`, a step's `date`); absent: none. */
  readonly includeTexts?: NumberText;
  /** The parent record's keys, kept only when something is missing (for the error message). */
  readonly keys: readonly string[] | null;
  /** Python's type name of a parent record that was a bare value (`7`): dlt's child fails on it. */
  readonly bare?: string;
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

  /** The child's rows for one page of the parent's (emitted) records; `texts`: the run's number spellings. */
  of(records: readonly DataRecord[], texts: NumberTexts): ParentRow[] {
    const rows: ParentRow[] = [];
    this.fields ??= this.names.map((f) => [f, compilePath(f)] as const);
    for (const rec of records) {
      // A dict a parent's steps gave alone (after a `yield_map`): dlt's child iterates its keys, and fails on the first.
      if (aloneRecords.has(rec) && !wrappedValues.has(rec)) {
        if (Object.keys(rec).length > 0) rows.push({ values: {}, sent: null, include: {}, keys: null, bare: "str" });
        continue;
      }
      if (wrappedValues.has(rec)) {
        rows.push({ values: {}, sent: null, include: {}, keys: null, bare: pythonType(wrappedValues.get(rec) as Json) });
        continue;
      }
      const values: Record<string, Json | undefined> = {};
      let sent: Record<string, Json | undefined> | null = null;
      const include: Record<string, Json | undefined> = {};
      let missing = false;
      const spelled = texts.recorded ? texts.get(rec) : undefined;
      let includeTexts: NumberText | undefined;
      for (const [field, path] of this.fields) {
        const value = firstMatch(path, rec);
        setOwn(values, field, value);
        missing ||= value === undefined;
        // Only a run whose bodies had spellings (almost none) pays for the second look.
        const asSent = texts.recorded && spellable(value) ? firstMatchAsSent(path, rec, texts) : value;
        if (asSent !== value) setOwn((sent ??= { ...values }), field, asSent);
        else if (sent) setOwn(sent, field, value);
      }
      for (const key of this.include) {
        const value = getOwn(rec, key);
        setOwn(include, key, value);
        missing ||= value === undefined;
        const t = spelled ? getOwn(spelled, key) : undefined;
        if (t !== undefined) setOwn((includeTexts ??= {}), key, t);
      }
      rows.push({ values, sent, include, keys: missing ? Object.keys(rec) : null, ...(includeTexts ? { includeTexts } : {}) });
    }
    return rows;
  }
}

/** The value of `{resources.<parent>.<field>}` for one parent record, or dlt's error. */
/** Python's name of a JSON value's type. */
const pythonType = (v: Json): string =>
  v === null
    ? "NoneType"
    : Array.isArray(v)
      ? "list"
      : typeof v === "string"
        ? "str"
        : typeof v === "boolean"
          ? "bool"
          : Number.isInteger(v)
            ? "int"
            : "float";

/**
 * A parent record that is a bare value: dlt's child finds no field in it and fails building its error
 * message (`list(item.keys())`).
 */
function bareParent(row: ParentRow, parent: string, child: string): void {
  if (row.bare !== undefined)
    throw new EngineError(
      "placeholder_error",
      `A record of \`${parent}\` is not a dict but a bare ${row.bare} value: dlt's child resource cannot read a field from it and fails ` +
        `(\`AttributeError: '${row.bare}' object has no attribute 'keys'\`). Select dicts for the parent (its \`data_selector\`).`,
      { resource: child },
    );
}

/** `asSent`: as a request carries it (`ParentRow.sent`). */
export function parentValue(row: ParentRow, parent: string, field: string, child: string, asSent = false): Json {
  bareParent(row, parent, child);
  const v = getOwn(asSent ? (row.sent ?? row.values) : row.values, field);
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
  bareParent(row, parent, child);
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

/** A child's `record` with the `include_from_parent` columns (`include`), its spellings and those of the included values. */
export function withIncluded(sink: NumberTexts, record: DataRecord, include: DataRecord, row: ParentRow, parent: string): DataRecord {
  const out = carryNumberText(sink, record, { ...record, ...include });
  if (row.includeTexts) {
    const t: NumberText = { ...(sink.get(out) ?? {}) };
    for (const k in row.includeTexts) setOwn(t, `_${parent}_${k}`, row.includeTexts[k]!);
    sink.set(out, t);
  }
  return out;
}

/** Why a child ends when its parent failed: it ran for none, or for only the parent records before the failure. */
export const parentFailed = (parent: string, child: string, ranFor: number): string =>
  ranFor === 0
    ? `The parent resource \`${parent}\` failed, so \`${child}\` has no records to run for.`
    : `The parent resource \`${parent}\` failed, so \`${child}\` ran for only the ${ranFor} parent record${ranFor === 1 ? "" : "s"} ` +
      "that came before the failure.";
